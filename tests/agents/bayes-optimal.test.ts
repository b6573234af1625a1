/**
 * Bayes-optimality as a property. On tiny worlds, every agent's exact expected discounted return is
 * computed by enumerating the truths (weighted by their prior probabilities) and running the agent on
 * each: one seed per truth for an agent that turns out deterministic, many seeds (a confidence interval)
 * for a stochastic one. bayes-optimal must be at least every other registered agent (agents added later
 * are covered automatically) and at most the oracle (and the per-truth optimum the oracle gets).
 */
import { describe, expect, it } from 'vitest';
import { bayesOptimalAgent, bayesPlanner } from '../../agents/bayes-optimal.ts';
import { agents } from '../../agents/index.ts';
import type { AgentDefinition } from '../../src/core/agent.ts';
import { UsageError } from '../../src/core/errors.ts';
import type { EnvironmentFile } from '../../src/core/format.ts';
import { defaultOptions } from '../../src/core/options.ts';
import { runAgent } from '../../src/core/run.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { truthKeys, type Truth } from '../../src/core/truth.ts';
import { compileWorld } from '../../src/core/world.ts';
import { valueIteration } from '../../src/plan/solve.ts';
import { env, ICE_LAKE } from '../helpers.ts';

const SNAKES = (risk = 0): EnvironmentFile['tiles'] => ({
  'live-snake': { look: 'snake', enter: { effect: 'death' }, poke: { signal: 'hiss', risk } },
  'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
});

function snakeWorld(name: string, map: string[], pLive: number, risk = 0): EnvSpec {
  return env({
    name,
    map,
    legend: { s: { unknown: 'snake' } },
    tiles: SNAKES(risk),
    unknowns: { snake: { scope: 'each', prior: { 'live-snake': pLive, 'dead-snake': 1 - pLive } } },
    rewards: { step: -1, goal: 10, death: -100 },
    gamma: 0.9,
    // Long enough that γ^maxSteps is negligible: measured returns equal infinite-horizon values.
    maxSteps: 250,
  });
}

const WORLDS: [string, EnvSpec][] = [
  [
    'one snake, poke reveals it, long safe detour',
    snakeWorld('one-snake', ['#########', '#A..s..G#', '#.#####.#', '#.......#', '#########'], 0.4),
  ],
  [
    'two snakes in a row',
    snakeWorld('two-snakes', ['#########', '#A..ss.G#', '#.#####.#', '#.......#', '#########'], 0.3),
  ],
  ['scope-"all" ice, one poke informs every cell', env({ name: 'ice-lake', ...ICE_LAKE, maxSteps: 250 })],
  [
    'information is worthless: the snake is off the shortest path',
    snakeWorld('side-snake', ['#######', '#A...G#', '#.#s#.#', '#.....#', '#######'], 0.5),
  ],
  [
    'a risky poke (2%): still exact, since surviving it settles the snake',
    snakeWorld('risky-poke', ['#######', '#A.s.G#', '#.###.#', '#.....#', '#######'], 0.5, 0.02),
  ],
];

/** Every complete truth with its prior probability (factors are independent). */
function truths(spec: EnvSpec): { truth: Truth; p: number }[] {
  let out: { truth: Truth; p: number }[] = [{ truth: {}, p: 1 }];
  for (const key of truthKeys(spec)) {
    const unknown = spec.unknowns.find((u) => u.id === key.split('@')[0])!;
    out = out.flatMap(({ truth, p }) =>
      unknown.prior.filter((v) => v.p > 0).map((v) => ({ truth: { ...truth, [key]: v.tile }, p: p * v.p })),
    );
  }
  return out;
}

interface Estimate {
  mean: number;
  /** Standard error of the mean (0 when the agent and world are deterministic). */
  se: number;
}

const FEW = 4;
const MANY = 100;

/** Whether the engine itself draws random numbers here (poke risks, slip, noisy cues). */
function engineRandom(spec: EnvSpec): boolean {
  return (
    spec.slip > 0 ||
    [...spec.tiles.values()].some((t) => t.poke.risk > 0 || (t.near !== null && t.near.p < 1))
  );
}

/**
 * Expected discounted return over the prior: exact per truth when the world draws nothing and the first
 * seeds agree (a deterministic agent), else the mean over MANY seeds with its standard error.
 */
function expectedReturn(spec: EnvSpec, def: AgentDefinition): Estimate | null {
  let mean = 0;
  let variance = 0;
  for (const { truth, p } of truths(spec)) {
    const returns: number[] = [];
    const play = (seed: number): void => {
      returns.push(runAgent(spec, def, defaultOptions(def), { seed, truth }).episodes[0].discountedReturn);
    };
    try {
      for (let seed = 0; seed < FEW; seed++) play(seed);
    } catch (e) {
      if (e instanceof UsageError) return null;
      throw e;
    }
    if (engineRandom(spec) || returns.some((r) => r !== returns[0]))
      for (let seed = FEW; seed < MANY; seed++) play(seed);
    const m = returns.reduce((a, b) => a + b, 0) / returns.length;
    const v = returns.length > 1 ? returns.reduce((a, b) => a + (b - m) ** 2, 0) / (returns.length - 1) : 0;
    mean += p * m;
    variance += (p * p * v) / returns.length;
  }
  return { mean, se: Math.sqrt(variance) };
}

