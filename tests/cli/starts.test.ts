/**
 * Start cells at the command line: `validate` refuses a world with two starts, naming both cells (x, y
 * and line:column), exit 2; a world with no start validates (it can be solved) but `run` refuses it with
 * one plain line, exit 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trapworld } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'tw-starts-'));
const twoStarts = join(dir, 'two-starts.json');
writeFileSync(
  twoStarts,
  '{\n  "name": "two-starts",\n  "map": [\n    "#####",\n    "#A.A#",\n    "#.G.#"\n  ]\n}\n',
);
const noStart = join(dir, 'no-start.json');
writeFileSync(noStart, '{ "name": "no-start", "map": ["..G"] }\n');
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .*:\d+:\d+/);

describe('start cells', () => {
  it('validate refuses two starts, naming both cells by x, y and line:column, exit 2', () => {
    const r = trapworld(['validate', twoStarts]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${twoStarts}:5:9: map row 1, column 3: 2 start cells, x=1, y=1 (5:7) and x=3, y=1 (5:9): the map needs exactly one start (glyph "A")`,
    );
    noStack(r.stderr);
  });

  it('validate --json lists the issue with its position', () => {
    const r = trapworld(['validate', twoStarts, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/2 start cells/);
  });

  it('run refuses two starts too (exit 2, one line)', () => {
    const r = trapworld(['run', twoStarts, '--actions', 'E']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/2 start cells/);
  });

  it('a world with no start validates (it can be solved) but run refuses it: exit 2, one plain line', () => {
    expect(trapworld(['validate', noStart]).code).toBe(0);
    for (const args of [
      ['run', noStart, '--actions', 'E'],
      ['run', noStart, '--agent', 'random'],
    ]) {
      const r = trapworld(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `trapworld: ${noStart}: map: no start: the map needs exactly one start cell (glyph "A") to run an episode\n`,
      );
    }
  });
});
