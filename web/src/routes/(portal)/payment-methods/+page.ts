import { loadMessages } from '$lib/i18n/index.svelte';

/** Saved cards are a shop page. */
export const load = () => loadMessages('shop');
