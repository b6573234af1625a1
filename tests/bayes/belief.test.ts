/** Hand-computed posteriors: the belief must be exactly Bayes' rule on the format's observations. */
import { describe, expect, it } from 'vitest';
import { Belief } from '../../src/bayes/belief.ts';
import { Episode, type Observation } from '../../src/core/episode.ts';
import type { Action } from '../../src/core/format.ts';
import { createStream } from '../../src/core/rng.ts';
import { runEpisode } from '../../src/core/run.ts';
import { thompsonAgent } from '../../agents/thompson.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import type { Truth } from '../../src/core/truth.ts';
import { env } from '../helpers.ts';

const snakeTiles = {
  'live-snake': { look: 'snake', enter: { effect: 'death' as const }, poke: { signal: 'hiss', risk: 0.1 } },
  'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
};

/** Plays actions in a real episode, feeding every transition to a belief. */
function observe(
  spec: EnvSpec,
  truth: Truth,
  actions: Action[],
  seed = 0,
): { belief: Belief; last: Observation } {
  const episode = new Episode(spec);
  const belief = new Belief(spec);
  let obs = episode.reset(seed, { truth }).observation;
  belief.observeCues(obs.y * spec.width + obs.x, obs.cues);
  for (const a of actions) {
    const from = obs.y * spec.width + obs.x;
    obs = episode.step(a).observation;
    belief.observeTransition(from, a, obs);
  }
  return { belief, last: obs };
}

describe('poke signals', () => {
  const spec = env({
    map: ['As.G'],
    legend: { s: { unknown: 'snake' } },
    tiles: snakeTiles,
    unknowns: { snake: { scope: 'each', prior: { 'live-snake': 0.3, 'dead-snake': 0.7 } } },
  });
  it('starts at the prior: P(trap) 0.3, entropy H(0.3)', () => {
    const b = new Belief(spec);
    expect(b.trapProbability(1)).toBeCloseTo(0.3, 15);
    expect(b.entropy()).toBeCloseTo(-(0.3 * Math.log2(0.3) + 0.7 * Math.log2(0.7)), 12);
    expect(b.trapProbability(0)).toBe(0);
  });
  it('a hiss settles it: live with probability 1, and a thud: dead', () => {
    expect(observe(spec, { snake: 'live-snake' }, ['poke-E'], 3).belief.trapProbability(1)).toBe(1);
    const dead = observe(spec, { snake: 'dead-snake' }, ['poke-E']).belief;
    expect(dead.trapProbability(1)).toBe(0);
    expect(dead.entropy()).toBe(0);
    expect(dead.posterior()['snake@1,0']).toEqual({ 'live-snake': 0, 'dead-snake': 1 });
  });
  it('walking in and surviving rules the trap out', () => {
    const b = observe(spec, { snake: 'dead-snake' }, ['E']).belief;
    expect(b.trapProbability(1)).toBe(0);
  });
});

describe('a poke whose only evidence is surviving its risk', () => {
  // Both variants answer "rustle"; only the nest can bite (risk 0.5). Surviving one poke:
  // P(nest | survived) = 0.4 * 0.5 / (0.4 * 0.5 + 0.6 * 1) = 0.25.
  const spec = env({
    map: ['Ab'],
    legend: { b: { unknown: 'bush' } },
    tiles: {
      nest: { look: 'bush', enter: { effect: 'death' }, poke: { signal: 'rustle', risk: 0.5 } },
      shrub: { look: 'bush', poke: { signal: 'rustle' } },
    },
    unknowns: { bush: { prior: { nest: 0.4, shrub: 0.6 } } },
  });
  it('P(nest) falls from 0.4 to 0.25, then 0.1429 after a second survived poke', () => {
    let survivedOnce: Belief | null = null;
    for (let seed = 0; seed < 50 && !survivedOnce; seed++) {
      const { belief, last } = observe(spec, { bush: 'nest' }, ['poke-E'], seed);
      if (last.alive) survivedOnce = belief;
    }
    expect(survivedOnce!.trapProbability(1)).toBeCloseTo(0.25, 14);
    const b = new Belief(spec);
    const alive: Observation = {
      x: 0,
      y: 0,
      signal: 'rustle',
      cues: [],
      alive: true,
      stuck: false,
      steps: 1,
      changes: [],
    };
    b.observeTransition(0, 'poke-E', alive);
    b.observeTransition(0, 'poke-E', alive);
    // 0.4 * 0.25 / (0.4 * 0.25 + 0.6) = 1/7.
    expect(b.trapProbability(1)).toBeCloseTo(1 / 7, 14);
  });
});

