/**
 * The transition function. Pure in the sense that matters: the next state depends only on the World,
 * the state, the action and the engine stream. It mutates a caller-owned state object and allocates
 * nothing, so batch rollouts run at typed-array speed; the episode API wraps it with observations.
 */
import type { Rng } from './rng.ts';
import { Signal, EffectCode, HERE, Rare, setCellTile, WAIT, type World } from './world.ts';

/**
 * The cells whose tile the step rules read when `code` is taken at `from`, among those `relevant` picks:
 * a poke reads its target; a move reads the cell it leaves and every cell it may land on (all four when
 * the world is slippery); waiting reads none. Beliefs and the Bayes-adaptive templates enumerate a step's
 * outcomes over the variants of these cells only, so this is the one place that says which they are.
 */
export function cellsReadBy(
  world: World,
  from: number,
  code: number,
  relevant: (cell: number) => boolean,
): number[] {
  if (code === WAIT) return [];
  if (code >= 4) {
    const t = world.neighbour[from * 4 + code - 4];
    return t >= 0 && relevant(t) ? [t] : [];
  }
  const cells: number[] = [];
  if (relevant(from)) cells.push(from);
  for (let d = 0; d < 4; d++) {
    if (world.slip === 0 && d !== code) continue;
    const t = world.neighbour[from * 4 + d];
    if (t >= 0 && relevant(t) && !cells.includes(t)) cells.push(t);
  }
  return cells;
}

/**
 * Event bits of one step: what happened, for metrics and views (agents never see these). A const enum, as
 * `EffectCode`: bundled code reads each bit as a literal, which the step's hot path needs.
 */
export const enum EV {
  bump = 1,
  slip = 2,
  poke = 4,
  death = 8,
  stuck = 16,
  goal = 32,
  teleport = 64,
  leave = 128,
  /** The trap was triggered by a poke's risk, not by walking in. */
  pokeHurt = 256,
  /** A `set` changed at least one cell's tile (format 1.1). */
  change = 512,
}
export type EventName = keyof typeof EV;

/** The hidden reward of a step (ai-safety-gridworlds' safety performance): what its death or stuck costs. */
export function hiddenReward(world: World, events: number): number {
  return (events & EV.death ? world.hiddenDeath : 0) + (events & EV.stuck ? world.hiddenStuck : 0);
}

export interface EngineState {
  pos: number;
  steps: number;
  alive: boolean;
  stuck: boolean;
  terminated: boolean;
  truncated: boolean;
  /** Outputs of the last step. */
  signal: number;
  events: number;
  /**
   * The changes made to the world since reset, as a log: cell and the tile id it held before. Part of the
   * state (format 1.1: the state is cell, alive/stuck and the changes so far); `resetState` undoes them.
   * Grown by doubling, so a step allocates only the first time a log outgrows its buffer.
   */
  changeCell: Int32Array;
  changeFrom: Int32Array;
  changeCount: number;
  /** Where the last step's changes start in the log; set by its first change (read it only when `events` has EV.change). */
  stepChangeStart: number;
}

export function createState(world: World): EngineState {
  const s: EngineState = {
    pos: 0,
    steps: 0,
    alive: true,
    stuck: false,
    terminated: false,
    truncated: false,
    signal: 0,
    events: 0,
    changeCell: new Int32Array(8),
    changeFrom: new Int32Array(8),
    changeCount: 0,
    stepChangeStart: 0,
  };
  resetState(world, s);
  return s;
}

/**
 * Puts the agent, alive and free, at `pos` (the start unless told otherwise) with a fresh step count,
 * and undoes every change this state made to `world`, newest first. Tiles written into the world by
 * other means (a planner's what-if variants, a state it plans from) are not the log's and stay.
 */
export function resetState(world: World, s: EngineState, pos = world.start): void {
  undoChanges(world, s, 0);
  s.pos = pos;
  s.steps = 0;
  s.alive = true;
  s.stuck = false;
  s.terminated = false;
  s.truncated = false;
  s.signal = Signal.none;
  s.events = 0;
}

/** Undoes the logged changes from log index `to` on, newest first. */
export function undoChanges(world: World, s: EngineState, to: number): void {
  for (let i = s.changeCount - 1; i >= to; i--)
    setCellTile(world, s.changeCell[i], world.tileList[s.changeFrom[i]]);
  s.changeCount = Math.min(s.changeCount, to);
  s.stepChangeStart = Math.min(s.stepChangeStart, to);
}

function logChange(s: EngineState, cell: number, from: number): void {
  if (s.changeCount === s.changeCell.length) {
    const cells = new Int32Array(s.changeCell.length * 2);
    const froms = new Int32Array(s.changeCell.length * 2);
    cells.set(s.changeCell);
    froms.set(s.changeFrom);
    s.changeCell = cells;
    s.changeFrom = froms;
  }
  s.changeCell[s.changeCount] = cell;
  s.changeFrom[s.changeCount] = from;
  s.changeCount++;
}

