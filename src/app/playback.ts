/**
 * Synchronised playback of several runs: one cursor (episode, step) for every pane. A pane whose episode
 * ended earlier keeps showing its last frame; the cursor waits for a pane whose worker has not computed
 * the step yet; at "as fast as possible" it follows the slowest worker's frontier.
 */
import type { Cursor } from './state.ts';

export interface PaneProgress {
  /** For each episode index: frames available and whether it is over. */
  availability(e: number): { count: number; complete: boolean };
  lastEpisode(): number;
  done: boolean;
}

/** The furthest step of episode e every pane can show, and whether every pane finished the episode. */
export function reachable(panes: readonly PaneProgress[], e: number): { step: number; complete: boolean } {
  let limit = Infinity;
  let end = 0;
  let complete = panes.length > 0;
  for (const p of panes) {
    const { count, complete: over } = p.availability(e);
    if (over) end = Math.max(end, count - 1);
    else {
      complete = false;
      limit = Math.min(limit, count - 1);
    }
  }
  if (complete) return { step: end, complete };
  return { step: Math.max(0, limit), complete: false };
}

/** The last step of episode e once every pane finished it. */
export function episodeLength(panes: readonly PaneProgress[], e: number): number | null {
  const r = reachable(panes, e);
  return r.complete ? r.step : null;
}

export interface Tick {
  cursor: Cursor;
  /** Fraction of a step carried to the next tick (and the tween phase of the agents). */
  carry: number;
  playing: boolean;
}

/**
 * Moves the cursor for `dtMs` of playback at `speed` steps per second (Infinity: as fast as the workers
 * go). Ends the episode, moves to the next one, and stops after the last.
 */
export function tick(
  panes: readonly PaneProgress[],
  cursor: Cursor,
  carry: number,
  speed: number,
  dtMs: number,
  episodes: number,
): Tick {
  let { episode, step } = cursor;
  if (panes.length === 0) return { cursor, carry: 0, playing: false };
  if (speed === Infinity) {
    // Follow the frontier: the latest episode every pane has reached.
    let latest = Infinity;
    for (const p of panes) latest = Math.min(latest, Math.max(0, p.lastEpisode()));
    if (latest > episode) {
      // Skip ahead only to episodes every pane has at least started.
      episode = Math.min(latest, episodes - 1);
      step = 0;
    }
    const r = reachable(panes, episode);
    step = Math.max(step, r.step);
    const finished = r.complete && episode >= episodes - 1;
    return { cursor: { episode, step: r.complete ? r.step : step }, carry: 0, playing: !finished };
  }
  let budget = carry + (dtMs * speed) / 1000;
  for (;;) {
    const r = reachable(panes, episode);
    if (r.complete && step >= r.step) {
      if (episode >= episodes - 1) return { cursor: { episode, step: r.step }, carry: 0, playing: false };
      if (budget < 1) return { cursor: { episode, step }, carry: budget, playing: true };
      // The pause at an episode's end lasts one step.
      budget -= 1;
      episode += 1;
      step = 0;
      continue;
    }
    if (budget < 1) return { cursor: { episode, step }, carry: budget, playing: true };
    if (step >= r.step) return { cursor: { episode, step }, carry: 0, playing: true }; // waiting for a worker
    const n = Math.min(Math.floor(budget), r.step - step);
    step += n;
    budget -= n;
  }
}

/** One step forward or back, across episode boundaries. */
export function stepCursor(
  panes: readonly PaneProgress[],
  cursor: Cursor,
  delta: 1 | -1,
  episodes: number,
): Cursor {
  const { episode, step } = cursor;
  if (delta < 0) {
    if (step > 0) return { episode, step: step - 1 };
    if (episode === 0) return cursor;
    const len = episodeLength(panes, episode - 1);
    return { episode: episode - 1, step: len ?? 0 };
  }
  const r = reachable(panes, episode);
  if (step < r.step) return { episode, step: step + 1 };
  if (r.complete && episode < episodes - 1 && panes.every((p) => p.availability(episode + 1).count > 0))
    return { episode: episode + 1, step: 0 };
  return cursor;
}
