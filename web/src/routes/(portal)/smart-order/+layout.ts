import { loadMessages } from '$lib/i18n/index.svelte';

/** Smart orders are shop pages. */
export const load = () => loadMessages('shop');
