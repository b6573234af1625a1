/**
 * Value iteration over the reachable positions, shared by exact mode (within one belief) and by the
 * horizon leaves (the mixture model). It is not `valueIteration` from `src/plan/solve.ts`: that one runs
 * over all cells of a World or Model, while here a position's backup is a constant (immediate rewards,
 * ends, sticking, branches into other beliefs) plus γ Σ p·V over the positions of this one value function.
 */
/** Value iteration gives up after this many sweeps (a world whose values cannot converge). */
const MAX_SWEEPS = 200_000;

/**
 * The backups of one value iteration: for template ti = position·A + k, Q = constant[ti] +
 * γ Σ_m p[ti][m]·V[offset + next[ti][m]].
 */
export interface Backups {
  constant: Float64Array;
  p: Float64Array[];
  next: Int32Array[];
}

/** Backups for `templates` (position, action) pairs, to be filled in. */
export function createBackups(templates: number): Backups {
  return {
    constant: new Float64Array(templates),
    p: new Array<Float64Array>(templates),
    next: new Array<Int32Array>(templates),
  };
}

export type SweepResult = 'converged' | 'diverged' | 'exhausted';

/**
 * In-place (Gauss-Seidel) sweeps of V[offset + i] = max(floor, max_k Q) until no value moves by more
 * than `tolerance`, alternating direction so values travel across the map both ways. V must be
 * initialised by the caller.
 */
export function sweepPositions(
  V: Float64Array,
  offset: number,
  A: number,
  gamma: number,
  floor: number,
  tolerance: number,
  backups: Backups,
): SweepResult {
  const { constant, p, next } = backups;
  const P = constant.length / A;
  for (let sweep = 0; sweep <= MAX_SWEEPS; sweep++) {
    let delta = 0;
    const forward = (sweep & 1) === 0;
    for (let n = 0; n < P; n++) {
      const i = forward ? n : P - 1 - n;
      let best = floor;
      for (let k = 0; k < A; k++) {
        const ti = i * A + k;
        const pt = p[ti];
        const nt = next[ti];
        let q = constant[ti];
        for (let m = 0; m < pt.length; m++) q += gamma * pt[m] * V[offset + nt[m]];
        if (q > best) best = q;
      }
      const d = Math.abs(best - V[offset + i]);
      if (d > delta) delta = d;
      V[offset + i] = best;
    }
    if (!Number.isFinite(delta)) return 'diverged';
    if (delta <= tolerance) return 'converged';
  }
  return 'exhausted';
}
