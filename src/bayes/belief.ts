/**
 * The posterior over a world's unknowns, factored per truth key: one factor per cell of a `scope: "each"`
 * unknown, one per `scope: "all"` unknown (covering all its cells). Unknowns are independent a priori,
 * and in a deterministic world every observation depends on one factor (the cell entered, poked or
 * cued), so the factored posterior is exact. With `slip`, one move can depend on several neighbours;
 * then the joint over those few factors is computed exactly and projected back onto the factors
 * (assumed-density filtering: exact marginals, correlations dropped).
 *
 * Predictions reuse the engine itself: the variants under consideration are written into a scratch
 * compiled world and the engine's `forEachOutcome` enumerates what the step does, so the belief can
 * never disagree with the engine about what a tile does.
 *
 * Theories (format 1.1) are factors too: one factor whose variants are hypotheses, each putting a tile
 * into every cell of every role, so what is seen at one role's cell updates the whole theory.
 * Changes (format 1.1 `set`): the scratch world follows what the agent sees change; a changed cell is
 * known from then on (it holds the tile the change names), so it leaves its factor.
 */
import type { Observation } from '../core/episode.ts';
import type { Action } from '../core/format.ts';
import { lookChanges } from '../core/episode.ts';
import type { Rng } from '../core/rng.ts';
import type { EnvSpec } from '../core/spec.ts';
import { cellsReadBy, createState, forEachOutcome, type EngineState } from '../core/step.ts';
import { truthKey, type Truth } from '../core/truth.ts';
import {
  ACTION_CODE,
  compileWorld,
  EffectCode,
  Signal,
  setCellTile,
  WAIT,
  type CompiledTile,
  type World,
} from '../core/world.ts';

export interface Factor {
  /** Truth key: `id` for scope all, `id@x,y` per cell, the theory's id for a theory. */
  key: string;
  /** The unknown's or the theory's id. */
  unknown: string;
  /** Tile names for an unknown; hypothesis names for a theory. */
  variants: string[];
  /** The tile of each variant in the factor's first role (an unknown has one role). */
  tiles: CompiledTile[];
  prior: Float64Array;
  /** Current posterior over `variants`. */
  p: Float64Array;
  cells: readonly number[];
  /** Whether each variant kills or sticks on entry, in the first role. */
  isTrap: Uint8Array;
  /**
   * Per role, the tile of each variant and whether it is a trap; `roleOfCell` maps a cell to its role.
   * A theory links roles of different looks (shore and deep ice): one draw decides all of them.
   */
  roles: { tiles: CompiledTile[]; isTrap: Uint8Array }[];
  roleOfCell: ReadonlyMap<number, number>;
}

/** The tile `f`'s variant `v` puts into `cell`. */
export function factorTile(f: Factor, v: number, cell: number): CompiledTile {
  return f.roles[f.roleOfCell.get(cell) ?? 0].tiles[v];
}

function trapFlags(tiles: readonly CompiledTile[]): Uint8Array {
  return Uint8Array.from(
    tiles.map((t) => (t.enterEffect === EffectCode.death || t.enterEffect === EffectCode.stuck ? 1 : 0)),
  );
}

