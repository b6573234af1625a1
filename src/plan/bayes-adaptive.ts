/**
 * Bayes-adaptive planning: the optimal policy over (position, belief), for worlds small enough.
 *
 * The agent knows every tile kind and the priors; the truth is drawn per episode, independently per
 * factor (one factor per cell of a `scope: "each"` unknown, one per `scope: "all"` unknown, as in
 * `src/bayes/belief.ts`). What it learns changes what it should do, so the state is the pair
 * (position, posterior), and the optimal policy plans over that product.
 *
 * Exact mode. When every observation is all-or-nothing evidence (for each possible observation, the
 * variants consistent with it are equally likely to produce it: no noisy `near` cue, no slip that hides
 * which cell answered, no poke risk that differs between variants with the same signal), the posterior
 * of each factor is its prior restricted to the variants still possible. A belief is then one subset per
 * factor (for a binary unknown: unresolved, A or B, so 3^F beliefs), and the belief MDP is finite. An
 * action either reveals nothing (the belief stays), or branches, with the posterior predictive
 * probabilities, into strictly more resolved beliefs. So beliefs are solved from most to least resolved:
 * within one belief, value iteration over positions, where the branches into more resolved beliefs are
 * constants already known. Infinite horizon with the environment's gamma, as in `solve.ts` (maxSteps
 * ignored; death and goal end with value 0; stuck is absorbing with value step/(1-γ), or step·maxSteps
 * when γ = 1, where a value is also never below that: the agent can always wait the episode out).
 * The belief space (beliefs × reachable positions) is counted before any solving; beyond `maxStates` the
 * planner refuses with a UsageError saying how large it is.
 *
 * Horizon mode (noisy cues, poke risks that blur the posterior, slip). Posteriors are real vectors, so
 * the planner runs a bounded-horizon expectimax over exact posteriors (every branch updates the
 * posterior by Bayes' rule; with slip, a move's joint over several cells is projected back onto the
 * factors, as the Belief does). Leaves are valued by the risk-neutral mixture model: value iteration in
 * the world where each unknown cell has each variant's outcome with its posterior probability and nothing
 * more is learned (it prices every risk and ignores future learning, so it underrates information beyond
 * the horizon; inside the horizon every observation is planned for exactly). Node values are memoised on
 * (depth, position, posterior) and kept across decisions. The number of (depth, position, posterior)
 * nodes a decision can reach is bounded before any search (per factor, the posteriors reachable with the
 * observations the horizon allows); beyond `maxStates` the planner refuses.
 *
 * Outcomes are never re-derived from the rules: the variants are written into a scratch compiled world
 * with `setCellTile` and the engine's `stepState` runs with forced random draws (as the Belief does), so
 * the planner cannot disagree with the engine.
 */
import type { Observation } from '../core/episode.ts';
import { UsageError } from '../core/errors.ts';
import type { Action } from '../core/format.ts';
import type { Rng } from '../core/rng.ts';
import type { EnvSpec } from '../core/spec.ts';
import { createState, stepState, type EngineState } from '../core/step.ts';
import { truthKey, type Truth } from '../core/truth.ts';
import {
  ACTION_CODE,
  compileWorld,
  EFFECT,
  NO_SIGNAL,
  setCellTile,
  WAIT,
  type CompiledTile,
  type World,
} from '../core/world.ts';
import { stuckValue } from './model.ts';

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

const END = 1;
const STUCK_KIND = 2;
const ACTIVE = 0;
/** Largest joint of variants enumerated for one (cell, action). */
const MAX_JOINT = 4096;
const MAX_SWEEPS = 200_000;
const LIKELY = 1 - 1e-12;
const SAME = 1e-12;

interface PlanFactor {
  key: string;
  unknown: string;
  variants: string[];
  tiles: CompiledTile[];
  prior: Float64Array;
  cells: number[];
  /** Bit mask of the variants with positive prior. */
  full: number;
}

interface Group {
  cell: number;
  signal: number;
  reward: number;
}

/** The outcomes of one action at one cell for every joint variant of the factors it depends on. */
interface Template {
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

interface CueOutcome {
  like: Float64Array;
  /** Signal heard per direction N E S W from this factor's cells (0 none), -1 where not this factor's. */
  heard: Int32Array;
}

interface CueFactor {
  factor: number;
  outcomes: CueOutcome[];
}

/** One observable, non-final outcome of an action with the posterior it leads to. */
interface Outcome {
  p: number;
  reward: number;
  cell: number;
  signal: number;
  heard: Int32Array;
  updates: Map<number, Float64Array>;
}

interface Expansion {
  /** Σ p·(r + γ·tail) over outcomes that end (death, goal) or stick. */
  absorb: number;
  outcomes: Outcome[];
}

/** Exact mode, one (template, subsets of its relevant factors): Q = base + γ Σ p V[belief + delta][next]. */
interface Entry {
  base: number;
  sameP: Float64Array;
  sameNext: Int32Array;
  otherP: Float64Array;
  otherNext: Int32Array;
  otherDelta: Float64Array;
}

/** Horizon mode, one (template, posterior state). */
interface HEntry {
  base: number;
  p: Float64Array;
  next: Int32Array;
  state: Int32Array;
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

function popcount(m: number): number {
  let n = 0;
  while (m) {
    m &= m - 1;
    n++;
  }
  return n;
}

/** 1,234,567 below a quadrillion, 1.23e+20 beyond. */
export function formatCount(n: number): string {
  return n < 1e15 ? Math.round(n).toLocaleString('en-US') : n.toExponential(2);
}

export class BayesAdaptivePlanner {
  readonly spec: EnvSpec;
  readonly mode: 'exact' | 'horizon';
  readonly gamma: number;
  readonly stuckValue: number;
  readonly maxStates: number;
  readonly horizon: number;
  readonly factors: PlanFactor[] = [];
  readonly factorOfCell: Int32Array;
  /** Reachable cells from the start, in discovery order; index = position index. */
  readonly positions: number[] = [];
  readonly posIndex: Int32Array;
  /** Exact mode: number of beliefs (Π subsets per factor) and position×belief states. */
  beliefCount = 1;
  stateCount = 0;
  /** Why the world is not exact (empty when it is). */
  readonly noisyReasons: string[] = [];

  private readonly world: World;
  private readonly state: EngineState;
  private readonly forced: number[] = [];
  private forcedAt = 0;
  private readonly forcedRng: Rng = () => this.forced[this.forcedAt++] ?? LIKELY;
  private readonly actions: number[];
  private readonly templates: Template[] = [];
  private readonly cueCache = new Map<number, CueFactor[]>();
  private readonly tolerance: number;
  private readonly shouldStop: (() => boolean) | undefined;
  private readonly waitAllowed: boolean;

