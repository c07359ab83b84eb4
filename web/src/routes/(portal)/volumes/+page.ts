import { loadMessages } from '$lib/i18n/index.svelte';

/** Volumes are a commissions page. */
export const load = () => loadMessages('commissions');
