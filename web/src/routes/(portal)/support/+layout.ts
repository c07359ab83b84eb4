import { loadMessages } from '$lib/i18n/index.svelte';

/** The support console's frame and its search have their own words. */
export const load = () => loadMessages('supportSearch');
