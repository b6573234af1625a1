/**
 * Whether exact mode applies: every observation must be all-or-nothing evidence. For each possible
 * observation, the variants consistent with it must be equally likely to produce it (no noisy `near`
 * cue, no slip that hides which cell answered, no poke risk that differs between variants with the same
 * signal); then a factor's posterior is its prior restricted to the variants still possible.
 */
import { popcount } from './counts.ts';
import { cueFactorsAt } from './cues.ts';
import { forEachDigit, jointPossible } from './joint.ts';
import type { PlanWorld } from './plan-world.ts';
import { ACTIVE } from './types.ts';

/** Likelihoods closer than this (relative to the first, when above 1) count as the same evidence. */
const SAME = 1e-12;

/** Why the world's observations are evidence of degree (empty when exact mode applies). */
export function noisyReasons(pw: PlanWorld): string[] {
  const reasons = new Set<string>();
  for (const t of pw.templates) {
    const G = t.groups.length;
    if (G === 0 || t.factors.length === 0) continue;
    const like = new Float64Array(t.joint * G);
    for (let j = 0; j < t.joint; j++)
      for (let b = t.branchStart[j]; b < t.branchStart[j + 1]; b++)
        if (t.bKind[b] === ACTIVE) like[j * G + t.bGroup[b]] += t.bP[b];
    for (let g = 0; g < G; g++) {
      let value = -1;
      let support = 0;
      const proj = Array.from(t.factors, () => 0);
      let uniform = true;
      for (let j = 0; j < t.joint; j++) {
        const l = like[j * G + g];
        if (l <= 0 || !jointPossible(pw.factors, t, j)) continue;
        support++;
        if (value < 0) value = l;
        else if (Math.abs(l - value) > SAME * Math.max(1, value)) uniform = false;
        forEachDigit(t.sizes, j, (k, v) => (proj[k] |= 1 << v));
      }
      // All-or-nothing also needs the consistent joints to be a product of per-factor subsets.
      const box = proj.reduce((a, m) => a * popcount(m), 1);
      if (support > 0 && (!uniform || box !== support)) {
        const what = t.code >= 4 ? 'a poke' : 'a move';
        reasons.add(
          `${what} outcome is evidence of degree (${pw.world.slip > 0 ? 'slip' : 'poke risk or several cells'})`,
        );
      }
    }
  }
  for (let c = 0; c < pw.posIndex.length; c++) {
    if (pw.posIndex[c] < 0) continue;
    for (const cf of cueFactorsAt(pw, c)) {
      const f = pw.factors[cf.factor];
      for (const o of cf.outcomes) {
        let value = -1;
        for (let v = 0; v < o.like.length; v++) {
          if (f.prior[v] <= 0 || o.like[v] <= 0) continue;
          if (value < 0) value = o.like[v];
          else if (Math.abs(o.like[v] - value) > SAME) reasons.add(`the near cue of "${f.unknown}" is noisy`);
        }
      }
    }
  }
  if (pw.factors.some((f) => f.variants.length > 30)) reasons.add('an unknown has more than 30 variants');
  return [...reasons];
}
