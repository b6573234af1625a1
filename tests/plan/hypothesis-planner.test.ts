/**
 * The hypothesis planner (bayes-optimal on format 1.1 worlds) against an independent brute force: an
 * expectimax over action sequences written for this test, which replays each sequence from reset in
 * the world of every hypothesis (through the Episode API only) and groups hypotheses by what the agent
 * would have seen. Branches still running at the depth limit are valued as waiting forever (the value
 * of never ending), a lower bound that is exact once the optimal policy has ended or is shut in.
 */
import { describe, expect, it } from 'vitest';
import { bayesOptimalAgent } from '../../agents/bayes-optimal.ts';
import { oracleAgent } from '../../agents/oracle.ts';
import { Episode } from '../../src/core/episode.ts';
import type { Action } from '../../src/core/format.ts';
import { runAgent } from '../../src/core/run.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import type { Truth } from '../../src/core/truth.ts';
import { HypothesisPlanner } from '../../src/plan/hypothesis-planner.ts';
import { env, SMALL_LAKE } from '../helpers.ts';

function bruteForce(spec: EnvSpec, hyps: { truth: Truth; p: number }[], depth: number): number {
  const ep = new Episode(spec);
  const never = spec.rewards.step / (1 - spec.gamma);
  const replay = (truth: Truth, actions: Action[]) => {
    ep.reset(0, { truth });
    let last = null;
    for (const a of actions) last = ep.step(a);
    return last!;
  };
  const value = (prefix: Action[], group: { truth: Truth; p: number }[], t: number): number => {
    if (t === depth) return spec.gamma ** t * never;
    let best = -Infinity;
    for (const a of spec.actions) {
      const seen = new Map<string, { truth: Truth; p: number; r: number; ended: boolean }[]>();
      for (const h of group) {
        const s = replay(h.truth, [...prefix, a]);
        const key = JSON.stringify([s.observation, s.reward]);
        seen.set(key, [...(seen.get(key) ?? []), { ...h, r: s.reward, ended: s.terminated }]);
      }
      const total = group.reduce((x, h) => x + h.p, 0);
      let q = 0;
      for (const g of seen.values()) {
        const pg = g.reduce((x, h) => x + h.p, 0);
        q += (pg / total) * spec.gamma ** t * g[0].r;
        if (!g[0].ended) q += (pg / total) * value([...prefix, a], g, t + 1);
      }
      best = Math.max(best, q);
    }
    return best;
  };
  return value([], hyps, 0);
}

/** Straight across the deep ice or round by the shore (a step onto it is on the way round anyway). */
const lakeRound = env({
  ...SMALL_LAKE,
  map: ['#######', '#Addd.G', '#e####.', '#......', '#######'],
  actions: ['N', 'E', 'S', 'W'],
} as never);

describe('hypothesis planner: exact Bayes-adaptive value on format 1.1 worlds', () => {
  it('a theory world: the value matches the brute force over every action sequence', () => {
    const planner = new HypothesisPlanner(lakeRound, { maxHypotheses: 16, maxNodes: 10_000 });
    const hyps = [
      { truth: { lake: 'thin' }, p: 0.4 },
      { truth: { lake: 'thick' }, p: 0.6 },
    ];
    expect(planner.value(planner.root)).toBeCloseTo(bruteForce(lakeRound, hyps, 9), 9);
  });
  it('plays the shore experiment: bayes-optimal never drowns on the lake', () => {
    for (const lake of ['thin', 'thick']) {
      const run = runAgent(lakeRound, bayesOptimalAgent, {}, { seed: 0, truth: { lake }, trace: true });
      expect(run.episodes[0].outcome).toBe('goal');
      expect(run.traces[0].actions[0]).toBe('S');
    }
  });
  it('a lever world and an unknown panel that may lock the door: brute force agrees', () => {
    const w = env({
      format: '1.1',
      map: ['######', '#APDG#', '#.##.#', '#....#', '######'],
      legend: { P: { unknown: 'panel' }, D: 'floor' },
      tiles: {
        'lock-panel': { look: 'panel', enter: { set: { D: 'wall' } }, poke: { signal: 'click' } },
        'plain-panel': { look: 'panel', poke: { signal: 'tap' } },
      },
      unknowns: { panel: { scope: 'all', prior: { 'lock-panel': 0.5, 'plain-panel': 0.5 } } },
      actions: ['N', 'E', 'S', 'poke-E'],
      gamma: 0.9,
    });
    const planner = new HypothesisPlanner(w, { maxHypotheses: 16, maxNodes: 10_000 });
    const hyps = [
      { truth: { panel: 'lock-panel' }, p: 0.5 },
      { truth: { panel: 'plain-panel' }, p: 0.5 },
    ];
    expect(planner.value(planner.root)).toBeCloseTo(bruteForce(w, hyps, 8), 9);
    let realised = 0;
    for (const h of hyps) {
      const run = runAgent(w, bayesOptimalAgent, {}, { seed: 0, truth: h.truth, trace: true });
      expect(run.traces[0].actions[0]).toBe('poke-E');
      expect(run.episodes[0].outcome).toBe('goal');
      realised += h.p * run.episodes[0].discountedReturn;
      // The oracle, granted the truth, plays each hypothesis's own optimum (a brute force over one).
      const oracle = runAgent(w, oracleAgent, {}, { seed: 0, truth: h.truth }).episodes[0];
      expect(oracle.discountedReturn).toBeCloseTo(bruteForce(w, [{ ...h, p: 1 }], 8), 9);
    }
    // What the agent actually collects, not just what its planner says.
    expect(realised).toBeCloseTo(planner.value(planner.root), 9);
  });
  it('refuses a world with more hypotheses than its budget, saying how many', () => {
    expect(() => new HypothesisPlanner(lakeRound, { maxHypotheses: 1, maxNodes: 10 })).toThrow(
      /2 hypotheses .* more than its budget of 1/,
    );
  });
  it('refuses, saying so, a theory heard through noisy cues: every quiet step is a new posterior', () => {
    const noisy = env({
      ...SMALL_LAKE,
      map: [...SMALL_LAKE.map],
      tiles: {
        ...SMALL_LAKE.tiles,
        'thin-shore': { ...SMALL_LAKE.tiles['thin-shore'], near: { signal: 'creak', p: 0.6 } },
        'thick-shore': { ...SMALL_LAKE.tiles['thick-shore'], near: { signal: 'creak', p: 0.2 } },
      },
    } as never);
    expect(() => runAgent(noisy, bayesOptimalAgent, { maxStates: 3000 }, { seed: 0 })).toThrow(
      /cannot plan .*: more than 3000 belief states .* over 2 hypotheses/,
    );
  });
});
