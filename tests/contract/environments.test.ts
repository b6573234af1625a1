/** Every registered environment gets this suite without being listed by hand. */
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import { hashTrajectory } from '../../src/core/hash.ts';
import { runAgent } from '../../src/core/run.ts';
import { truthKeys, type Truth } from '../../src/core/truth.ts';
import { compileWorld } from '../../src/core/world.ts';
import type { EnvSpec } from '../../src/core/spec.ts';

/**
 * Every truth when there are few; otherwise each variant of each unknown (each hypothesis of each
 * theory) against a fixed background.
 */
function truthsToCover(env: EnvSpec): Truth[] {
  const keys = truthKeys(env);
  const variants = (key: string): string[] => {
    const theory = env.theories.find((t) => t.id === key);
    if (theory) return theory.hypotheses.map((h) => h.name);
    return env.unknowns.find((u) => u.id === key.split('@')[0])!.prior.map((v) => v.tile);
  };
  const total = keys.reduce((n, k) => n * variants(k).length, 1);
  if (total <= 256) {
    let truths: Truth[] = [{}];
    for (const key of keys)
      truths = truths.flatMap((t) => variants(key).map((tile) => ({ ...t, [key]: tile })));
    return truths;
  }
  const base: Truth = Object.fromEntries(keys.map((k) => [k, variants(k)[0]]));
  return keys.flatMap((k) => variants(k).map((tile) => ({ ...base, [k]: tile })));
}

describe.each(environments.all().map((e) => [e.name, e] as const))('environment %s', (_name, env) => {
  it('has a title and a description', () => {
    expect(env.title.length).toBeGreaterThan(0);
    expect(env.description.length).toBeGreaterThan(20);
  });
  it('has exactly one start and can be run', () => {
    expect(env.start).not.toBeNull();
  });
  it('compiles for every truth', () => {
    for (const truth of truthsToCover(env)) {
      const world = compileWorld(env, truth);
      expect(world.cellCount).toBe(env.width * env.height);
    }
  });
  it('runs random episodes deterministically for several seeds', () => {
    const random = agents.get('random')!;
    for (const seed of [0, 1, 2]) {
      const a = runAgent(env, random, {}, { seed, episodes: 2, trace: true });
      const b = runAgent(env, random, {}, { seed, episodes: 2, trace: true });
      expect(a.traces.map(hashTrajectory)).toEqual(b.traces.map(hashTrajectory));
      for (const e of a.episodes) {
        expect(['goal', 'death', 'stuck', 'truncated']).toContain(e.outcome);
        expect(e.steps).toBeLessThanOrEqual(env.maxSteps);
        expect(Object.keys(e.truth).sort()).toEqual(truthKeys(env).sort());
      }
    }
  });
});
