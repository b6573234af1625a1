/**
 * Binary search over lists sorted by frame. Belief-track entries and plans are kept in the order of the
 * frame they take effect at, and episodes in the order of their first frame, so "what is in force at
 * frame f" is always "the last item at or before f".
 */

/** Index of the last item whose frame (`frameOf`) is at or before `frame`; -1 if none. */
export function lastAtOrBefore<T>(items: readonly T[], frame: number, frameOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (frameOf(items[mid]) <= frame) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
