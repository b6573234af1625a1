/**
 * Sessions: the part of the simulator API the app's web worker serves. A session is one run (environment,
 * agent, options, seed, episodes, truth) played by the same loop as `runEpisode` in src/core/run.ts, step
 * by step so it can pause between batches, with every frame recorded so the app can scrub back and forth.
 *
 * Frame format. Frames are numbered across the whole session ("global" frame index); episode e owns
 * frames [start_e, start_e + count_e). Frame 0 of an episode is the state after reset; frame k is the
 * state after step k. Per-frame data is columnar (typed arrays, see `FrameColumns`), so a batch of frames
 * is a dozen typed arrays whatever its length, and a batch may span many short episodes (fast mode on a
 * world where a random agent dies in ten steps must not cost one message per episode).
 *
 * Beliefs are not stored per frame: the agent's P(trap) map and posterior are float vectors that change
 * rarely and locally, so they are kept as tracks of entries written only when a value changed, each entry
 * either a keyframe (the whole vector) or a delta (changed indices and their values), with a keyframe at
 * every episode start and at least every `KEY_EVERY` entries. A 128×128 world whose belief changes at one
 * cell per step costs a few bytes per step instead of 64 KB. Plans are stored whole, only when changed.
 */
import { transfer } from 'comlink';
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import type { Agent, AgentDefinition, BeliefView, OptionSpec, OptionValue } from '../core/agent.ts';
import { Episode, outcomeOf, type Observation, type Outcome } from '../core/episode.ts';
import { EnvLoadError, formatIssue, type EnvIssue } from '../core/errors.ts';
import { ACTIONS, type Action } from '../core/format.ts';
import { hashTrajectory } from '../core/hash.ts';
import { loadEnvironmentText } from '../core/load.ts';
import { requireStart } from '../core/validate.ts';
import { createStream, type Rng } from '../core/rng.ts';
import type { EnvSpec } from '../core/spec.ts';
import { checkTruth, truthKey, type Truth } from '../core/truth.ts';
import { ACTION_CODE, compileTiles, compileWorld } from '../core/world.ts';
import { analyseIrreversibility, type CellKind } from '../plan/irreversibility.ts';

// ---------------------------------------------------------------------------------------------------
// Catalog and world descriptions (what the controls and the renderer need to know about a world)

export interface Catalog {
  environments: { name: string; title: string; description: string; width: number; height: number }[];
  agents: {
    name: string;
    title: string;
    description: string;
    options: OptionSpec[];
    needsTruth: boolean;
  }[];
}

export function buildCatalog(): Catalog {
  return {
    environments: environments.all().map((e) => ({
      name: e.name,
      title: e.title,
      description: e.description,
      width: e.width,
      height: e.height,
    })),
    agents: agents.all().map((a) => ({
      name: a.name,
      title: a.title,
      description: a.description,
      options: a.options.map((o) => ({ ...o })),
      needsTruth: a.needsTruth === true,
    })),
  };
}

/** A world to run: a built-in by name, or the text of a `.json` file (parsed by the loader, never run). */
export type WorldRef = { builtin: string } | { text: string; source: string };

export interface TileInfo {
  name: string;
  look: string;
  effect: 'pass' | 'death' | 'stuck' | 'goal' | 'teleport';
  walkable: boolean;
  oneWay: string | null;
  pokeSignal: string;
  nearSignal: string | null;
  description: string;
}

export interface UnknownInfo {
  id: string;
  scope: 'each' | 'all';
  prior: { tile: string; p: number }[];
  cells: number[];
  look: string;
  description: string;
}

/** One factor of the posterior vector: a truth key (`id` or `id@x,y`) and its variants' slots. */
export interface PosteriorKey {
  key: string;
  unknown: number;
  cells: number[];
  variants: string[];
  /** Index of the first variant in the posterior vector. */
  offset: number;
}

