/**
 * The exact MDP of a compiled World as a sparse table: for every standing state and every allowed action,
 * the possible outcomes (probability, reward, next). Outcomes are not re-derived: the engine's
 * `forEachOutcome` enumerates each step, slips and poke risks included, so the model and the engine
 * share one set of rules; `tests/plan/model.test.ts` checks they agree by sampling.
 *
 * Planning is infinite-horizon (maxSteps is ignored), as in the textbook tables. Terminal outcomes (death,
 * goal) lead to value 0; becoming stuck leads to an absorbing state worth `step / (1 - gamma)`, or
 * `step * maxSteps` when gamma is 1 (the undiscounted cost of waiting out the episode).
 */
import { UsageError } from '../core/errors.ts';
import { packedArrays } from '../core/packed.ts';
import { cellsReadBy, createState, forEachOutcome, type EngineState } from '../core/step.ts';
import { EffectCode, setCellTile, type CompiledTile, type World } from '../core/world.ts';

export const TERMINAL = -1;
export const STUCK = -2;

/** How an outcome ended the agent's free play (`Model.ending`): not at all, at a goal, dead, stuck. */
export const ENDING = { none: 0, goal: 1, death: 2, stuck: 3 } as const;

export interface Model {
  world: World;
  /** Action codes in the order used by `offset`. */
  actions: Uint8Array;
  /**
   * States: 0 … cellCount-1 are the cells of the world as built; in a world that tiles change (format
   * 1.1 `set`), later states are (cell, changes so far) reached from them. Values and offsets are per state.
   */
  stateCount: number;
  cellOf: Int32Array;
  /** Per state, its changes from the world as built: pairs (cell, tile id). */
  changesOf: readonly Int32Array[];
  /** Change states by `stateKey` (the cell states are their own cells). */
  stateIndex: ReadonlyMap<string, number>;
  /** Whether a state is one the agent can stand in (walkable and not ended on entry). */
  standing: Uint8Array;
  /** Outcomes of (state, action k) are `offset[state * A + k]` to `offset[state * A + k + 1]`. */
  offset: Int32Array;
  prob: Float64Array;
  reward: Float64Array;
  next: Int32Array;
  /** Per outcome: the cell the agent is in after it (the cell entered, for a death or a goal). */
  landed: Int32Array;
  /** Per outcome: an `ENDING` code (what `TERMINAL` does not tell apart). */
  ending: Uint8Array;
  stuckValue: number;
}

/** Whether the agent can stand in a cell: walkable and not left at once by its enter effect (teleports too). */
export function isStanding(world: World, cell: number): boolean {
  return world.walkable[cell] === 1 && world.enterEffect[cell] === EffectCode.pass;
}

export function stuckValue(world: World, gamma = world.gamma): number {
  return gamma < 1 ? world.stepReward / (1 - gamma) : world.stepReward * world.maxSteps;
}

/**
 * Outcomes as they are found, in growable typed arrays reused by every buildModel call (buildModel is
 * not re-entrant: nothing it calls builds a model). Plain arrays and a closure per cell made planning
 * the largest source of garbage in a bench run.
 */
class OutcomeBuffer {
  length = 0;
  prob = new Float64Array(1024);
  reward = new Float64Array(1024);
  next = new Int32Array(1024);
  landed = new Int32Array(1024);
  ending = new Uint8Array(1024);

  push(p: number, r: number, next: number, landed: number, ending: number): void {
    if (this.length === this.prob.length) this.grow();
    this.prob[this.length] = p;
    this.reward[this.length] = r;
    this.next[this.length] = next;
    this.landed[this.length] = landed;
    this.ending[this.length] = ending;
    this.length++;
  }

  private grow(): void {
    const size = this.prob.length * 2;
    const prob = new Float64Array(size);
    const reward = new Float64Array(size);
    const next = new Int32Array(size);
    const landed = new Int32Array(size);
    const ending = new Uint8Array(size);
    prob.set(this.prob);
    reward.set(this.reward);
    next.set(this.next);
    landed.set(this.landed);
    ending.set(this.ending);
    Object.assign(this, { prob, reward, next, landed, ending });
  }
}

const outcomes = new OutcomeBuffer();

/** For planning under uncertainty: the variants an unknown cell may hold, or null when it is known. */
export type CellVariants = (cell: number) => readonly { tile: CompiledTile; p: number }[] | null;

/** The cell a move from `cell` in direction `dir` enters, or -1 when it bumps (mirrors `step.ts`). */
export function moveTarget(world: World, cell: number, dir: number): number {
  const to = world.neighbour[cell * 4 + dir];
  const fromWay = world.oneWay[cell];
  if (to < 0 || world.walkable[to] === 0) return -1;
  if ((fromWay >= 0 && fromWay !== dir) || (world.oneWay[to] >= 0 && world.oneWay[to] !== dir)) return -1;
  return to;
}

