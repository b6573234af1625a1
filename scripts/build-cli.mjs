// Builds the command line, the bench's worker thread and the library to plain JavaScript in dist/:
// Node 20 worker threads cannot load .ts files, and `npx trapworld` and `import … from 'trapworld'`
// should work without a TypeScript loader. The library's types (dist/types/, entry
// dist/types/src/index.d.ts) are emitted by tsc (tsconfig.lib.json) when a source is newer than them;
// `--no-types` skips them.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/bin.ts', worker: 'src/worker/node-worker.ts', index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

if (!process.argv.includes('--no-types')) buildTypes();

/** Every file under `dirs` ending in .ts or .json, newest modification time. */
function newestSource(dirs) {
  let newest = statSync('tsconfig.lib.json').mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) walk(dir);
  return newest;
}

function buildTypes() {
  const entry = 'dist/types/src/index.d.ts';
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestSource(['src', 'agents', 'environments'])) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.lib.json'], { stdio: 'inherit' });
  // The sources import each other as `./x.ts`; declarations are found as `./x.js` → `./x.d.ts`.
  const rewrite = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) rewrite(path);
      else if (e.name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8');
        const fixed = text.replace(/((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1.js$2');
        if (fixed !== text) writeFileSync(path, fixed);
      }
    }
  };
  rewrite('dist/types');
  // Marks the types as up to date even when tsc had nothing to re-emit.
  const now = new Date();
  utimesSync(entry, now, now);
}
