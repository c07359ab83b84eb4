import { loadMessages } from '$lib/i18n/index.svelte';

/** The team's smart orders speak the shop's words. */
export const load = () => loadMessages('shop');
