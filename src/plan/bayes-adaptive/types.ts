/**
 * The shared vocabulary of Bayes-adaptive planning: the public options and tracked state, the per-cell
 * outcome templates every stage reads, and the constants they agree on.
 */
import type { CompiledTile } from '../../core/world.ts';

export type PlanMode = 'auto' | 'exact' | 'horizon';

export interface BayesAdaptiveOptions {
  /** Budget: position×belief states (exact) or search nodes plus leaf values (horizon). Default 2,000,000. */
  maxStates?: number;
  /** Lookahead depth of the expectimax in horizon mode. Default 6. */
  horizon?: number;
  /** `auto` (exact when the observations allow it, else horizon), `exact` (refuse otherwise) or `horizon`. */
  mode?: PlanMode;
  /** Value iteration stops when no value changes by more than this in a sweep. Default 1e-10. */
  tolerance?: number;
  /** Polled between belief layers; returning true aborts `solve()` with `PlanningAborted` (benchmarks). */
  shouldStop?: () => boolean;
}

export const DEFAULT_MAX_STATES = 2_000_000;
export const DEFAULT_HORIZON = 6;

/** `solve()` was stopped by `shouldStop` (only benchmarks inject one). */
export class PlanningAborted extends Error {
  constructor() {
    super('planning aborted');
    this.name = 'PlanningAborted';
  }
}

/** What an agent tracks between steps: its cell and the posterior of every factor. */
export interface PlanState {
  cell: number;
  post: Float64Array[];
  /** False once the agent is dead, stuck or done: nothing left to decide. */
  active: boolean;
  /** Set when an observation matched no predicted outcome (should not happen). */
  inconsistent: boolean;
}

/** Branch kinds of a template: the agent can still act, the episode ended (death, goal), or it is stuck. */
export const ACTIVE = 0;
export const END = 1;
export const STUCK_KIND = 2;

/** One independent unknown: a cell of a `scope: "each"` unknown, or all cells of a `scope: "all"` one. */
export interface PlanFactor {
  key: string;
  unknown: string;
  variants: string[];
  tiles: CompiledTile[];
  prior: Float64Array;
  cells: readonly number[];
  /** Bit mask of the variants with positive prior. */
  full: number;
}

/** An observable non-final result of an action: where the agent stands, what it heard, what it got. */
export interface Group {
  cell: number;
  signal: number;
  reward: number;
}

/**
 * The outcomes of one action at one cell for every joint variant of the factors it depends on. Joint
 * index j's branches are `branchStart[j]` to `branchStart[j + 1]`; j's digits (base `sizes`) are the
 * variants of `factors`, the first factor least significant.
 */
export interface Template {
  cell: number;
  code: number;
  factors: Int32Array;
  sizes: Int32Array;
  joint: number;
  branchStart: Int32Array;
  bP: Float64Array;
  bR: Float64Array;
  bKind: Uint8Array;
  bGroup: Int32Array;
  groups: Group[];
  /** Factors whose belief can change this action's prediction (involved ones and cue factors after it). */
  relevant: Int32Array;
}

export interface CueOutcome {
  like: Float64Array;
  /** Signal heard per direction N E S W from this factor's cells (0 none), -1 where not this factor's. */
  heard: Int32Array;
}

/** One factor's `near` cues at a cell: every combination it can send, with its likelihood per variant. */
export interface CueFactor {
  factor: number;
  outcomes: CueOutcome[];
}

/** One observable, non-final outcome of an action with the posterior it leads to. */
export interface Outcome {
  p: number;
  reward: number;
  cell: number;
  signal: number;
  heard: Int32Array;
  updates: Map<number, Float64Array>;
}

export interface Expansion {
  /** Σ p·(r + γ·tail) over outcomes that end (death, goal) or stick. */
  absorb: number;
  outcomes: Outcome[];
}

/** Reads the current posterior of factor `f`. */
export type PosteriorOf = (f: number) => Float64Array;