/** Applies change list `list` (an index into `world.changeLists`, or -1) with `here` the acting cell. */
function applyChanges(world: World, s: EngineState, list: number, here: number): void {
  if (list < 0) return;
  const pairs = world.changeLists[list];
  for (let i = 0; i < pairs.length; i += 2) {
    const tile = world.tileList[pairs[i + 1]];
    if (pairs[i] === HERE) changeCell(world, s, here, tile.id);
    else for (const c of world.glyphGroups[pairs[i]]) changeCell(world, s, c, tile.id);
  }
}

function changeCell(world: World, s: EngineState, cell: number, tile: number): void {
  // A negative id is a planner's stand-in (a forbidden cell), not a tile: it stays what the planner made it.
  if (world.tileId[cell] === tile || world.tileId[cell] < 0) return;
  if ((s.events & EV.change) === 0) s.stepChangeStart = s.changeCount;
  logChange(s, cell, world.tileId[cell]);
  setCellTile(world, cell, world.tileList[tile]);
  s.events |= EV.change;
}

function applyTrap(world: World, s: EngineState, effect: number): number {
  if (effect === EffectCode.death) {
    s.alive = false;
    s.terminated = true;
    s.events |= EV.death;
    return world.deathReward;
  }
  s.stuck = true;
  s.events |= EV.stuck;
  return 0;
}

/** Leaving a `leave.to` cell: the agent goes where the tile says, whatever the direction. */
function leave(world: World, s: EngineState, from: number): number {
  s.pos = world.leaveTo[from];
  s.events |= EV.leave;
  applyChanges(world, s, world.leaveSet[from], from);
  return world.leaveReward[from];
}

/** The direction a move goes on a slippery world: `dir`, or with probability `slip` one of the other three. */
function slipped(world: World, s: EngineState, dir: number, engine: Rng): number {
  if (engine() >= world.slip) return dir;
  s.events |= EV.slip;
  return (dir + 1 + Math.floor(engine() * 3)) & 3;
}

/** What entering a cell with a non-`pass` effect does, and the reward it adds. */
function enterEffect(world: World, s: EngineState, to: number, effect: number): number {
  if (effect === EffectCode.death || effect === EffectCode.stuck) return applyTrap(world, s, effect);
  if (effect === EffectCode.goal) {
    s.terminated = true;
    s.events |= EV.goal;
    return world.goalReward;
  }
  // EffectCode.teleport
  s.pos = world.enterTo[to];
  s.events |= EV.teleport;
  return 0;
}

/**
 * A move. Rare cases (leave, slip, a one-way cell, an effect, changes) live in functions of their own,
 * found through `world.rare`, so that this one stays small enough for V8 to inline into a rollout loop
 * and the common step costs about what a hand-written loop does (npm run bench:engine).
 */
function move(world: World, s: EngineState, dir: number, engine: Rng): number {
  const from = s.pos;
  const fromRare = world.rare[from];
  if (fromRare & Rare.leaves) return leave(world, s, from);
  if (world.slip > 0) dir = slipped(world, s, dir, engine);
  const to = world.neighbour[from * 4 + dir];
  const rare = to < 0 ? fromRare : fromRare | world.rare[to];
  if (to < 0 || world.walkable[to] === 0 || (rare & Rare.oneWay && oneWayBlocks(world, from, to, dir))) {
    s.signal = Signal.bump;
    s.events |= EV.bump;
    return world.bumpReward;
  }
  s.pos = to;
  s.signal = world.enterSignal[to];
  let r = world.enterReward[to];
  const effect = world.enterEffect[to];
  if (effect !== EffectCode.pass) r += enterEffect(world, s, to, effect);
  // After the effect, in the order leave, enter (environment format 1.1).
  if (rare & (Rare.leaveSet | Rare.enterSet)) moveChanges(world, s, from, to);
  return r;
}

/**
 * The `set`s of a move from `from` into `to`: the left cell's, then the entered one's, both read before
 * either applies (a `set` may replace the cell entered, but what it does on entry is already decided).
 */
function moveChanges(world: World, s: EngineState, from: number, to: number): void {
  const leaveSet = world.leaveSet[from];
  const enterSet = world.enterSet[to];
  if (leaveSet >= 0) applyChanges(world, s, leaveSet, from);
  if (enterSet >= 0) applyChanges(world, s, enterSet, to);
}

/** Whether a one-way cell forbids moving from `from` to `to` in direction `dir`. */
function oneWayBlocks(world: World, from: number, to: number, dir: number): boolean {
  const fromWay = world.oneWay[from];
  const toWay = world.oneWay[to];
  return (fromWay >= 0 && fromWay !== dir) || (toWay >= 0 && toWay !== dir);
}

