/**
 * Belief tracks. Beliefs are not stored per frame: the agent's P(trap) map and posterior are float
 * vectors that change rarely and locally, so they are kept as tracks of entries written only when a value
 * changed, each entry either a keyframe (the whole vector) or a delta (changed indices and their values),
 * with a keyframe at every episode start and at least every `KEY_EVERY` entries. A 128×128 world whose
 * belief changes at one cell per step costs a few bytes per step instead of 64 KB. Plans are stored
 * whole, only when changed.
 */
import { lastAtOrBefore } from './sorted-search.ts';

/** A change of a float vector at a global frame: a keyframe (`index` null) or a delta. */
export interface TrackEntry {
  frame: number;
  index: Int32Array | null;
  values: Float32Array;
}

export interface PlanEntry {
  frame: number;
  cells: Int32Array;
}

export const KEY_EVERY = 32;

const frameOf = (entry: { frame: number }): number => entry.frame;

/** Writes a track: compares each new vector with the last one and records only what changed. */
export class TrackEncoder {
  private last: Float32Array | null = null;
  private sinceKey = 0;
  readonly entries: TrackEntry[] = [];
  constructor(readonly size: number) {}

  push(frame: number, values: ArrayLike<number>, forceKey: boolean): TrackEntry | null {
    const next = Float32Array.from(values as ArrayLike<number>);
    const last = this.last;
    let entry: TrackEntry | null = null;
    if (last === null || forceKey || this.sinceKey >= KEY_EVERY) {
      entry = { frame, index: null, values: next };
    } else {
      const changed: number[] = [];
      for (let i = 0; i < next.length; i++) {
        const a = next[i];
        const b = last[i];
        if (a !== b && !(a !== a && b !== b)) changed.push(i);
      }
      if (changed.length === 0) return null;
      if (changed.length * 4 > next.length) entry = { frame, index: null, values: next };
      else
        entry = {
          frame,
          index: Int32Array.from(changed),
          values: Float32Array.from(changed, (i) => next[i]),
        };
    }
    this.sinceKey = entry.index === null ? 0 : this.sinceKey + 1;
    this.last = next;
    this.entries.push(entry);
    return entry;
  }
}

/** Reads a track: the vector at any frame, stepping forward cheaply and back from the nearest keyframe. */
export class TrackDecoder {
  readonly entries: TrackEntry[] = [];
  private current: Float32Array | null = null;
  /** Index of the entry `current` reflects, or -1. */
  private at = -1;
  constructor(readonly size: number) {}

  add(entry: TrackEntry): void {
    this.entries.push(entry);
  }

  /** Index of the last entry at or before `frame` and not before `minFrame` (the episode's first frame); -1 if none. */
  entryAt(frame: number, minFrame = 0): number {
    const found = lastAtOrBefore(this.entries, frame, frameOf);
    return found >= 0 && this.entries[found].frame >= minFrame ? found : -1;
  }

  /** The vector in force at `frame` (shared buffer: copy it to keep it), or null. */
  valueAt(frame: number, minFrame = 0): Float32Array | null {
    const target = this.entryAt(frame, minFrame);
    if (target < 0) return null;
    if (target === this.at) return this.current;
    let i = this.at;
    if (target < this.at || this.at < 0) {
      i = target;
      while (this.entries[i].index !== null) i--;
      i--;
    }
    if (this.current === null) this.current = new Float32Array(this.size);
    for (let k = i + 1; k <= target; k++) {
      const entry = this.entries[k];
      if (entry.index === null) this.current.set(entry.values);
      else for (let j = 0; j < entry.index.length; j++) this.current[entry.index[j]] = entry.values[j];
    }
    this.at = target;
    return this.current;
  }

  bytes(): number {
    let b = 0;
    for (const e of this.entries) b += e.values.byteLength + (e.index?.byteLength ?? 0) + 32;
    return b;
  }
}

/** The plan in force at `frame` (not one from before `minFrame`, the episode's first frame), or null. */
export function planAt(entries: readonly PlanEntry[], frame: number, minFrame = 0): PlanEntry | null {
  const found = lastAtOrBefore(entries, frame, frameOf);
  return found >= 0 && entries[found].frame >= minFrame ? entries[found] : null;
}
