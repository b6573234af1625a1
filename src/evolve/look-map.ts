/**
 * What an animal is told about its world: the map of looks, nothing else.
 *
 * `lookMapOf` is the one function that reads an environment on an animal's behalf. It keeps what sight
 * gives (the look of every cell), what an animal knows of its own body (the actions it can take) and
 * what food looks like (the looks of cells that can be a goal); it drops the tile kinds, what they do,
 * the unknowns, the theories and their priors, the rewards and the horizon. The animal
 * (agents/animal.ts) is built from a LookMap alone, so two worlds that look the same give it the same
 * input however differently they behave (tests/evolve/look-map.test.ts).
 */
import type { Action } from '../core/format.ts';
import { cellLook, type EnvSpec, type TileKind } from '../core/spec.ts';

export interface LookMap {
  readonly width: number;
  readonly height: number;
  /**
   * Every look of the world: those on the map at the start in order of first appearance (row-major),
   * then, sorted, those a format 1.1 change can bring that the map does not show yet.
   */
  readonly looks: readonly string[];
  /** Per cell, row-major, the index in `looks` of what the cell looks like at the start. */
  readonly cells: readonly number[];
  /** The looks of cells that can be a goal, in `looks` order: what food looks like. */
  readonly goalLooks: readonly string[];
  /** The actions the animal's body allows. */
  readonly actions: readonly Action[];
}

/** Every tile kind that can stand in some cell: drawn directly, an unknown's variant, a role's tile, or written by a `set`. */
export function possibleTiles(spec: EnvSpec): TileKind[] {
  const names = new Set<string>();
  for (const cell of spec.cells) if (cell.tile !== null) names.add(cell.tile);
  for (const u of spec.unknowns) for (const v of u.prior) names.add(v.tile);
  for (const t of spec.theories)
    for (const h of t.hypotheses) for (const tile of Object.values(h.tiles)) names.add(tile);
  // Changes write tiles that may write others: follow them to a fixed point.
  const queue = [...names];
  while (queue.length > 0) {
    const kind = spec.tiles.get(queue.pop()!);
    if (!kind) continue;
    const lists = [kind.enter.set, kind.leave?.set ?? [], kind.poke.set];
    for (const list of lists)
      for (const change of list)
        if (!names.has(change.tile)) {
          names.add(change.tile);
          queue.push(change.tile);
        }
  }
  return [...names].sort().flatMap((n) => {
    const kind = spec.tiles.get(n);
    return kind ? [kind] : [];
  });
}

/** The animal's whole knowledge of a world before it lives in it. */
export function lookMapOf(spec: EnvSpec): LookMap {
  const looks: string[] = [];
  const index = new Map<string, number>();
  const cells: number[] = [];
  for (let c = 0; c < spec.cells.length; c++) {
    const look = cellLook(spec, c);
    let i = index.get(look);
    if (i === undefined) {
      i = looks.length;
      looks.push(look);
      index.set(look, i);
    }
    cells.push(i);
  }
  const tiles = possibleTiles(spec);
  for (const look of [...new Set(tiles.map((t) => t.look))].filter((l) => !index.has(l)).sort()) {
    index.set(look, looks.length);
    looks.push(look);
  }
  const goal = new Set(tiles.filter((t) => t.enter.effect === 'goal').map((t) => t.look));
  return Object.freeze({
    width: spec.width,
    height: spec.height,
    looks: Object.freeze(looks),
    cells: Object.freeze(cells),
    goalLooks: Object.freeze(looks.filter((l) => goal.has(l))),
    actions: Object.freeze([...spec.actions]),
  });
}

/**
 * The sounds a world can make, by name only (which tile makes which is not said): poke, enter and near
 * signals of the tiles that can occur, and `bump`. The breeder
 * gives each a fear gene; the animal is never told the list, it only hears.
 */
export function soundsOf(spec: EnvSpec): string[] {
  const sounds = new Set<string>(['bump']);
  for (const t of possibleTiles(spec)) {
    sounds.add(t.poke.signal);
    if (t.enter.signal !== null) sounds.add(t.enter.signal);
    if (t.near !== null) sounds.add(t.near.signal);
  }
  return [...sounds].sort();
}
