import { loadMessages } from '$lib/i18n/index.svelte';

/** The case desk, a case and the import share the cases words. */
export const load = () => loadMessages('cases');
