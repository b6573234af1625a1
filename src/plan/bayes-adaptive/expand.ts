/**
 * The one-step expansion shared by both modes and by the agent's tracking: under a posterior, every
 * observable outcome of a template (with its probability and the posterior it leads to), plus the
 * expected return of the outcomes that end the episode or stick.
 */
import { hearCues } from './cues.ts';
import { jointWeight } from './joint.ts';
import type { PlanWorld } from './plan-world.ts';
import { END, STUCK_KIND, type Expansion, type Outcome, type PosteriorOf, type Template } from './types.ts';

export function expand(pw: PlanWorld, t: Template, post: PosteriorOf): Expansion {
  const F = t.factors.length;
  const G = t.groups.length;
  // Per observable group: its probability and the joint's marginal on each involved factor.
  const gP = new Float64Array(G);
  const marg: Float64Array[][] = t.groups.map(() => Array.from(t.sizes, (n) => new Float64Array(n)));
  const digits = new Int32Array(F);
  const tail = pw.gamma * pw.stuckValue;
  let absorb = 0;
  for (let j = 0; j < t.joint; j++) {
    const w = jointWeight(t, j, post, digits);
    if (w === 0) continue;
    for (let b = t.branchStart[j]; b < t.branchStart[j + 1]; b++) {
      const q = w * t.bP[b];
      if (q === 0) continue;
      const kind = t.bKind[b];
      if (kind === END) absorb += q * t.bR[b];
      else if (kind === STUCK_KIND) absorb += q * (t.bR[b] + tail);
      else {
        const g = t.bGroup[b];
        gP[g] += q;
        for (let k = 0; k < F; k++) marg[g][k][digits[k]] += q;
      }
    }
  }
  const outcomes: Outcome[] = [];
  for (let g = 0; g < G; g++) {
    if (!(gP[g] > 0)) continue;
    const group = t.groups[g];
    // With slip the joint is projected back onto the factors, as the Belief does.
    const updates = new Map<number, Float64Array>();
    for (let k = 0; k < F; k++) {
      const m = marg[g][k];
      for (let v = 0; v < m.length; v++) m[v] /= gP[g];
      updates.set(t.factors[k], m);
    }
    const start = { p: gP[g], updates, heard: new Int32Array(4).fill(-1) };
    for (const part of hearCues(pw, group.cell, start, post))
      outcomes.push({
        p: part.p,
        reward: group.reward,
        cell: group.cell,
        signal: group.signal,
        heard: part.heard,
        updates: part.updates,
      });
  }
  return { absorb, outcomes };
}

/**
 * An expansion as a backup, Q = base + γ Σ p·V(next belief, next position): the expected immediate
 * return in `base`, and the outcomes that lead to the same position and belief merged into one branch.
 */
export interface MergedStep {
  base: number;
  p: Float64Array;
  next: Int32Array;
  /** What `beliefAfter` returned for the branch. */
  belief: Float64Array;
}

export function mergeOutcomes(
  pw: PlanWorld,
  { absorb, outcomes }: Expansion,
  beliefAfter: (o: Outcome) => number,
): MergedStep {
  let base = absorb;
  const merged = new Map<string, { p: number; next: number; belief: number }>();
  for (const o of outcomes) {
    base += o.p * o.reward;
    const belief = beliefAfter(o);
    const next = pw.posIndex[o.cell];
    const key = `${next}|${belief}`;
    const e = merged.get(key);
    if (e) e.p += o.p;
    else merged.set(key, { p: o.p, next, belief });
  }
  const all = [...merged.values()];
  return {
    base,
    p: Float64Array.from(all, (e) => e.p),
    next: Int32Array.from(all, (e) => e.next),
    belief: Float64Array.from(all, (e) => e.belief),
  };
}
