/**
 * A short, portable fingerprint of a trajectory (same in Node and the browser, no crypto API needed):
 * two FNV-1a 32-bit hashes with different offsets over the JSON text. For comparing runs, not security.
 */
export function hashString(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function hashTrajectory(trace: {
  actions: readonly string[];
  positions: readonly number[];
  rewards: readonly number[];
}): string {
  return hashString(JSON.stringify([trace.actions, trace.positions, trace.rewards]));
}
