import { loadMessages } from '$lib/i18n/index.svelte';

/** The shop's words, before its pages render. */
export const load = () => loadMessages('shop');
