import { loadMessages } from '$lib/i18n/index.svelte';

/** The catalog editor is a shop page. */
export const load = () => loadMessages('shop');
