import { loadMessages } from '$lib/i18n/index.svelte';

/** Email broadcasts have their own words. */
export const load = () => loadMessages('comms');
