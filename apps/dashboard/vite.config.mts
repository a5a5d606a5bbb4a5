import { defineConfig } from 'vite';

/** Served by the API at /app (same origin: the session cookies and CSRF token just work). */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Hashed names under assets/: cached for a year by the API; index.html is revalidated every time.
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
  },
  // `npx vite apps/dashboard` during development, with the API on :3000.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
