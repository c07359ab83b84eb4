import { loadMessages } from '$lib/i18n/index.svelte';

/** A member's page shows profile details, ranks, login history and, to staff, the support tools. */
export const load = () => loadMessages('members', 'commissions', 'staff', 'services');
