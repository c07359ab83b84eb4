import { loadMessages } from '$lib/i18n/index.svelte';

/** The commissions pages' words, before they render. */
export const load = () => loadMessages('commissions');
