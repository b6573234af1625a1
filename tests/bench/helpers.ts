/** Helpers for the bench's tests: the built CLI in a child process, and row comparison timing aside. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rowWithoutTiming, sortRows, type BenchRow } from '../../src/bench/rows.ts';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'bin/trapworld.js');
export const testAgents = join(repo, 'tests/fixtures/bench-agents.mjs');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `trapworld ARGS` in `cwd` (the repository by default); `env` adds variables. */
export function trapworld(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Result {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repo,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function spawnTrapworld(args: string[], options: { cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tw-bench-'));
}

export function readRows(dir: string): BenchRow[] {
  const path = join(dir, 'results.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as BenchRow);
}

/** The rows in canonical order without their timing fields: equal arrays mean equal results. */
export function canonical(rows: BenchRow[]): string[] {
  return sortRows(rows).map(rowWithoutTiming);
}

export function lineCount(path: string): number {
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8').split('\n').length - 1;
}

/** summary.md, summary.csv and report.html with their timing values (decision time) blanked. */
export function summariesWithoutTiming(dir: string): { md: string; csv: string; html: string } {
  const md = readFileSync(join(dir, 'summary.md'), 'utf8')
    .split('\n')
    .map((l) => (l.startsWith('| ') && !l.startsWith('| agent') ? l.replace(/\| [^|]* \|$/, '| T |') : l))
    .join('\n');
  const csv = readFileSync(join(dir, 'summary.csv'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/,[^,]*$/, ',T'))
    .join('\n');
  const html = readFileSync(join(dir, 'report.html'), 'utf8').replace(
    /<td class="timing">[^<]*<\/td>/g,
    '<td>T</td>',
  );
  return { md, csv, html };
}

export function noStack(text: string): boolean {
  return !/\n\s+at .*\(.*:\d+:\d+\)/.test(text);
}
