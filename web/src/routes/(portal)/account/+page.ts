import { loadMessages } from '$lib/i18n/index.svelte';

/** The member's own account: the profile forms' words, the identity section's (toolbox), the services link's. */
export const load = () => loadMessages('members', 'toolbox', 'services');
