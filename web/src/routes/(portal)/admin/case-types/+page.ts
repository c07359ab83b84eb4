import { loadMessages } from '$lib/i18n/index.svelte';

/** Admin → Case types uses the cases words. */
export const load = () => loadMessages('cases');
