/**
 * The tabular TD agents (q-learning, sarsa). The main check is Sutton & Barto's Example 6.6 / Figure 6.4
 * (Reinforcement Learning, 2nd ed.): on the cliff walk with ε 0.1, α 0.5, undiscounted, SARSA learns the
 * safe path and earns about -25 per episode online, Q-learning learns the optimal path along the edge,
 * falls off far more often while exploring and earns about -50.
 */
import { describe, expect, it } from 'vitest';
import { qLearningAgent } from '../../agents/q-learning.ts';
import { sarsaAgent } from '../../agents/sarsa.ts';
import { environments } from '../../environments/index.ts';
import type { AgentDefinition } from '../../src/core/agent.ts';
import { UsageError } from '../../src/core/errors.ts';
import { defaultOptions, parseOptions } from '../../src/core/options.ts';
import { runAgent, type RunResult } from '../../src/core/run.ts';
import { env } from '../helpers.ts';

const BOOK = { epsilon: 0.1, alpha: 0.5, initial: 0 };
/** Ten runs per agent, as fixed seeds (the book averages 100 runs; ten keep this test well under a second). */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const EPISODES = 500;
/** Figure 6.4's plateau: episodes 100 to 500, once both agents have learned their paths. */
const FROM = 100;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

interface Summary {
  /** Mean return per episode over episodes FROM..EPISODES-1, one entry per seed. */
  returns: number[];
  /** Steps into the cliff over the same episodes, one entry per seed. */
  falls: number[];
}

function cliffRuns(def: AgentDefinition): Summary {
  const spec = environments.get('cliff-walking-reset')!;
  const out: Summary = { returns: [], falls: [] };
  for (const seed of SEEDS) {
    const run = runAgent(spec, def, BOOK, { seed, episodes: EPISODES, trace: true });
    out.returns.push(mean(run.episodes.slice(FROM).map((e) => e.return)));
    // The cliff is a teleport back to the start: one 'teleport' event per fall.
    let falls = 0;
    for (const t of run.traces.slice(FROM)) for (const ev of t.events) if (ev.includes('teleport')) falls++;
    out.falls.push(falls);
  }
  return out;
}

describe('Sutton & Barto Example 6.6 (Figure 6.4) on cliff-walking-reset', () => {
  const sarsa = cliffRuns(sarsaAgent);
  const q = cliffRuns(qLearningAgent);

  it('SARSA earns about -25 per episode online (measured -27.1 over these seeds)', () => {
    const m = mean(sarsa.returns);
    expect(m).toBeGreaterThanOrEqual(-30);
    expect(m).toBeLessThanOrEqual(-20);
  });

  it('Q-learning earns about -50 per episode online (measured -49.1 over these seeds)', () => {
    const m = mean(q.returns);
    expect(m).toBeGreaterThanOrEqual(-60);
    expect(m).toBeLessThanOrEqual(-40);
  });

  it('Q-learning does worse online than SARSA in every run', () => {
    for (let i = 0; i < SEEDS.length; i++) expect(q.returns[i]).toBeLessThan(sarsa.returns[i]);
  });

  it('Q-learning falls off the cliff far more often (measured 1312 falls against 188)', () => {
    const qFalls = q.falls.reduce((a, b) => a + b, 0);
    const sarsaFalls = sarsa.falls.reduce((a, b) => a + b, 0);
    expect(sarsaFalls).toBeGreaterThan(0);
    expect(qFalls).toBeGreaterThanOrEqual(3 * sarsaFalls);
  });
});

