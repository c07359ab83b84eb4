import { loadMessages } from '$lib/i18n/index.svelte';

/** Help: a member's requests to support and their threads. */
export const load = () => loadMessages('cases');
