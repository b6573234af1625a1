#!/usr/bin/env -S node --single-threaded-gc
// Entry point of `npx trapworld`: runs the built CLI, building it first if this checkout has no dist/ yet.
// --single-threaded-gc: the bench runs one worker thread per core, and V8's parallel GC helper threads
// then only steal those cores (2 workers ran 14% faster without them; docs/benchmarking.md). npm's
// shims on Windows and `env -S` on Linux and macOS both pass the flag on.
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
