/** Reachability on adjacency lists: the cells reachable from `seeds` along `edges`. */
export function flood(seeds: readonly number[], edges: readonly (readonly number[])[]): Uint8Array {
  const seen = new Uint8Array(edges.length);
  const stack = [...seeds];
  for (const s of seeds) seen[s] = 1;
  while (stack.length > 0) {
    const c = stack.pop()!;
    for (const t of edges[c])
      if (!seen[t]) {
        seen[t] = 1;
        stack.push(t);
      }
  }
  return seen;
}
