/**
 * The posterior over a world's unknowns, factored per truth key: one factor per cell of a `scope: "each"`
 * unknown, one per `scope: "all"` unknown (covering all its cells). Unknowns are independent a priori,
 * and in a deterministic world every observation depends on one factor (the cell entered, poked or
 * cued), so the factored posterior is exact. With `slip`, one move can depend on several neighbours;
 * then the joint over those few factors is computed exactly and projected back onto the factors
 * (assumed-density filtering: exact marginals, correlations dropped).
 *
 * Predictions reuse the engine itself: the variants under consideration are written into a scratch
 * compiled world and `stepState` is run with forced random draws, so the belief can never disagree with
 * the engine about what a tile does.
 */
import type { Observation } from '../core/episode.ts';
import type { Action } from '../core/format.ts';
import type { Rng } from '../core/rng.ts';
import type { EnvSpec } from '../core/spec.ts';
import { createState, resetState, stepState, type EngineState } from '../core/step.ts';
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

export interface Factor {
  /** Truth key: `id` for scope all, `id@x,y` per cell. */
  key: string;
  unknown: string;
  variants: string[];
  tiles: CompiledTile[];
  prior: Float64Array;
  /** Current posterior over `variants`. */
  p: Float64Array;
  cells: readonly number[];
  /** Whether each variant kills or sticks on entry. */
  isTrap: Uint8Array;
}

/** Largest joint (product of variant counts) enumerated for one observation before giving up on it. */
const MAX_JOINT = 4096;
const LIKELY = 1 - 1e-12;

export class Belief {
  readonly spec: EnvSpec;
  readonly factors: Factor[] = [];
  /** Factor index of each cell, or -1 for a known cell. */
  readonly factorOfCell: Int32Array;
  /** A compiled world for predictions; its unknown cells hold whatever was last written into them. */
  readonly scratch: World;
  /** Set when an observation had probability 0 under every hypothesis (the model is wrong). */
  inconsistent = false;
  /** Increases whenever a posterior changes, so planners can tell when to replan. */
  version = 0;
  private readonly state: EngineState;
  private readonly forced: number[] = [];
  private forcedAt = 0;
  private readonly forcedRng: Rng = () => this.forced[this.forcedAt++] ?? LIKELY;

  constructor(spec: EnvSpec) {
    this.spec = spec;
    this.factorOfCell = new Int32Array(spec.width * spec.height).fill(-1);
    const base: Truth = {};
    for (const u of spec.unknowns) {
      const keys = u.scope === 'all' ? [u.id] : u.cells.map((c) => truthKey(spec, u, c));
      for (const key of keys) base[key] = u.prior[0].tile;
    }
    this.scratch = compileWorld(spec, base);
    for (const u of spec.unknowns) {
      const groups = u.scope === 'all' ? [u.cells] : u.cells.map((c) => [c]);
      for (const cells of groups) {
        if (cells.length === 0) continue;
        const tiles = u.prior.map((v) => this.scratch.tiles.get(v.tile)!);
        const prior = Float64Array.from(u.prior.map((v) => v.p));
        const index = this.factors.length;
        this.factors.push({
          key: u.scope === 'all' ? u.id : truthKey(spec, u, cells[0]),
          unknown: u.id,
          variants: u.prior.map((v) => v.tile),
          tiles,
          prior,
          p: prior.slice(),
          cells,
          isTrap: Uint8Array.from(
            tiles.map((t) => (t.enterEffect === EFFECT.death || t.enterEffect === EFFECT.stuck ? 1 : 0)),
          ),
        });
        for (const c of cells) this.factorOfCell[c] = index;
      }
    }
    this.state = createState(this.scratch);
  }

  /** Back to the priors (a new episode draws a new world). */
  reset(): void {
    for (const f of this.factors) f.p.set(f.prior);
    this.inconsistent = false;
    this.version++;
  }

  clone(): Belief {
    const copy = new Belief(this.spec);
    copy.factors.forEach((f, i) => f.p.set(this.factors[i].p));
    copy.inconsistent = this.inconsistent;
    return copy;
  }

  /** P(entering the cell kills or sticks); 0 or 1 for known cells. */
  trapProbability(cell: number): number {
    const f = this.factorOfCell[cell];
    if (f < 0) {
      const e = this.scratch.enterEffect[cell];
      return e === EFFECT.death || e === EFFECT.stuck ? 1 : 0;
    }
    const { p, isTrap } = this.factors[f];
    let total = 0;
    for (let v = 0; v < p.length; v++) if (isTrap[v]) total += p[v];
    return total;
  }

