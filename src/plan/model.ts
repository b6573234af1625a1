/**
 * The exact MDP of a compiled World as a sparse table: for every standing cell and every allowed action,
 * the possible outcomes (probability, reward, next). It mirrors `stepState` case by case, including slips
 * and poke risks; `tests/plan/model.test.ts` checks the two agree by sampling.
 *
 * Planning is infinite-horizon (maxSteps is ignored), as in the textbook tables. Terminal outcomes (death,
 * goal) lead to value 0; becoming stuck leads to an absorbing state worth `step / (1 - gamma)`, or
 * `step * maxSteps` when gamma is 1 (the undiscounted cost of waiting out the episode).
 */
import { packedArrays } from '../core/packed.ts';
import { EFFECT, setCellTile, WAIT, type CompiledTile, type World } from '../core/world.ts';

export const TERMINAL = -1;
export const STUCK = -2;

export interface Model {
  world: World;
  /** Action codes in the order used by `offset`. */
  actions: Uint8Array;
  /** Whether a cell is a state the agent can stand in (walkable and not ended on entry). */
  standing: Uint8Array;
  /** Outcomes of (cell, action k) are `offset[cell * A + k]` to `offset[cell * A + k + 1]`. */
  offset: Int32Array;
  prob: Float64Array;
  reward: Float64Array;
  next: Int32Array;
  stuckValue: number;
}

/** Whether the agent can stand in a cell: walkable and not left at once by its enter effect (teleports too). */
export function isStanding(world: World, cell: number): boolean {
  return world.walkable[cell] === 1 && world.enterEffect[cell] === EFFECT.pass;
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

  push(p: number, r: number, next: number): void {
    if (this.length === this.prob.length) this.grow();
    this.prob[this.length] = p;
    this.reward[this.length] = r;
    this.next[this.length] = next;
    this.length++;
  }

  private grow(): void {
    const size = this.prob.length * 2;
    const prob = new Float64Array(size);
    const reward = new Float64Array(size);
    const next = new Int32Array(size);
    prob.set(this.prob);
    reward.set(this.reward);
    next.set(this.next);
    Object.assign(this, { prob, reward, next });
  }
}

const outcomes = new OutcomeBuffer();

/** For planning under uncertainty: the variants an unknown cell may hold, or null when it is known. */
export type CellVariants = (cell: number) => readonly { tile: CompiledTile; p: number }[] | null;

/**
 * Calls `outcome` once per variant of `cell` (with that variant written into the world and its
 * probability), or once with probability 1 when the cell is known; restores the cell afterwards.
 * Only the mixture model comes here: a known world calls the outcome directly, with no closure.
 */
function forEachVariant(
  world: World,
  cell: number,
  variants: CellVariants,
  outcome: (p: number) => void,
): void {
  const list = cell >= 0 ? variants(cell) : null;
  if (!list) return outcome(1);
  const original = world.tiles.get(world.tileNames[cell])!;
  for (const v of list) {
    if (v.p <= 0) continue;
    setCellTile(world, cell, v.tile);
    outcome(v.p);
  }
  setCellTile(world, cell, original);
}

/** The cell a move from `cell` in direction `dir` enters, or -1 when it bumps (mirrors `step.ts`). */
export function moveTarget(world: World, cell: number, dir: number): number {
  const to = world.neighbour[cell * 4 + dir];
  const fromWay = world.oneWay[cell];
  if (to < 0 || world.walkable[to] === 0) return -1;
  if ((fromWay >= 0 && fromWay !== dir) || (world.oneWay[to] >= 0 && world.oneWay[to] !== dir)) return -1;
  return to;
}

