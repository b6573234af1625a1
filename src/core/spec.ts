/**
 * The validated, normalised form of an environment: every default filled in, glyphs resolved to tiles,
 * unknowns resolved to the cells they cover. This is everything an agent is told (plus the map of which
 * cells hold which unknown); the truth of each unknown is not part of it.
 */
import type { Action, Direction, Effect } from './format.ts';

export interface TileKind {
  readonly name: string;
  readonly look: string;
  readonly walkable: boolean;
  readonly enter: Readonly<{ effect: Effect; reward: number; to: string | null; signal: string | null }>;
  readonly leave: Readonly<{ to: string; reward: number }> | null;
  readonly oneWay: Direction | null;
  readonly poke: Readonly<{ signal: string; risk: number; riskEffect: 'death' | 'stuck' }>;
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

export interface CellSpec {
  readonly glyph: string;
  /** Tile name for a known cell; for an unknown cell, null and `unknown` names it. */
  readonly tile: string | null;
  readonly unknown: string | null;
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

/** The look of a cell as the agent sees it: its tile's look, or the shared look of its unknown's variants. */
export function cellLook(spec: EnvSpec, index: number): string {
  const cell = spec.cells[index];
  if (cell.tile !== null) return spec.tiles.get(cell.tile)!.look;
  return spec.unknowns.find((u) => u.id === cell.unknown)!.look;
}
