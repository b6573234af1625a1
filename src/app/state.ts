/**
 * The app's UI state: what to run (world, agents and their options, seed, episodes, truth), how to show
 * it (overlays, speed) and where playback is. Kept in immer; edits people may regret (the run
 * configuration and the overlays) are recorded as patches so Ctrl+Z / Ctrl+Shift+Z can undo and redo
 * them, while playback moves (dozens a second) are not.
 */
import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer';
import type { OptionValue } from '../core/agent.ts';

enablePatches();

export type WorldChoice =
  | { kind: 'builtin'; name: string }
  /** A world loaded from a file: its text is kept so a run can be restarted, exported and undone. */
  | { kind: 'file'; name: string; source: string; text: string };

export interface PaneConfig {
  agent: string;
  /** Every option of the agent (defaults filled in). */
  options: Record<string, OptionValue>;
}

export interface RunConfig {
  world: WorldChoice;
  panes: PaneConfig[];
  seed: number;
  episodes: number;
  /** Fixed truth entries (canonical keys: `id` for scope all, `id@x,y` per cell); the rest is drawn. */
  truth: Record<string, string>;
}

export const OVERLAYS = ['heat', 'bars', 'plan', 'trail', 'noReturn', 'truth', 'values'] as const;
export type Overlay = (typeof OVERLAYS)[number];
export type Overlays = Record<Overlay, boolean>;

export const DEFAULT_OVERLAYS: Overlays = {
  heat: true,
  bars: true,
  plan: true,
  trail: true,
  noReturn: false,
  truth: false,
  values: false,
};

/** Steps per second; `Infinity` is "as fast as possible". */
export const SPEEDS = [0.5, 1, 2, 5, 10, 20, 50, 100, 250, 1000, Infinity] as const;
export const DEFAULT_SPEED = 5;

export interface Cursor {
  episode: number;
  /** Frame within the episode: 0 is the start, k is after step k. */
  step: number;
}

export interface AppState {
  config: RunConfig;
  overlays: Overlays;
  speed: number;
  playing: boolean;
  cursor: Cursor;
}

export const MAX_PANES = 4;
/** Seeds are integers in [0, 2^32), as on the command line (`--seed`). */
export const MAX_SEED = 2 ** 32 - 1;

export function isSeed(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= MAX_SEED;
}
export const MAX_EPISODES = 10_000;

export const DEFAULT_CONFIG: RunConfig = {
  world: { kind: 'builtin', name: 'rotten-plank' },
  panes: [
    { agent: 'thompson', options: {} },
    { agent: 'prober', options: { budget: 0.001, watchLengths: '1,2,4,8,16' } },
  ],
  seed: 1,
  episodes: 1,
  truth: { 'plank@6,8': 'rotten-plank' },
};

export function initialState(config: RunConfig = DEFAULT_CONFIG): AppState {
  return {
    config,
    overlays: { ...DEFAULT_OVERLAYS },
    speed: DEFAULT_SPEED,
    playing: false,
    cursor: { episode: 0, step: 0 },
  };
}

export type Action =
  | { type: 'setWorld'; world: WorldChoice; truth?: Record<string, string> }
  | { type: 'setAgent'; pane: number; agent: string; options: Record<string, OptionValue> }
  | { type: 'setOption'; pane: number; key: string; value: OptionValue }
  | { type: 'addPane'; agent: string; options: Record<string, OptionValue> }
  | { type: 'removePane'; pane: number }
  | { type: 'setSeed'; seed: number }
  | { type: 'setEpisodes'; episodes: number }
  | { type: 'setTruth'; entries: Record<string, string | null> }
  | { type: 'clearTruth' }
  | { type: 'setConfig'; config: RunConfig }
  | { type: 'toggleOverlay'; overlay: Overlay; on?: boolean }
  | { type: 'setSpeed'; speed: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'togglePlay' }
  | { type: 'seek'; cursor: Cursor; playing?: boolean };