/** Largest joint (product of variant counts) enumerated for one observation before giving up on it. */
const MAX_JOINT = 4096;

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
  /** Increases whenever the world is seen to change (and on reset), so planners can tell their world is stale. */
  worldVersion = 0;
  private readonly state: EngineState;
  /** Cells changed this episode: what they held before (tile and factor), for `reset`. */
  private readonly changed = new Map<number, { tile: CompiledTile; factor: number }>();
  /** Tiles a `set` can put into a cell, by look: what an observed change is taken to be. */
  private readonly setTileByLook = new Map<string, CompiledTile>();

  constructor(spec: EnvSpec) {
    this.spec = spec;
    this.factorOfCell = new Int32Array(spec.width * spec.height).fill(-1);
    const base: Truth = {};
    for (const u of spec.unknowns) {
      const keys = u.scope === 'all' ? [u.id] : u.cells.map((c) => truthKey(spec, u, c));
      for (const key of keys) base[key] = u.prior[0].tile;
    }
    for (const t of spec.theories) base[t.id] = t.hypotheses[0].name;
    this.scratch = compileWorld(spec, base);
    const tile = (name: string) => this.scratch.tiles.get(name)!;
    for (const u of spec.unknowns) {
      const groups = u.scope === 'all' ? [u.cells] : u.cells.map((c) => [c]);
      for (const cells of groups) {
        if (cells.length === 0) continue;
        const tiles = u.prior.map((v) => tile(v.tile));
        this.addFactor(
          u.scope === 'all' ? u.id : truthKey(spec, u, cells[0]),
          u.id,
          u.prior.map((v) => v.tile),
          u.prior.map((v) => v.p),
          [{ tiles, cells }],
        );
      }
    }
    for (const t of spec.theories)
      this.addFactor(
        t.id,
        t.id,
        t.hypotheses.map((h) => h.name),
        t.hypotheses.map((h) => h.p),
        t.roles.map((r) => ({ tiles: t.hypotheses.map((h) => tile(h.tiles[r.name])), cells: r.cells })),
      );
    this.state = createState(this.scratch);
    for (const list of this.scratch.changeLists)
      for (let i = 1; i < list.length; i += 2) {
        const t = this.scratch.tileList[list[i]];
        if (!this.setTileByLook.has(t.look)) this.setTileByLook.set(t.look, t);
      }
  }

  private addFactor(
    key: string,
    id: string,
    variants: string[],
    prior: number[],
    roles: { tiles: CompiledTile[]; cells: readonly number[] }[],
  ): void {
    const index = this.factors.length;
    const roleOfCell = new Map<number, number>();
    roles.forEach((r, i) => r.cells.forEach((c) => roleOfCell.set(c, i)));
    const p = Float64Array.from(prior);
    const compiled = roles.map((r) => ({ tiles: r.tiles, isTrap: trapFlags(r.tiles) }));
    this.factors.push({
      key,
      unknown: id,
      variants,
      tiles: compiled[0].tiles,
      prior: p,
      p: p.slice(),
      cells: roles.flatMap((r) => r.cells).sort((a, b) => a - b),
      isTrap: compiled[0].isTrap,
      roles: compiled,
      roleOfCell,
    });
    for (const c of roleOfCell.keys()) this.factorOfCell[c] = index;
  }

  /** Back to the priors (a new episode draws a new world), and the world as it was before any change. */
  reset(): void {
    for (const [cell, { tile, factor }] of this.changed) {
      setCellTile(this.scratch, cell, tile);
      this.factorOfCell[cell] = factor;
    }
    this.changed.clear();
    for (const f of this.factors) f.p.set(f.prior);
    this.inconsistent = false;
    this.version++;
    this.worldVersion++;
  }

  clone(): Belief {
    const copy = new Belief(this.spec);
    copy.factors.forEach((f, i) => f.p.set(this.factors[i].p));
    for (const [cell, before] of this.changed) {
      copy.changed.set(cell, before);
      setCellTile(copy.scratch, cell, this.scratch.tileList[this.scratch.tileId[cell]]);
      copy.factorOfCell[cell] = -1;
    }
    copy.inconsistent = this.inconsistent;
    return copy;
  }

  /** P(entering the cell kills or sticks); 0 or 1 for known cells. */
  trapProbability(cell: number): number {
    const f = this.factorOfCell[cell];
    if (f < 0) {
      const e = this.scratch.enterEffect[cell];
      return e === EffectCode.death || e === EffectCode.stuck ? 1 : 0;
    }
    const factor = this.factors[f];
    const { p } = factor;
    const isTrap = factor.roles[factor.roleOfCell.get(cell) ?? 0].isTrap;
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
      const heardId = heard ? w.signals.indexOf(heard.signal) : Signal.none;
      const like = new Float64Array(f.variants.length);
      for (let v = 0; v < f.variants.length; v++) {
        const t = factorTile(f, v, n);
        if (heard) like[v] = t.nearSignal === heardId ? t.nearP : 0;
        else like[v] = t.nearSignal === Signal.none ? 1 : 1 - t.nearP;
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
    this.followChanges(obs.changes);
    if (obs.alive) this.observeCues(obs.y * this.spec.width + obs.x, obs.cues);
  }

  /**
   * Writes the changes the agent saw into the scratch world. A change names a tile kind, so the cell
   * is known from then on: it holds the tile a `set` can write with the look seen (the first such tile
   * when several share a look). Changes that keep a cell's look are not seen, and so not followed.
   */
  private followChanges(changes: Observation['changes']): void {
    for (const { x, y, look } of changes) {
      const cell = y * this.spec.width + x;
      const tile = this.setTileByLook.get(look);
      if (!tile) {
        this.inconsistent = true;
        continue;
      }
      const w = this.scratch;
      if (!this.changed.has(cell))
        this.changed.set(cell, { tile: w.tileList[w.tileId[cell]], factor: this.factorOfCell[cell] });
      setCellTile(w, cell, tile);
      this.factorOfCell[cell] = -1;
      this.version++;
      this.worldVersion++;
    }
  }

  private observeOutcome(from: number, code: number, obs: Observation, reward: number | undefined): void {
    const cells = cellsReadBy(this.scratch, from, code, (c) => this.factorOfCell[c] >= 0);
    if (cells.length === 0) return;
    const factorIds = [...new Set(cells.map((c) => this.factorOfCell[c]))];
    const sizes = factorIds.map((fi) => this.factors[fi].variants.length);
    const jointSize = sizes.reduce((a, b) => a * b, 1);
    if (jointSize > MAX_JOINT) return;
    const w = this.scratch;
    const observedPos = obs.y * w.width + obs.x;
    const observedSignal = obs.signal === null ? Signal.none : w.signals.indexOf(obs.signal);
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
        setCellTile(w, c, factorTile(this.factors[factorIds[k]], assignment[k], c));
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
    let like = 0;
    forEachOutcome(this.scratch, this.state, from, code, (p, r, s) => {
      if (s.pos !== pos || s.signal !== signal || s.alive !== obs.alive || s.stuck !== obs.stuck) return;
      // The engine computes the reward the same way here, so equal outcomes give equal sums; the
      // tolerance only absorbs rounding should the two ever add the terms in another order.
      if (reward !== undefined && Math.abs(r - reward) > 1e-9 * Math.max(1, Math.abs(reward))) return;
      if (!sameLookChanges(this.scratch, s, obs.changes)) return;
      like += p;
    });
    return like;
  }
}

/** Whether the changes the engine just made show the agent the looks it observed. */
function sameLookChanges(w: World, s: EngineState, seen: Observation['changes']): boolean {
  const made = lookChanges(w, s);
  if (made.length !== seen.length) return false;
  return made.every((c, i) => c.x === seen[i].x && c.y === seen[i].y && c.look === seen[i].look);
}
