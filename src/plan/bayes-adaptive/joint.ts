/**
 * A template's joint index j encodes one variant per factor it depends on: the digits of j in the mixed
 * base `sizes`, the first factor least significant.
 */
import type { PlanFactor, PosteriorOf, Template } from './types.ts';

export function forEachDigit(sizes: ArrayLike<number>, j: number, f: (k: number, v: number) => void): void {
  let rest = j;
  for (let k = 0; k < sizes.length; k++) {
    const v = rest % sizes[k];
    rest = (rest - v) / sizes[k];
    f(k, v);
  }
}

/** Decodes j into `digits` and returns its probability Π post(factor)[variant]. */
export function jointWeight(t: Template, j: number, post: PosteriorOf, digits: Int32Array): number {
  let rest = j;
  let w = 1;
  for (let k = 0; k < t.factors.length; k++) {
    const v = rest % t.sizes[k];
    rest = (rest - v) / t.sizes[k];
    digits[k] = v;
    w *= post(t.factors[k])[v];
  }
  return w;
}

/** Whether every variant of joint j has positive prior. */
export function jointPossible(factors: PlanFactor[], t: Template, j: number): boolean {
  let ok = true;
  forEachDigit(t.sizes, j, (k, v) => {
    if (factors[t.factors[k]].prior[v] <= 0) ok = false;
  });
  return ok;
}