describe('noisy near cues', () => {
  // A chasm is felt as a draft with p 0.7; floor gives nothing. Prior P(chasm) 0.3.
  const spec = env({
    map: ['A.c'],
    legend: { c: { unknown: 'dark' } },
    tiles: {
      chasm: { look: 'dark', enter: { effect: 'death' }, near: { signal: 'draft', p: 0.7 } },
      rock: { look: 'dark' },
    },
    unknowns: { dark: { prior: { chasm: 0.3, rock: 0.7 } } },
    actions: ['E', 'W', 'wait'],
  });
  const at = (cues: Observation['cues']): Observation => ({
    x: 1,
    y: 0,
    signal: null,
    cues,
    alive: true,
    stuck: false,
    steps: 1,
    changes: [],
  });
  it('one draft: 0.3 * 0.7 / (0.3 * 0.7 + 0) = 1 (rock never drafts)', () => {
    const b = new Belief(spec);
    b.observeTransition(0, 'E', at([{ dir: 'E', signal: 'draft' }]));
    expect(b.trapProbability(2)).toBe(1);
  });
  it('silence: 0.3 * 0.3 / (0.09 + 0.7) = 0.11392…, twice: 0.027 / 0.727 = 0.03714…', () => {
    const b = new Belief(spec);
    b.observeTransition(0, 'E', at([]));
    expect(b.trapProbability(2)).toBeCloseTo(0.09 / 0.79, 14);
    b.observeTransition(1, 'wait', at([]));
    expect(b.trapProbability(2)).toBeCloseTo(0.027 / 0.727, 14);
  });
  it('agrees with the engine: walking next to a chasm and waiting, the posterior follows the cues heard', () => {
    const { belief, last } = observe(spec, { dark: 'chasm' }, ['E', 'wait', 'wait', 'wait'], 9);
    expect(last.alive).toBe(true);
    const p = belief.trapProbability(2);
    expect(p === 1 || Math.abs(p - (0.3 * 0.3 ** 4) / (0.3 * 0.3 ** 4 + 0.7)) < 1e-12).toBe(true);
  });
});

describe('shared unknowns (scope all)', () => {
  const spec = env({
    map: ['Ai.', '.i.', '..G'],
    legend: { i: { unknown: 'ice' } },
    tiles: {
      'thin-ice': { look: 'ice', enter: { effect: 'death' }, poke: { signal: 'crack' } },
      'thick-ice': { look: 'ice', poke: { signal: 'thunk' } },
    },
    unknowns: { ice: { scope: 'all', prior: { 'thin-ice': 0.5, 'thick-ice': 0.5 } } },
  });
  it('one factor covers both ice cells', () => {
    const b = new Belief(spec);
    expect(b.factors).toHaveLength(1);
    expect(b.factors[0].cells).toEqual([1, 4]);
  });
  it('poking one ice cell settles every ice cell', () => {
    const b = observe(spec, { ice: 'thick-ice' }, ['poke-E']).belief;
    expect(b.trapProbability(1)).toBe(0);
    expect(b.trapProbability(4)).toBe(0);
    const thin = observe(spec, { ice: 'thin-ice' }, ['poke-E']).belief;
    expect(thin.trapProbability(4)).toBe(1);
  });
});

