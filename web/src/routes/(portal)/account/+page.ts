import { loadMessages } from '$lib/i18n/index.svelte';

/** The member's own account: the profile forms' words, and the services link's. */
export const load = () => loadMessages('members', 'services');
