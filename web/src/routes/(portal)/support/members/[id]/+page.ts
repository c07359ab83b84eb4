import { loadMessages } from '$lib/i18n/index.svelte';

/**
 * A member's account page in the support console: its own words, the member pages' and the
 * staff tools' (the tabs reuse their pieces). A tab added to $lib/support/member-tabs.ts with a
 * dictionary of its own names that area here too.
 */
export const load = () => loadMessages('support', 'members', 'staff');