describe('learning by dying on cliff-walking (the cliff kills)', () => {
  const spec = environments.get('cliff-walking')!;
  const ROW_TOP = 0;
  const runs = (def: AgentDefinition): RunResult[] =>
    [1, 2, 3].map((seed) => runAgent(spec, def, BOOK, { seed, episodes: 400, trace: true }));
  const deaths = (run: RunResult, from: number, to: number) =>
    run.episodes.slice(from, to).filter((e) => e.outcome === 'death').length;
  const sarsaRuns = runs(sarsaAgent);
  const qRuns = runs(qLearningAgent);

  it('both die less once they have learned (the table is kept across episodes)', () => {
    for (const run of [...sarsaRuns, ...qRuns])
      expect(deaths(run, 300, 400)).toBeLessThan(deaths(run, 0, 100));
  });

  it('Q-learning walks the edge: its commonest late return is the optimal -13, and it avoids the top row', () => {
    for (const run of qRuns) {
      const late = run.episodes.slice(300).filter((e) => e.outcome === 'goal');
      const counts = new Map<number, number>();
      for (const e of late) counts.set(e.return, (counts.get(e.return) ?? 0) + 1);
      const commonest = [...counts].sort((a, b) => b[1] - a[1])[0][0];
      expect(commonest).toBe(-13);
      const top = run.traces
        .slice(300)
        .filter((t) => t.positions.some((p) => Math.floor(p / 12) === ROW_TOP));
      expect(top.length).toBeLessThan(10);
    }
  });

  it('SARSA keeps its distance: it mostly goes by the top row and dies less than Q-learning', () => {
    for (let i = 0; i < sarsaRuns.length; i++) {
      const top = sarsaRuns[i].traces
        .slice(300)
        .filter((t) => t.positions.some((p) => Math.floor(p / 12) === ROW_TOP));
      expect(top.length).toBeGreaterThan(80);
      expect(deaths(sarsaRuns[i], 300, 400)).toBeLessThan(deaths(qRuns[i], 300, 400));
    }
  });
});

describe.each([
  ['q-learning', qLearningAgent],
  ['sarsa', sarsaAgent],
] as const)('%s update rule', (_name, def) => {
  const greedy = { epsilon: 0, alpha: 1, initial: 0 };

  it('takes just the reward as the target of a terminal step', () => {
    // W enters the goal (terminal, reward -1); E is cut off by maxSteps 1 and bootstraps from the
    // optimistic initial value 50 of a cell never acted in: -1 + 0.9 × 50 = 44. The goal is worth its
    // reward alone, -1, so E wins; bootstrapping at the goal as well would leave both at 44, tied for ever.
    const spec = env({
      map: ['GA.'],
      actions: ['E', 'W'],
      rewards: { step: -1, goal: 0 },
      maxSteps: 1,
      gamma: 0.9,
    });
    const run = runAgent(spec, def, { ...greedy, initial: 50 }, { seed: 1, episodes: 50, trace: true });
    expect(run.episodes.some((e) => e.outcome === 'goal')).toBe(true);
    expect(run.traces.slice(10).every((t) => t.actions[0] === 'E')).toBe(true);
  });

  it('bootstraps from the next state when an episode is only truncated', () => {
    // No goal; every episode is one step. E reaches a cell never acted in (value 0), W bumps and stays, so
    // with bootstrapping W is worth -1 + 0.9 max Q(A) < -1 = E. Treating truncation as terminal would
    // leave both at -1, tied for ever.
    const spec = env({ map: ['A.'], actions: ['E', 'W'], maxSteps: 1, gamma: 0.9 });
    const run = runAgent(spec, def, greedy, { seed: 1, episodes: 50, trace: true });
    expect(run.traces.slice(10).every((t) => t.actions[0] === 'E')).toBe(true);
  });

  it('declares its options with ranges the parser enforces', () => {
    expect(defaultOptions(def)).toEqual({ epsilon: 0.1, alpha: 0.5, initial: 0 });
    expect(() => parseOptions(def, ['epsilon=2'])).toThrow(UsageError);
    expect(() => parseOptions(def, ['alpha=1.5'])).toThrow(UsageError);
    expect(parseOptions(def, ['epsilon=0.2', 'initial=-5'])).toEqual({
      epsilon: 0.2,
      alpha: 0.5,
      initial: -5,
    });
    // alpha 0 would learn nothing: the parser's bounds are inclusive, so create() refuses it.
    const spec = environments.get('cliff-walking')!;
    expect(() => def.create(spec, parseOptions(def, ['alpha=0']))).toThrow(UsageError);
  });
});