/** Actions recorded for undo: changes to what is run and how it is drawn. */
const UNDOABLE = new Set<Action['type']>([
  'setWorld',
  'setAgent',
  'setOption',
  'addPane',
  'removePane',
  'setSeed',
  'setEpisodes',
  'setTruth',
  'clearTruth',
  'setConfig',
  'toggleOverlay',
]);

/** Changing what is run starts over at the first frame, paused. */
function restart(d: AppState): void {
  d.cursor = { episode: 0, step: 0 };
  d.playing = false;
}

export function reduce(d: AppState, a: Action): void {
  const c = d.config;
  switch (a.type) {
    case 'setWorld':
      c.world = a.world;
      c.truth = a.truth ?? {};
      restart(d);
      return;
    case 'setAgent':
      if (!c.panes[a.pane]) return;
      c.panes[a.pane] = { agent: a.agent, options: { ...a.options } };
      restart(d);
      return;
    case 'setOption':
      if (!c.panes[a.pane]) return;
      c.panes[a.pane].options[a.key] = a.value;
      restart(d);
      return;
    case 'addPane':
      if (c.panes.length >= MAX_PANES) return;
      c.panes.push({ agent: a.agent, options: { ...a.options } });
      restart(d);
      return;
    case 'removePane':
      if (c.panes.length <= 1 || !c.panes[a.pane]) return;
      c.panes.splice(a.pane, 1);
      restart(d);
      return;
    case 'setSeed':
      if (!isSeed(a.seed)) return;
      c.seed = a.seed;
      restart(d);
      return;
    case 'setEpisodes':
      if (!Number.isInteger(a.episodes) || a.episodes < 1) return;
      c.episodes = Math.min(MAX_EPISODES, a.episodes);
      restart(d);
      return;
    case 'setTruth':
      for (const [k, v] of Object.entries(a.entries)) {
        if (v === null) delete c.truth[k];
        else c.truth[k] = v;
      }
      restart(d);
      return;
    case 'clearTruth':
      c.truth = {};
      restart(d);
      return;
    case 'setConfig':
      d.config = a.config;
      restart(d);
      return;
    case 'toggleOverlay':
      d.overlays[a.overlay] = a.on ?? !d.overlays[a.overlay];
      return;
    case 'setSpeed':
      d.speed = a.speed;
      return;
    case 'play':
      d.playing = true;
      return;
    case 'pause':
      d.playing = false;
      return;
    case 'togglePlay':
      d.playing = !d.playing;
      return;
    case 'seek':
      d.cursor = { episode: Math.max(0, a.cursor.episode), step: Math.max(0, a.cursor.step) };
      if (a.playing !== undefined) d.playing = a.playing;
      return;
  }
}

interface HistoryEntry {
  patches: Patch[];
  inverse: Patch[];
}

type Listener = (state: AppState, previous: AppState) => void;

/** The state container: dispatch, undo and redo, and change listeners. */
export class Store {
  private current: AppState;
  private readonly past: HistoryEntry[] = [];
  private readonly future: HistoryEntry[] = [];
  private readonly listeners = new Set<Listener>();
  readonly limit: number;

  constructor(state: AppState, limit = 200) {
    this.current = state;
    this.limit = limit;
  }

  get state(): AppState {
    return this.current;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  dispatch(action: Action): void {
    const [next, patches, inverse] = produceWithPatches(this.current, (d) => reduce(d, action));
    if (patches.length === 0) return;
    if (UNDOABLE.has(action.type)) {
      // Playback moves ride along with an undoable change (it restarts), so they are undone with it.
      this.past.push({ patches, inverse });
      if (this.past.length > this.limit) this.past.shift();
      this.future.length = 0;
    }
    this.set(next);
  }

  undo(): boolean {
    const entry = this.past.pop();
    if (!entry) return false;
    this.future.push(entry);
    this.set(applyPatches(this.current, entry.inverse));
    return true;
  }

  redo(): boolean {
    const entry = this.future.pop();
    if (!entry) return false;
    this.past.push(entry);
    this.set(applyPatches(this.current, entry.patches));
    return true;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: AppState): void {
    const previous = this.current;
    this.current = next;
    for (const l of this.listeners) l(next, previous);
  }
}