  // Exact mode.
  private subsets: number[][] = [];
  private subsetIndex: Map<number, number>[] = [];
  private subsetPost: Float64Array[][] = [];
  private strides: number[] = [];
  private entries: (Entry | undefined)[][] = [];
  private values: Float64Array | null = null;

  // Horizon mode.
  private vecKeys: Map<string, number>[] = [];
  private vecs: Float64Array[][] = [];
  private stateKeys = new Map<string, number>();
  private states: Int32Array[] = [];
  private hCache = new Map<number, HEntry>();
  private leafCache = new Map<number, Float64Array>();
  private memo = new Map<number, number>();
  /** Upper bound on the nodes one decision can touch (horizon mode). */
  searchBound = 0;

  constructor(spec: EnvSpec, options: BayesAdaptiveOptions = {}) {
    this.spec = spec;
    this.maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
    this.horizon = Math.max(1, Math.floor(options.horizon ?? DEFAULT_HORIZON));
    this.tolerance = options.tolerance ?? 1e-10;
    this.shouldStop = options.shouldStop;
    const mode = options.mode ?? 'auto';
    if (mode !== 'auto' && mode !== 'exact' && mode !== 'horizon')
      throw new UsageError(`bayes-optimal: mode must be auto, exact or horizon, got "${String(mode)}"`);
    if (spec.start === null) throw new UsageError(`bayes-optimal: ${spec.name} has no start cell`);
    this.gamma = spec.gamma;
    this.actions = spec.actions.map((a) => ACTION_CODE[a]);
    this.waitAllowed = this.actions.includes(WAIT);
    this.factorOfCell = new Int32Array(spec.width * spec.height).fill(-1);
    this.posIndex = new Int32Array(spec.width * spec.height).fill(-1);

    const base: Truth = {};
    for (const u of spec.unknowns) {
      const first = u.prior.find((v) => v.p > 0)!.tile;
      const keys = u.scope === 'all' ? [u.id] : u.cells.map((c) => truthKey(spec, u, c));
      for (const key of keys) base[key] = first;
    }
    this.world = compileWorld(spec, base);
    this.state = createState(this.world);
    this.stuckValue = stuckValue(this.world);
    for (const u of spec.unknowns) {
      const groups = u.scope === 'all' ? [u.cells] : u.cells.map((c) => [c]);
      for (const cells of groups) {
        if (cells.length === 0) continue;
        const prior = Float64Array.from(u.prior.map((v) => v.p));
        let full = 0;
        prior.forEach((p, v) => {
          if (p > 0 && v < 30) full |= 1 << v;
        });
        const index = this.factors.length;
        this.factors.push({
          key: u.scope === 'all' ? u.id : truthKey(spec, u, cells[0]),
          unknown: u.id,
          variants: u.prior.map((v) => v.tile),
          tiles: u.prior.map((v) => this.world.tiles.get(v.tile)!),
          prior,
          cells,
          full,
        });
        for (const c of cells) this.factorOfCell[c] = index;
      }
    }

    // A quick bound before enumerating anything: each binary factor whose variants differ is worth at
    // least a factor 2 of beliefs (unresolved or not), so huge worlds are refused at once.
    this.refuseHopeless(mode);
    this.discoverPositions();
    const exact = this.checkExactness();
    if (mode === 'exact' && !exact)
      throw new UsageError(
        `bayes-optimal cannot plan ${spec.name} exactly: ${this.noisyReasons.slice(0, 3).join('; ')}; use mode=horizon (or auto)`,
      );
    this.mode = mode === 'horizon' || !exact ? 'horizon' : 'exact';
    if (this.mode === 'exact') this.sizeExact();
    else this.sizeHorizon();
  }

  // ---------------------------------------------------------------------------------------------
  // Building: factors, templates, cues.

  /**
   * Refuses at once, from the sizes alone, a world whose belief space is hopelessly large: when no
   * observation can be noisy, every factor whose variants behave differently is resolvable, so it has
   * at least two beliefs (unresolved, resolved), and the positions are at most the cells one can stand on.
   */
  private refuseHopeless(mode: PlanMode): void {
    if (mode === 'horizon') return;
    const noisy =
      this.world.slip > 0 ||
      this.factors.some((f) =>
        f.tiles.some((t) => t.pokeRisk > 0 || (t.nearSignal !== NO_SIGNAL && t.nearP < 1)),
      );
    if (noisy) return;
    let informative = 0;
    let upper = 1;
    const kinds = new Map<number, number>();
    for (const f of this.factors) {
      if (f.tiles.every((t) => sameBehaviour(t, f.tiles[0]))) continue;
      informative++;
      const n = Math.pow(2, popcount(f.full)) - 1;
      upper *= n;
      kinds.set(n, (kinds.get(n) ?? 0) + 1);
    }
    let cells = 0;
    for (let c = 0; c < this.factorOfCell.length; c++) if (this.couldStand(c)) cells++;
    if (Math.pow(2, informative) * cells <= this.maxStates * 1000) return;
    const power = [...kinds.entries()].map(([n, k]) => `${n}^${k}`).join(' × ');
    throw new UsageError(
      `bayes-optimal cannot plan ${this.spec.name}: with ${informative} unknowns that observations resolve, its ` +
        `belief space has up to ${power} ≈ ${formatCount(upper)} beliefs (each unknown unresolved or resolved) × ` +
        `up to ${formatCount(cells)} positions ≈ ${formatCount(upper * cells)} position×belief states (at least ` +
        `2^${informative} × positions), far over the budget maxStates = ${formatCount(this.maxStates)}. Exact ` +
        `Bayes-optimal planning is exponential in the number of unknowns; use an approximate agent such as prober.`,
    );
  }

  private couldStand(c: number): boolean {
    const f = this.factorOfCell[c];
    const tiles = f >= 0 ? this.factors[f].tiles : [this.world.tiles.get(this.world.tileNames[c])!];
    return tiles.some((t) => t.walkable === 1);
  }

  private discoverPositions(): void {
    const start = this.spec.start!;
    const A = this.actions.length;
    this.posIndex[start] = 0;
    this.positions.push(start);
    for (let i = 0; i < this.positions.length; i++) {
      const cell = this.positions[i];
      for (let k = 0; k < A; k++) {
        const t = this.buildTemplate(cell, this.actions[k]);
        this.templates.push(t);
        for (const g of t.groups)
          if (this.posIndex[g.cell] < 0) {
            this.posIndex[g.cell] = this.positions.length;
            this.positions.push(g.cell);
          }
      }
    }
    for (const t of this.templates) {
      const rel = new Set<number>(t.factors);
      for (const g of t.groups) for (const cf of this.cueFactorsAt(g.cell)) rel.add(cf.factor);
      t.relevant = Int32Array.from([...rel].sort((a, b) => a - b));
    }
  }