export interface WorldInfo {
  name: string;
  title: string;
  description: string;
  source: string;
  /** For a world loaded from a file: its text, so other workers and exported records can reload it. */
  text: string | null;
  width: number;
  height: number;
  looks: string[];
  /** Index into `looks` per cell (what the agent sees). */
  cellLook: Uint16Array;
  /** Index into `tiles` per known cell, -1 for an unknown cell. */
  cellTile: Int16Array;
  /** Index into `unknowns` per unknown cell, -1 for a known cell. */
  cellUnknown: Int16Array;
  tiles: TileInfo[];
  unknowns: UnknownInfo[];
  keys: PosteriorKey[];
  /** Length of the posterior vector (all variants of all keys). */
  variantCount: number;
  /** Signal id → name (id 0 is "no signal"), as the engine numbers them. */
  signals: string[];
  start: number;
  actions: Action[];
  maxSteps: number;
  gamma: number;
  rewards: { step: number; goal: number; death: number; bump: number };
}

export type WorldResult = { ok: true; world: WorldInfo } | { ok: false; file: string; errors: string[] };

export function resolveWorld(ref: WorldRef): EnvSpec {
  if ('builtin' in ref) {
    const env = environments.get(ref.builtin);
    if (!env)
      throw new EnvLoadError(ref.builtin, [{ path: '', message: `no built-in world "${ref.builtin}"` }]);
    return env;
  }
  return loadEnvironmentText(ref.text, ref.source);
}

export function describeSpec(env: EnvSpec, text: string | null): WorldInfo {
  const tiles = [...env.tiles.values()];
  const tileIndex = new Map(tiles.map((t, i) => [t.name, i]));
  const looks: string[] = [];
  const lookIndex = (look: string): number => {
    let i = looks.indexOf(look);
    if (i < 0) i = looks.push(look) - 1;
    return i;
  };
  const n = env.width * env.height;
  const cellLook = new Uint16Array(n);
  const cellTile = new Int16Array(n).fill(-1);
  const cellUnknown = new Int16Array(n).fill(-1);
  for (let c = 0; c < n; c++) {
    const cell = env.cells[c];
    if (cell.tile !== null) {
      cellTile[c] = tileIndex.get(cell.tile)!;
      cellLook[c] = lookIndex(env.tiles.get(cell.tile)!.look);
    } else {
      const u = env.unknowns.findIndex((v) => v.id === cell.unknown);
      cellUnknown[c] = u;
      cellLook[c] = lookIndex(env.unknowns[u].look);
    }
  }
  const keys: PosteriorKey[] = [];
  let offset = 0;
  env.unknowns.forEach((u, ui) => {
    const groups = u.scope === 'all' ? [u.cells] : u.cells.map((c) => [c]);
    for (const cells of groups) {
      if (cells.length === 0) continue;
      const variants = u.prior.map((v) => v.tile);
      keys.push({ key: truthKey(env, u, cells[0]), unknown: ui, cells, variants, offset });
      offset += variants.length;
    }
  });
  return {
    name: env.name,
    title: env.title,
    description: env.description,
    source: env.source,
    text,
    width: env.width,
    height: env.height,
    looks,
    cellLook,
    cellTile,
    cellUnknown,
    tiles: tiles.map((t) => ({
      name: t.name,
      look: t.look,
      effect: t.enter.effect,
      walkable: t.walkable,
      oneWay: t.oneWay,
      pokeSignal: t.poke.signal,
      nearSignal: t.near?.signal ?? null,
      description: t.description,
    })),
    unknowns: env.unknowns.map((u) => ({
      id: u.id,
      scope: u.scope,
      prior: u.prior.map((v) => ({ ...v })),
      cells: [...u.cells],
      look: u.look,
      description: u.description,
    })),
    keys,
    variantCount: offset,
    signals: compileTiles(env).signals,
    start: env.start ?? -1,
    actions: [...env.actions],
    maxSteps: env.maxSteps,
    gamma: env.gamma,
    rewards: { ...env.rewards },
  };
}

function loadErrors(e: unknown, fallbackFile: string): { file: string; errors: string[] } {
  if (e instanceof EnvLoadError)
    return { file: e.file, errors: e.issues.map((i: EnvIssue) => formatIssue(e.file, i)) };
  return { file: fallbackFile, errors: [e instanceof Error ? e.message : String(e)] };
}