  trapMap(): Float64Array {
    const out = new Float64Array(this.factorOfCell.length);
    for (let c = 0; c < out.length; c++) out[c] = this.trapProbability(c);
    return out;
  }

  /** Posterior per truth key: tile → probability. */
  posterior(): Record<string, Record<string, number>> {
    return Object.fromEntries(
      this.factors.map((f) => [f.key, Object.fromEntries(f.variants.map((v, i) => [v, f.p[i]]))]),
    );
  }

  /** Total entropy in bits (the factors are independent, so entropies add). */
  entropy(): number {
    let h = 0;
    for (const f of this.factors) for (const q of f.p) if (q > 0) h -= q * Math.log2(q);
    return h;
  }

  /** Whether a factor is settled: one variant holds all but `tolerance` of the mass. */
  isResolved(f: Factor, tolerance = 1e-9): boolean {
    for (const q of f.p) if (q >= 1 - tolerance) return true;
    return false;
  }

  sample(rng: Rng): Truth {
    const truth: Truth = {};
    for (const f of this.factors) {
      let u = rng();
      let pick = f.p.length - 1;
      for (let v = 0; v < f.p.length; v++) {
        u -= f.p[v];
        if (u < 0) {
          pick = v;
          break;
        }
      }
      while (f.p[pick] === 0 && pick > 0) pick--;
      truth[f.key] = f.variants[pick];
    }
    return truth;
  }

  mostProbable(): Truth {
    const truth: Truth = {};
    for (const f of this.factors) {
      let best = 0;
      for (let v = 1; v < f.p.length; v++) if (f.p[v] > f.p[best]) best = v;
      truth[f.key] = f.variants[best];
    }
    return truth;
  }

  /** Multiplies one factor by a likelihood over its variants and renormalises. The cheap, common update. */
  updateFactor(f: Factor, likelihood: ArrayLike<number>): void {
    let total = 0;
    for (let v = 0; v < f.p.length; v++) total += f.p[v] * likelihood[v];
    if (!(total > 0)) {
      this.inconsistent = true;
      return;
    }
    let changed = false;
    for (let v = 0; v < f.p.length; v++) {
      const q = (f.p[v] * likelihood[v]) / total;
      if (q !== f.p[v]) changed = true;
      f.p[v] = q;
    }
    if (changed) this.version++;
  }

  /** Updates from the cues perceived standing at `pos` (also call it for the first observation of an episode). */
  observeCues(pos: number, cues: Observation['cues']): void {
    const w = this.scratch;
    for (let d = 0; d < 4; d++) {
      const n = w.neighbour[pos * 4 + d];
      if (n < 0) continue;
      const fi = this.factorOfCell[n];
      if (fi < 0) continue;
      const f = this.factors[fi];
      const heard = cues.find((c) => c.dir === 'NESW'[d]);
      const heardId = heard ? w.signals.indexOf(heard.signal) : NO_SIGNAL;
      const like = new Float64Array(f.tiles.length);
      for (let v = 0; v < f.tiles.length; v++) {
        const t = f.tiles[v];
        if (heard) like[v] = t.nearSignal === heardId ? t.nearP : 0;
        else like[v] = t.nearSignal === NO_SIGNAL ? 1 : 1 - t.nearP;
      }
      this.updateFactor(f, like);
    }
  }

  /**
   * Updates from one transition: the agent was at `from` (alive, not stuck), took `action`, got `reward`
   * and now sees `obs`. Covers moves (entering reveals the tile's effect, signal, destination and enter
   * reward; a bump reveals a blocked cell), pokes (signal, and surviving the risk) and the cues at the
   * new position. Without `reward`, rewards are not used (variants that differ only in reward are then
   * not told apart).
   */
  observeTransition(from: number, action: Action, obs: Observation, reward?: number): void {
    const code = ACTION_CODE[action];
    if (code !== WAIT) this.observeOutcome(from, code, obs, reward);
    if (obs.alive) this.observeCues(obs.y * this.spec.width + obs.x, obs.cues);
  }

