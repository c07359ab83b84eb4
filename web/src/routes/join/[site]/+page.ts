import { loadMessages } from '$lib/i18n/index.svelte';

/** The public join page uses the enrollment form, and links to the contact form. */
export const load = () => loadMessages('members', 'cases');