export function describeWorld(ref: WorldRef): WorldResult {
  try {
    const env = resolveWorld(ref);
    requireStart(env);
    return { ok: true, world: describeSpec(env, 'text' in ref ? ref.text : null) };
  } catch (e) {
    return { ok: false, ...loadErrors(e, 'builtin' in ref ? ref.builtin : ref.source) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Columnar frame storage (the worker's record and the app's copy of it use the same class)

/** Per-frame columns. `cueStart[i]` indexes `cues` (length frames + 1); a cue is `signalId * 4 + dir`. */
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
  }

  /** Adds a cue to the last frame pushed. */
  pushCue(code: number): void {
    this.cues = grow(this.cues, this.cueLength + 1);
    this.cues[this.cueLength++] = code;
    this.cueStart[this.length] = this.cueLength;
  }

  /** A copy of frames [from, to) with cue offsets rebased to 0. */
  slice(from: number, to: number): FrameColumnsData {
    const c0 = this.cueStart[from];
    const cueStart = this.cueStart.slice(from, to + 1);
    for (let i = 0; i < cueStart.length; i++) cueStart[i] -= c0;
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
      this.cues.byteLength
    );
  }
}

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
    const e = this.entries;
    let lo = 0;
    let hi = e.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (e[mid].frame <= frame) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && e[found].frame >= minFrame ? found : -1;
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

export function planAt(entries: readonly PlanEntry[], frame: number, minFrame = 0): PlanEntry | null {
  let lo = 0;
  let hi = entries.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].frame <= frame) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && entries[found].frame >= minFrame ? entries[found] : null;
}

// ---------------------------------------------------------------------------------------------------
// Sessions

export interface SessionConfig {
  world: WorldRef;
  agent: string;
  options: Record<string, OptionValue>;
  seed: number;
  episodes: number;
  /** Fixed part of every episode's truth; the rest is drawn from the priors. */
  truth: Truth;
}

export interface EpisodeSummary {
  episode: number;
  outcome: Outcome;
  return: number;
  discountedReturn: number;
  performance: number;
  steps: number;
  pokes: number;
  /** Deaths in the run so far, this episode included. */
  deaths: number;
  /** `hashTrajectory` of the episode: the same as `runAgent(…, { trace: true })` gives. */
  hash: string;
}

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

export interface FrameBatch {
  session: number;
  parts: BatchPart[];
  columns: FrameColumnsData;
  trap: TrackEntry[];
  posterior: TrackEntry[];
  plan: PlanEntry[];
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

/** Frames a session records at most (about 45 bytes each, on each side of the worker boundary). */
export const FRAME_BUDGET = 2_000_000;

interface Pending {
  /** Global frames already sent. */
  sentFrames: number;
  /** Episodes whose summary was sent (episodes end in order). */
  ends: number;
  trap: number;
  posterior: number;
  plan: number;
}

export class Session {
  readonly id: number;
  readonly env: EnvSpec;
  readonly info: SessionInfo;
  readonly frames = new FrameColumns();
  readonly episodes: EpisodeMeta[] = [];
  readonly trap: TrackEncoder;
  readonly posterior: TrackEncoder;
  readonly plan: PlanEntry[] = [];
  private readonly definition: AgentDefinition;
  private agent: Agent | null = null;
  private readonly agentRng: Rng;
  private readonly signalIds: Map<string, number>;
  private readonly posteriorVector: Float64Array;
  private episode: Episode | null = null;
  private obs: Observation | null = null;
  private acc = { ret: 0, disc: 0, discount: 1, hidden: 0, pokes: 0, deaths: 0 };
  private lastPlan: number[] | null = null;
  private sent: Pending = { sentFrames: 0, ends: 0, trap: 0, posterior: 0, plan: 0 };
  done = false;
  error: string | null = null;
  computeMs = 0;
  steps = 0;

