import { loadMessages } from '$lib/i18n/index.svelte';

/** The contact form of a partner's site. */
export const load = () => loadMessages('members', 'cases');