  /** Factors whose variant can change the outcome of `code` taken at `from`. */
  private involvedCells(from: number, code: number): number[] {
    const w = this.scratch;
    if (code >= 4) {
      const t = w.neighbour[from * 4 + code - 4];
      return t >= 0 && this.factorOfCell[t] >= 0 ? [t] : [];
    }
    const cells: number[] = [];
    if (this.factorOfCell[from] >= 0) cells.push(from);
    for (let d = 0; d < 4; d++) {
      if (w.slip === 0 && d !== code) continue;
      const t = w.neighbour[from * 4 + d];
      if (t >= 0 && this.factorOfCell[t] >= 0) cells.push(t);
    }
    return cells;
  }

  private observeOutcome(from: number, code: number, obs: Observation, reward: number | undefined): void {
    const cells = this.involvedCells(from, code);
    if (cells.length === 0) return;
    const factorIds = [...new Set(cells.map((c) => this.factorOfCell[c]))];
    const sizes = factorIds.map((fi) => this.factors[fi].variants.length);
    const jointSize = sizes.reduce((a, b) => a * b, 1);
    if (jointSize > MAX_JOINT) return;
    const w = this.scratch;
    const observedPos = obs.y * w.width + obs.x;
    const observedSignal = obs.signal === null ? NO_SIGNAL : w.signals.indexOf(obs.signal);
    const joint = new Float64Array(jointSize);
    const assignment = new Int32Array(factorIds.length);
    let total = 0;
    for (let j = 0; j < jointSize; j++) {
      let rest = j;
      let prior = 1;
      for (let k = 0; k < factorIds.length; k++) {
        assignment[k] = rest % sizes[k];
        rest = (rest - assignment[k]) / sizes[k];
        prior *= this.factors[factorIds[k]].p[assignment[k]];
      }
      if (prior === 0) continue;
      for (const c of cells) {
        const k = factorIds.indexOf(this.factorOfCell[c]);
        setCellTile(w, c, this.factors[factorIds[k]].tiles[assignment[k]]);
      }
      const like = this.outcomeLikelihood(from, code, observedPos, observedSignal, obs, reward);
      joint[j] = prior * like;
      total += joint[j];
    }
    if (!(total > 0)) {
      this.inconsistent = true;
      return;
    }
    // Marginalise back onto each factor.
    factorIds.forEach((fi, k) => {
      const f = this.factors[fi];
      const marginal = new Float64Array(sizes[k]);
      let stride = 1;
      for (let m = 0; m < k; m++) stride *= sizes[m];
      for (let j = 0; j < jointSize; j++) marginal[Math.floor(j / stride) % sizes[k]] += joint[j] / total;
      if (marginal.some((q, v) => q !== f.p[v])) this.version++;
      f.p.set(marginal);
    });
  }

  /** P(observation | the variants now written into the scratch world), summing over slips and poke risks. */
  private outcomeLikelihood(
    from: number,
    code: number,
    pos: number,
    signal: number,
    obs: Observation,
    reward: number | undefined,
  ): number {
    const w = this.scratch;
    const branches: [number[], number][] = [];
    if (code < 4) {
      if (w.slip === 0 || w.leaveTo[from] >= 0) branches.push([[LIKELY], 1]);
      else {
        branches.push([[LIKELY], 1 - w.slip]);
        for (let k = 1; k < 4; k++) branches.push([[0, (k - 0.5) / 3], w.slip / 3]);
      }
    } else {
      const t = w.neighbour[from * 4 + code - 4];
      const risk = t < 0 ? 0 : w.pokeRisk[t];
      if (risk < 1) branches.push([[LIKELY], 1 - risk]);
      if (risk > 0) branches.push([[0], risk]);
    }
    let like = 0;
    for (const [draws, p] of branches) {
      const s = this.state;
      resetState(w, s, from);
      this.forced.length = 0;
      this.forced.push(...draws);
      this.forcedAt = 0;
      const r = stepState(w, s, code, this.forcedRng);
      if (s.pos !== pos || s.signal !== signal || s.alive !== obs.alive || s.stuck !== obs.stuck) continue;
      // The engine computes the reward the same way here, so equal outcomes give equal sums; the
      // tolerance only absorbs rounding should the two ever add the terms in another order.
      if (reward !== undefined && Math.abs(r - reward) > 1e-9 * Math.max(1, Math.abs(reward))) continue;
      like += p;
    }
    return like;
  }
}
