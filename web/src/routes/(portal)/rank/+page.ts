import { loadMessages } from '$lib/i18n/index.svelte';

/** Rank progress is a commissions page. */
export const load = () => loadMessages('commissions');
