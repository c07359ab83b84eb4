import { loadMessages } from '$lib/i18n/index.svelte';

/** The dashboard's cards show commissions and orders too. */
export const load = () => loadMessages('dashboard', 'commissions', 'shop');
