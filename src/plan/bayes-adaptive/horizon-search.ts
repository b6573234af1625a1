/**
 * Horizon mode's search: a bounded-horizon expectimax over exact posteriors. Every branch updates the
 * posterior by Bayes' rule (with slip, a move's joint over several cells is projected back onto the
 * factors, as the Belief does); inside the horizon every observation is planned for exactly, and leaves
 * take the mixture value. Node values are memoised on (depth, position, posterior state) and kept across
 * decisions, within the `maxStates` budget.
 */
import { UsageError } from '../../core/errors.ts';
import { formatCount } from './counts.ts';
import { expand, mergeOutcomes, type MergedStep } from './expand.ts';
import { mixtureValues } from './mixture-leaf.ts';
import type { PlanWorld } from './plan-world.ts';
import {
  createPosteriorStore,
  internState,
  internVec,
  posteriorOfState,
  stateOf,
  type PosteriorStore,
} from './posterior-store.ts';

export interface HorizonSearch {
  readonly pw: PlanWorld;
  readonly horizon: number;
  readonly maxStates: number;
  readonly tolerance: number;
  /** Upper bound on the nodes one decision can touch (from `boundHorizonSearch`). */
  readonly searchBound: number;
  readonly store: PosteriorStore;
  /** Keyed by state · templates + template. */
  readonly entries: Map<number, MergedStep>;
  /** Mixture values per posterior state. */
  readonly leaves: Map<number, Float64Array>;
  /** Node values keyed by ((state · P) + position) · (horizon + 1) + depth. */
  readonly memo: Map<number, number>;
  /** Nodes expanded in the current decision, checked against the budget. */
  nodes: number;
}

export function createHorizonSearch(
  pw: PlanWorld,
  horizon: number,
  maxStates: number,
  tolerance: number,
  searchBound: number,
): HorizonSearch {
  return {
    pw,
    horizon,
    maxStates,
    tolerance,
    searchBound,
    store: createPosteriorStore(pw.factors),
    entries: new Map(),
    leaves: new Map(),
    memo: new Map(),
    nodes: 0,
  };
}

/** Q-values of every action at position `i` under the tracked posterior, searched `horizon` deep. */
export function horizonActionValues(
  hs: HorizonSearch,
  i: number,
  post: Float64Array[],
  out: Float64Array,
): void {
  const A = hs.pw.actions.length;
  // Caches are kept across decisions while they fit the budget.
  if (hs.memo.size > hs.maxStates) hs.memo.clear();
  if (hs.entries.size > hs.maxStates) hs.entries.clear();
  if (hs.leaves.size * hs.pw.positions.length > hs.maxStates) hs.leaves.clear();
  hs.nodes = 0;
  const s = stateOf(hs.store, post);
  for (let k = 0; k < A; k++) out[k] = qValue(hs, hs.horizon, i * A + k, s);
}

/** The backup of template `ti` in posterior state `s`; branch beliefs are posterior state ids. */
function entryFor(hs: HorizonSearch, ti: number, s: number): MergedStep {
  const { pw, store } = hs;
  const key = s * pw.templates.length + ti;
  const cached = hs.entries.get(key);
  if (cached) return cached;
  const ids = store.states[s];
  // Each branch's belief is the id of its posterior state.
  const entry = mergeOutcomes(pw, expand(pw, pw.templates[ti], posteriorOfState(store, s)), (o) => {
    const next = ids.slice();
    for (const [f, vec] of o.updates) next[f] = internVec(store, f, vec);
    return internState(store, next);
  });
  hs.entries.set(key, entry);
  return entry;
}

function leafValues(hs: HorizonSearch, s: number): Float64Array {
  const cached = hs.leaves.get(s);
  if (cached) return cached;
  const V = mixtureValues(hs.pw, posteriorOfState(hs.store, s), hs.tolerance);
  hs.leaves.set(s, V);
  return V;
}

/** The value of standing at position `i` with `d` steps of lookahead left, in posterior state `s`. */
function nodeValue(hs: HorizonSearch, d: number, i: number, s: number): number {
  if (d === 0) return leafValues(hs, s)[i];
  const { pw } = hs;
  const key = (s * pw.positions.length + i) * (hs.horizon + 1) + d;
  const known = hs.memo.get(key);
  if (known !== undefined) return known;
  if (++hs.nodes > 2 * hs.maxStates + hs.searchBound)
    throw new UsageError(
      `bayes-optimal: the search in ${pw.spec.name} exceeded its budget maxStates = ${formatCount(hs.maxStates)}`,
    );
  const A = pw.actions.length;
  let best = pw.gamma >= 1 ? pw.stuckValue : -Infinity;
  for (let k = 0; k < A; k++) {
    const q = qValue(hs, d, i * A + k, s);
    if (q > best) best = q;
  }
  hs.memo.set(key, best);
  return best;
}

function qValue(hs: HorizonSearch, d: number, ti: number, s: number): number {
  const e = entryFor(hs, ti, s);
  let q = e.base;
  for (let m = 0; m < e.p.length; m++)
    q += hs.pw.gamma * e.p[m] * nodeValue(hs, d - 1, e.next[m], e.belief[m]);
  return q;
}
