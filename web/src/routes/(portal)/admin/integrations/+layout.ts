import { loadMessages } from '$lib/i18n/index.svelte';

/** API keys and webhooks have their own words. */
export const load = () => loadMessages('integrations');