  constructor(id: number, env: EnvSpec, config: SessionConfig, text: string | null) {
    const definition = agents.get(config.agent);
    if (!definition)
      throw new Error(`unknown agent "${config.agent}" (agents: ${agents.names().join(', ')})`);
    if (!Number.isSafeInteger(config.seed)) throw new Error(`seed must be an integer, got ${config.seed}`);
    if (!Number.isInteger(config.episodes) || config.episodes < 1)
      throw new Error(`episodes must be a positive integer, got ${config.episodes}`);
    this.id = id;
    this.env = env;
    this.definition = definition;
    const truth = checkTruth(env, config.truth);
    const world = describeSpec(env, text);
    this.info = {
      session: id,
      world,
      agent: definition.name,
      options: { ...config.options },
      seed: config.seed,
      episodes: config.episodes,
      truth,
    };
    this.signalIds = new Map(world.signals.map((s, i) => [s, i]));
    this.trap = new TrackEncoder(world.width * world.height);
    this.posterior = new TrackEncoder(world.variantCount);
    this.posteriorVector = new Float64Array(world.variantCount);
    this.agentRng = createStream(config.seed, 'agent');
    // Same order as runAgent: the agent is created once per run and keeps its memory across episodes.
    this.agent = definition.create(env, this.info.options);
  }

  private get currentMeta(): EpisodeMeta {
    return this.episodes[this.episodes.length - 1];
  }

  private beginEpisode(): void {
    const e = this.episodes.length;
    const episode = new Episode(this.env);
    const { observation, info } = episode.reset(this.info.seed, { episode: e, truth: this.info.truth });
    this.episode = episode;
    this.obs = observation;
    this.acc = { ret: 0, disc: 0, discount: 1, hidden: 0, pokes: 0, deaths: this.acc.deaths };
    this.episodes.push({ episode: e, start: this.frames.length, count: 0, truth: info.truth, end: null });
    this.agent!.reset({
      env: this.env,
      rng: this.agentRng,
      episode: e,
      observation,
      ...(this.definition.needsTruth === true ? { truth: info.truth } : {}),
    });
    this.record(-1, 0, observation, true);
  }

  /** Records the frame after an action (or after reset) and the agent's belief view at that moment. */
  private record(action: number, reward: number, obs: Observation, first: boolean): void {
    const s = this.episode!.engineState;
    const frame = this.frames.length;
    const view: BeliefView | undefined = this.agent!.belief?.();
    let entropy = NaN;
    if (view?.posterior) {
      entropy = this.fillPosterior(view.posterior);
      this.posterior.push(frame, this.posteriorVector, first);
    }
    if (view?.trapProbability) this.trap.push(frame, view.trapProbability, first);
    if (view?.plan) {
      const plan = view.plan;
      const last = this.lastPlan;
      if (first || last === null || last.length !== plan.length || plan.some((c, i) => c !== last[i])) {
        this.plan.push({ frame, cells: Int32Array.from(plan) });
        this.lastPlan = plan.slice();
      }
    }
    this.frames.push(
      s.pos,
      action,
      reward,
      this.acc.ret,
      first ? 0 : s.events,
      first ? 0 : s.signal,
      entropy,
    );
    for (const cue of obs.cues) {
      let id = this.signalIds.get(cue.signal);
      if (id === undefined) {
        id = this.info.world.signals.push(cue.signal) - 1;
        this.signalIds.set(cue.signal, id);
      }
      this.frames.pushCue(id * 4 + 'NESW'.indexOf(cue.dir));
    }
    this.currentMeta.count++;
  }

  /** Copies a posterior record into the fixed layout; returns its entropy in bits. */
  private fillPosterior(posterior: Record<string, Record<string, number>>): number {
    const v = this.posteriorVector;
    let h = 0;
    for (const k of this.info.world.keys) {
      const rec = posterior[k.key];
      for (let i = 0; i < k.variants.length; i++) {
        const p = rec ? (rec[k.variants[i]] ?? NaN) : NaN;
        v[k.offset + i] = p;
        if (p > 0) h -= p * Math.log2(p);
      }
    }
    return h;
  }