  /** Cells whose tile can change the outcome of `code` at `from` (mirrors the step rules' reads). */
  private involvedCells(from: number, code: number): number[] {
    const w = this.world;
    if (code === WAIT) return [];
    if (code >= 4) {
      const t = w.neighbour[from * 4 + code - 4];
      return t >= 0 && this.factorOfCell[t] >= 0 ? [t] : [];
    }
    const cells: number[] = [];
    if (this.factorOfCell[from] >= 0) cells.push(from);
    for (let d = 0; d < 4; d++) {
      if (w.slip === 0 && d !== code) continue;
      const t = w.neighbour[from * 4 + d];
      if (t >= 0 && this.factorOfCell[t] >= 0 && !cells.includes(t)) cells.push(t);
    }
    return cells;
  }

  private buildTemplate(cell: number, code: number): Template {
    const w = this.world;
    const cells = this.involvedCells(cell, code);
    const factors = [...new Set(cells.map((c) => this.factorOfCell[c]))];
    const sizes = factors.map((f) => this.factors[f].variants.length);
    const joint = sizes.reduce((a, b) => a * b, 1);
    if (joint > MAX_JOINT)
      throw new UsageError(
        `bayes-optimal cannot plan ${this.spec.name}: one action depends on ${joint} joint variants (limit ${MAX_JOINT})`,
      );
    const branchStart = new Int32Array(joint + 1);
    const bP: number[] = [];
    const bR: number[] = [];
    const bKind: number[] = [];
    const bGroup: number[] = [];
    const groups: Group[] = [];
    const groupKey = new Map<string, number>();
    const s = this.state;
    for (let j = 0; j < joint; j++) {
      branchStart[j] = bP.length;
      let rest = j;
      for (let k = 0; k < factors.length; k++) {
        const v = rest % sizes[k];
        rest = (rest - v) / sizes[k];
        const tile = this.factors[factors[k]].tiles[v];
        for (const c of cells) if (this.factorOfCell[c] === factors[k]) setCellTile(w, c, tile);
      }
      for (const [draws, p] of this.engineBranches(cell, code)) {
        s.pos = cell;
        s.steps = 0;
        s.alive = true;
        s.stuck = false;
        s.terminated = false;
        s.truncated = false;
        this.forced.length = 0;
        this.forced.push(...draws);
        this.forcedAt = 0;
        const r = stepState(w, s, code, this.forcedRng);
        bP.push(p);
        bR.push(r);
        if (!s.alive || s.terminated) {
          bKind.push(END);
          bGroup.push(-1);
        } else if (s.stuck) {
          bKind.push(STUCK_KIND);
          bGroup.push(-1);
        } else {
          bKind.push(ACTIVE);
          const key = `${s.pos}|${s.signal}|${r}`;
          let g = groupKey.get(key);
          if (g === undefined) {
            g = groups.length;
            groupKey.set(key, g);
            groups.push({ cell: s.pos, signal: s.signal, reward: r });
          }
          bGroup.push(g);
        }
      }
    }
    branchStart[joint] = bP.length;
    return {
      cell,
      code,
      factors: Int32Array.from(factors),
      sizes: Int32Array.from(sizes),
      joint,
      branchStart,
      bP: Float64Array.from(bP),
      bR: Float64Array.from(bR),
      bKind: Uint8Array.from(bKind),
      bGroup: Int32Array.from(bGroup),
      groups,
      relevant: new Int32Array(0),
    };
  }

  /** The engine's random draws for one action, forced (as the Belief does): [draws, probability]. */
  private engineBranches(from: number, code: number): [number[], number][] {
    const w = this.world;
    if (code === WAIT) return [[[], 1]];
    if (code < 4) {
      if (w.slip === 0 || w.leaveTo[from] >= 0) return [[[LIKELY], 1]];
      const out: [number[], number][] = [[[LIKELY], 1 - w.slip]];
      for (let k = 1; k < 4; k++) out.push([[0, (k - 0.5) / 3], w.slip / 3]);
      return out;
    }
    const t = w.neighbour[from * 4 + code - 4];
    const risk = t < 0 ? 0 : w.pokeRisk[t];
    const out: [number[], number][] = [];
    if (risk < 1) out.push([[LIKELY], 1 - risk]);
    if (risk > 0) out.push([[0], risk]);
    return out;
  }

