import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
