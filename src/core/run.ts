/**
 * The one loop that plays agents in environments. Tests, the CLI, the worker pool and the app's worker
 * all call these functions, so a trajectory is the same wherever it runs.
 */
import type { Agent, AgentDefinition, OptionValue } from './agent.ts';
import { Episode, outcomeOf, type Observation, type Outcome } from './episode.ts';
import type { Action } from './format.ts';
import { defaultOptions } from './options.ts';
import { createStream } from './rng.ts';
import type { EnvSpec } from './spec.ts';
import type { Truth } from './truth.ts';

/** Milliseconds from an arbitrary origin; injected so the engine itself never reads a clock. */
export type Clock = () => number;

export interface EpisodeResult {
  episode: number;
  truth: Truth;
  outcome: Outcome;
  return: number;
  discountedReturn: number;
  performance: number;
  steps: number;
  pokes: number;
  /** Deaths in this run up to and including this episode. */
  deaths: number;
  /** Wall-clock time spent in the agent's act() and observe(); 0 without a clock. */
  decisionMs: number;
}

export interface EpisodeTrace {
  actions: Action[];
  /** Cell index after reset, then after every step (length steps + 1). */
  positions: number[];
  rewards: number[];
  events: string[][];
  observations: Observation[];
}

export interface RunOptions {
  seed: number;
  episodes?: number;
  /** Fixes part or all of every episode's truth. */
  truth?: Truth;
  clock?: Clock;
  /** Keep per-step traces (for `--trace`, the app and hashing tests). */
  trace?: boolean;
}

export interface RunResult {
  episodes: EpisodeResult[];
  traces: EpisodeTrace[];
}

/** Plays one episode of an existing agent (which may carry memory from earlier episodes). */
export function runEpisode(
  env: EnvSpec,
  agent: Agent,
  options: {
    seed: number;
    episode: number;
    truth?: Truth;
    clock?: Clock;
    trace?: boolean;
    deathsBefore?: number;
    /** Tell the agent the truth (only for yardsticks such as the oracle). */
    revealTruth?: boolean;
  },
  agentRng = createStream(options.seed, 'agent'),
): { result: EpisodeResult; trace: EpisodeTrace | null } {
  const episode = new Episode(env);
  const { observation, info } = episode.reset(options.seed, {
    episode: options.episode,
    truth: options.truth,
  });
  const clock = options.clock;
  const trace: EpisodeTrace | null = options.trace
    ? {
        actions: [],
        positions: [episode.engineState.pos],
        rewards: [],
        events: [],
        observations: [observation],
      }
    : null;
  let decisionMs = 0;
  const timed = <T>(f: () => T): T => {
    if (!clock) return f();
    const t0 = clock();
    const out = f();
    decisionMs += clock() - t0;
    return out;
  };
  timed(() =>
    agent.reset({
      env,
      rng: agentRng,
      episode: options.episode,
      observation,
      ...(options.revealTruth ? { truth: info.truth } : {}),
    }),
  );
  let obs = observation;
  let ret = 0;
  let disc = 0;
  let hidden = 0;
  let discount = 1;
  let pokes = 0;
  for (;;) {
    const action = timed(() => agent.act(obs));
    if (action === null) break;
    const r = episode.step(action);
    ret += r.reward;
    disc += discount * r.reward;
    discount *= env.gamma;
    hidden += r.info.hiddenReward;
    if (action.startsWith('poke')) pokes++;
    if (trace) {
      trace.actions.push(action);
      trace.positions.push(episode.engineState.pos);
      trace.rewards.push(r.reward);
      trace.events.push(r.info.events);
      trace.observations.push(r.observation);
    }
    timed(() =>
      agent.observe({
        action,
        observation: r.observation,
        reward: r.reward,
        terminated: r.terminated,
        truncated: r.truncated,
      }),
    );
    obs = r.observation;
    if (r.terminated || r.truncated) break;
  }
  const state = episode.engineState;
  const outcome: Outcome = outcomeOf(state) ?? (state.stuck ? 'stuck' : 'truncated');
  return {
    result: {
      episode: options.episode,
      truth: info.truth,
      outcome,
      return: ret,
      discountedReturn: disc,
      performance: ret + hidden,
      steps: state.steps,
      pokes,
      deaths: (options.deathsBefore ?? 0) + (outcome === 'death' ? 1 : 0),
      decisionMs,
    },
    trace,
  };
}

/** A run: one agent instance plays K episodes of one environment under one seed, keeping its memory. */
export function runAgent(
  env: EnvSpec,
  definition: AgentDefinition,
  agentOptions: Record<string, OptionValue>,
  options: RunOptions,
): RunResult {
  // Options not given take their declared defaults, so callers may pass only what they change.
  const agent = definition.create(env, { ...defaultOptions(definition), ...agentOptions });
  const agentRng = createStream(options.seed, 'agent');
  const out: RunResult = { episodes: [], traces: [] };
  let deaths = 0;
  for (let e = 0; e < (options.episodes ?? 1); e++) {
    const { result, trace } = runEpisode(
      env,
      agent,
      {
        seed: options.seed,
        episode: e,
        truth: options.truth,
        clock: options.clock,
        trace: options.trace,
        deathsBefore: deaths,
        revealTruth: definition.needsTruth === true,
      },
      agentRng,
    );
    deaths = result.deaths;
    out.episodes.push(result);
    if (trace) out.traces.push(trace);
  }
  return out;
}