  /** The unknown neighbours of `cell` that may send a `near` cue, grouped by factor, with every cue outcome. */
  private cueFactorsAt(cell: number): CueFactor[] {
    const cached = this.cueCache.get(cell);
    if (cached) return cached;
    const w = this.world;
    const dirsOf = new Map<number, number[]>();
    for (let d = 0; d < 4; d++) {
      const n = w.neighbour[cell * 4 + d];
      if (n < 0) continue;
      const f = this.factorOfCell[n];
      if (f < 0 || !this.factors[f].tiles.some((t) => t.nearSignal !== NO_SIGNAL)) continue;
      const list = dirsOf.get(f) ?? [];
      list.push(d);
      dirsOf.set(f, list);
    }
    const out: CueFactor[] = [];
    for (const [f, dirs] of dirsOf) {
      const factor = this.factors[f];
      const options = [
        NO_SIGNAL,
        ...new Set(factor.tiles.map((t) => t.nearSignal).filter((s) => s !== NO_SIGNAL)),
      ];
      const outcomes: CueOutcome[] = [];
      const combos = Math.pow(options.length, dirs.length);
      for (let c = 0; c < combos; c++) {
        const heard = new Int32Array(4).fill(-1);
        let rest = c;
        for (const d of dirs) {
          heard[d] = options[rest % options.length];
          rest = Math.floor(rest / options.length);
        }
        const like = new Float64Array(factor.tiles.length);
        let any = false;
        factor.tiles.forEach((t, v) => {
          let l = 1;
          for (const d of dirs) {
            const s = heard[d];
            if (s === NO_SIGNAL) l *= t.nearSignal === NO_SIGNAL ? 1 : 1 - t.nearP;
            else l *= t.nearSignal === s ? t.nearP : 0;
          }
          like[v] = l;
          if (l > 0 && factor.prior[v] > 0) any = true;
        });
        if (any) outcomes.push({ like, heard });
      }
      out.push({ factor: f, outcomes });
    }
    this.cueCache.set(cell, out);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Exactness: are all observations all-or-nothing?

  private checkExactness(): boolean {
    const reasons = new Set<string>();
    for (const t of this.templates) {
      const G = t.groups.length;
      if (G === 0 || t.factors.length === 0) continue;
      const like = new Float64Array(t.joint * G);
      for (let j = 0; j < t.joint; j++)
        for (let b = t.branchStart[j]; b < t.branchStart[j + 1]; b++)
          if (t.bKind[b] === ACTIVE) like[j * G + t.bGroup[b]] += t.bP[b];
      for (let g = 0; g < G; g++) {
        let value = -1;
        let support = 0;
        const proj = Array.from(t.factors, () => 0);
        let uniform = true;
        for (let j = 0; j < t.joint; j++) {
          const l = like[j * G + g];
          if (l <= 0 || !this.jointPossible(t, j)) continue;
          support++;
          if (value < 0) value = l;
          else if (Math.abs(l - value) > SAME * Math.max(1, value)) uniform = false;
          this.forEachDigit(t, j, (k, v) => (proj[k] |= 1 << v));
        }
        const box = proj.reduce((a, m) => a * popcount(m), 1);
        if (support > 0 && (!uniform || box !== support)) {
          const what = t.code >= 4 ? 'a poke' : 'a move';
          reasons.add(
            `${what} outcome is evidence of degree (${this.world.slip > 0 ? 'slip' : 'poke risk or several cells'})`,
          );
        }
      }
    }
    for (let c = 0; c < this.posIndex.length; c++) {
      if (this.posIndex[c] < 0) continue;
      for (const cf of this.cueFactorsAt(c)) {
        const f = this.factors[cf.factor];
        for (const o of cf.outcomes) {
          let value = -1;
          for (let v = 0; v < o.like.length; v++) {
            if (f.prior[v] <= 0 || o.like[v] <= 0) continue;
            if (value < 0) value = o.like[v];
            else if (Math.abs(o.like[v] - value) > SAME)
              reasons.add(`the near cue of "${f.unknown}" is noisy`);
          }
        }
      }
    }
    if (this.factors.some((f) => f.variants.length > 30)) reasons.add('an unknown has more than 30 variants');
    this.noisyReasons.push(...reasons);
    return reasons.size === 0;
  }

  private jointPossible(t: Template, j: number): boolean {
    let ok = true;
    this.forEachDigit(t, j, (k, v) => {
      if (this.factors[t.factors[k]].prior[v] <= 0) ok = false;
    });
    return ok;
  }

  private forEachDigit(t: Template, j: number, f: (k: number, v: number) => void): void {
    let rest = j;
    for (let k = 0; k < t.factors.length; k++) {
      const v = rest % t.sizes[k];
      rest = (rest - v) / t.sizes[k];
      f(k, v);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The general one-step expansion (both modes, and the agent's belief tracking).

  private expand(t: Template, post: (f: number) => Float64Array): Expansion {
    const F = t.factors.length;
    const G = t.groups.length;
    const gP = new Float64Array(G);
    const marg: Float64Array[][] = t.groups.map(() => Array.from(t.sizes, (n) => new Float64Array(n)));
    const digits = new Int32Array(F);
    const tail = this.gamma * this.stuckValue;
    let absorb = 0;
    for (let j = 0; j < t.joint; j++) {
      let rest = j;
      let w = 1;
      for (let k = 0; k < F; k++) {
        const v = rest % t.sizes[k];
        rest = (rest - v) / t.sizes[k];
        digits[k] = v;
        w *= post(t.factors[k])[v];
      }
      if (w === 0) continue;
      for (let b = t.branchStart[j]; b < t.branchStart[j + 1]; b++) {
        const q = w * t.bP[b];
        if (q === 0) continue;
        const kind = t.bKind[b];
        if (kind === END) absorb += q * t.bR[b];
        else if (kind === STUCK_KIND) absorb += q * (t.bR[b] + tail);
        else {
          const g = t.bGroup[b];
          gP[g] += q;
          for (let k = 0; k < F; k++) marg[g][k][digits[k]] += q;
        }
      }
    }
    const outcomes: Outcome[] = [];
    for (let g = 0; g < G; g++) {
      if (!(gP[g] > 0)) continue;
      const group = t.groups[g];
      const updates = new Map<number, Float64Array>();
      for (let k = 0; k < F; k++) {
        const m = marg[g][k];
        for (let v = 0; v < m.length; v++) m[v] /= gP[g];
        updates.set(t.factors[k], m);
      }
      let partial: { p: number; updates: Map<number, Float64Array>; heard: Int32Array }[] = [
        { p: gP[g], updates, heard: new Int32Array(4).fill(-1) },
      ];
      for (const cf of this.cueFactorsAt(group.cell)) {
        const next: typeof partial = [];
        for (const part of partial) {
          const cur = part.updates.get(cf.factor) ?? post(cf.factor);
          for (const o of cf.outcomes) {
            let q = 0;
            for (let v = 0; v < cur.length; v++) q += cur[v] * o.like[v];
            if (!(q > 0)) continue;
            const vec = new Float64Array(cur.length);
            for (let v = 0; v < cur.length; v++) vec[v] = (cur[v] * o.like[v]) / q;
            const up = new Map(part.updates);
            up.set(cf.factor, vec);
            const heard = part.heard.slice();
            for (let d = 0; d < 4; d++) if (o.heard[d] >= 0) heard[d] = o.heard[d];
            next.push({ p: part.p * q, updates: up, heard });
          }
        }
        partial = next;
      }
      for (const part of partial)
        outcomes.push({
          p: part.p,
          reward: group.reward,
          cell: group.cell,
          signal: group.signal,
          heard: part.heard,
          updates: part.updates,
        });
    }
    return { absorb, outcomes };
  }

  /** The cue stage alone (the first observation of an episode): outcomes of perceiving at `cell`. */
  private perceive(cell: number, post: (f: number) => Float64Array): Outcome[] {
    let partial: Outcome[] = [
      { p: 1, reward: 0, cell, signal: NO_SIGNAL, heard: new Int32Array(4).fill(-1), updates: new Map() },
    ];
    for (const cf of this.cueFactorsAt(cell)) {
      const next: Outcome[] = [];
      for (const part of partial) {
        const cur = post(cf.factor);
        for (const o of cf.outcomes) {
          let q = 0;
          for (let v = 0; v < cur.length; v++) q += cur[v] * o.like[v];
          if (!(q > 0)) continue;
          const vec = new Float64Array(cur.length);
          for (let v = 0; v < cur.length; v++) vec[v] = (cur[v] * o.like[v]) / q;
          const updates = new Map(part.updates);
          updates.set(cf.factor, vec);
          const heard = part.heard.slice();
          for (let d = 0; d < 4; d++) if (o.heard[d] >= 0) heard[d] = o.heard[d];
          next.push({ ...part, p: part.p * q, updates, heard });
        }
      }
      partial = next;
    }
    return partial;
  }

  private template(cell: number, k: number): Template {
    return this.templates[this.posIndex[cell] * this.actions.length + k];
  }

  // ---------------------------------------------------------------------------------------------
  // Exact mode.

  private sizeExact(): void {
    // Observation masks per factor: which variants each possible observation leaves.
    const masks = this.factors.map(() => new Set<number>());
    for (const t of this.templates) {
      const G = t.groups.length;
      if (G === 0 || t.factors.length === 0) continue;
      const proj: number[][] = t.groups.map(() => Array.from(t.factors, () => 0));
      for (let j = 0; j < t.joint; j++) {
        if (!this.jointPossible(t, j)) continue;
        for (let b = t.branchStart[j]; b < t.branchStart[j + 1]; b++) {
          if (t.bKind[b] !== ACTIVE || t.bP[b] <= 0) continue;
          const g = t.bGroup[b];
          this.forEachDigit(t, j, (k, v) => (proj[g][k] |= 1 << v));
        }
      }
      for (const p of proj) p.forEach((m, k) => masks[t.factors[k]].add(m));
    }
    for (let c = 0; c < this.posIndex.length; c++) {
      if (this.posIndex[c] < 0) continue;
      for (const cf of this.cueFactorsAt(c)) {
        for (const o of cf.outcomes) {
          let m = 0;
          o.like.forEach((l, v) => {
            if (l > 0) m |= 1 << v;
          });
          masks[cf.factor].add(m);
        }
      }
    }
    let beliefs = 1;
    this.factors.forEach((f, i) => {
      const list = [f.full];
      const seen = new Set(list);
      for (let q = 0; q < list.length; q++)
        for (const m of masks[i]) {
          const s = list[q] & m;
          if (s !== 0 && !seen.has(s)) {
            seen.add(s);
            list.push(s);
          }
        }
      // Most variants first: a refinement is a strict subset, so it always has a larger index.
      list.sort((a, b) => popcount(b) - popcount(a) || a - b);
      this.subsets.push(list);
      this.subsetIndex.push(new Map(list.map((m, k) => [m, k])));
      this.subsetPost.push(
        list.map((m) => {
          const vec = new Float64Array(f.prior.length);
          let mass = 0;
          f.prior.forEach((p, v) => {
            if (m & (1 << v)) mass += p;
          });
          f.prior.forEach((p, v) => {
            if (m & (1 << v)) vec[v] = p / mass;
          });
          return vec;
        }),
      );
      this.strides.push(beliefs);
      beliefs *= list.length;
    });
    this.beliefCount = beliefs;
    this.stateCount = beliefs * this.positions.length;
    if (this.stateCount > this.maxStates) {
      throw new UsageError(
        `bayes-optimal cannot plan ${this.spec.name}: its belief space has ${this.describeBeliefs()} = ` +
          `${formatCount(beliefs)} beliefs × ${formatCount(this.positions.length)} reachable positions = ` +
          `${formatCount(this.stateCount)} position×belief states, over the budget maxStates = ` +
          `${formatCount(this.maxStates)}. Exact Bayes-optimal planning is exponential in the number of unknowns.`,
      );
    }
  }

  /** "3^8" or "3^5 × 4^1": the count of subsets per factor, grouped. */
  describeBeliefs(): string {
    const counts = new Map<number, number>();
    for (const list of this.subsets)
      if (list.length > 1) counts.set(list.length, (counts.get(list.length) ?? 0) + 1);
    if (counts.size === 0) return '1';
    return [...counts.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([n, k]) => `${n}^${k}`)
      .join(' × ');
  }

  private beliefOf(post: Float64Array[]): number {
    let b = 0;
    this.factors.forEach((f, i) => {
      let m = 0;
      post[i].forEach((q, v) => {
        if (q > 0) m |= 1 << v;
      });
      const k = this.subsetIndex[i].get(m & f.full);
      if (k !== undefined) b += k * this.strides[i];
    });
    return b;
  }

  private comboOf(t: Template, digits: Int32Array): number {
    let c = 0;
    let stride = 1;
    for (const f of t.relevant) {
      c += digits[f] * stride;
      stride *= this.subsets[f].length;
    }
    return c;
  }

  private entry(ti: number, digits: Int32Array): Entry {
    const t = this.templates[ti];
    const combo = this.comboOf(t, digits);
    let list = this.entries[ti];
    if (!list) {
      list = [];
      this.entries[ti] = list;
    }
    const cached = list[combo];
    if (cached) return cached;
    const post = (f: number): Float64Array => this.subsetPost[f][digits[f]];
    const { absorb, outcomes } = this.expand(t, post);
    let base = absorb;
    const merged = new Map<string, { p: number; next: number; delta: number }>();
    for (const o of outcomes) {
      base += o.p * o.reward;
      let delta = 0;
      for (const [f, vec] of o.updates) {
        let m = 0;
        vec.forEach((q, v) => {
          if (q > 0) m |= 1 << v;
        });
        const k = this.subsetIndex[f].get(m);
        if (k === undefined) throw new Error(`internal: subset ${m} of factor ${f} not enumerated`);
        delta += (k - digits[f]) * this.strides[f];
      }
      const next = this.posIndex[o.cell];
      const key = `${next}|${delta}`;
      const e = merged.get(key);
      if (e) e.p += o.p;
      else merged.set(key, { p: o.p, next, delta });
    }
    const all = [...merged.values()];
    const same = all.filter((e) => e.delta === 0);
    const other = all.filter((e) => e.delta !== 0);
    const entry: Entry = {
      base,
      sameP: Float64Array.from(same, (e) => e.p),
      sameNext: Int32Array.from(same, (e) => e.next),
      otherP: Float64Array.from(other, (e) => e.p),
      otherNext: Int32Array.from(other, (e) => e.next),
      otherDelta: Float64Array.from(other, (e) => e.delta),
    };
    list[combo] = entry;
    return entry;
  }

  private decode(b: number, digits: Int32Array): void {
    let rest = b;
    for (let f = 0; f < this.factors.length; f++) {
      const n = this.subsets[f].length;
      digits[f] = rest % n;
      rest = (rest - digits[f]) / n;
    }
  }

  /** Solves every belief, most resolved first (exact mode; horizon mode plans per decision). Idempotent. */
  solve(): void {
    if (this.mode !== 'exact' || this.values) return;
    const P = this.positions.length;
    const A = this.actions.length;
    const B = this.beliefCount;
    const gamma = this.gamma;
    const floor = gamma >= 1 ? this.stuckValue : -Infinity;
    const init = this.waitAllowed || gamma >= 1 ? this.stuckValue : 0;
    const V = new Float64Array(B * P);
    const C = new Float64Array(P * A);
    const E: Entry[] = new Array<Entry>(P * A);
    const digits = new Int32Array(this.factors.length);
    for (let b = B - 1; b >= 0; b--) {
      if (this.shouldStop && (b & 63) === 0 && this.shouldStop()) throw new PlanningAborted();
      this.decode(b, digits);
      const off = b * P;
      for (let ti = 0; ti < P * A; ti++) {
        const e = this.entry(ti, digits);
        let c = e.base;
        for (let m = 0; m < e.otherP.length; m++)
          c += gamma * e.otherP[m] * V[(b + e.otherDelta[m]) * P + e.otherNext[m]];
        C[ti] = c;
        E[ti] = e;
      }
      for (let i = 0; i < P; i++) V[off + i] = init;
      for (let sweep = 0; ; sweep++) {
        if (sweep > MAX_SWEEPS)
          throw new UsageError(
            `bayes-optimal: values did not converge in ${this.spec.name} (gamma ${gamma}): with gamma 1 every state must be able to end the episode`,
          );
        let delta = 0;
        const forward = (sweep & 1) === 0;
        for (let n = 0; n < P; n++) {
          const i = forward ? n : P - 1 - n;
          let best = floor;
          for (let k = 0; k < A; k++) {
            const ti = i * A + k;
            const e = E[ti];
            let q = C[ti];
            for (let m = 0; m < e.sameP.length; m++) q += gamma * e.sameP[m] * V[off + e.sameNext[m]];
            if (q > best) best = q;
          }
          const d = Math.abs(best - V[off + i]);
          if (d > delta) delta = d;
          V[off + i] = best;
        }
        if (!Number.isFinite(delta))
          throw new UsageError(`bayes-optimal: values diverged in ${this.spec.name} (gamma ${gamma})`);
        if (delta <= this.tolerance) break;
      }
    }
    this.values = V;
  }

  /** Exact mode: the optimal value of standing at `cell` in belief `b`. */
  valueAt(b: number, cell: number): number {
    this.solve();
    return this.values![b * this.positions.length + this.posIndex[cell]];
  }

  // ---------------------------------------------------------------------------------------------
  // Horizon mode.

  private sizeHorizon(): void {
    const H = this.horizon;
    this.vecKeys = this.factors.map(() => new Map());
    this.vecs = this.factors.map(() => []);
    const prior = this.factors.map((f, i) => this.internVec(i, f.prior));
    this.internState(Int32Array.from(prior));
    // Per factor, the posteriors reachable within the horizon: every observation of the factor is a
    // likelihood vector; a step brings at most one from the action and one cue per adjacent cell.
    const likes = this.factors.map(() => new Map<string, Float64Array>());
    const addLike = (f: number, l: ArrayLike<number>): void => {
      let max = 0;
      for (let v = 0; v < l.length; v++) max = Math.max(max, l[v]);
      if (!(max > 0)) return;
      const vec = Float64Array.from(l, (x) => x / max);
      likes[f].set(vecKey(vec), vec);
    };
    for (const t of this.templates) {
      const G = t.groups.length;
      for (let k = 0; k < t.factors.length; k++) {
        // Slices: the likelihood over this factor's variants with the other involved factors fixed.
        const others = t.joint / t.sizes[k];
        const stride = t.sizes.slice(0, k).reduce((a, b) => a * b, 1);
        for (let o = 0; o < others; o++) {
          const low = o % stride;
          const high = (o - low) / stride;
          const slice = Array.from({ length: G }, () => new Float64Array(t.sizes[k]));
          for (let v = 0; v < t.sizes[k]; v++) {
            const j = low + stride * (v + t.sizes[k] * high);
            for (let b = t.branchStart[j]; b < t.branchStart[j + 1]; b++)
              if (t.bKind[b] === ACTIVE) slice[t.bGroup[b]][v] += t.bP[b];
          }
          for (const l of slice) addLike(t.factors[k], l);
        }
      }
    }
    const perStep = this.factors.map(() => 1);
    for (let c = 0; c < this.posIndex.length; c++) {
      if (this.posIndex[c] < 0) continue;
      for (const cf of this.cueFactorsAt(c)) {
        for (const o of cf.outcomes) addLike(cf.factor, o.like);
        const dirs = cf.outcomes.length ? [...cf.outcomes[0].heard].filter((h) => h >= 0).length : 0;
        perStep[cf.factor] = Math.max(perStep[cf.factor], 1 + dirs);
      }
    }
    const reach = this.factors.map((f, i) => this.countPosteriors(f, [...likes[i].values()], H * perStep[i]));
    // The largest neighbourhood one decision can touch: positions within H steps and their factors.
    const P = this.positions.length;
    const A = this.actions.length;
    let worst = 0;
    const seenAt = new Int32Array(P).fill(-1);
    for (let i0 = 0; i0 < P; i0++) {
      let frontier = [i0];
      seenAt[i0] = i0;
      let count = 1;
      const near = new Set<number>();
      for (let d = 0; d <= H; d++) {
        const next: number[] = [];
        for (const i of frontier)
          for (let k = 0; k < A; k++) {
            const t = this.templates[i * A + k];
            for (const f of t.relevant) near.add(f);
            if (d === H) continue;
            for (const g of t.groups) {
              const n = this.posIndex[g.cell];
              if (seenAt[n] !== i0) {
                seenAt[n] = i0;
                count++;
                next.push(n);
              }
            }
          }
        frontier = next;
      }
      let posts = 1;
      for (const f of near) posts *= reach[f];
      worst = Math.max(worst, (H + 1) * count * posts + posts * P);
      if (worst > this.maxStates) break;
    }
    this.searchBound = worst;
    this.stateCount = worst;
    if (worst > this.maxStates) {
      throw new UsageError(
        `bayes-optimal cannot plan ${this.spec.name}: its observations are noisy (${this.noisyReasons[0] ?? 'horizon mode'}), ` +
          `so it plans by expectimax over exact posteriors with horizon ${H}, and one decision could need ` +
          `${formatCount(worst)} (depth, position, posterior) states and leaf values, over the budget maxStates = ` +
          `${formatCount(this.maxStates)}. Lower the horizon or raise maxStates.`,
      );
    }
  }

  private countPosteriors(f: PlanFactor, likes: Float64Array[], steps: number): number {
    const seen = new Set<string>([vecKey(f.prior)]);
    let frontier = [f.prior];
    for (let s = 0; s < steps && frontier.length > 0; s++) {
      const next: Float64Array[] = [];
      for (const p of frontier)
        for (const l of likes) {
          let total = 0;
          for (let v = 0; v < p.length; v++) total += p[v] * l[v];
          if (!(total > 0)) continue;
          const q = Float64Array.from(p, (x, v) => (x * l[v]) / total);
          const key = vecKey(q);
          if (seen.has(key)) continue;
          seen.add(key);
          next.push(q);
          if (seen.size > this.maxStates) return seen.size;
        }
      frontier = next;
    }
    return seen.size;
  }

  private internVec(f: number, vec: Float64Array): number {
    const key = vecKey(vec);
    const known = this.vecKeys[f].get(key);
    if (known !== undefined) return known;
    const id = this.vecs[f].length;
    this.vecs[f].push(vec);
    this.vecKeys[f].set(key, id);
    return id;
  }

  private internState(ids: Int32Array): number {
    const key = ids.join(',');
    const known = this.stateKeys.get(key);
    if (known !== undefined) return known;
    const id = this.states.length;
    this.states.push(ids);
    this.stateKeys.set(key, id);
    return id;
  }

  private stateOf(post: Float64Array[]): number {
    return this.internState(Int32Array.from(post, (vec, f) => this.internVec(f, vec)));
  }

  private hEntry(ti: number, s: number): HEntry {
    const key = s * this.templates.length + ti;
    const cached = this.hCache.get(key);
    if (cached) return cached;
    const ids = this.states[s];
    const { absorb, outcomes } = this.expand(this.templates[ti], (f) => this.vecs[f][ids[f]]);
    let base = absorb;
    const merged = new Map<string, { p: number; next: number; state: number }>();
    for (const o of outcomes) {
      base += o.p * o.reward;
      const next = ids.slice();
      for (const [f, vec] of o.updates) next[f] = this.internVec(f, vec);
      const state = this.internState(next);
      const pos = this.posIndex[o.cell];
      const k = `${pos}|${state}`;
      const e = merged.get(k);
      if (e) e.p += o.p;
      else merged.set(k, { p: o.p, next: pos, state });
    }
    const all = [...merged.values()];
    const entry: HEntry = {
      base,
      p: Float64Array.from(all, (e) => e.p),
      next: Int32Array.from(all, (e) => e.next),
      state: Int32Array.from(all, (e) => e.state),
    };
    this.hCache.set(key, entry);
    return entry;
  }

  /** The risk-neutral mixture value of every position under posterior state `s` (no further learning). */
  private leaf(s: number): Float64Array {
    const cached = this.leafCache.get(s);
    if (cached) return cached;
    const ids = this.states[s];
    const post = (f: number): Float64Array => this.vecs[f][ids[f]];
    const P = this.positions.length;
    const A = this.actions.length;
    const gamma = this.gamma;
    const tail = gamma * this.stuckValue;
    const base = new Float64Array(P * A);
    const succ: { p: Float64Array; next: Int32Array }[] = [];
    for (let ti = 0; ti < P * A; ti++) {
      const t = this.templates[ti];
      const acc = new Map<number, number>();
      let c = 0;
      this.forJointWeights(t, post, (j, w) => {
        for (let b = t.branchStart[j]; b < t.branchStart[j + 1]; b++) {
          const q = w * t.bP[b];
          if (t.bKind[b] === END) c += q * t.bR[b];
          else if (t.bKind[b] === STUCK_KIND) c += q * (t.bR[b] + tail);
          else {
            c += q * t.bR[b];
            const n = this.posIndex[t.groups[t.bGroup[b]].cell];
            acc.set(n, (acc.get(n) ?? 0) + q);
          }
        }
      });
      base[ti] = c;
      succ.push({ p: Float64Array.from(acc.values()), next: Int32Array.from(acc.keys()) });
    }
    const V = new Float64Array(P).fill(this.waitAllowed || gamma >= 1 ? this.stuckValue : 0);
    const floor = gamma >= 1 ? this.stuckValue : -Infinity;
    for (let sweep = 0; ; sweep++) {
      let delta = 0;
      const forward = (sweep & 1) === 0;
      for (let n = 0; n < P; n++) {
        const i = forward ? n : P - 1 - n;
        let best = floor;
        for (let k = 0; k < A; k++) {
          const ti = i * A + k;
          const sc = succ[ti];
          let q = base[ti];
          for (let m = 0; m < sc.p.length; m++) q += gamma * sc.p[m] * V[sc.next[m]];
          if (q > best) best = q;
        }
        delta = Math.max(delta, Math.abs(best - V[i]));
        V[i] = best;
      }
      if (!Number.isFinite(delta) || sweep > MAX_SWEEPS)
        throw new UsageError(
          `bayes-optimal: leaf values did not converge in ${this.spec.name} (gamma ${gamma})`,
        );
      if (delta <= this.tolerance) break;
    }
    this.leafCache.set(s, V);
    return V;
  }

  private forJointWeights(
    t: Template,
    post: (f: number) => Float64Array,
    f: (j: number, w: number) => void,
  ): void {
    for (let j = 0; j < t.joint; j++) {
      let rest = j;
      let w = 1;
      for (let k = 0; k < t.factors.length; k++) {
        const v = rest % t.sizes[k];
        rest = (rest - v) / t.sizes[k];
        w *= post(t.factors[k])[v];
      }
      if (w > 0) f(j, w);
    }
  }

  private searchCount = 0;

  private search(d: number, i: number, s: number): number {
    if (d === 0) return this.leaf(s)[i];
    const key = (s * this.positions.length + i) * (this.horizon + 1) + d;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (++this.searchCount > 2 * this.maxStates + this.searchBound)
      throw new UsageError(
        `bayes-optimal: the search in ${this.spec.name} exceeded its budget maxStates = ${formatCount(this.maxStates)}`,
      );
    const A = this.actions.length;
    let best = this.gamma >= 1 ? this.stuckValue : -Infinity;
    for (let k = 0; k < A; k++) {
      const q = this.hQ(d, i * A + k, s);
      if (q > best) best = q;
    }
    this.memo.set(key, best);
    return best;
  }

  private hQ(d: number, ti: number, s: number): number {
    const e = this.hEntry(ti, s);
    let q = e.base;
    for (let m = 0; m < e.p.length; m++) q += this.gamma * e.p[m] * this.search(d - 1, e.next[m], e.state[m]);
    return q;
  }

  // ---------------------------------------------------------------------------------------------
  // The agent's side: tracking and action values.

  /** The prior (not yet refined by the first observation's cues). */
  priorState(): PlanState {
    return {
      cell: this.spec.start!,
      post: this.factors.map((f) => f.prior.slice()),
      active: true,
      inconsistent: false,
    };
  }

  /** The state after the first observation of an episode (its cues refine the prior). */
  initialState(obs: Observation): PlanState {
    const st = this.priorState();
    st.cell = obs.y * this.spec.width + obs.x;
    if (this.posIndex[st.cell] < 0) {
      st.inconsistent = true;
      return st;
    }
    const heard = this.heardOf(obs);
    const outcomes = this.perceive(st.cell, (f) => st.post[f]);
    const match = outcomes.find((o) => this.sameCues(o.heard, heard));
    if (!match) st.inconsistent = true;
    else for (const [f, vec] of match.updates) st.post[f] = vec;
    return st;
  }

  /** Bayes' rule for one transition, by matching the observation against the predicted outcomes. */
  advance(st: PlanState, action: Action, obs: Observation, reward: number, ended: boolean): PlanState {
    const cell = obs.y * this.spec.width + obs.x;
    const next: PlanState = { cell, post: st.post, active: false, inconsistent: st.inconsistent };
    if (!st.active || ended || !obs.alive || obs.stuck) return next;
    const k = this.actions.indexOf(ACTION_CODE[action]);
    if (k < 0 || this.posIndex[st.cell] < 0 || this.posIndex[cell] < 0) {
      next.inconsistent = true;
      next.active = this.posIndex[cell] >= 0;
      return next;
    }
    next.active = true;
    const t = this.template(st.cell, k);
    const signal = obs.signal === null ? NO_SIGNAL : this.world.signals.indexOf(obs.signal);
    const heard = this.heardOf(obs);
    const { outcomes } = this.expand(t, (f) => st.post[f]);
    const match = outcomes.find(
      (o) =>
        o.cell === cell &&
        o.signal === signal &&
        Math.abs(o.reward - reward) <= 1e-9 &&
        this.sameCues(o.heard, heard),
    );
    if (!match) {
      next.inconsistent = true;
      return next;
    }
    next.post = st.post.slice();
    for (const [f, vec] of match.updates) next.post[f] = vec;
    return next;
  }

  private heardOf(obs: Observation): Int32Array {
    const heard = new Int32Array(4);
    for (const c of obs.cues) heard['NESW'.indexOf(c.dir)] = this.world.signals.indexOf(c.signal);
    return heard;
  }

  private sameCues(predicted: Int32Array, heard: Int32Array): boolean {
    for (let d = 0; d < 4; d++) if (predicted[d] >= 0 && predicted[d] !== heard[d]) return false;
    return true;
  }

  /** Q-values of the environment's actions (in `spec.actions` order) at the tracked state. */
  actionValues(st: PlanState): Float64Array {
    const A = this.actions.length;
    const i = this.posIndex[st.cell];
    const out = new Float64Array(A);
    if (i < 0) return out;
    if (this.mode === 'exact') {
      this.solve();
      const V = this.values!;
      const P = this.positions.length;
      const b = this.beliefOf(st.post);
      const digits = new Int32Array(this.factors.length);
      this.decode(b, digits);
      for (let k = 0; k < A; k++) {
        const e = this.entry(i * A + k, digits);
        let q = e.base;
        for (let m = 0; m < e.sameP.length; m++) q += this.gamma * e.sameP[m] * V[b * P + e.sameNext[m]];
        for (let m = 0; m < e.otherP.length; m++)
          q += this.gamma * e.otherP[m] * V[(b + e.otherDelta[m]) * P + e.otherNext[m]];
        out[k] = q;
      }
      return out;
    }
    if (this.memo.size > this.maxStates) this.memo.clear();
    if (this.hCache.size > this.maxStates) this.hCache.clear();
    if (this.leafCache.size * this.positions.length > this.maxStates) this.leafCache.clear();
    this.searchCount = 0;
    const s = this.stateOf(st.post);
    for (let k = 0; k < A; k++) out[k] = this.hQ(this.horizon, i * A + k, s);
    return out;
  }

  /** The planner's value of the start before anything is seen: exact mode's optimal expected return. */
  startValue(): number {
    const start = this.spec.start!;
    const prior = this.priorState();
    const outcomes = this.perceive(start, (f) => prior.post[f]);
    let total = 0;
    for (const o of outcomes) {
      const post = prior.post.slice();
      for (const [f, vec] of o.updates) post[f] = vec;
      const st: PlanState = { cell: start, post, active: true, inconsistent: false };
      const q = this.actionValues(st);
      let best = this.gamma >= 1 ? this.stuckValue : -Infinity;
      for (const v of q) best = Math.max(best, v);
      total += o.p * best;
    }
    return total;
  }

  /** P(trap) per cell under the tracked posterior, for views. */
  trapMap(st: PlanState): Float64Array {
    const out = new Float64Array(this.factorOfCell.length);
    const isTrap = (t: CompiledTile): boolean =>
      t.enterEffect === EFFECT.death || t.enterEffect === EFFECT.stuck;
    for (let c = 0; c < out.length; c++) {
      const f = this.factorOfCell[c];
      if (f < 0) out[c] = isTrap(this.world.tiles.get(this.world.tileNames[c])!) ? 1 : 0;
      else this.factors[f].tiles.forEach((t, v) => (out[c] += isTrap(t) ? st.post[f][v] : 0));
    }
    return out;
  }

  /** Posterior per truth key: tile → probability. */
  posterior(st: PlanState): Record<string, Record<string, number>> {
    return Object.fromEntries(
      this.factors.map((f, i) => [f.key, Object.fromEntries(f.variants.map((v, k) => [v, st.post[i][k]]))]),
    );
  }
}

function vecKey(vec: ArrayLike<number>): string {
  let s = '';
  for (let v = 0; v < vec.length; v++) s += `${Math.round(vec[v] * 1e12)},`;
  return s;
}

function sameBehaviour(a: CompiledTile, b: CompiledTile): boolean {
  return (
    a.walkable === b.walkable &&
    a.enterEffect === b.enterEffect &&
    a.enterReward === b.enterReward &&
    a.enterTo === b.enterTo &&
    a.enterSignal === b.enterSignal &&
    a.leaveTo === b.leaveTo &&
    a.leaveReward === b.leaveReward &&
    a.oneWay === b.oneWay &&
    a.pokeSignal === b.pokeSignal &&
    a.pokeRisk === b.pokeRisk &&
    a.pokeRiskEffect === b.pokeRiskEffect &&
    a.nearSignal === b.nearSignal &&
    a.nearP === b.nearP
  );
}