function moveOutcome(world: World, cell: number, dir: number, p: number, out: OutcomeBuffer): void {
  const to = moveTarget(world, cell, dir);
  const step = world.stepReward;
  if (to < 0) {
    out.push(p, step + world.bumpReward, cell);
    return;
  }
  const r = step + world.enterReward[to];
  switch (world.enterEffect[to]) {
    case EFFECT.death:
      return out.push(p, r + world.deathReward, TERMINAL);
    case EFFECT.goal:
      return out.push(p, r + world.goalReward, TERMINAL);
    case EFFECT.stuck:
      return out.push(p, r, STUCK);
    case EFFECT.teleport:
      return out.push(p, r, world.enterTo[to]);
    default:
      return out.push(p, r, to);
  }
}

/** Poking `target` (-1 off the map) from `cell`, when the target holds what the world says with probability q. */
function pokeOutcome(world: World, cell: number, target: number, q: number, out: OutcomeBuffer): void {
  const step = world.stepReward;
  const risk = target < 0 ? 0 : world.pokeRisk[target];
  if (risk < 1) out.push(q * (1 - risk), step, cell);
  if (risk > 0) {
    const death = world.pokeRiskEffect[target] === EFFECT.death;
    out.push(q * risk, step + (death ? world.deathReward : 0), death ? TERMINAL : STUCK);
  }
}

function actionOutcomes(
  world: World,
  cell: number,
  action: number,
  out: OutcomeBuffer,
  variants?: CellVariants,
): void {
  const step = world.stepReward;
  if (action === WAIT) return out.push(1, step, cell);
  if (action >= 4) {
    const target = world.neighbour[cell * 4 + action - 4];
    if (!variants) return pokeOutcome(world, cell, target, 1, out);
    return forEachVariant(world, target, variants, (q) => pokeOutcome(world, cell, target, q, out));
  }
  if (world.leaveTo[cell] >= 0) return out.push(1, step + world.leaveReward[cell], world.leaveTo[cell]);
  const dirs = world.slip === 0 ? 1 : 4;
  for (let k = 0; k < dirs; k++) {
    const dir = (action + k) & 3;
    const p = world.slip === 0 ? 1 : k === 0 ? 1 - world.slip : world.slip / 3;
    if (!variants) moveOutcome(world, cell, dir, p, out);
    else
      forEachVariant(world, world.neighbour[cell * 4 + dir], variants, (q) =>
        moveOutcome(world, cell, dir, p * q, out),
      );
  }
}

/**
 * The exact model of a known world, or, with `variants`, the model of a belief in which entering or
 * poking an unknown cell has each variant's outcome with its posterior probability (the risk-neutral
 * "mean" model: it prices every risk but ignores what the agent would learn).
 */
export function buildModel(world: World, variants?: CellVariants): Model {
  const A = world.actions.length;
  const n = world.cellCount;
  const [standing, offset, landing] = packedArrays([
    [Uint8Array, n],
    [Int32Array, n * A + 1],
    [Uint8Array, n],
  ]);
  // A teleport or a `leave` puts the agent on its destination without entering it (the engine's rule),
  // so the agent stands there alive whatever the destination does to those who walk in.
  for (let c = 0; c < n; c++) {
    if (world.enterEffect[c] === EFFECT.teleport) landing[world.enterTo[c]] = 1;
    if (world.leaveTo[c] >= 0) landing[world.leaveTo[c]] = 1;
  }
  outcomes.length = 0;
  for (let c = 0; c < n; c++) {
    standing[c] = isStanding(world, c) || landing[c] === 1 ? 1 : 0;
    for (let k = 0; k < A; k++) {
      offset[c * A + k] = outcomes.length;
      if (standing[c]) actionOutcomes(world, c, world.actions[k], outcomes, variants);
    }
  }
  const t = outcomes.length;
  offset[n * A] = t;
  const [prob, reward, next] = packedArrays([
    [Float64Array, t],
    [Float64Array, t],
    [Int32Array, t],
  ]);
  prob.set(outcomes.prob.subarray(0, t));
  reward.set(outcomes.reward.subarray(0, t));
  next.set(outcomes.next.subarray(0, t));
  return {
    world,
    actions: world.actions,
    standing,
    offset,
    prob,
    reward,
    next,
    stuckValue: stuckValue(world),
  };
}
