import { loadMessages } from '$lib/i18n/index.svelte';

/** Every organization page shows its words before it renders. */
export const load = () => loadMessages('organization');
