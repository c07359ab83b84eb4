import { loadMessages } from '$lib/i18n/index.svelte';

/** The public join page uses the enrollment form. */
export const load = () => loadMessages('members');
