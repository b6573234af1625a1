/**
 * The pure half of the renderer: from a recorded frame (and the belief in force at it) to what should be
 * drawn, in cell units (cell (x, y) covers [x, x+1) × [y, y+1)). No pixi here, so unit tests in Node
 * cover it; the pixi-*.ts files only turn these shapes into display objects.
 */
import { EV } from '../core/step.ts';
import type { PosteriorKey, WorldInfo } from '../worker/session/world-info.ts';
import { heatColour, NO_RETURN_COLOURS, PAST_END_COLOUR, variantColour, variantPalette } from './palette.ts';

const DIRS = 'NESW';
const DX = [0, 1, 0, -1];
const DY = [-1, 0, 1, 0];

/** The per-frame columns the scene reads (a FrameColumns or a slice of one). */
export interface FrameSource {
  pos: Int32Array;
  action: Int8Array;
  events: Uint16Array;
  signal: Int16Array;
  cueStart: Uint32Array;
  cues: Uint16Array;
  changeStart: Uint32Array;
  changes: Int32Array;
}

export interface AgentPose {
  /** Centre, in cells (fractional while moving). */
  x: number;
  y: number;
  state: 'alive' | 'dead' | 'stuck' | 'goal';
  /** Direction of the last move or poke (0-3, N E S W), or -1. */
  facing: number;
}

function centre(cell: number, width: number): [number, number] {
  return [(cell % width) + 0.5, Math.floor(cell / width) + 0.5];
}

function ease(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

/** Whether the agent is dead or stuck at `frame` (events of the episode so far). */
export function agentState(f: FrameSource, start: number, frame: number): AgentPose['state'] {
  let stuck = false;
  for (let i = start + 1; i <= frame; i++) {
    const e = f.events[i];
    if (e & EV.death) return 'dead';
    if (e & EV.goal) return 'goal';
    if (e & EV.stuck) stuck = true;
  }
  return stuck ? 'stuck' : 'alive';
}

/**
 * Where to draw the agent at `frame`, `phase` (0-1) of the way through the move that led there. Jumps
 * (teleports, leave effects) are not tweened.
 */
export function agentPose(
  f: FrameSource,
  width: number,
  start: number,
  frame: number,
  phase: number,
): AgentPose {
  const [x1, y1] = centre(f.pos[frame], width);
  const a = f.action[frame];
  const facing = a >= 0 && a < 8 ? a % 4 : -1;
  let x = x1;
  let y = y1;
  if (frame > start && phase < 1) {
    const [x0, y0] = centre(f.pos[frame - 1], width);
    const jump =
      (f.events[frame] & (EV.teleport | EV.leave)) !== 0 || Math.abs(x1 - x0) + Math.abs(y1 - y0) > 1;
    if (!jump) {
      const t = ease(Math.max(0, phase));
      x = x0 + (x1 - x0) * t;
      y = y0 + (y1 - y0) * t;
    }
  }
  return { x, y, state: agentState(f, start, frame), facing };
}

/** Centres of the last `n` positions up to `frame` (a polyline, flat x, y pairs). */
export function recentPath(f: FrameSource, width: number, start: number, frame: number, n: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(start, frame - n); i <= frame; i++) out.push(...centre(f.pos[i], width));
  return out;
}

/**
 * The cells the episode has changed by `frame` (format 1.1 `set`): cell → index of its look now, from the
 * episode's first frame `start` on (changes apply for the rest of the episode; the last one wins).
 */
export function changedLooks(f: FrameSource, start: number, frame: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = f.changeStart[start + 1]; i < f.changeStart[frame + 1]; i += 2)
    out.set(f.changes[i], f.changes[i + 1]);
  return out;
}

export interface PokeMark {
  /** From the agent's centre towards the poked cell's centre. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  dir: string;
  /** What the poke sounded like ("creak", "knock", "solid", …). */
  signal: string;
  hurt: boolean;
}

