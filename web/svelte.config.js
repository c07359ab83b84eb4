import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** A single-page app on S3 + CloudFront: every unknown path renders 200.html. */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ fallback: '200.html', strict: false }),
    alias: { '@arbor/shared': '../shared/src' },
  },
};