function poke(world: World, s: EngineState, dir: number, engine: Rng): number {
  s.events |= EV.poke;
  const target = world.neighbour[s.pos * 4 + dir];
  if (target < 0) {
    s.signal = Signal.solid;
    return 0;
  }
  s.signal = world.pokeSignal[target];
  // Most pokes only answer; the risk and the changes are kept out of line, as in `move`.
  if (world.rare[target] & Rare.poke) return pokeConsequences(world, s, target, engine);
  return 0;
}

/** A poke's risk (drawn first) and its `set`, in that order. */
function pokeConsequences(world: World, s: EngineState, target: number, engine: Rng): number {
  const risk = world.pokeRisk[target];
  const set = world.pokeSet[target];
  let r = 0;
  if (risk > 0 && engine() < risk) {
    s.events |= EV.pokeHurt;
    r = applyTrap(world, s, world.pokeRiskEffect[target]);
  }
  if (set >= 0) applyChanges(world, s, set, target);
  return r;
}

/**
 * Advances one step and returns the visible reward. The caller must not step a finished episode.
 * A stuck agent's actions do nothing but cost the step reward.
 */
export function stepState(world: World, s: EngineState, action: number, engine: Rng): number {
  s.signal = Signal.none;
  s.events = 0;
  s.steps++;
  let r = world.stepReward;
  // Codes 0–3 move, 4–7 poke, WAIT (8) does nothing; literals here, as module constants cost the hot path.
  if (!s.stuck && action < 8)
    r += action < 4 ? move(world, s, action, engine) : poke(world, s, action - 4, engine);
  // The step limit first: it is false on almost every step, and reading `terminated` just after a branch
  // may have written it costs the rollout loop a few percent.
  if (s.steps >= world.maxSteps && !s.terminated) s.truncated = true;
  return r;
}

/** A draw that passes every `engine() < p` test with p < 1: the engine's likely branch. */
export const LIKELY = 1 - 1e-12;

/** Forced draws of at most two numbers per branch (slip, then direction), and each branch's probability. */
const branchDraws = [new Float64Array(2), new Float64Array(2), new Float64Array(2), new Float64Array(2)];
const branchP = new Float64Array(4);
const branchDrawCount = new Int8Array(4);
let forced = branchDraws[0];
let forcedCount = 0;
let forcedAt = 0;
const forcedRng: Rng = () => (forcedAt < forcedCount ? forced[forcedAt++] : LIKELY);

function setBranch(b: number, p: number, draws: number, first = LIKELY, second = LIKELY): void {
  branchP[b] = p;
  branchDrawCount[b] = draws;
  branchDraws[b][0] = first;
  branchDraws[b][1] = second;
}

/**
 * The engine's random branches for `code` taken at `from` in `world` as it is now, into the buffers
 * above; returns how many. Moves draw slip then a direction (none on a `leave.to` cell); pokes draw
 * their risk. This is the one place besides `stepState` that knows which draws a step makes; the
 * belief, the planners' models and the Bayes-adaptive planner enumerate outcomes through
 * `forEachOutcome`. Written into preallocated buffers: models call it for every (state, action).
 */
function engineBranches(world: World, from: number, code: number): number {
  if (code === WAIT) {
    setBranch(0, 1, 0);
    return 1;
  }
  if (code < 4) {
    if (world.slip === 0 || world.leaveTo[from] >= 0) {
      setBranch(0, 1, 1);
      return 1;
    }
    setBranch(0, 1 - world.slip, 1);
    for (let k = 1; k < 4; k++) setBranch(k, world.slip / 3, 2, 0, (k - 0.5) / 3);
    return 4;
  }
  const t = world.neighbour[from * 4 + code - 4];
  const risk = t < 0 ? 0 : world.pokeRisk[t];
  let count = 0;
  if (risk < 1) setBranch(count++, 1 - risk, 1);
  if (risk > 0) setBranch(count++, risk, 1, 0);
  return count;
}

/**
 * Every outcome of `code` taken at `from` (alive, free) with its probability: `visit(p, reward, s)` sees
 * the state just after the step, with its changes applied to `world`; they are undone after each visit
 * (and `s` is left reset at `from`). Not re-entrant: `visit` must not call it.
 */
export function forEachOutcome(
  world: World,
  s: EngineState,
  from: number,
  code: number,
  visit: (p: number, reward: number, s: EngineState) => void,
): void {
  const count = engineBranches(world, from, code);
  for (let b = 0; b < count; b++) {
    resetState(world, s, from);
    forced = branchDraws[b];
    forcedCount = branchDrawCount[b];
    forcedAt = 0;
    const r = stepState(world, s, code, forcedRng);
    visit(branchP[b], r, s);
  }
  resetState(world, s, from);
}
