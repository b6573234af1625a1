/**
 * How episodes appear in JSON output: `run --json` rows, `run --trace` steps and the replies of
 * `serve --stdio` are built here, so the same seed and actions print the same objects everywhere.
 */
import type { EpisodeResult } from '../core/episode-player.ts';
import type { Observation } from '../core/episode.ts';
import type { EpisodeTrace } from '../core/run.ts';
import { cellXY, type EnvSpec } from '../core/spec.ts';

/** An observation with every field, as plain JSON (a fresh object: the engine's lists may be shared). */
export function observationJson(o: Observation) {
  return {
    x: o.x,
    y: o.y,
    signal: o.signal,
    cues: o.cues.map((c) => ({ dir: c.dir, signal: c.signal })),
    alive: o.alive,
    stuck: o.stuck,
    steps: o.steps,
    changes: o.changes.map((c) => ({ x: c.x, y: c.y, look: c.look })),
  };
}

/** What an episode came to, without its truth: the part of a `run --json` row an agent may be shown. */
export function episodeOutcomeJson(e: EpisodeResult) {
  return {
    outcome: e.outcome,
    return: e.return,
    discountedReturn: e.discountedReturn,
    performance: e.performance,
    steps: e.steps,
    pokes: e.pokes,
  };
}

/** A row of `run --json`'s `episodes`. */
export function episodeRowJson(e: EpisodeResult) {
  return {
    episode: e.episode,
    truth: e.truth,
    ...episodeOutcomeJson(e),
    deaths: e.deaths,
    decisionMs: e.decisionMs,
    ...(e.questions !== undefined ? { questions: e.questions } : {}),
  };
}

/** Step `k` of a trace as `run --trace` writes it; `observation` is what the agent saw after it. */
export function traceStepJson(env: EnvSpec, t: EpisodeTrace, k: number) {
  const observation = t.observations[k + 1];
  return {
    action: t.actions[k],
    ...cellXY(env, t.positions[k + 1]),
    reward: t.rewards[k],
    events: t.events[k],
    signal: observation.signal,
    cues: observation.cues,
    observation: observationJson(observation),
  };
}