export function pokeMark(f: FrameSource, world: WorldInfo, frame: number): PokeMark | null {
  const a = f.action[frame];
  if (a < 4 || a > 7) return null;
  const d = a - 4;
  const [x0, y0] = centre(f.pos[frame], world.width);
  const sig = f.signal[frame];
  return {
    x0,
    y0,
    x1: x0 + DX[d],
    y1: y0 + DY[d],
    dir: DIRS[d],
    signal: sig > 0 ? (world.signals[sig] ?? '?') : 'nothing',
    hurt: (f.events[frame] & EV.pokeHurt) !== 0,
  };
}

export interface CueMark {
  dir: string;
  signal: string;
  /** The neighbouring cell's centre the cue came from. */
  x: number;
  y: number;
}

export function cueMarks(f: FrameSource, world: WorldInfo, frame: number): CueMark[] {
  const out: CueMark[] = [];
  const [x, y] = centre(f.pos[frame], world.width);
  for (let i = f.cueStart[frame]; i < f.cueStart[frame + 1]; i++) {
    const code = f.cues[i];
    const d = code & 3;
    out.push({ dir: DIRS[d], signal: world.signals[code >> 2] ?? '?', x: x + DX[d], y: y + DY[d] });
  }
  return out;
}

/** The signal heard on entering (not a poke, not a bump), e.g. a teleport's "whoosh". */
export function heardSignal(f: FrameSource, world: WorldInfo, frame: number): string | null {
  const a = f.action[frame];
  const s = f.signal[frame];
  if (s <= 0 || (a >= 4 && a <= 7) || f.events[frame] & EV.bump) return null;
  return world.signals[s] ?? null;
}

export type EventKind = 'death' | 'stuck' | 'goal' | 'bump' | 'slip';

/** Events of the step that led to `frame`, for markers and the screen reader's log. */
export function frameEvents(f: FrameSource, frame: number): EventKind[] {
  const e = f.events[frame];
  const out: EventKind[] = [];
  if (e & EV.death) out.push('death');
  if (e & EV.stuck) out.push('stuck');
  if (e & EV.goal) out.push('goal');
  if (e & EV.bump) out.push('bump');
  if (e & EV.slip) out.push('slip');
  return out;
}

/**
 * The P(trap) heatmap is drawn only on the cells the agent is unsure about (unknown cells; known cells
 * are 0 or 1 and their tiles already say which).
 */
export function heatCells(world: WorldInfo): Int32Array {
  const out: number[] = [];
  for (let c = 0; c < world.width * world.height; c++) if (world.cellUnknown[c] >= 0) out.push(c);
  return Int32Array.from(out);
}

/** Colour (0xRRGGBB) and opacity for a P(trap); opacity 0 when the cell is known to be safe. */
export function heatStyle(p: number): { colour: number; alpha: number } {
  if (!(p > 0)) return { colour: 0, alpha: 0 };
  const lut = heatLut();
  const k = (Math.min(1, p) * 255 + 0.5) | 0;
  return { colour: lut[k * 2], alpha: lut[k * 2 + 1] };
}

let heatTable: Float64Array | null = null;

/** 256 heat colours and opacities (P(trap) quantised to 1/255), computed once. */
function heatLut(): Float64Array {
  if (heatTable) return heatTable;
  heatTable = new Float64Array(256 * 2);
  for (let k = 0; k < 256; k++) {
    const p = Math.max(k, 1) / 255;
    const [r, g, b] = heatColour(p);
    heatTable[k * 2] = (r << 16) | (g << 8) | b;
    heatTable[k * 2 + 1] = 0.35 + 0.5 * Math.sqrt(p);
  }
  return heatTable;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  colour: string;
}

/**
 * Posterior bars: along the bottom of every cell of an unknown, one segment per variant, as wide as its
 * probability and coloured by what the variant does (deadly, sticky, blocking, harmless).
 */
