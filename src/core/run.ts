/**
 * The one loop that plays agents in environments. Tests, the CLI, the worker pool and the app's worker
 * all call these functions, so a trajectory is the same wherever it runs.
 */
import { grantsOf, type Agent, type AgentDefinition, type OptionValue } from './agent.ts';
import { EpisodePlayer, type Clock, type EpisodeResult, type PlayerOptions } from './episode-player.ts';
import type { Observation } from './episode.ts';
import type { Action } from './format.ts';
import { defaultOptions } from './options.ts';
import { createStream } from './rng.ts';
import type { EnvSpec } from './spec.ts';
import type { Truth } from './truth.ts';

export type { Clock, EpisodeResult };

export interface EpisodeTrace {
  actions: Action[];
  /** Cell index after reset, then after every step (length steps + 1). */
  positions: number[];
  rewards: number[];
  events: (readonly string[])[];
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
  /**
   * A family of worlds (a generator's draws, see `familyWorlds`): episode k plays `worlds[k]`. The
   * family's regularities persist: its shared unknowns and theories keep the truth the first episode
   * drew, in every later world that has them; the map and the per-cell unknowns are new each episode.
   */
  worlds?: readonly EnvSpec[] | ((episode: number) => EnvSpec);
}

export interface RunResult {
  episodes: EpisodeResult[];
  traces: EpisodeTrace[];
}

/** Plays one episode of an existing agent (which may carry memory from earlier episodes). */
export function runEpisode(
  env: EnvSpec,
  agent: Agent,
  options: Omit<PlayerOptions, 'agentRng'> & {
    trace?: boolean;
    deathsBefore?: number;
  },
  agentRng = createStream(options.seed, 'agent'),
): { result: EpisodeResult; trace: EpisodeTrace | null } {
  const player = new EpisodePlayer(env, agent, { ...options, agentRng });
  const trace: EpisodeTrace | null = options.trace
    ? {
        actions: [],
        positions: [player.episode.engineState.pos],
        rewards: [],
        events: [],
        observations: [player.observation],
      }
    : null;
  while (!player.finished) {
    const step = player.step();
    if (step && trace) {
      trace.actions.push(step.action);
      trace.positions.push(player.episode.engineState.pos);
      trace.rewards.push(step.result.reward);
      trace.events.push(step.result.info.events);
      trace.observations.push(step.result.observation);
    }
  }
  return {
    result: player.result(options.deathsBefore ?? 0),
    trace,
  };
}

/**
 * A run, one episode at a time: one agent instance plays K episodes of one environment under one seed,
 * keeping its memory. A generator so that callers that must keep what came before a failure (the bench's
 * rows) and callers that want everything (`runAgent`) share the one loop; an agent that throws surfaces
 * at the episode it threw in.
 */
export function* playRun(
  env: EnvSpec,
  definition: AgentDefinition,
  agentOptions: Record<string, OptionValue>,
  options: RunOptions,
): Generator<{ result: EpisodeResult; trace: EpisodeTrace | null; env: EnvSpec }, void, void> {
  // Options not given take their declared defaults, so callers may pass only what they change.
  const resolved = { ...defaultOptions(definition), ...agentOptions };
  let agent = definition.create(env, resolved);
  let current = env;
  const agentRng = createStream(options.seed, 'agent');
  const grants = grantsOf(definition);
  let deaths = 0;
  let shared: Truth = {};
  for (let e = 0; e < (options.episodes ?? 1); e++) {
    const world = typeof options.worlds === 'function' ? options.worlds(e) : (options.worlds?.[e] ?? env);
    // A new world of a family: agents that carry what they learned across worlds keep their instance
    // (reset tells them the world); the others start afresh in it, as they could not use their memory.
    if (world !== current && !definition.acrossWorlds) agent = definition.create(world, resolved);
    current = world;
    // The truth keys of the family's regularities in this world; a run of one world has none to carry.
    const keys = options.worlds ? sharedKeys(world) : null;
    const played = runEpisode(
      world,
      agent,
      {
        seed: options.seed,
        episode: e,
        truth: keys ? { ...sharedIn(keys, shared), ...options.truth } : options.truth,
        clock: options.clock,
        trace: options.trace,
        deathsBefore: deaths,
        grants,
        ...(keys ? { persistent: keys } : {}),
      },
      agentRng,
    );
    // What a world drew of the family's regularities holds from then on (a key world 0 lacked included).
    if (keys) shared = { ...sharedIn(keys, played.result.truth), ...shared };
    deaths = played.result.deaths;
    yield { ...played, env: world };
  }
}

/** The truth keys a family shares, as `world` has them: its scope-"all" unknowns and its theories. */
function sharedKeys(world: EnvSpec): string[] {
  return [
    ...world.unknowns.filter((u) => u.scope === 'all' && u.cells.length > 0).map((u) => u.id),
    ...world.theories.map((t) => t.id),
  ];
}

/** The part of a truth under `keys` (a world's `sharedKeys`). */
function sharedIn(keys: readonly string[], truth: Truth): Truth {
  const shared = new Set(keys);
  return Object.fromEntries(Object.entries(truth).filter(([k]) => shared.has(k)));
}

/** A whole run collected: every episode's result, and its trace when `options.trace`. */
export function runAgent(
  env: EnvSpec,
  definition: AgentDefinition,
  agentOptions: Record<string, OptionValue>,
  options: RunOptions,
): RunResult {
  const out: RunResult = { episodes: [], traces: [] };
  for (const { result, trace } of playRun(env, definition, agentOptions, options)) {
    out.episodes.push(result);
    if (trace) out.traces.push(trace);
  }
  return out;
}