  private endEpisode(): void {
    const state = this.episode!.engineState;
    const outcome: Outcome = outcomeOf(state) ?? (state.stuck ? 'stuck' : 'truncated');
    const meta = this.currentMeta;
    const deaths = this.acc.deaths + (outcome === 'death' ? 1 : 0);
    this.acc.deaths = deaths;
    meta.end = {
      episode: meta.episode,
      outcome,
      return: this.acc.ret,
      discountedReturn: this.acc.disc,
      performance: this.acc.ret + this.acc.hidden,
      steps: state.steps,
      pokes: this.acc.pokes,
      deaths,
      hash: hashTrajectory(this.trajectory(meta.episode)),
    };
    this.episode = null;
    this.obs = null;
    if (this.episodes.length >= this.info.episodes) this.done = true;
  }

  /** One step of the loop in runEpisode; returns false when the episode ended. */
  private stepOnce(): boolean {
    const agent = this.agent!;
    const episode = this.episode!;
    const action = agent.act(this.obs!);
    if (action === null) return false;
    const r = episode.step(action);
    const a = this.acc;
    a.ret += r.reward;
    a.disc += a.discount * r.reward;
    a.discount *= this.env.gamma;
    a.hidden += r.info.hiddenReward;
    if (action.startsWith('poke')) a.pokes++;
    agent.observe({
      action,
      observation: r.observation,
      reward: r.reward,
      terminated: r.terminated,
      truncated: r.truncated,
    });
    this.steps++;
    this.record(ACTION_CODE[action], r.reward, r.observation, false);
    this.obs = r.observation;
    return !(r.terminated || r.truncated);
  }

  /**
   * Plays on until `maxSteps` steps were taken or `maxMs` passed (checked every few steps), then returns
   * every frame not yet sent.
   */
  advance(maxSteps: number, maxMs: number, now: () => number): FrameBatch {
    const t0 = now();
    let taken = 0;
    try {
      while (!this.done && taken < maxSteps) {
        if (this.frames.length >= FRAME_BUDGET) {
          this.done = true;
          this.error = `stopped after ${FRAME_BUDGET.toLocaleString('en')} frames (the recording budget)`;
          break;
        }
        if (this.episode === null) this.beginEpisode();
        const more = this.stepOnce();
        taken++;
        if (!more) this.endEpisode();
        if ((taken & 63) === 0 && now() - t0 >= maxMs) break;
      }
    } catch (e) {
      this.done = true;
      this.error = e instanceof Error ? e.message : String(e);
      if (this.episode !== null && this.currentMeta.count > 0) this.episode = null;
    }
    const ms = now() - t0;
    this.computeMs += ms;
    return this.takeBatch(taken, ms);
  }

  private takeBatch(steps: number, computeMs: number): FrameBatch {
    const from = this.sent.sentFrames;
    const to = this.frames.length;
    const parts: BatchPart[] = [];
    let ends = this.sent.ends;
    const first = Math.min(this.sent.ends, Math.max(0, this.episodeOfFrame(from)));
    for (let e = first; e < this.episodes.length; e++) {
      const m = this.episodes[e];
      const lo = Math.max(from, m.start);
      const hi = Math.min(to, m.start + m.count);
      const newEnd = m.end !== null && e >= this.sent.ends;
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
      session: this.id,
      parts,
      columns: this.frames.slice(from, to),
      trap: this.trap.entries.slice(this.sent.trap),
      posterior: this.posterior.entries.slice(this.sent.posterior),
      plan: this.plan.slice(this.sent.plan),
      done: this.done,
      error: this.error,
      steps,
      computeMs,
    };
    this.sent = {
      sentFrames: to,
      ends,
      trap: this.trap.entries.length,
      posterior: this.posterior.entries.length,
      plan: this.plan.length,
    };
    return batch;
  }

  private episodeOfFrame(frame: number): number {
    let lo = 0;
    let hi = this.episodes.length - 1;
    let found = this.episodes.length > 0 ? 0 : -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.episodes[mid].start <= frame) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The episode's trajectory in `EpisodeTrace` form (what `hashTrajectory` and exports use). */
  trajectory(e: number): { actions: Action[]; positions: number[]; rewards: number[] } {
    const m = this.episodes[e];
    const f = this.frames;
    const actions: Action[] = [];
    const positions: number[] = [f.pos[m.start]];
    const rewards: number[] = [];
    for (let i = m.start + 1; i < m.start + m.count; i++) {
      actions.push(ACTION_NAMES[f.action[i]]);
      positions.push(f.pos[i]);
      rewards.push(f.reward[i]);
    }
    return { actions, positions, rewards };
  }

