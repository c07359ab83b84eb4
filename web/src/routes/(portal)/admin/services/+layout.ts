import { loadMessages } from '$lib/i18n/index.svelte';

/** Admin → Services has the services words. */
export const load = () => loadMessages('services');
