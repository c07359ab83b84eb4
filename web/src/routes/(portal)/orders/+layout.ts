import { loadMessages } from '$lib/i18n/index.svelte';

/** Orders and invoices are shop pages. */
export const load = () => loadMessages('shop');
