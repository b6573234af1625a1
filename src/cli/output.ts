/** Writing results: JSON documents on stdout, and files written atomically so nothing is left half-written. */
import { accessSync, constants, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../core/errors.ts';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes to a temporary sibling, then renames over the target: readers never see a partial file. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    throw new UsageError(
      `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

export function formatNumber(v: number, digits = 2): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

/**
 * Creates an output directory and its missing parents one level at a time: Node's recursive mkdir
 * spins forever on some paths (under /proc, for one) instead of failing.
 */
export function createOutputDirectory(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  try {
    for (const d of missing.reverse()) {
      try {
        mkdirSync(d);
      } catch (e) {
        // Another process (a second shard, say) made it first: fine, if it is a directory.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(d).isDirectory()) throw e;
      }
    }
  } catch (e) {
    throw new UsageError(
      `--out ${dir}: cannot create the directory (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
}

/** `--out DIR` as given, else `fallback`; an empty one is refused. */
export function outputDirectoryArgument(out: string | undefined, fallback: string): string {
  const dir = out ?? fallback;
  if (dir.trim() === '') throw new UsageError('--out: expected a directory');
  return dir;
}

/** Refuses an output directory that exists but is not a writable directory (a missing one is made later). */
export function checkOutputDirectory(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new UsageError(`--out ${dir}: not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--out ${dir}: not writable`);
  }
}
