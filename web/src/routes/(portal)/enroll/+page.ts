import { loadMessages } from '$lib/i18n/index.svelte';

/** The enrollment form's words. */
export const load = () => loadMessages('members');
