import { loadMessages } from '$lib/i18n/index.svelte';

// A client-rendered app served as static files: no server rendering, no prerendering.
export const ssr = false;
export const prerender = false;

/** Every page shows the shell's words (core, in the member's language) from its first paint. */
export const load = () => loadMessages('core');
