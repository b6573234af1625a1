/**
 * Exact mode's solver. An action either reveals nothing (the belief stays) or branches, with the
 * posterior predictive probabilities, into strictly more resolved beliefs. So beliefs are solved from
 * most to least resolved: within one belief, value iteration over positions, where the branches into
 * more resolved beliefs are constants already known. Infinite horizon with the environment's gamma, as
 * in `solve.ts` (maxSteps ignored; death and goal end with value 0; stuck is absorbing with the stuck
 * value, where with γ = 1 a value is also never below it: the agent can always wait the episode out).
 */
import { UsageError } from '../../core/errors.ts';
import { beliefOf, decodeBelief, type BeliefSpace } from './belief-space.ts';
import { supportMask } from './counts.ts';
import { expand, mergeOutcomes } from './expand.ts';
import type { PlanWorld } from './plan-world.ts';
import { createBackups, sweepPositions } from './sweep.ts';
import { PlanningAborted, type PosteriorOf, type Template } from './types.ts';

/** One (template, subsets of its relevant factors): Q = base + γ Σ p V[belief + delta][next]. */
interface Entry {
  base: number;
  sameP: Float64Array;
  sameNext: Int32Array;
  otherP: Float64Array;
  otherNext: Int32Array;
  otherDelta: Float64Array;
}

/** The belief space, the one-step entries computed so far and, once solved, V[belief·P + position]. */
export interface ExactTables {
  readonly space: BeliefSpace;
  /** Per template, per combination of its relevant factors' subsets. */
  readonly entries: (Entry | undefined)[][];
  values: Float64Array | null;
}

export function createExactTables(space: BeliefSpace): ExactTables {
  return { space, entries: [], values: null };
}

/** Index of the relevant factors' digits: beliefs that agree on them share the template's entry. */
function comboOf(space: BeliefSpace, t: Template, digits: Int32Array): number {
  let c = 0;
  let stride = 1;
  for (const f of t.relevant) {
    c += digits[f] * stride;
    stride *= space.subsets[f].length;
  }
  return c;
}

function entryFor(pw: PlanWorld, tables: ExactTables, ti: number, digits: Int32Array): Entry {
  const { space } = tables;
  const t = pw.templates[ti];
  const combo = comboOf(space, t, digits);
  let list = tables.entries[ti];
  if (!list) {
    list = [];
    tables.entries[ti] = list;
  }
  const cached = list[combo];
  if (cached) return cached;
  const post: PosteriorOf = (f) => space.subsetPost[f][digits[f]];
  // Each branch's belief as its offset from this belief's number (0: the belief stays).
  const step = mergeOutcomes(pw, expand(pw, t, post), (o) => {
    let delta = 0;
    for (const [f, vec] of o.updates) {
      const m = supportMask(vec);
      const k = space.subsetIndex[f].get(m);
      if (k === undefined) throw new Error(`internal: subset ${m} of factor ${f} not enumerated`);
      delta += (k - digits[f]) * space.strides[f];
    }
    return delta;
  });
  const same: number[] = [];
  const other: number[] = [];
  for (let m = 0; m < step.p.length; m++) (step.belief[m] === 0 ? same : other).push(m);
  const entry: Entry = {
    base: step.base,
    sameP: Float64Array.from(same, (m) => step.p[m]),
    sameNext: Int32Array.from(same, (m) => step.next[m]),
    otherP: Float64Array.from(other, (m) => step.p[m]),
    otherNext: Int32Array.from(other, (m) => step.next[m]),
    otherDelta: Float64Array.from(other, (m) => step.belief[m]),
  };
  list[combo] = entry;
  return entry;
}

/** Solves every belief, most resolved first; `shouldStop` is polled every 64 beliefs. */
export function solveBeliefs(
  pw: PlanWorld,
  tables: ExactTables,
  tolerance: number,
  shouldStop: (() => boolean) | undefined,
): Float64Array {
  const P = pw.positions.length;
  const A = pw.actions.length;
  const B = tables.space.count;
  const gamma = pw.gamma;
  const floor = gamma >= 1 ? pw.stuckValue : -Infinity;
  const init = pw.waitAllowed || gamma >= 1 ? pw.stuckValue : 0;
  const V = new Float64Array(B * P);
  // Within one belief: the constant part of each Q (including the branches into resolved beliefs) and
  // the branches that stay in it.
  const backups = createBackups(P * A);
  const digits = new Int32Array(pw.factors.length);
  for (let b = B - 1; b >= 0; b--) {
    if (shouldStop && (b & 63) === 0 && shouldStop()) throw new PlanningAborted();
    decodeBelief(tables.space, b, digits);
    const off = b * P;
    for (let ti = 0; ti < P * A; ti++) {
      const e = entryFor(pw, tables, ti, digits);
      let c = e.base;
      for (let m = 0; m < e.otherP.length; m++)
        c += gamma * e.otherP[m] * V[(b + e.otherDelta[m]) * P + e.otherNext[m]];
      backups.constant[ti] = c;
      backups.p[ti] = e.sameP;
      backups.next[ti] = e.sameNext;
    }
    for (let i = 0; i < P; i++) V[off + i] = init;
    const result = sweepPositions(V, off, A, gamma, floor, tolerance, backups);
    if (result === 'exhausted')
      throw new UsageError(
        `bayes-optimal: values did not converge in ${pw.spec.name} (gamma ${gamma}): with gamma 1 every state must be able to end the episode`,
      );
    if (result === 'diverged')
      throw new UsageError(`bayes-optimal: values diverged in ${pw.spec.name} (gamma ${gamma})`);
  }
  return V;
}

/** Q-values of every action at position `i` under the tracked posterior (the tables must be solved). */
export function exactActionValues(
  pw: PlanWorld,
  tables: ExactTables,
  i: number,
  post: Float64Array[],
  out: Float64Array,
): void {
  const V = tables.values!;
  const P = pw.positions.length;
  const A = pw.actions.length;
  const b = beliefOf(pw.factors, tables.space, post);
  const digits = new Int32Array(pw.factors.length);
  decodeBelief(tables.space, b, digits);
  for (let k = 0; k < A; k++) {
    const e = entryFor(pw, tables, i * A + k, digits);
    let q = e.base;
    for (let m = 0; m < e.sameP.length; m++) q += pw.gamma * e.sameP[m] * V[b * P + e.sameNext[m]];
    for (let m = 0; m < e.otherP.length; m++)
      q += pw.gamma * e.otherP[m] * V[(b + e.otherDelta[m]) * P + e.otherNext[m]];
    out[k] = q;
  }
}
