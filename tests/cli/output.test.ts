import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Lets a test play "another process made this directory first" between the check and the mkdir.
const race = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    mkdirSync: ((path: string, options?: unknown) => {
      if (race.on && !fs.existsSync(path)) fs.mkdirSync(path);
      return fs.mkdirSync(path, options as never);
    }) as typeof fs.mkdirSync,
  };
});
import { createOutputDirectory } from '../../src/cli/output.ts';
import { UsageError } from '../../src/core/errors.ts';

describe('createOutputDirectory', () => {
  it('creates the directory and its missing parents, and accepts one that exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'tw-out-'));
    createOutputDirectory(join(root, 'a', 'b', 'c'));
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
    createOutputDirectory(join(root, 'a', 'b', 'c'));
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['c']);
  });
  it('accepts parents another process creates at the same moment (two shards under one folder)', () => {
    const root = mkdtempSync(join(tmpdir(), 'tw-out-'));
    race.on = true;
    try {
      createOutputDirectory(join(root, 'shards', 's1'));
    } finally {
      race.on = false;
    }
    expect(statSync(join(root, 'shards', 's1')).isDirectory()).toBe(true);
  });
  it('fails with a usage error naming the path, never hangs (Node’s recursive mkdir spins under /proc)', () => {
    const root = mkdtempSync(join(tmpdir(), 'tw-out-'));
    writeFileSync(join(root, 'file'), '');
    expect(() => createOutputDirectory(join(root, 'file', 'out'))).toThrow(UsageError);
    expect(() => createOutputDirectory(join(root, 'file', 'out'))).toThrow(
      /cannot create the directory \(ENOTDIR\)/,
    );
    if (existsSync('/proc/self'))
      expect(() => createOutputDirectory('/proc/nope/x')).toThrow(
        '--out /proc/nope/x: cannot create the directory (ENOENT)',
      );
  });
});
