// Builds the command line and the bench's worker thread to plain JavaScript in dist/: Node 20 worker
// threads cannot load .ts files, and `npx trapworld` should start without a TypeScript loader.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/bin.ts', worker: 'src/worker/node-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
