/**
 * What the app and the worker exchange about a session: how a run is asked for, what comes back when it
 * opens, and the frame batches it streams (all structured-cloneable).
 *
 * Frame format. Frames are numbered across the whole session ("global" frame index); episode e owns
 * frames [start_e, start_e + count_e). Frame 0 of an episode is the state after reset; frame k is the
 * state after step k. Per-frame data is columnar (`FrameColumnsData`), and a batch may span many short
 * episodes (fast mode on a world where a random agent dies in ten steps must not cost one message per
 * episode). Beliefs travel as belief-track entries (belief-tracks.ts), only when they changed.
 */
import type { DecisionView, OptionValue } from '../../core/agent.ts';
import type { EpisodeResult } from '../../core/run.ts';
import type { Truth } from '../../core/truth.ts';
import type { CellKind } from '../../plan/irreversibility.ts';
import type { PlanEntry, TrackEntry } from './belief-tracks.ts';
import type { FrameColumnsData } from './frame-columns.ts';
import type { WorldInfo, WorldRef } from './world-info.ts';

/** The agent name of a person's pane ("Play yourself"): not an agent of the registry. */
export const HUMAN = 'you';

export interface SessionConfig {
  world: WorldRef;
  agent: string;
  options: Record<string, OptionValue>;
  seed: number;
  episodes: number;
  /** Fixed part of every episode's truth; the rest is drawn from the priors. */
  truth: Truth;
}

/** An episode's results as `runEpisode` reports them, plus its trajectory hash. */
export type EpisodeSummary = Omit<EpisodeResult, 'truth' | 'decisionMs'> & {
  /** `hashTrajectory` of the episode: the same as `runAgent(…, { trace: true })` gives. */
  hash: string;
};

export interface EpisodeMeta {
  episode: number;
  /** Global index of the episode's first frame. */
  start: number;
  /** Frames recorded so far (steps + 1 when finished). */
  count: number;
  truth: Truth;
  end: EpisodeSummary | null;
}

/** One episode's share of a batch: its frames sit at [offset, offset + count) of the batch columns. */
export interface BatchPart {
  episode: number;
  /** The episode's first global frame and its truth (sent with every part; small). */
  start: number;
  truth: Truth;
  /** Frame index within the episode of the part's first frame. */
  from: number;
  count: number;
  offset: number;
  end: EpisodeSummary | null;
}

/** An agent's decision view (why it acted), recorded at the frame it was first shown. */
export interface DecisionEntry {
  frame: number;
  decision: DecisionView;
}

export interface FrameBatch {
  session: number;
  parts: BatchPart[];
  columns: FrameColumnsData;
  trap: TrackEntry[];
  posterior: TrackEntry[];
  plan: PlanEntry[];
  decisions: DecisionEntry[];
  /** Every episode has been played (or the run stopped on an error or the frame budget). */
  done: boolean;
  error: string | null;
  /** Steps computed for this batch and the worker time it took. */
  steps: number;
  computeMs: number;
}

export interface SessionInfo {
  session: number;
  world: WorldInfo;
  agent: string;
  options: Record<string, OptionValue>;
  seed: number;
  episodes: number;
  truth: Truth;
}

export type OpenResult = { ok: true; info: SessionInfo } | { ok: false; file: string; errors: string[] };

/** The code of each cell kind in the `Uint8Array` that `irreversibility` returns (its index here). */
export const CELL_KINDS: readonly CellKind[] = [
  'wall',
  'goal',
  'trap',
  'teleport',
  'dead-end',
  'no-return',
  'safe',
  'unreachable',
];

/** Typed arrays in a batch, for `Comlink.transfer` (they are fresh copies, so moving them is safe). */
export function batchTransferables(batch: FrameBatch): ArrayBuffer[] {
  const c = batch.columns;
  const out = [
    c.pos,
    c.action,
    c.reward,
    c.ret,
    c.events,
    c.signal,
    c.entropy,
    c.cueStart,
    c.cues,
    c.changeStart,
    c.changes,
  ].map((a) => a.buffer as ArrayBuffer);
  return out;
}
