import { loadMessages } from '$lib/i18n/index.svelte';

/** The dashboard's cards show commissions, orders and news too. */
export const load = () => loadMessages('dashboard', 'commissions', 'shop', 'news');
