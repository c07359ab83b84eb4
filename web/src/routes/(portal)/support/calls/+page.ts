import { loadMessages } from '$lib/i18n/index.svelte';

/** The company's call log: the account page's words (channels, outcomes). */
export const load = () => loadMessages('support');
