/** Format 1.1 through the command line: theories named in `--truth`, changes in a run, bad files refused. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMALL_LAKE } from '../helpers.ts';
import { trapworld, trapworldJson } from './run-cli.ts';

const lake = { ...SMALL_LAKE, name: 'small-lake' };

function file(name: string, value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'tw-11-'));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

type RunJson = { episodes: { outcome: string; return: number; truth: Record<string, string> }[] };

describe('format 1.1 on the command line', () => {
  it('run --truth lake=thin fixes the theory, and results report it so', () => {
    const path = file('lake.json', lake);
    const thin = trapworldJson<RunJson>(['run', path, '--actions', 'E,E', '--truth', 'lake=thin']);
    expect(thin.episodes[0]).toMatchObject({ outcome: 'death', truth: { lake: 'thin' } });
    const thick = trapworldJson<RunJson>(['run', path, '--actions', 'E,E,E,E,S', '--truth', 'lake=thick']);
    expect(thick.episodes[0]).toMatchObject({ outcome: 'goal', return: 5, truth: { lake: 'thick' } });
  });
  it('the oracle crosses a thick lake and goes round a thin one', () => {
    const path = file('lake.json', lake);
    const thick = trapworldJson<RunJson>(['run', path, '--agent', 'oracle', '--truth', 'lake=thick']);
    expect(thick.episodes[0].outcome).toBe('goal');
    const thin = trapworldJson<RunJson>(['run', path, '--agent', 'oracle', '--truth', 'lake=thin']);
    expect(thin.episodes[0].outcome).toBe('goal');
  });
  it('a truth naming no hypothesis is a usage error (exit 2)', () => {
    const r = trapworld(['run', file('lake.json', lake), '--actions', 'E', '--truth', 'lake=slush']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"slush" is not a hypothesis of theory "lake"/);
  });
  it('validate refuses a hypothesis missing a role with exit 2 and its JSON path', () => {
    const bad = structuredClone(lake) as {
      theories: { lake: { hypotheses: Record<string, { tiles: Record<string, string> }> } };
    };
    delete bad.theories.lake.hypotheses.thin.tiles.deep;
    const r = trapworld(['validate', file('bad.json', bad)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('theories.lake.hypotheses.thin.tiles');
  });
  it('bayes-optimal plans a theory world and reaches the goal whichever hypothesis holds', () => {
    const path = file('lake.json', lake);
    for (const h of ['thin', 'thick']) {
      const r = trapworldJson<RunJson>(['run', path, '--agent', 'bayes-optimal', '--truth', `lake=${h}`]);
      expect(r.episodes[0].outcome).toBe('goal');
    }
  });
});
