import { loadMessages } from '$lib/i18n/index.svelte';

/** The cart and checkout are shop pages. */
export const load = () => loadMessages('shop');