  /** Every frame and belief entry of one episode, for a view that dropped it. */
  episodeBatch(e: number): FrameBatch {
    const m = this.episodes[e];
    if (!m) throw new Error(`no episode ${e}`);
    const lo = m.start;
    const hi = m.start + m.count;
    const inRange = <T extends { frame: number }>(list: T[]) =>
      list.filter((x) => x.frame >= lo && x.frame < hi);
    return {
      session: this.id,
      parts: [{ episode: e, start: m.start, truth: m.truth, from: 0, count: m.count, offset: 0, end: m.end }],
      columns: this.frames.slice(lo, hi),
      trap: inRange(this.trap.entries),
      posterior: inRange(this.posterior.entries),
      plan: inRange(this.plan),
      done: this.done,
      error: this.error,
      steps: 0,
      computeMs: 0,
    };
  }

  /** Points of no return in episode e's true world (src/plan/irreversibility.ts), as kind codes per cell. */
  irreversibility(e: number): Uint8Array {
    const m = this.episodes[e];
    if (!m) throw new Error(`no episode ${e}`);
    const { kinds } = analyseIrreversibility(compileWorld(this.env, m.truth));
    return Uint8Array.from(kinds, (k) => CELL_KINDS.indexOf(k));
  }
}

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

const ACTION_NAMES: readonly Action[] = ACTIONS;

// ---------------------------------------------------------------------------------------------------
// The API object (merged into simulatorApi; every method takes and returns structured-cloneable data)

const sessions = new Map<number, Session>();
let nextSession = 1;
const now = (): number => performance.now();

export function openSession(config: SessionConfig): OpenResult {
  let env: EnvSpec;
  try {
    env = resolveWorld(config.world);
  } catch (e) {
    return {
      ok: false,
      ...loadErrors(e, 'builtin' in config.world ? config.world.builtin : config.world.source),
    };
  }
  try {
    const id = nextSession++;
    const session = new Session(id, env, config, 'text' in config.world ? config.world.text : null);
    sessions.set(id, session);
    return { ok: true, info: session.info };
  } catch (e) {
    return { ok: false, ...loadErrors(e, env.source) };
  }
}

function getSession(id: number): Session {
  const s = sessions.get(id);
  if (!s) throw new Error(`no session ${id}`);
  return s;
}

export const sessionApi = {
  catalog(): Catalog {
    return buildCatalog();
  },
  describeWorld(ref: WorldRef): WorldResult {
    return describeWorld(ref);
  },
  openSession(config: SessionConfig): OpenResult {
    return openSession(config);
  },
  /** Plays on for up to `maxSteps` steps or about `maxMs` milliseconds and returns the new frames. */
  advanceSession(id: number, maxSteps: number, maxMs: number): FrameBatch {
    const batch = getSession(id).advance(maxSteps, maxMs, now);
    return transfer(batch, batchTransferables(batch));
  },
  episodeFrames(id: number, episode: number): FrameBatch {
    return getSession(id).episodeBatch(episode);
  },
  irreversibility(id: number, episode: number): Uint8Array {
    return getSession(id).irreversibility(episode);
  },
  trajectories(id: number): { actions: Action[]; positions: number[]; rewards: number[] }[] {
    const s = getSession(id);
    return s.episodes.filter((m) => m.end !== null).map((m) => s.trajectory(m.episode));
  },
  closeSession(id: number): void {
    sessions.delete(id);
  },
};

/** Typed arrays in a batch, for `Comlink.transfer` (they are fresh copies, so moving them is safe). */
export function batchTransferables(batch: FrameBatch): ArrayBuffer[] {
  const c = batch.columns;
  const out = [c.pos, c.action, c.reward, c.ret, c.events, c.signal, c.entropy, c.cueStart, c.cues].map(
    (a) => a.buffer as ArrayBuffer,
  );
  return out;
}
