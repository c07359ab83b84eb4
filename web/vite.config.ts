import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `npm run -w web dev` serves the app with hot reload and sends /api to `npm start`'s server.
export default defineConfig({
  plugins: [sveltekit()],
  server: {
    port: 5173,
    proxy: { '/api': process.env.ARBOR_API ?? 'http://127.0.0.1:3000' },
    fs: { allow: ['..'] },
  },
});
