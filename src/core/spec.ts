/**
 * The validated, normalised form of an environment: every default filled in, glyphs resolved to tiles,
 * unknowns resolved to the cells they cover. This is everything an agent is told (plus the map of which
 * cells hold which unknown); the truth of each unknown is not part of it.
 */
import type { Action, Direction, Effect } from './format.ts';

export interface TileKind {
  name: string;
  look: string;
  walkable: boolean;
  enter: { effect: Effect; reward: number; to: string | null; signal: string | null };
  leave: { to: string; reward: number } | null;
  oneWay: Direction | null;
  poke: { signal: string; risk: number; riskEffect: 'death' | 'stuck' };
  near: { signal: string; p: number } | null;
  description: string;
}

export interface UnknownSpec {
  id: string;
  scope: 'each' | 'all';
  /** Variants in declaration order with their prior probabilities. */
  prior: { tile: string; p: number }[];
  /** Cell indices (row-major) drawn with this unknown's glyph. */
  cells: number[];
  /** The look every variant shares. */
  look: string;
  description: string;
}

export interface CellSpec {
  glyph: string;
  /** Tile name for a known cell; for an unknown cell, null and `unknown` names it. */
  tile: string | null;
  unknown: string | null;
}

export interface Rewards {
  step: number;
  goal: number;
  death: number;
  bump: number;
}

export interface EnvSpec {
  name: string;
  title: string;
  description: string;
  /** Where it was loaded from, for messages. */
  source: string;
  width: number;
  height: number;
  /** Row-major, `y * width + x`. */
  cells: CellSpec[];
  tiles: Map<string, TileKind>;
  unknowns: UnknownSpec[];
  rewards: Rewards;
  hiddenReward: { death: number; stuck: number };
  gamma: number;
  maxSteps: number;
  actions: Action[];
  slip: number;
  /** Cell index of the single start tile, or null when the map has none (it cannot be run, only solved). */
  start: number | null;
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
