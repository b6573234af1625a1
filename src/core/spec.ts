/**
 * The validated, normalised form of an environment: every default filled in, glyphs resolved to tiles,
 * unknowns resolved to the cells they cover. This is everything an agent is told (plus the map of which
 * cells hold which unknown); the truth of each unknown is not part of it.
 */
import type { Action, Direction, Effect } from './format.ts';

/**
 * A `set` of format 1.1: after the action's effect, the cells drawn with `target` (a glyph of the map,
 * or `here`: the acting cell, for a poke the poked cell) become tiles of kind `tile`. In written order.
 */
export type ChangeList = readonly Readonly<{ target: string; tile: string }>[];

export interface TileKind {
  readonly name: string;
  readonly look: string;
  readonly walkable: boolean;
  readonly enter: Readonly<{
    effect: Effect;
    reward: number;
    to: string | null;
    signal: string | null;
    set: ChangeList;
  }>;
  /** `to` is null for a `leave` that only changes the world (`{ "set": … }` without `to`). */
  readonly leave: Readonly<{ to: string | null; reward: number; set: ChangeList }> | null;
  readonly oneWay: Direction | null;
  readonly poke: Readonly<{ signal: string; risk: number; riskEffect: 'death' | 'stuck'; set: ChangeList }>;
  readonly near: Readonly<{ signal: string; p: number }> | null;
  readonly description: string;
}

export interface UnknownSpec {
  readonly id: string;
  readonly scope: 'each' | 'all';
  /** Variants in declaration order with their prior probabilities. */
  readonly prior: readonly { readonly tile: string; readonly p: number }[];
  /** Cell indices (row-major) drawn with this unknown's glyph. */
  readonly cells: readonly number[];
  /** The look every variant shares. */
  readonly look: string;
  readonly description: string;
}

/** A theory of format 1.1: one hidden draw of a hypothesis decides the tile of every cell of every role. */
export interface TheorySpec {
  readonly id: string;
  readonly description: string;
  /** Roles in the order the first hypothesis names them, with the look their tiles share and their cells. */
  readonly roles: readonly Readonly<{ name: string; look: string; cells: readonly number[] }>[];
  /** Hypotheses in declaration order: prior and the tile of each role. */
  readonly hypotheses: readonly Readonly<{
    name: string;
    p: number;
    tiles: Readonly<Record<string, string>>;
  }>[];
}

export interface CellSpec {
  readonly glyph: string;
  /** Tile name for a known cell; for a hidden cell (an unknown's or a theory role's), null. */
  readonly tile: string | null;
  readonly unknown: string | null;
  /** For a cell drawn as a theory's role: the theory id and the role name; else null. */
  readonly theory: string | null;
  readonly role: string | null;
}

export interface Rewards {
  readonly step: number;
  readonly goal: number;
  readonly death: number;
  readonly bump: number;
}

/**
 * Read-only throughout: a spec is never changed once validated, which is what lets compiled parts of it
 * (the world template in world.ts) be cached by the spec object itself.
 */
export interface EnvSpec {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Where it was loaded from, for messages. */
  readonly source: string;
  readonly width: number;
  readonly height: number;
  /** Row-major, `y * width + x`. */
  readonly cells: readonly CellSpec[];
  readonly tiles: ReadonlyMap<string, TileKind>;
  readonly unknowns: readonly UnknownSpec[];
  /** Format 1.1 theories, in declaration order (empty for a version 1 file). */
  readonly theories: readonly TheorySpec[];
  readonly rewards: Readonly<Rewards>;
  readonly hiddenReward: Readonly<{ death: number; stuck: number }>;
  readonly gamma: number;
  readonly maxSteps: number;
  readonly actions: readonly Action[];
  readonly slip: number;
  /** Cell index of the single start tile, or null when the map has none (it cannot be run, only solved). */
  readonly start: number | null;
}

export function cellIndex(spec: { width: number }, x: number, y: number): number {
  return y * spec.width + x;
}

export function cellXY(spec: { width: number }, index: number): { x: number; y: number } {
  return { x: index % spec.width, y: Math.floor(index / spec.width) };
}

/**
 * The look of a cell as the agent sees it at the start of an episode: its tile's look, the shared look
 * of its unknown's variants, or the shared look of its theory role's tiles.
 */
export function cellLook(spec: EnvSpec, index: number): string {
  const cell = spec.cells[index];
  if (cell.tile !== null) return spec.tiles.get(cell.tile)!.look;
  if (cell.theory !== null)
    return spec.theories.find((t) => t.id === cell.theory)!.roles.find((r) => r.name === cell.role)!.look;
  return spec.unknowns.find((u) => u.id === cell.unknown)!.look;
}
