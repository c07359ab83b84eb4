import { loadMessages } from '$lib/i18n/index.svelte';

/** Admin → News has the news words. */
export const load = () => loadMessages('news');
