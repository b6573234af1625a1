/**
 * The app's copy of one session's record, filled from the worker's frame batches. Same columnar layout
 * as the worker's own record (`FrameColumns`, belief tracks), so scrubbing anywhere is an array lookup
 * and a few delta applications, never a message to the worker.
 */
import { EV } from '../core/step.ts';
import { planAt, TrackDecoder, type PlanEntry } from '../worker/session/belief-tracks.ts';
import { FrameColumns } from '../worker/session/frame-columns.ts';
import type { DecisionEntry, EpisodeMeta, FrameBatch, SessionInfo } from '../worker/session/protocol.ts';
import { lastAtOrBefore } from '../worker/session/sorted-search.ts';

export interface RunStats {
  batches: number;
  steps: number;
  /** Worker time spent computing the batches. */
  computeMs: number;
  /** Wall-clock times (performance.now) of opening the session, the first batch and the last one. */
  openedAt: number;
  firstBatchAt: number;
  doneAt: number;
}

export class RunStore {
  readonly info: SessionInfo;
  readonly frames = new FrameColumns();
  readonly episodes: EpisodeMeta[] = [];
  readonly trap: TrackDecoder;
  readonly posterior: TrackDecoder;
  readonly plan: PlanEntry[] = [];
  /** The agent's decision views ("why"), each from the frame it was first shown. */
  readonly decisions: DecisionEntry[] = [];
  done = false;
  error: string | null = null;
  readonly stats: RunStats;

  constructor(info: SessionInfo, openedAt = 0) {
    this.info = info;
    this.trap = new TrackDecoder(info.world.width * info.world.height);
    this.posterior = new TrackDecoder(info.world.variantCount);
    this.stats = { batches: 0, steps: 0, computeMs: 0, openedAt, firstBatchAt: NaN, doneAt: NaN };
  }

  apply(batch: FrameBatch, at = 0): void {
    const first = batch.parts.find((p) => p.count > 0);
    if (first && first.start + first.from !== this.frames.length)
      throw new Error(
        `frame batch out of order: expected frame ${this.frames.length}, got ${first.start + first.from}`,
      );
    this.frames.append(batch.columns);
    for (const part of batch.parts) {
      let meta = this.episodes[part.episode];
      if (!meta) {
        meta = { episode: part.episode, start: part.start, count: 0, truth: part.truth, end: null };
        this.episodes[part.episode] = meta;
      }
      meta.count = Math.max(meta.count, part.from + part.count);
      if (part.end) meta.end = part.end;
    }
    for (const e of batch.trap) this.trap.add(e);
    for (const e of batch.posterior) this.posterior.add(e);
    for (const e of batch.plan) this.plan.push(e);
    for (const e of batch.decisions ?? []) this.decisions.push(e);
    this.done = batch.done;
    this.error = batch.error;
    const s = this.stats;
    s.batches++;
    s.steps += batch.steps;
    s.computeMs += batch.computeMs;
    if (Number.isNaN(s.firstBatchAt)) s.firstBatchAt = at;
    if (batch.done) s.doneAt = at;
  }

  /** Frames recorded for episode e, and whether the episode is over. */
  availability(e: number): { count: number; complete: boolean } {
    const m = this.episodes[e];
    if (!m) return { count: 0, complete: this.done };
    return { count: m.count, complete: m.end !== null || (this.done && this.episodes.length - 1 === e) };
  }

  /** Global index of the frame shown at `step` of episode e (the last frame once the episode is over), or -1. */
  frameAt(e: number, step: number): number {
    const m = this.episodes[e];
    if (!m || m.count === 0) return -1;
    const { complete } = this.availability(e);
    if (step >= m.count) return complete ? m.start + m.count - 1 : -1;
    return m.start + step;
  }

  /** The latest episode with at least one frame. */
  lastEpisode(): number {
    return this.episodes.length - 1;
  }

  deathsBefore(e: number): number {
    for (let k = e - 1; k >= 0; k--) {
      const end = this.episodes[k]?.end;
      if (end) return end.deaths;
    }
    return 0;
  }

  /** Pokes, deaths and stuck events of episode e up to global frame `frame`. */
  countEvents(e: number, frame: number): { pokes: number; deaths: number; stuck: number } {
    const m = this.episodes[e];
    let pokes = 0;
    let deaths = 0;
    let stuck = 0;
    if (!m) return { pokes, deaths, stuck };
    const ev = this.frames.events;
    for (let i = m.start + 1; i <= frame; i++) {
      const b = ev[i];
      if (b & EV.poke) pokes++;
      if (b & EV.death) deaths++;
      if (b & EV.stuck) stuck++;
    }
    return { pokes, deaths, stuck };
  }

  planAt(frame: number, minFrame: number): PlanEntry | null {
    return planAt(this.plan, frame, minFrame);
  }

  /** The decision in force at `frame` (not one from before `minFrame`, the episode's first frame), or null. */
  decisionAt(frame: number, minFrame: number): DecisionEntry | null {
    const i = lastAtOrBefore(this.decisions, frame, (d) => d.frame);
    return i >= 0 && this.decisions[i].frame >= minFrame ? this.decisions[i] : null;
  }

  /** The episode that global frame `frame` belongs to, or null. */
  episodeOf(frame: number): EpisodeMeta | null {
    const i = lastAtOrBefore(this.episodes, frame, (m) => m.start);
    const m = i >= 0 ? this.episodes[i] : undefined;
    return m && frame < m.start + m.count ? m : null;
  }

  /** Finished episodes' trajectories in the `EpisodeTrace` shape (for exports and hashes). */
  trajectory(e: number): { actions: number[]; positions: number[]; rewards: number[] } {
    const m = this.episodes[e];
    return this.frames.trajectory(m.start, m.count);
  }

  bytes(): number {
    return this.frames.bytes() + this.trap.bytes() + this.posterior.bytes();
  }
}
