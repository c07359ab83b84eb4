import { loadMessages } from '$lib/i18n/index.svelte';

export const load = () => loadMessages('developers');
