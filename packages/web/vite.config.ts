import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedDist = `${path.resolve(here, '../shared/dist')}${path.sep}`;

/**
 * @firebreak/shared builds zod schemas at module top level, which a bundler must assume has side
 * effects, so importing `createClient` alone would drag all of zod (~70 kB gzipped) into the UI.
 * Its modules are pure declarations: saying so lets unused schemas, and zod with them, fall away.
 */
const sharedIsPure: Plugin = {
  name: 'firebreak-shared-is-pure',
  transform(code, id) {
    return id.startsWith(sharedDist) ? { code, map: null, moduleSideEffects: false } : null;
  },
};

// The server serves packages/web/dist at / with an SPA fallback; `npm run dev` proxies the API to a
// locally running server (FIREBREAK_DEV_API, default http://127.0.0.1:8080).
export default defineConfig({
  root: here,
  plugins: [react(), sharedIsPure],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    // Mantine and React together are the bulk of the first load; keep them in their own cacheable chunk.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': process.env.FIREBREAK_DEV_API ?? 'http://127.0.0.1:8080',
    },
  },
});
