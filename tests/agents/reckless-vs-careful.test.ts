/**
 * The product's claim, measured: over 200 seeds on the built-in trap worlds, the careful prober is
 * (almost) never trapped, the reckless agents are trapped several times more often, and the prober
 * does at least as well as the pessimist that never experiments.
 */
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import { defaultOptions } from '../../src/core/options.ts';
import { runAgent } from '../../src/core/run.ts';

const SEEDS = 200;
/** Trap worlds where a safe (or nearly safe) experiment exists. */
const WORLDS = ['snake-corridor', 'thin-ice', 'rotten-plank', 'pit-field', 'dark-cave', 'one-way-doors'];

function measure(envName: string, agentName: string) {
  const env = environments.get(envName)!;
  const def = agents.get(agentName)!;
  let trapped = 0;
  let discounted = 0;
  for (let seed = 0; seed < SEEDS; seed++) {
    const e = runAgent(env, def, defaultOptions(def), { seed }).episodes[0];
    if (e.outcome === 'death' || e.outcome === 'stuck') trapped++;
    discounted += e.discountedReturn;
  }
  return { trapRate: trapped / SEEDS, meanDiscounted: discounted / SEEDS };
}

describe.each(WORLDS)('%s over 200 seeds', (world) => {
  const prober = measure(world, 'prober');
  const pessimist = measure(world, 'pessimist');
  const thompson = measure(world, 'thompson');
  const optimist = measure(world, 'optimist');

  it('the prober is trapped (dies or gets stuck) in at most 2% of episodes', () => {
    expect(prober.trapRate).toBeLessThanOrEqual(0.02);
  });

  it('thompson and optimist are trapped several times more often', () => {
    const floor = Math.max(prober.trapRate, 1 / SEEDS);
    if (world === 'one-way-doors') {
      // No tile there kills or sticks; its trap is a dead end, counted by returns below.
      expect(thompson.meanDiscounted).toBeLessThan(prober.meanDiscounted);
      return;
    }
    expect(thompson.trapRate).toBeGreaterThanOrEqual(3 * floor);
    expect(optimist.trapRate).toBeGreaterThanOrEqual(3 * floor);
  });

  it("the prober's mean discounted return is at least the pessimist's", () => {
    expect(prober.meanDiscounted).toBeGreaterThanOrEqual(pessimist.meanDiscounted - 1e-9);
  });
});