function perTruthOptimum(spec: EnvSpec): number {
  return truths(spec).reduce(
    (sum, { truth, p }) => sum + p * valueIteration(compileWorld(spec, truth)).values[spec.start!],
    0,
  );
}

describe.each(WORLDS)('bayes-optimal on a tiny world: %s', (_title, spec) => {
  const planner = bayesPlanner(spec, { maxStates: 2_000_000, horizon: 6, mode: 'auto' });
  const value = planner.startValue();
  const mine = expectedReturn(spec, bayesOptimalAgent)!;

  it('is planned exactly, and the plan is what the agent gets: its value equals the measured return', () => {
    expect(planner.mode).toBe('exact');
    // Exact when the world is deterministic; within the interval when poke risks draw from the engine.
    expect(Math.abs(mine.mean - value)).toBeLessThanOrEqual(4 * mine.se + 1e-6);
  });

  it('expects at most what the oracle expects (the per-truth optimum)', () => {
    const ceiling = perTruthOptimum(spec);
    expect(value).toBeLessThanOrEqual(ceiling + 1e-9);
    const oracle = agents.get('oracle');
    if (oracle) {
      const o = expectedReturn(spec, oracle);
      if (o) expect(value).toBeLessThanOrEqual(o.mean + 4 * o.se + 1e-6);
    }
  });

  // Agents told the truth, or granted a mentor who knows it, may expect more: they are not bound by the prior.
  it.each(
    agents
      .all()
      .filter((a) => a.name !== 'scripted' && a.name !== 'bayes-optimal' && !a.needsTruth && !a.mentor),
  )('expects at least as much as $name', (other) => {
    const theirs = expectedReturn(spec, other);
    if (!theirs) return; // refused with a UsageError
    expect(value).toBeGreaterThanOrEqual(theirs.mean - 4 * theirs.se - 1e-6);
  });
});

describe('bayes-optimal, the agent', () => {
  const spec = WORLDS[0][1];

  it('pokes the snake first when the detour is long, then goes the way the answer allows', () => {
    const dead = runAgent(spec, bayesOptimalAgent, defaultOptions(bayesOptimalAgent), {
      seed: 0,
      truth: { snake: 'dead-snake' },
      trace: true,
    });
    const live = runAgent(spec, bayesOptimalAgent, defaultOptions(bayesOptimalAgent), {
      seed: 0,
      truth: { snake: 'live-snake' },
      trace: true,
    });
    expect(dead.traces[0].actions.join(',')).toBe('E,E,poke-E,E,E,E,E');
    expect(live.traces[0].actions.slice(0, 3).join(',')).toBe('E,E,poke-E');
    expect(live.episodes[0].outcome).toBe('goal');
  });

  it('shows its posterior and P(trap) after an experiment', () => {
    const agent = bayesOptimalAgent.create(spec, defaultOptions(bayesOptimalAgent));
    const run = runAgent(spec, bayesOptimalAgent, defaultOptions(bayesOptimalAgent), {
      seed: 1,
      truth: { snake: 'live-snake' },
      trace: true,
    });
    const obs = run.traces[0].observations;
    const rng = () => 0;
    agent.reset({ env: spec, rng, episode: 0, observation: obs[0] });
    const snake = 1 * spec.width + 4;
    expect(agent.belief!().trapProbability![snake]).toBeCloseTo(0.4, 12);
    for (let t = 0; t < 3; t++) {
      agent.act(obs[t]);
      agent.observe({
        action: run.traces[0].actions[t],
        observation: obs[t + 1],
        reward: run.traces[0].rewards[t],
        terminated: false,
        truncated: false,
      });
    }
    expect(agent.belief!().posterior).toEqual({ 'snake@4,1': { 'live-snake': 1, 'dead-snake': 0 } });
    expect(agent.belief!().trapProbability![snake]).toBe(1);
  });

  it('refuses a world over its budget with a UsageError naming the belief space, before any episode', () => {
    const big = snakeWorld(
      'many-snakes',
      [
        '##################',
        '#A..............G#',
        '#.ssssssssssssss.#',
        '#................#',
        '##################',
      ],
      0.5,
    );
    expect(() => runAgent(big, bayesOptimalAgent, defaultOptions(bayesOptimalAgent), { seed: 0 })).toThrow(
      /3\^14 = 4,782,969 beliefs × \d+ reachable positions/,
    );
    expect(() =>
      runAgent(
        big,
        bayesOptimalAgent,
        { ...defaultOptions(bayesOptimalAgent), mode: 'sideways' },
        { seed: 0 },
      ),
    ).toThrow(UsageError);
  });
});
