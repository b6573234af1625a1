/**
 * Exact mode's belief space. With all-or-nothing observations a factor's posterior is its prior
 * restricted to the variants still possible, so a belief is one variant subset per factor (for a binary
 * unknown: unresolved, A or B). Beliefs are numbered in a mixed radix, one digit per factor, each
 * factor's subsets ordered most variants first: a refinement always has a larger number, so solving
 * from the largest number down solves every belief after all the beliefs it can lead to.
 *
 * The space is counted before anything is solved; beyond `maxStates` position×belief states the planner
 * refuses with a UsageError saying how large it is.
 */
import { UsageError } from '../../core/errors.ts';
import { Signal, type CompiledTile } from '../../core/world.ts';
import { formatCount, popcount, supportMask } from './counts.ts';
import { cueFactorsAt } from './cues.ts';
import { forEachDigit, jointPossible } from './joint.ts';
import type { PlanWorld } from './plan-world.ts';
import { ACTIVE, type PlanFactor, type PlanMode } from './types.ts';

export interface BeliefSpace {
  /** Per factor, the variant masks a belief can hold, most variants first (digit = index). */
  subsets: number[][];
  subsetIndex: Map<number, number>[];
  /** Per factor and subset, the prior restricted to that subset. */
  subsetPost: Float64Array[][];
  /** Place value of each factor's digit in a belief number. */
  strides: number[];
  /** Number of beliefs: Π subsets per factor. */
  count: number;
}

/**
 * Refuses at once, from the sizes alone, a world whose belief space is hopelessly large: when no
 * observation can be noisy, every factor whose variants behave differently is resolvable, so it has
 * at least two beliefs (unresolved, resolved), and the positions are at most the cells one can stand on.
 */
export function refuseHopeless(pw: PlanWorld, mode: PlanMode, maxStates: number): void {
  if (mode === 'horizon') return;
  const noisy =
    pw.world.slip > 0 ||
    pw.factors.some((f) =>
      f.tiles.some((t) => t.pokeRisk > 0 || (t.nearSignal !== Signal.none && t.nearP < 1)),
    );
  if (noisy) return;
  let informative = 0;
  let upper = 1;
  const kinds = new Map<number, number>();
  for (const f of pw.factors) {
    if (f.tiles.every((t) => sameBehaviour(t, f.tiles[0]))) continue;
    informative++;
    const n = Math.pow(2, popcount(f.full)) - 1;
    upper *= n;
    kinds.set(n, (kinds.get(n) ?? 0) + 1);
  }
  let cells = 0;
  for (let c = 0; c < pw.factorOfCell.length; c++) if (couldStand(pw, c)) cells++;
  if (Math.pow(2, informative) * cells <= maxStates * 1000) return;
  const power = [...kinds.entries()].map(([n, k]) => `${n}^${k}`).join(' × ');
  throw new UsageError(
    `bayes-optimal cannot plan ${pw.spec.name}: with ${informative} unknowns that observations resolve, its ` +
      `belief space has up to ${power} ≈ ${formatCount(upper)} beliefs (each unknown unresolved or resolved) × ` +
      `up to ${formatCount(cells)} positions ≈ ${formatCount(upper * cells)} position×belief states (at least ` +
      `2^${informative} × positions), far over the budget maxStates = ${formatCount(maxStates)}. Exact ` +
      `Bayes-optimal planning is exponential in the number of unknowns; use an approximate agent such as prober.`,
  );
}