export function posteriorBars(world: WorldInfo, posterior: Float32Array): Rect[] {
  const rects: Rect[] = [];
  const tileByName = new Map(world.tiles.map((t) => [t.name, t]));
  for (const k of world.keys) {
    // Segments in the fixed order of the posterior list: harmless variants left, deadly ones right.
    const { order } = variantPalette(k.variants.map((_v, i) => worstTile(world.tiles, k, i)));
    for (const group of k.groups) {
      // A theory's hypothesis is coloured, cell by cell, by the tile it puts there.
      const colours = group.tiles.map((v) => {
        const t = tileByName.get(v);
        return t ? variantColour(t) : '#888888';
      });
      for (const cell of group.cells) {
        const x0 = (cell % world.width) + 0.08;
        const y = Math.floor(cell / world.width) + 0.76;
        let x = x0;
        for (const i of order) {
          const p = posterior[k.offset + i];
          if (!(p > 0)) continue;
          const w = 0.84 * p;
          rects.push({ x, y, w, h: 0.16, colour: colours[i] });
          x += w;
        }
      }
    }
  }
  return rects;
}

/**
 * What variant `i` of a posterior key does at its worst: the tile it puts on some cell that is the most
 * dangerous (death, then stuck, then blocking), for colouring and P(trap) in lists that show a key once.
 */
export function worstTile<T extends { name: string; effect: string; walkable: boolean }>(
  tiles: readonly T[],
  key: PosteriorKey,
  i: number,
): T | undefined {
  const rank = (t: T) => (t.effect === 'death' ? 3 : t.effect === 'stuck' ? 2 : t.walkable ? 0 : 1);
  let worst: T | undefined;
  for (const g of key.groups) {
    const t = tiles.find((x) => x.name === g.tiles[i]);
    if (t && (worst === undefined || rank(t) > rank(worst))) worst = t;
  }
  return worst;
}

/** The plan as a polyline through cell centres. */
export function planPath(plan: Int32Array, width: number): number[] {
  const out: number[] = [];
  for (const c of plan) out.push(...centre(c, width));
  return out;
}

export interface CellBadge {
  x: number;
  y: number;
  colour: string;
  /** What the cell really is, for the tooltip and the legend. */
  tile: string;
  deadly: boolean;
}

/** The true world: a badge on every unknown cell saying what it really is in this episode. */
export function truthBadges(world: WorldInfo, truth: Record<string, string>): CellBadge[] {
  const tileByName = new Map(world.tiles.map((t) => [t.name, t]));
  const out: CellBadge[] = [];
  for (const k of world.keys) {
    const tileName = truth[k.key];
    const t = tileName === undefined ? undefined : tileByName.get(tileName);
    if (!t) continue;
    for (const cell of k.cells)
      out.push({
        x: cell % world.width,
        y: Math.floor(cell / world.width),
        colour: variantColour(t),
        tile: t.name,
        deadly: t.effect === 'death' || t.effect === 'stuck',
      });
  }
  return out;
}

export interface CellMark {
  x: number;
  y: number;
  kind: string;
  colour: string;
}

/** Cells past which there is no way back (points of no return), from CELL_KINDS codes per cell. */
export function noReturnMarks(kinds: Uint8Array, kindNames: readonly string[], width: number): CellMark[] {
  const out: CellMark[] = [];
  for (let c = 0; c < kinds.length; c++) {
    const kind = kindNames[kinds[c]];
    const colour = NO_RETURN_COLOURS[kind];
    if (colour) out.push({ x: c % width, y: Math.floor(c / width), kind, colour });
  }
  return out;
}

/** Cells where earlier episodes of the run ended in death or stuck (kept on the map as a memorial). */
export function pastEndings(
  episodes: readonly { start: number; count: number; end: { outcome: string } | null }[],
  before: number,
  pos: Int32Array,
  width: number,
): CellMark[] {
  const out: CellMark[] = [];
  for (let e = 0; e < before && e < episodes.length; e++) {
    const m = episodes[e];
    if (!m?.end || (m.end.outcome !== 'death' && m.end.outcome !== 'stuck')) continue;
    const cell = pos[m.start + m.count - 1];
    out.push({ x: cell % width, y: Math.floor(cell / width), kind: m.end.outcome, colour: PAST_END_COLOUR });
  }
  return out;
}
