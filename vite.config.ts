// The web app (issue 5): index.html at the repository root, built to dist/app (the CLI build owns the
// rest of dist/). The simulator runs in a module web worker, hence `worker.format: 'es'`.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  publicDir: 'public',
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    sourcemap: true,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
