/** Small helpers for the variant bit masks and the sizes quoted in refusals. */

export function popcount(m: number): number {
  let n = 0;
  while (m) {
    m &= m - 1;
    n++;
  }
  return n;
}

/** Bit mask of the variants with positive weight (in a posterior or a likelihood). */
export function supportMask(weights: ArrayLike<number>): number {
  let m = 0;
  for (let v = 0; v < weights.length; v++) if (weights[v] > 0) m |= 1 << v;
  return m;
}

/** 1,234,567 below a quadrillion, 1.23e+20 beyond. */
export function formatCount(n: number): string {
  return n < 1e15 ? Math.round(n).toLocaleString('en-US') : n.toExponential(2);
}
