import { loadMessages } from '$lib/i18n/index.svelte';

/** The News page, an item, and a partner's notes share the news words. */
export const load = () => loadMessages('news');
