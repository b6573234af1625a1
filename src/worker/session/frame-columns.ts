/**
 * Columnar frame storage: the worker's record of a session and the app's copy of it use the same class.
 * Per-frame data is a dozen typed arrays (see `FrameColumnsData`), so a batch of frames costs the same
 * few arrays whatever its length, and appending one frame is a handful of array writes.
 */

/**
 * Per-frame columns. `cueStart[i]` indexes `cues` (length frames + 1); a cue is `signalId * 4 + dir`.
 * `changeStart[i]` indexes `changes` the same way: the cells the step into frame i changed (format 1.1
 * `set`), two entries each, the cell and the index of its new look in the world's `looks`.
 */
export interface FrameColumnsData {
  pos: Int32Array;
  /** Action code (ACTIONS index) that led to the frame; -1 for an episode's first frame. */
  action: Int8Array;
  reward: Float64Array;
  /** Return so far in the episode. */
  ret: Float64Array;
  /** EV bits of src/core/step.ts. */
  events: Uint16Array;
  /** Signal id heard after the action (0: none). */
  signal: Int16Array;
  /** Posterior entropy in bits (NaN when the agent shows no posterior). */
  entropy: Float32Array;
  cueStart: Uint32Array;
  cues: Uint16Array;
  changeStart: Uint32Array;
  changes: Int32Array;
}

type Ctor<T> = { new (n: number): T };

function grow<
  T extends Int32Array | Int8Array | Float64Array | Uint16Array | Int16Array | Float32Array | Uint32Array,
>(a: T, need: number): T {
  if (need <= a.length) return a;
  let size = Math.max(16, a.length * 2);
  while (size < need) size *= 2;
  const b = new (a.constructor as Ctor<T>)(size);
  b.set(a);
  return b;
}

export class FrameColumns {
  length = 0;
  cueLength = 0;
  pos = new Int32Array(64);
  action = new Int8Array(64);
  reward = new Float64Array(64);
  ret = new Float64Array(64);
  events = new Uint16Array(64);
  signal = new Int16Array(64);
  entropy = new Float32Array(64);
  /** Start of each frame's cues; `cueStart[length]` is `cueLength`. */
  cueStart = new Uint32Array(65);
  cues = new Uint16Array(64);
  changeLength = 0;
  changeStart = new Uint32Array(65);
  changes = new Int32Array(16);

  private reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.pos.length) return;
    this.pos = grow(this.pos, need);
    this.action = grow(this.action, need);
    this.reward = grow(this.reward, need);
    this.ret = grow(this.ret, need);
    this.events = grow(this.events, need);
    this.signal = grow(this.signal, need);
    this.entropy = grow(this.entropy, need);
    this.cueStart = grow(this.cueStart, this.pos.length + 1);
    this.changeStart = grow(this.changeStart, this.pos.length + 1);
  }

  push(
    pos: number,
    action: number,
    reward: number,
    ret: number,
    events: number,
    signal: number,
    entropy: number,
  ): void {
    this.reserve(1);
    const i = this.length++;
    this.pos[i] = pos;
    this.action[i] = action;
    this.reward[i] = reward;
    this.ret[i] = ret;
    this.events[i] = events;
    this.signal[i] = signal;
    this.entropy[i] = entropy;
    this.cueStart[i + 1] = this.cueLength;
    this.changeStart[i + 1] = this.changeLength;
  }

  /** Adds a cue to the last frame pushed. */
  pushCue(code: number): void {
    this.cues = grow(this.cues, this.cueLength + 1);
    this.cues[this.cueLength++] = code;
    this.cueStart[this.length] = this.cueLength;
  }

  /** Adds a changed cell to the last frame pushed. */
  pushChange(cell: number, look: number): void {
    this.changes = grow(this.changes, this.changeLength + 2);
    this.changes[this.changeLength++] = cell;
    this.changes[this.changeLength++] = look;
    this.changeStart[this.length] = this.changeLength;
  }

  /**
   * The trajectory of the episode stored in frames `start` to `start + count − 1`, in `EpisodeTrace`
   * form with action codes (ACTIONS indices): the first frame gives only the start position.
   */
  trajectory(start: number, count: number): { actions: number[]; positions: number[]; rewards: number[] } {
    const actions: number[] = [];
    const positions: number[] = [this.pos[start]];
    const rewards: number[] = [];
    for (let i = start + 1; i < start + count; i++) {
      actions.push(this.action[i]);
      positions.push(this.pos[i]);
      rewards.push(this.reward[i]);
    }
    return { actions, positions, rewards };
  }

  /** A copy of frames [from, to) with cue and change offsets rebased to 0. */
  slice(from: number, to: number): FrameColumnsData {
    const c0 = this.cueStart[from];
    const cueStart = this.cueStart.slice(from, to + 1);
    for (let i = 0; i < cueStart.length; i++) cueStart[i] -= c0;
    const h0 = this.changeStart[from];
    const changeStart = this.changeStart.slice(from, to + 1);
    for (let i = 0; i < changeStart.length; i++) changeStart[i] -= h0;
    return {
      pos: this.pos.slice(from, to),
      action: this.action.slice(from, to),
      reward: this.reward.slice(from, to),
      ret: this.ret.slice(from, to),
      events: this.events.slice(from, to),
      signal: this.signal.slice(from, to),
      entropy: this.entropy.slice(from, to),
      cueStart,
      cues: this.cues.slice(c0, this.cueStart[to]),
      changeStart,
      changes: this.changes.slice(h0, this.changeStart[to]),
    };
  }

  /** Appends frames sliced elsewhere (the app's side of the stream). */
  append(d: FrameColumnsData): void {
    const n = d.pos.length;
    this.reserve(n);
    const at = this.length;
    this.pos.set(d.pos, at);
    this.action.set(d.action, at);
    this.reward.set(d.reward, at);
    this.ret.set(d.ret, at);
    this.events.set(d.events, at);
    this.signal.set(d.signal, at);
    this.entropy.set(d.entropy, at);
    this.cues = grow(this.cues, this.cueLength + d.cues.length);
    this.cues.set(d.cues, this.cueLength);
    for (let i = 1; i <= n; i++) this.cueStart[at + i] = this.cueLength + d.cueStart[i];
    this.cueLength += d.cues.length;
    this.changes = grow(this.changes, this.changeLength + d.changes.length);
    this.changes.set(d.changes, this.changeLength);
    for (let i = 1; i <= n; i++) this.changeStart[at + i] = this.changeLength + d.changeStart[i];
    this.changeLength += d.changes.length;
    this.length += n;
  }

  /** Bytes held (capacity), for the memory readout. */
  bytes(): number {
    return (
      this.pos.byteLength +
      this.action.byteLength +
      this.reward.byteLength +
      this.ret.byteLength +
      this.events.byteLength +
      this.signal.byteLength +
      this.entropy.byteLength +
      this.cueStart.byteLength +
      this.cues.byteLength +
      this.changeStart.byteLength +
      this.changes.byteLength
    );
  }
}
