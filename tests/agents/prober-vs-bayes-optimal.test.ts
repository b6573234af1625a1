/**
 * Where exact Bayes-adaptive planning is computable, the prober must collect at least 80% of what
 * bayes-optimal gains over the pessimist. Expected returns are exact sums over every truth, weighted
 * by its prior probability (several seeds per truth where the engine itself is random).
 */
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import { runAgent } from '../../src/core/run.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { truthKeys, type Truth } from '../../src/core/truth.ts';

function weightedTruths(env: EnvSpec): { truth: Truth; weight: number }[] {
  let out: { truth: Truth; weight: number }[] = [{ truth: {}, weight: 1 }];
  for (const key of truthKeys(env)) {
    const unknown = env.unknowns.find((u) => u.id === key.split('@')[0])!;
    out = out.flatMap(({ truth, weight }) =>
      unknown.prior
        .filter((v) => v.p > 0)
        .map((v) => ({ truth: { ...truth, [key]: v.tile }, weight: weight * v.p })),
    );
  }
  return out;
}

function expectedReturn(env: EnvSpec, agent: string, seeds: number): number {
  let total = 0;
  for (const { truth, weight } of weightedTruths(env)) {
    let sum = 0;
    for (let seed = 0; seed < seeds; seed++)
      sum += runAgent(env, agents.get(agent)!, {}, { seed, truth }).episodes[0].discountedReturn;
    total += (weight * sum) / seeds;
  }
  return total;
}

/** World → seeds per truth (1 where nothing in the engine is random). */
const WORLDS: [string, number][] = [
  ['thin-ice', 1],
  ['one-way-doors', 1],
  ['pit-field', 1],
  ['rotten-plank', 1],
  ['snake-corridor', 40],
];

describe.each(WORLDS)('%s: expected returns over every truth', (world, seeds) => {
  const env = environments.get(world)!;
  const pessimist = expectedReturn(env, 'pessimist', seeds);
  const prober = expectedReturn(env, 'prober', seeds);
  const optimal = expectedReturn(env, 'bayes-optimal', seeds);

  it('bayes-optimal is at least the prober, which is at least the pessimist', () => {
    expect(optimal).toBeGreaterThanOrEqual(prober - 1e-6);
    expect(prober).toBeGreaterThanOrEqual(pessimist - 1e-6);
  });

  it('the prober gains at least 80% of what bayes-optimal gains over the pessimist', () => {
    expect(prober - pessimist).toBeGreaterThanOrEqual(0.8 * (optimal - pessimist) - 1e-6);
  });
});