/** Most change states a model enumerates before refusing the world (a counter chain can grow fast). */
export const MAX_STATES = 250_000;

/**
 * Calls `visit(q)` once per joint variant of the unknown cells among `cells` (each written into the
 * world, q its probability), or once with q = 1 when none is unknown; restores the cells afterwards.
 */
function forEachJointVariant(
  world: World,
  cells: readonly number[],
  variants: CellVariants | undefined,
  visit: (q: number) => void,
): void {
  const unknown = variants ? cells.filter((c, i) => c >= 0 && variants(c) && cells.indexOf(c) === i) : [];
  if (unknown.length === 0) return visit(1);
  const lists = unknown.map((c) => variants!(c)!);
  const original = unknown.map((c) => world.tileList[world.tileId[c]]);
  const walk = (i: number, q: number): void => {
    if (i === unknown.length) return visit(q);
    for (const v of lists[i]) {
      if (v.p <= 0) continue;
      setCellTile(world, unknown[i], v.tile);
      walk(i + 1, q * v.p);
    }
  };
  walk(0, 1);
  unknown.forEach((c, i) => setCellTile(world, c, original[i]));
}

/**
 * The model's states: the cells as compiled (state = cell index), then, in a world whose tiles change
 * it (format 1.1 `set`), every (cell, changes so far) reachable from them, found breadth-first. A
 * state's changes are pairs (cell, tile id) that differ from the world the model was built on.
 */
class StateTable {
  readonly cellOf: number[] = [];
  readonly changesOf: Int32Array[] = [];
  readonly index = new Map<string, number>();
  private static readonly NONE = new Int32Array(0);

  constructor(
    private readonly world: World,
    private readonly base: Int32Array,
  ) {
    for (let c = 0; c < world.cellCount; c++) {
      this.cellOf.push(c);
      this.changesOf.push(StateTable.NONE);
    }
  }

  /** The state the agent is in at `pos` with the world as it is now, given the cells that may differ. */
  stateFor(pos: number, touched: Iterable<number>): number {
    const pairs: number[] = [];
    for (const c of [...new Set(touched)].sort((a, b) => a - b))
      if (this.world.tileId[c] !== this.base[c]) pairs.push(c, this.world.tileId[c]);
    if (pairs.length === 0) return pos;
    const key = stateKey(pos, pairs);
    let st = this.index.get(key);
    if (st === undefined) {
      st = this.cellOf.length;
      if (st >= MAX_STATES)
        throw new UsageError(
          `the world changes into more than ${MAX_STATES} states (cell and changes so far): too many to plan exactly`,
        );
      this.index.set(key, st);
      this.cellOf.push(pos);
      this.changesOf.push(Int32Array.from(pairs));
    }
    return st;
  }

  /** Writes state `st`'s changes into the world; returns a function that takes them out again. */
  apply(st: number): void {
    const pairs = this.changesOf[st];
    for (let i = 0; i < pairs.length; i += 2)
      setCellTile(this.world, pairs[i], this.world.tileList[pairs[i + 1]]);
  }

  restore(st: number): void {
    const pairs = this.changesOf[st];
    for (let i = 0; i < pairs.length; i += 2)
      setCellTile(this.world, pairs[i], this.world.tileList[this.base[pairs[i]]]);
  }
}

/** The key of a change state: its cell and its changes, pairs (cell, tile id) in cell order. */
function stateKey(pos: number, pairs: ArrayLike<number>): string {
  return `${pos}|${Array.prototype.join.call(pairs, ',')}`;
}

/** The model state of the agent at `pos` with `changes` (pairs as `changesOf`), or -1 if never reached. */
export function modelState(m: Model, pos: number, changes: Int32Array | null): number {
  if (!changes || changes.length === 0) return pos;
  return m.stateIndex.get(stateKey(pos, changes)) ?? -1;
}

function changedCells(st: StateTable, state: number, s: EngineState): number[] {
  const cells: number[] = [];
  const pairs = st.changesOf[state];
  for (let i = 0; i < pairs.length; i += 2) cells.push(pairs[i]);
  for (let i = 0; i < s.changeCount; i++) cells.push(s.changeCell[i]);
  return cells;
}

/**
 * The exact model of a known world, or, with `variants`, the model of a belief in which entering or
 * poking an unknown cell has each variant's outcome with its posterior probability (the risk-neutral
 * "mean" model: it prices every risk but ignores what the agent would learn).
 */
