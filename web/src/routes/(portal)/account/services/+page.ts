import { loadMessages } from '$lib/i18n/index.svelte';

/** Account → Services: the member's services and its reward points. */
export const load = () => loadMessages('services');
