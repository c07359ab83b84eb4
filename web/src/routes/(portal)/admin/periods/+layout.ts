import { loadMessages } from '$lib/i18n/index.svelte';

/** Period administration is a commissions page. */
export const load = () => loadMessages('commissions');
