import { loadMessages } from '$lib/i18n/index.svelte';

/** Plan administration is a commissions page. */
export const load = () => loadMessages('commissions');