function couldStand(pw: PlanWorld, c: number): boolean {
  const f = pw.factorOfCell[c];
  const tiles = f >= 0 ? pw.factors[f].tiles : [pw.world.tiles.get(pw.world.tileNames[c])!];
  return tiles.some((t) => t.walkable === 1);
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

/**
 * Every subset each factor can be narrowed to (closing its full mask under the masks its observations
 * leave), numbered; refuses when beliefs × positions exceed `maxStates`.
 */
export function enumerateBeliefs(pw: PlanWorld, maxStates: number): BeliefSpace {
  const masks = observationMasks(pw);
  const space: BeliefSpace = { subsets: [], subsetIndex: [], subsetPost: [], strides: [], count: 1 };
  let beliefs = 1;
  pw.factors.forEach((f, i) => {
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
    space.subsets.push(list);
    space.subsetIndex.push(new Map(list.map((m, k) => [m, k])));
    space.subsetPost.push(list.map((m) => restrictedPrior(f, m)));
    space.strides.push(beliefs);
    beliefs *= list.length;
  });
  space.count = beliefs;
  const states = beliefs * pw.positions.length;
  if (states > maxStates) {
    throw new UsageError(
      `bayes-optimal cannot plan ${pw.spec.name}: its belief space has ${describeBeliefs(space)} = ` +
        `${formatCount(beliefs)} beliefs × ${formatCount(pw.positions.length)} reachable positions = ` +
        `${formatCount(states)} position×belief states, over the budget maxStates = ` +
        `${formatCount(maxStates)}. Exact Bayes-optimal planning is exponential in the number of unknowns.`,
    );
  }
  return space;
}

/** Per factor, the variant masks the possible observations leave (outcomes of actions, cues). */
function observationMasks(pw: PlanWorld): Set<number>[] {
  const masks = pw.factors.map(() => new Set<number>());
  for (const t of pw.templates) {
    const G = t.groups.length;
    if (G === 0 || t.factors.length === 0) continue;
    const proj: number[][] = t.groups.map(() => Array.from(t.factors, () => 0));
    for (let j = 0; j < t.joint; j++) {
      if (!jointPossible(pw.factors, t, j)) continue;
      for (let b = t.branchStart[j]; b < t.branchStart[j + 1]; b++) {
        if (t.bKind[b] !== ACTIVE || t.bP[b] <= 0) continue;
        const g = t.bGroup[b];
        forEachDigit(t.sizes, j, (k, v) => (proj[g][k] |= 1 << v));
      }
    }
    for (const p of proj) p.forEach((m, k) => masks[t.factors[k]].add(m));
  }
  for (let c = 0; c < pw.posIndex.length; c++) {
    if (pw.posIndex[c] < 0) continue;
    for (const cf of cueFactorsAt(pw, c))
      for (const o of cf.outcomes) masks[cf.factor].add(supportMask(o.like));
  }
  return masks;
}

function restrictedPrior(f: PlanFactor, m: number): Float64Array {
  const vec = new Float64Array(f.prior.length);
  let mass = 0;
  f.prior.forEach((p, v) => {
    if (m & (1 << v)) mass += p;
  });
  f.prior.forEach((p, v) => {
    if (m & (1 << v)) vec[v] = p / mass;
  });
  return vec;
}

/** "3^8" or "3^5 × 4^1": the count of subsets per factor, grouped. */
export function describeBeliefs(space: BeliefSpace): string {
  const counts = new Map<number, number>();
  for (const list of space.subsets)
    if (list.length > 1) counts.set(list.length, (counts.get(list.length) ?? 0) + 1);
  if (counts.size === 0) return '1';
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, k]) => `${n}^${k}`)
    .join(' × ');
}

/** The belief number of a tracked posterior (each factor's support, as a subset). */
export function beliefOf(factors: PlanFactor[], space: BeliefSpace, post: Float64Array[]): number {
  let b = 0;
  factors.forEach((f, i) => {
    const k = space.subsetIndex[i].get(supportMask(post[i]) & f.full);
    if (k !== undefined) b += k * space.strides[i];
  });
  return b;
}

/** Writes belief `b`'s subset index per factor into `digits`. */
export function decodeBelief(space: BeliefSpace, b: number, digits: Int32Array): void {
  let rest = b;
  for (let f = 0; f < space.subsets.length; f++) {
    const n = space.subsets[f].length;
    digits[f] = rest % n;
    rest = (rest - digits[f]) / n;
  }
}