export function buildModel(world: World, variants?: CellVariants): Model {
  const A = world.actions.length;
  const n = world.cellCount;
  const [landing] = packedArrays([[Uint8Array, n]]);
  // A teleport or a `leave` puts the agent on its destination without entering it (the engine's rule),
  // so the agent stands there alive whatever the destination does to those who walk in.
  for (let c = 0; c < n; c++) {
    if (world.enterEffect[c] === EffectCode.teleport) landing[world.enterTo[c]] = 1;
    if (world.leaveTo[c] >= 0) landing[world.leaveTo[c]] = 1;
  }
  const table = new StateTable(world, world.tileId.slice());
  const engine = createState(world);
  const standing: number[] = [];
  const offsets: number[] = [];
  outcomes.length = 0;
  // One visitor for every step enumerated, reading the state and weight being expanded from these two
  // variables: a closure per (state, action) was the largest cost of building a model.
  let st = 0;
  let weight = 1;
  const record = (p: number, r: number, s: EngineState): void => {
    let next: number;
    let ending: number = ENDING.none;
    if (!s.alive) {
      next = TERMINAL;
      ending = ENDING.death;
    } else if (s.terminated) {
      next = TERMINAL;
      ending = ENDING.goal;
    } else if (s.stuck) {
      next = STUCK;
      ending = ENDING.stuck;
    } else if (s.changeCount === 0 && st < n) next = s.pos;
    else next = table.stateFor(s.pos, changedCells(table, st, s));
    outcomes.push(p * weight, r, next, s.pos, ending);
  };
  // A cell a change has rewritten holds the tile the change wrote: it is no longer an unknown of the
  // belief (re-drawing its variants would, for one, make a reward already taken look repeatable).
  // Marked per state while it is expanded (its changes' cells), not a set built per state.
  const rewritten = new Uint8Array(n);
  const unknown = (x: number) => variants!(x) !== null && rewritten[x] !== 1;
  const unrewritten: CellVariants | undefined =
    variants && ((x) => (rewritten[x] === 1 ? null : variants(x)));
  for (; st < table.cellOf.length; st++) {
    const c = table.cellOf[st];
    table.apply(st);
    const pairs = table.changesOf[st];
    for (let i = 0; i < pairs.length; i += 2) rewritten[pairs[i]] = 1;
    // A state beyond the cells was reached alive and free; a cell is a state if it can be stood in.
    const stands = st >= n || isStanding(world, c) || landing[c] === 1;
    standing.push(stands ? 1 : 0);
    for (let k = 0; k < A; k++) {
      offsets.push(outcomes.length);
      if (!stands) continue;
      const action = world.actions[k];
      if (!variants) {
        weight = 1;
        forEachOutcome(world, engine, c, action, record);
      } else
        forEachJointVariant(world, cellsReadBy(world, c, action, unknown), unrewritten, (q) => {
          weight = q;
          forEachOutcome(world, engine, c, action, record);
        });
    }
    table.restore(st);
    for (let i = 0; i < pairs.length; i += 2) rewritten[pairs[i]] = 0;
  }
  const states = table.cellOf.length;
  offsets.push(outcomes.length);
  const t = outcomes.length;
  const [standingArr, offset, cellOf, prob, reward, next, landed, ending] = packedArrays([
    [Uint8Array, states],
    [Int32Array, states * A + 1],
    [Int32Array, states],
    [Float64Array, t],
    [Float64Array, t],
    [Int32Array, t],
    [Int32Array, t],
    [Uint8Array, t],
  ]);
  standingArr.set(standing);
  offset.set(offsets);
  cellOf.set(table.cellOf);
  prob.set(outcomes.prob.subarray(0, t));
  reward.set(outcomes.reward.subarray(0, t));
  next.set(outcomes.next.subarray(0, t));
  landed.set(outcomes.landed.subarray(0, t));
  ending.set(outcomes.ending.subarray(0, t));
  return {
    world,
    actions: world.actions,
    stateCount: states,
    cellOf,
    changesOf: table.changesOf,
    stateIndex: table.index,
    standing: standingArr,
    offset,
    prob,
    reward,
    next,
    landed,
    ending,
    stuckValue: stuckValue(world),
  };
}

/**
 * The state after taking the model's k-th action in `state` and seeing the agent at `cell`: the
 * outcome that leads there (an agent that knows the world, like the oracle, follows its state so).
 * Returns `cell` itself when no outcome leads there (the model's cell states are the cells).
 */
export function successorState(m: Model, state: number, k: number, cell: number): number {
  const A = m.actions.length;
  for (let j = m.offset[state * A + k]; j < m.offset[state * A + k + 1]; j++)
    if (m.next[j] >= 0 && m.prob[j] > 0 && m.cellOf[m.next[j]] === cell) return m.next[j];
  return cell;
}
