/**
 * Horizon mode's posteriors, interned: each factor's posterior vectors get small ids (equal up to 1e-12
 * share one), and a posterior state (one vector id per factor) gets an id, so search nodes, one-step
 * entries and leaf values can be memoised on plain numbers.
 */
import type { PlanFactor, PosteriorOf } from './types.ts';

export interface PosteriorStore {
  readonly vecKeys: Map<string, number>[];
  /** Per factor, the posterior vector of each id. */
  readonly vecs: Float64Array[][];
  readonly stateKeys: Map<string, number>;
  /** Per posterior state id, its vector id per factor. */
  readonly states: Int32Array[];
}

/** The key under which two posteriors equal up to rounding at 1e-12 count as one. */
export function vecKey(vec: ArrayLike<number>): string {
  let s = '';
  for (let v = 0; v < vec.length; v++) s += `${Math.round(vec[v] * 1e12)},`;
  return s;
}

/** A store holding the priors, as vector 0 of each factor and state 0. */
export function createPosteriorStore(factors: PlanFactor[]): PosteriorStore {
  const store: PosteriorStore = {
    vecKeys: factors.map(() => new Map()),
    vecs: factors.map(() => []),
    stateKeys: new Map(),
    states: [],
  };
  const prior = factors.map((f, i) => internVec(store, i, f.prior));
  internState(store, Int32Array.from(prior));
  return store;
}

export function internVec(store: PosteriorStore, f: number, vec: Float64Array): number {
  const key = vecKey(vec);
  const known = store.vecKeys[f].get(key);
  if (known !== undefined) return known;
  const id = store.vecs[f].length;
  store.vecs[f].push(vec);
  store.vecKeys[f].set(key, id);
  return id;
}

export function internState(store: PosteriorStore, ids: Int32Array): number {
  const key = ids.join(',');
  const known = store.stateKeys.get(key);
  if (known !== undefined) return known;
  const id = store.states.length;
  store.states.push(ids);
  store.stateKeys.set(key, id);
  return id;
}

/** The state id of a tracked posterior (one vector per factor). */
export function stateOf(store: PosteriorStore, post: Float64Array[]): number {
  return internState(
    store,
    Int32Array.from(post, (vec, f) => internVec(store, f, vec)),
  );
}

/** Reads the posteriors of state `s`, factor by factor. */
export function posteriorOfState(store: PosteriorStore, s: number): PosteriorOf {
  const ids = store.states[s];
  return (f) => store.vecs[f][ids[f]];
}
