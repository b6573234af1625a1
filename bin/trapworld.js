#!/usr/bin/env node
// Entry point of `npx trapworld`: runs the built CLI, building it first if this checkout has no dist/ yet.
// A plain `node` shebang: `env -S node --single-threaded-gc` would pass the bench's preferred V8 flag on,
// but BusyBox's env (Alpine images) has no -S. The npm scripts and docs add the flag instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(built)) {
  const { execFileSync } = await import('node:child_process');
  const script = fileURLToPath(new URL('../scripts/build-cli.mjs', import.meta.url));
  execFileSync(process.execPath, [script], {
    stdio: 'inherit',
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  });
}
await import(built);
