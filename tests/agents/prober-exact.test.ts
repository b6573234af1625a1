/**
 * The prober's two modes. Exact (where the belief graph fits its budget): sequences of experiments are
 * valued as a whole, so two snakes in a row are poked one after the other when that pays, and on small
 * format 1.1 worlds it comes within 0.25 of the exact Bayes-optimal value without dying. Heuristic
 * (beyond the budget): bounded, so a corridor of noisy ash cells finishes instead of hanging.
 * Expected values are exact sums over every truth weighted by its prior.
 */
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import { runAgent } from '../../src/core/run.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { analyzeWorld } from '../../src/plan/analysis.ts';
import { compileHypotheses, enumerateHypotheses } from '../../src/plan/hypothesis-space.ts';
import { tryCarefulPlanner } from '../../src/plan/careful-planner.ts';
import { env, LOCK_PANEL, SMALL_LAKE } from '../helpers.ts';

/** Mean over the prior's truths (and `seeds` seeds each) of an agent's discounted return and its bad endings. */
function expected(spec: EnvSpec, agent: string, options: Record<string, string> = {}, seeds = 1) {
  let value = 0;
  let bad = 0;
  for (const h of enumerateHypotheses(spec, 4096, 'test')) {
    for (let seed = 0; seed < seeds; seed++) {
      const e = runAgent(spec, agents.get(agent)!, options, { seed, truth: h.truth }).episodes[0];
      value += (h.prior * e.discountedReturn) / seeds;
      if (e.outcome !== 'goal') bad += h.prior / seeds;
    }
  }
  return { value, bad };
}

/** Two snakes in the corridor (alive 0.2 each, a bite when poked 1%) and a long safe loop round. */
const TWO_SNAKES = environments.get('snake-pair')!;

describe('prober, exact mode', () => {
  it('pokes the first snake, walks, pokes the second: far better than going round', () => {
    const careful = expected(TWO_SNAKES, 'prober');
    const heuristic = expected(TWO_SNAKES, 'prober', { mode: 'heuristic' });
    const pessimist = expected(TWO_SNAKES, 'pessimist');
    const optimal = expected(TWO_SNAKES, 'bayes-optimal');
    // Going round: 20 steps for +38 (return 18). Poking both pays, and only as a sequence: poking the
    // first alone is worthless while the second still blocks. Both modes value the sequence.
    for (const mode of [careful, heuristic]) {
      expect(mode.value).toBeGreaterThan(pessimist.value + 3);
      expect(mode.value).toBeGreaterThan(optimal.value - 0.25);
      expect(mode.bad).toBeLessThan(0.01);
    }
    // Its only risk is the bite of a poked live snake (0.2 × 1% per snake).
    expect(careful.bad).toBeLessThan(0.01);
    const first = runAgent(
      TWO_SNAKES,
      agents.get('prober')!,
      {},
      {
        seed: 0,
        truth: { 'snake@3,1': 'dead-snake', 'snake@5,1': 'dead-snake' },
        trace: true,
      },
    );
    expect(first.traces[0].actions.slice(0, 5)).toEqual(['E', 'poke-E', 'E', 'E', 'poke-E']);
  });

  it('over 200 seeds: mean return at least 20.5 with at most 2% deaths, in either mode', () => {
    for (const mode of ['auto', 'heuristic']) {
      let total = 0;
      let deaths = 0;
      for (let seed = 0; seed < 200; seed++) {
        const e = runAgent(TWO_SNAKES, agents.get('prober')!, { mode }, { seed }).episodes[0];
        total += e.return;
        if (e.outcome === 'death') deaths++;
      }
      expect(total / 200, mode).toBeGreaterThanOrEqual(20.5);
      expect(deaths / 200, mode).toBeLessThanOrEqual(0.02);
    }
  });

  const lake = env({ ...SMALL_LAKE, map: [...SMALL_LAKE.map] });
  const panel = env(LOCK_PANEL);
  for (const [name, spec] of [
    ['a lake theory (a splash at the shore tells the deep ice)', lake],
    ['a panel that may lock the only door', panel],
  ] as const)
    it(`on ${name}: within 0.25 of Bayes-optimal, never dead, stuck or truncated`, () => {
      expect(tryCarefulPlanner(spec, 0.001)).not.toBeNull();
      const value = analyzeWorld(spec).values.bayesOptimal!;
      for (const mode of ['auto', 'heuristic']) {
        const careful = expected(spec, 'prober', { mode });
        expect(careful.value, mode).toBeGreaterThan(value - 0.25);
        expect(careful.bad, mode).toBe(0);
      }
    });

  it('treats a point of no return as a trap: it never steps on the panel before poking it', () => {
    for (const h of compileHypotheses(panel, enumerateHypotheses(panel, 16, 'test'))) {
      const r = runAgent(panel, agents.get('prober')!, {}, { seed: 0, truth: h.truth, trace: true });
      expect(r.traces[0].actions[0]).toBe('poke-E');
    }
  });
});

/** Seven ash cells in the corridor, each lava with probability 0.15, felt warm next door (0.9, 0.1 if cold). */
const ASH = environments.get('ash-corridor')!;

describe('prober, heuristic mode, bounded', () => {
  it('crosses a corridor of 7 ash cells with noisy warmth (lava 15%) without hanging or dying', () => {
    // 128 hypotheses with noisy cues: beyond the exact mode's budget, so this is the heuristic.
    expect(tryCarefulPlanner(ASH, 0.001)).toBeNull();
    const run = runAgent(ASH, agents.get('prober')!, {}, { seed: 0, episodes: 20 });
    expect(run.episodes).toHaveLength(20);
    expect(run.episodes.filter((e) => e.outcome === 'death').length).toBe(0);
  });

  it('refuses mode exact where the world does not fit, and a mode that does not exist', () => {
    expect(() => runAgent(ASH, agents.get('prober')!, { mode: 'exact' }, { seed: 0 })).toThrow(
      /too large for the exact mode/,
    );
    expect(() => agents.get('prober')!.create(ASH, { mode: 'sometimes' })).toThrow(
      /expected auto, exact or heuristic/,
    );
  });
});
