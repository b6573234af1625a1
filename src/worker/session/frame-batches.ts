/**
 * Cutting a session's record into frame batches: the frames and belief entries not yet sent (what the
 * stream to the app carries), or a whole episode again (for a view that dropped it).
 */
import type { PlanEntry, TrackEncoder, TrackEntry } from './belief-tracks.ts';
import type { FrameColumns } from './frame-columns.ts';
import type { BatchPart, DecisionEntry, EpisodeMeta, FrameBatch } from './protocol.ts';
import { lastAtOrBefore } from './sorted-search.ts';

/** What a session has recorded so far (a `Session` is one). */
export interface SessionRecord {
  readonly id: number;
  readonly frames: FrameColumns;
  readonly episodes: readonly EpisodeMeta[];
  readonly trap: TrackEncoder;
  readonly posterior: TrackEncoder;
  readonly plan: readonly PlanEntry[];
  readonly decisions: readonly DecisionEntry[];
  readonly done: boolean;
  readonly error: string | null;
}

/** How far the stream to the app has got: counts of frames, episode ends and entries already sent. */
export interface SentSoFar {
  /** Global frames already sent. */
  sentFrames: number;
  /** Episodes whose summary was sent (episodes end in order). */
  ends: number;
  trap: number;
  posterior: number;
  plan: number;
  decisions: number;
}

export const NOTHING_SENT: Readonly<SentSoFar> = {
  sentFrames: 0,
  ends: 0,
  trap: 0,
  posterior: 0,
  plan: 0,
  decisions: 0,
};

/** Every frame, episode end and belief entry recorded since `sent`, and the new marks once it is sent. */
export function nextBatch(
  record: SessionRecord,
  sent: Readonly<SentSoFar>,
  steps: number,
  computeMs: number,
): { batch: FrameBatch; sent: SentSoFar } {
  const from = sent.sentFrames;
  const to = record.frames.length;
  const parts: BatchPart[] = [];
  let ends = sent.ends;
  const first = Math.min(
    sent.ends,
    Math.max(
      0,
      lastAtOrBefore(record.episodes, from, (m) => m.start),
    ),
  );
  for (let e = first; e < record.episodes.length; e++) {
    const m = record.episodes[e];
    const lo = Math.max(from, m.start);
    const hi = Math.min(to, m.start + m.count);
    const newEnd = m.end !== null && e >= sent.ends;
    if (hi <= lo && !newEnd) continue;
    if (m.end !== null) ends = e + 1;
    parts.push({
      episode: m.episode,
      start: m.start,
      truth: m.truth,
      from: Math.max(0, lo - m.start),
      count: Math.max(0, hi - lo),
      offset: Math.max(0, lo - from),
      end: m.end,
    });
  }
  const batch: FrameBatch = {
    session: record.id,
    parts,
    columns: record.frames.slice(from, to),
    trap: record.trap.entries.slice(sent.trap),
    posterior: record.posterior.entries.slice(sent.posterior),
    plan: record.plan.slice(sent.plan),
    decisions: record.decisions.slice(sent.decisions),
    done: record.done,
    error: record.error,
    steps,
    computeMs,
  };
  return {
    batch,
    sent: {
      sentFrames: to,
      ends,
      trap: record.trap.entries.length,
      posterior: record.posterior.entries.length,
      plan: record.plan.length,
      decisions: record.decisions.length,
    },
  };
}

/** Every frame and belief entry of one episode, for a view that dropped it. */
export function episodeBatch(record: SessionRecord, e: number): FrameBatch {
  const m = record.episodes[e];
  if (!m) throw new Error(`no episode ${e}`);
  const lo = m.start;
  const hi = m.start + m.count;
  const inRange = <T extends { frame: number }>(list: readonly T[]) =>
    list.filter((x) => x.frame >= lo && x.frame < hi);
  return {
    session: record.id,
    parts: [{ episode: e, start: m.start, truth: m.truth, from: 0, count: m.count, offset: 0, end: m.end }],
    columns: record.frames.slice(lo, hi),
    trap: inRange<TrackEntry>(record.trap.entries),
    posterior: inRange<TrackEntry>(record.posterior.entries),
    plan: inRange(record.plan),
    decisions: inRange(record.decisions),
    done: record.done,
    error: record.error,
    steps: 0,
    computeMs: 0,
  };
}
