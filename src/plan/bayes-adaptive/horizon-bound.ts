/**
 * Horizon mode's size check: the number of (depth, position, posterior) nodes and leaf values one
 * decision can reach is bounded before any search. Per factor, the posteriors reachable with the
 * observations the horizon allows (every observation of a factor is a likelihood vector; a step brings at
 * most one from the action and one cue per adjacent cell); per start position, the positions within the
 * horizon and the factors they can reveal. Beyond `maxStates` the planner refuses.
 */
import { UsageError } from '../../core/errors.ts';
import { formatCount } from './counts.ts';
import { bayesUpdate, cueFactorsAt } from './cues.ts';
import type { PlanWorld } from './plan-world.ts';
import { vecKey } from './posterior-store.ts';
import { ACTIVE, type PlanFactor } from './types.ts';

/** The largest number of nodes one decision can touch; throws a UsageError beyond `maxStates`. */
export function boundHorizonSearch(
  pw: PlanWorld,
  horizon: number,
  maxStates: number,
  noisyReasons: string[],
): number {
  const H = horizon;
  const { likes, perStep } = factorLikelihoods(pw);
  const reach = pw.factors.map((f, i) =>
    countPosteriors(f, [...likes[i].values()], H * perStep[i], maxStates),
  );
  // The largest neighbourhood one decision can touch: positions within H steps and their factors.
  const P = pw.positions.length;
  const A = pw.actions.length;
  let worst = 0;
  const seenAt = new Int32Array(P).fill(-1);
  for (let i0 = 0; i0 < P; i0++) {
    let frontier = [i0];
    seenAt[i0] = i0;
    let count = 1;
    const near = new Set<number>();
    for (let d = 0; d <= H; d++) {
      const next: number[] = [];
      for (const i of frontier)
        for (let k = 0; k < A; k++) {
          const t = pw.templates[i * A + k];
          for (const f of t.relevant) near.add(f);
          if (d === H) continue;
          for (const g of t.groups) {
            const n = pw.posIndex[g.cell];
            if (seenAt[n] !== i0) {
              seenAt[n] = i0;
              count++;
              next.push(n);
            }
          }
        }
      frontier = next;
    }
    let posts = 1;
    for (const f of near) posts *= reach[f];
    worst = Math.max(worst, (H + 1) * count * posts + posts * P);
  }
  if (worst > maxStates) {
    throw new UsageError(
      `bayes-optimal cannot plan ${pw.spec.name}: its observations are noisy (${noisyReasons[0] ?? 'horizon mode'}), ` +
        `so it plans by expectimax over exact posteriors with horizon ${H}, and one decision could need ` +
        `${formatCount(worst)} (depth, position, posterior) states and leaf values, over the budget maxStates = ` +
        `${formatCount(maxStates)}. Lower the horizon or raise maxStates.`,
    );
  }
  return worst;
}

/**
 * Per factor, every distinct likelihood vector an observation can bring (scaled to a maximum of 1), and
 * how many observations of it one step can bring.
 */
function factorLikelihoods(pw: PlanWorld): { likes: Map<string, Float64Array>[]; perStep: number[] } {
  const likes = pw.factors.map(() => new Map<string, Float64Array>());
  const addLike = (f: number, l: ArrayLike<number>): void => {
    let max = 0;
    for (let v = 0; v < l.length; v++) max = Math.max(max, l[v]);
    if (!(max > 0)) return;
    const vec = Float64Array.from(l, (x) => x / max);
    likes[f].set(vecKey(vec), vec);
  };
  for (const t of pw.templates) {
    const G = t.groups.length;
    for (let k = 0; k < t.factors.length; k++) {
      // Slices: the likelihood over this factor's variants with the other involved factors fixed.
      const others = t.joint / t.sizes[k];
      const stride = t.sizes.slice(0, k).reduce((a, b) => a * b, 1);
      for (let o = 0; o < others; o++) {
        const low = o % stride;
        const high = (o - low) / stride;
        const slice = Array.from({ length: G }, () => new Float64Array(t.sizes[k]));
        for (let v = 0; v < t.sizes[k]; v++) {
          const j = low + stride * (v + t.sizes[k] * high);
          for (let b = t.branchStart[j]; b < t.branchStart[j + 1]; b++)
            if (t.bKind[b] === ACTIVE) slice[t.bGroup[b]][v] += t.bP[b];
        }
        for (const l of slice) addLike(t.factors[k], l);
      }
    }
  }
  const perStep = pw.factors.map(() => 1);
  for (let c = 0; c < pw.posIndex.length; c++) {
    if (pw.posIndex[c] < 0) continue;
    for (const cf of cueFactorsAt(pw, c)) {
      for (const o of cf.outcomes) addLike(cf.factor, o.like);
      const dirs = cf.outcomes.length ? [...cf.outcomes[0].heard].filter((h) => h >= 0).length : 0;
      perStep[cf.factor] = Math.max(perStep[cf.factor], 1 + dirs);
    }
  }
  return { likes, perStep };
}

/** The distinct posteriors of `f` within `steps` observations (stops counting past `maxStates`). */
function countPosteriors(f: PlanFactor, likes: Float64Array[], steps: number, maxStates: number): number {
  const seen = new Set<string>([vecKey(f.prior)]);
  let frontier = [f.prior];
  for (let s = 0; s < steps && frontier.length > 0; s++) {
    const next: Float64Array[] = [];
    for (const p of frontier)
      for (const l of likes) {
        const updated = bayesUpdate(p, l);
        if (!updated) continue;
        const key = vecKey(updated.post);
        if (seen.has(key)) continue;
        seen.add(key);
        next.push(updated.post);
        if (seen.size > maxStates) return seen.size;
      }
    frontier = next;
  }
  return seen.size;
}