describe('slips: several neighbours in one observation', () => {
  // Two snakes east and south of the agent; moving E with slip 0.3. Observed: still alive at (1,0).
  // Reaching (1,0) needs the intended move (0.7, needs east dead) or... only E leads there. Alive there
  // means the east snake is dead; the south snake is untouched.
  const spec = env({
    map: ['As', 's.'],
    legend: { s: { unknown: 'snake' } },
    tiles: snakeTiles,
    unknowns: { snake: { prior: { 'live-snake': 0.5, 'dead-snake': 0.5 } } },
    slip: 0.3,
  });
  it('entering the east cell alive clears it and leaves the south cell at its prior', () => {
    const b = new Belief(spec);
    b.observeTransition(0, 'E', {
      x: 1,
      y: 0,
      signal: null,
      cues: [],
      alive: true,
      stuck: false,
      steps: 1,
      changes: [],
    });
    expect(b.trapProbability(1)).toBe(0);
    expect(b.trapProbability(2)).toBeCloseTo(0.5, 14);
  });
  it('a bump (still at the start) is evidence about nothing unknown: off-map slips explain it', () => {
    const b = new Belief(spec);
    b.observeTransition(0, 'E', {
      x: 0,
      y: 0,
      signal: 'bump',
      cues: [],
      alive: true,
      stuck: false,
      steps: 1,
      changes: [],
    });
    expect(b.trapProbability(1)).toBeCloseTo(0.5, 14);
    expect(b.trapProbability(2)).toBeCloseTo(0.5, 14);
    expect(b.inconsistent).toBe(false);
  });
});

describe('sampling and the most probable world', () => {
  const spec = env({
    map: ['Ass'],
    legend: { s: { unknown: 'snake' } },
    tiles: snakeTiles,
    unknowns: { snake: { prior: { 'live-snake': 0.2, 'dead-snake': 0.8 } } },
  });
  it('samples each factor with its posterior frequency, from the given stream', () => {
    const b = new Belief(spec);
    const rng = createStream(1, 'agent');
    let live = 0;
    for (let i = 0; i < 5000; i++) if (b.sample(rng)['snake@1,0'] === 'live-snake') live++;
    expect(live / 5000).toBeGreaterThan(0.18);
    expect(live / 5000).toBeLessThan(0.22);
    expect(b.mostProbable()).toEqual({ 'snake@1,0': 'dead-snake', 'snake@2,0': 'dead-snake' });
  });
});

describe('rewards', () => {
  // Two variants that look, sound and behave alike and differ only in what entering them pays.
  const spec = env({
    map: ['Ag.G'],
    legend: { g: { unknown: 'vein' } },
    tiles: {
      'gold-vein': { look: 'rock', enter: { reward: 10 } },
      'empty-vein': { look: 'rock' },
    },
    unknowns: { vein: { scope: 'each', prior: { 'gold-vein': 0.4, 'empty-vein': 0.6 } } },
  });
  it('entering tells the variants apart by the reward received', () => {
    for (const [tile, p] of [
      ['gold-vein', 1],
      ['empty-vein', 0],
    ] as const) {
      const episode = new Episode(spec);
      const belief = new Belief(spec);
      episode.reset(0, { truth: { vein: tile } });
      const r = episode.step('E');
      belief.observeTransition(0, 'E', r.observation, r.reward);
      expect(belief.posterior()['vein@1,0']['gold-vein']).toBe(p);
    }
  });
  it('without the reward, the same step teaches nothing', () => {
    const b = observe(spec, { vein: 'gold-vein' }, ['E']).belief;
    expect(b.posterior()['vein@1,0']['gold-vein']).toBeCloseTo(0.4, 12);
  });
});

describe('belief agents hear rewards', () => {
  it('a Bayesian agent that walks through the vein knows what it held (here a cost, so no reward loop)', () => {
    const spec = env({
      map: ['Ag.G'],
      legend: { g: { unknown: 'vein' } },
      tiles: { 'gold-vein': { look: 'rock', enter: { reward: -5 } }, 'empty-vein': { look: 'rock' } },
      unknowns: { vein: { scope: 'each', prior: { 'gold-vein': 0.4, 'empty-vein': 0.6 } } },
    });
    for (const tile of ['gold-vein', 'empty-vein']) {
      const agent = thompsonAgent.create(spec, {});
      const { result } = runEpisode(
        spec,
        agent,
        { seed: 1, episode: 0, truth: { vein: tile } },
        createStream(1, 'agent'),
      );
      expect(result.outcome).toBe('goal');
      expect(agent.belief?.()?.posterior?.['vein@1,0']?.[tile]).toBe(1);
    }
  });
});
