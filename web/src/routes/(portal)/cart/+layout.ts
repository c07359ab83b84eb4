import { loadMessages } from '$lib/i18n/index.svelte';

/** The cart and checkout are shop pages; checkout offers the buyer's reward points (services). */
export const load = () => loadMessages('shop', 'services');
