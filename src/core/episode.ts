/**
 * The Gymnasium-shaped episode API: `reset(seed)` and `step(action)` with observations an agent may see
 * and an `info` carrying what it must not (events, hidden reward). Built on the allocation-free
 * `stepState`; observations are allocated here, once per step, which is fine outside batch rollouts.
 */
import { requireStart } from './validate.ts';
import { ACTIONS, DIRECTIONS, type Action, type Direction } from './format.ts';
import { createStream, type Rng } from './rng.ts';
import type { EnvSpec } from './spec.ts';
import { createState, EV, hiddenReward, stepState, type EngineState, type EventName } from './step.ts';
import { checkTruth, drawEpisodeTruth, type Truth } from './truth.ts';
import { ACTION_CODE, compileWorld, Signal, type World } from './world.ts';

export interface Cue {
  dir: Direction;
  signal: string;
}

/** A cell whose look changed in the last step (format 1.1 `set`). */
export interface CellChange {
  x: number;
  y: number;
  look: string;
}

export interface Observation {
  x: number;
  y: number;
  /** Signal of the last action: a poke's signal, an enter signal, "bump", or null. */
  signal: string | null;
  /** `near` cues perceived after the last action, each with the direction it came from. */
  cues: readonly Cue[];
  alive: boolean;
  stuck: boolean;
  steps: number;
  /** Cells whose look changed in the last step, in the order they first changed; empty in most steps. */
  changes: readonly CellChange[];
}

export interface StepInfo {
  events: readonly EventName[];
  /** Reward only the safety performance counts (ai-safety-gridworlds' hidden reward). */
  hiddenReward: number;
}

export interface StepResult {
  observation: Observation;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: StepInfo;
}

export type Outcome = 'goal' | 'death' | 'stuck' | 'truncated';

/** Every event's bit, in EV's order (the order event lists are given in). */
const EVENT_BIT: Record<EventName, EV> = {
  bump: EV.bump,
  slip: EV.slip,
  poke: EV.poke,
  death: EV.death,
  stuck: EV.stuck,
  goal: EV.goal,
  teleport: EV.teleport,
  leave: EV.leave,
  pokeHurt: EV.pokeHurt,
  change: EV.change,
};
const EVENT_NAMES = Object.keys(EVENT_BIT) as EventName[];

/** Event lists by bit set, built on first use and shared (frozen): a step allocates none. */
const eventLists = new Map<number, readonly EventName[]>();

export function eventNames(bits: number): readonly EventName[] {
  let names = eventLists.get(bits);
  if (!names) {
    names = Object.freeze(EVENT_NAMES.filter((name) => (bits & EVENT_BIT[name]) !== 0));
    eventLists.set(bits, names);
  }
  return names;
}

export function outcomeOf(state: EngineState): Outcome | null {
  if (state.terminated) return state.alive ? 'goal' : 'death';
  if (state.truncated) return state.stuck ? 'stuck' : 'truncated';
  return null;
}

/** Cues the agent perceives standing at `pos`: each neighbour's `near`, heard with its probability. */
const NO_CUES: readonly Cue[] = Object.freeze([]);
const NO_CHANGES: readonly CellChange[] = Object.freeze([]);

/**
 * The cells whose look differs from what it was before the last step: each changed cell once, with its
 * look now (a cell changed and changed back within the step is not reported).
 */
export function lookChanges(world: World, s: EngineState): readonly CellChange[] {
  if ((s.events & EV.change) === 0) return NO_CHANGES;
  const out: CellChange[] = [];
  const seen = new Set<number>();
  for (let i = s.stepChangeStart; i < s.changeCount; i++) {
    const cell = s.changeCell[i];
    if (seen.has(cell)) continue;
    seen.add(cell);
    const look = world.tileList[world.tileId[cell]].look;
    if (look !== world.tileList[s.changeFrom[i]].look)
      out.push({ x: cell % world.width, y: Math.floor(cell / world.width), look });
  }
  return out.length === 0 ? NO_CHANGES : out;
}

export function perceiveCues(world: World, pos: number, cues: Rng): readonly Cue[] {
  let out: Cue[] | null = null;
  for (let d = 0; d < 4; d++) {
    const n = world.neighbour[pos * 4 + d];
    if (n < 0 || world.nearSignal[n] === Signal.none) continue;
    const p = world.nearP[n];
    if (p >= 1 || cues() < p)
      (out ??= []).push({ dir: DIRECTIONS[d], signal: world.signals[world.nearSignal[n]] });
  }
  return out ?? NO_CUES;
}

export interface ResetOptions {
  /** Episode index: each episode of a seed draws its own world and engine streams. */
  episode?: number;
  /** Fixes part or all of the truth; the rest is drawn from the priors. */
  truth?: Truth;
}

export class Episode {
  readonly spec: EnvSpec;
  private current: World | null = null;
  private state: EngineState | null = null;
  private engine: Rng = createStream(0, 'engine');
  private cues: Rng = createStream(0, 'cues');

  constructor(spec: EnvSpec) {
    requireStart(spec);
    this.spec = spec;
  }

  get world(): World {
    if (!this.current) throw new Error('Episode.reset() has not been called');
    return this.current;
  }

  get engineState(): Readonly<EngineState> {
    if (!this.state) throw new Error('Episode.reset() has not been called');
    return this.state;
  }

  reset(seed: number, options: ResetOptions = {}): { observation: Observation; info: { truth: Truth } } {
    const episode = options.episode ?? 0;
    // Overrides are checked and canonicalised (`snake=live` fixes every `snake@x,y`) before use.
    const fixed = options.truth ? checkTruth(this.spec, options.truth) : {};
    const truth = { ...drawEpisodeTruth(this.spec, seed, episode), ...fixed };
    this.current = compileWorld(this.spec, truth);
    this.state = createState(this.current);
    this.engine = createStream(seed, 'engine', episode);
    this.cues = createStream(seed, 'cues', episode);
    return { observation: this.observe(), info: { truth } };
  }

  step(action: Action): StepResult {
    const world = this.world;
    const s = this.state!;
    if (s.terminated || s.truncated) throw new Error('step() called on a finished episode; call reset()');
    const code = ACTION_CODE[action];
    if (code === undefined || !world.actions.includes(code))
      throw new Error(`action "${action}" is not allowed here (allowed: ${this.spec.actions.join(' ')})`);
    const reward = stepState(world, s, code, this.engine);
    return {
      observation: this.observe(),
      reward,
      terminated: s.terminated,
      truncated: s.truncated,
      info: { events: eventNames(s.events), hiddenReward: hiddenReward(world, s.events) },
    };
  }

  private observe(): Observation {
    const world = this.current!;
    const s = this.state!;
    return {
      x: s.pos % world.width,
      y: Math.floor(s.pos / world.width),
      signal: s.signal === Signal.none ? null : world.signals[s.signal],
      cues: s.alive ? perceiveCues(world, s.pos, this.cues) : NO_CUES,
      alive: s.alive,
      stuck: s.stuck,
      steps: s.steps,
      changes: lookChanges(world, s),
    };
  }
}

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}
