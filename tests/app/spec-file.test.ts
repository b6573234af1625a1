/** Built-in worlds written back as files (for the editor) load into the very same spec. */
import { describe, expect, it } from 'vitest';
import { environments } from '../../environments/index.ts';
import { loadEnvironmentText } from '../../src/core/load.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { fileText, specToFile } from '../../src/worker/session/spec-file.ts';

/** Everything of a spec but where it came from. */
function comparable(spec: EnvSpec): unknown {
  const { source: _source, tiles, ...rest } = spec;
  return { ...rest, tiles: [...tiles.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

describe('spec → file (the editor opens built-in worlds)', () => {
  for (const env of environments.all())
    it(`${env.name} round-trips through a format-1.1 file`, () => {
      const file = specToFile(env);
      expect(file.format).toBe('1.1');
      const again = loadEnvironmentText(fileText(file), `${env.name}.json`);
      expect(comparable(again)).toEqual(comparable(env));
    });

  it('leaves defaults and unshadowed built-in tiles out', () => {
    const file = specToFile(environments.get('snake-corridor')!);
    expect(Object.keys(file.tiles ?? {}).sort()).toEqual(['dead-snake', 'live-snake']);
    expect(file.tiles!['dead-snake']).toEqual({ look: 'snake', poke: { signal: 'thud' } });
    expect(file.legend).toEqual({ s: { unknown: 'snake' } });
    expect(file.actions).toBeUndefined();
    expect(file.map).toEqual(['#########', '#A..s..G#', '#########']);
  });
});
