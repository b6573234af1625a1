/**
 * Notes on valid worlds that probably do not do what their author meant. `trapworld validate` prints
 * them; they never make a file fail to load.
 */
import type { EnvSpec, TileKind } from './spec.ts';

/** What a tile does, for telling apart tiles that share a look. */
function behaviour(t: TileKind): string {
  return JSON.stringify([t.walkable, t.enter, t.leave, t.oneWay, t.poke, t.near]);
}

export function lintEnvironment(spec: EnvSpec): string[] {
  return disguisedTiles(spec);
}

/**
 * A tile drawn directly is known to agents (only unknowns are uncertain), even when it looks like
 * another tile in the world that behaves differently: drawing a trap with the look of floor hides
 * nothing. Within each look, the tile named after the look (else the behaviour drawn on most cells)
 * counts as the plain one; tiles that behave otherwise and are drawn directly get a note.
 */
function disguisedTiles(spec: EnvSpec): string[] {
  const cellsOf = new Map<string, number>();
  const glyphOf = new Map<string, string>();
  for (const cell of spec.cells)
    if (cell.tile !== null) {
      cellsOf.set(cell.tile, (cellsOf.get(cell.tile) ?? 0) + 1);
      if (!glyphOf.has(cell.tile)) glyphOf.set(cell.tile, cell.glyph);
    }
  const present = new Set([...cellsOf.keys(), ...spec.unknowns.flatMap((u) => u.prior.map((v) => v.tile))]);
  // look → behaviour → tiles with it, and the cells drawn directly with them.
  const groups = new Map<string, Map<string, { tiles: string[]; cells: number }>>();
  for (const name of present) {
    const tile = spec.tiles.get(name)!;
    const byBehaviour = groups.get(tile.look) ?? new Map<string, { tiles: string[]; cells: number }>();
    groups.set(tile.look, byBehaviour);
    const key = behaviour(tile);
    const group = byBehaviour.get(key) ?? { tiles: [], cells: 0 };
    byBehaviour.set(key, group);
    group.tiles.push(name);
    group.cells += cellsOf.get(name) ?? 0;
  }
  const notes: string[] = [];
  for (const [look, byBehaviour] of groups) {
    if (byBehaviour.size < 2) continue;
    const classes = [...byBehaviour.values()];
    // The plain one: the tile named after the look (floor for "floor"), else the most drawn.
    const plain =
      classes.find((c) => c.tiles.includes(look)) ?? classes.reduce((a, b) => (b.cells > a.cells ? b : a));
    for (const other of classes) {
      if (other === plain) continue;
      for (const name of other.tiles.filter((t) => cellsOf.has(t)))
        notes.push(
          `glyph "${glyphOf.get(name)}" draws "${name}" directly; it looks like ${plain.tiles.map((t) => `"${t}"`).join(', ')} ` +
            `("${look}") but behaves differently, and agents are told which tile every directly drawn cell is: ` +
            `to hide it, make it a variant of an unknown`,
        );
    }
  }
  return notes;
}
