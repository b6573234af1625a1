/**
 * The world editor's map: canvas 2D, with the same tile painter as the app's maps and legend. Tiles are
 * painted once into an offscreen image (and repainted one cell at a time as the person paints); each
 * frame that changed draws that image through the zoom and pan, then the grid, the cells with errors,
 * the cursor and the preview of a rectangle. A 128×128 map costs one image copy a frame.
 */
import { tileStyle, type TileStyle } from './palette.ts';
import { paintTile, paintUnknownMark } from './terrain.ts';
import { FIT, type Viewport } from './viewport.ts';

/** What a cell shows: its look (null: the glyph means nothing yet), whether it hides an unknown. */
export interface EditorCellStyle {
  look: string | null;
  hidden: boolean;
  glyph: string;
  /** The start: drawn as its floor with an "A" on it (agents see floor; the author needs to see it). */
  start?: boolean;
}

const START_STYLE: TileStyle = {
  base: '#F3F0EA',
  fg: '#0072B2',
  pattern: 'letter',
  label: 'A',
  name: 'start',
};

const UNDEFINED_STYLE: TileStyle = {
  base: '#FFE3F1',
  fg: '#A3005A',
  pattern: 'letter',
  label: '?',
  name: 'undefined glyph',
};

const RAGGED_COLOUR = '#2a2d38';
const GRID_COLOUR = 'rgba(0,0,0,0.16)';

const lookStyles = new Map<string, TileStyle>();
const undefinedStyles = new Map<string, TileStyle>();

/**
 * The tile style a cell (or a brush's swatch) is painted with: a glyph that means nothing yet shows
 * itself on pink, the start an "A" on floor, anything else its look's style.
 */
export function cellTileStyle(s: EditorCellStyle): TileStyle {
  let st: TileStyle | undefined;
  if (s.look === null) {
    st = undefinedStyles.get(s.glyph);
    if (!st) undefinedStyles.set(s.glyph, (st = { ...UNDEFINED_STYLE, label: s.glyph }));
    return st;
  }
  if (s.start) return START_STYLE;
  st = lookStyles.get(s.look);
  if (!st) lookStyles.set(s.look, (st = tileStyle(s.look)));
  return st;
}

/** Paints a cell into the square (x, y, size): its tile and unknown mark, or a ragged row's gap. */
function drawCell(
  ctx: CanvasRenderingContext2D,
  s: EditorCellStyle | null,
  x: number,
  y: number,
  size: number,
): void {
  if (s === null) {
    ctx.fillStyle = RAGGED_COLOUR;
    ctx.fillRect(x, y, size, size);
    return;
  }
  paintTile(ctx, cellTileStyle(s), x, y, size);
  if (s.hidden) paintUnknownMark(ctx, x, y, size);
}

export interface EditorMarks {
  errors: readonly number[];
  cursor: number;
  preview: readonly number[];
}

export class EditorCanvas {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private terrain: HTMLCanvasElement = document.createElement('canvas');
  private tctx: CanvasRenderingContext2D = this.terrain.getContext('2d')!;
  private px = 16;
  width = 0;
  height = 0;
  /** CSS pixels per cell at zoom 1. */
  cell = 16;
  private viewport: Viewport = FIT;
  private marks: EditorMarks = { errors: [], cursor: -1, preview: [] };
  /** Everything must be drawn again (a new map, size or viewport). */
  private dirty = true;
  /** Only these cells changed since the last frame: a stroke redraws a few cells, not the map. */
  private readonly dirtyCells = new Set<number>();
  /** Cells painted since the offscreen image was, with their styles. */
  private readonly stale = new Map<number, EditorCellStyle | null>();
  /** Milliseconds the last render took. */
  lastMs = 0;

  constructor() {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'editor-canvas';
    this.ctx = this.canvas.getContext('2d')!;
  }

  /** A new map (or a new size): repaints every cell. */
  setMap(width: number, height: number, styleOf: (cell: number) => EditorCellStyle | null): void {
    this.width = width;
    this.height = height;
    this.px = Math.max(4, Math.min(32, Math.floor(2048 / Math.max(1, width, height))));
    this.terrain.width = Math.max(1, width * this.px);
    this.terrain.height = Math.max(1, height * this.px);
    this.tctx = this.terrain.getContext('2d')!;
    this.stale.clear();
    for (let c = 0; c < width * height; c++) this.paintCell(c, styleOf(c));
    this.dirty = true;
  }

  /**
   * Repaints the cells that changed. They are painted straight onto the screen at the next frame and
   * into the offscreen image only before a full redraw: drawing into that large image and reading it
   * back every frame of a stroke is what software GL makes slow.
   */
  repaint(cells: Iterable<number>, styleOf: (cell: number) => EditorCellStyle | null): void {
    for (const c of cells)
      if (c >= 0 && c < this.width * this.height) {
        this.stale.set(c, styleOf(c));
        this.dirtyCells.add(c);
      }
  }

  /** Brings the offscreen image up to date with the cells painted since. */
  private flushStale(): void {
    for (const [c, st] of this.stale) this.paintCell(c, st);
    this.stale.clear();
  }

  private paintCell(c: number, s: EditorCellStyle | null): void {
    drawCell(this.tctx, s, (c % this.width) * this.px, Math.floor(c / this.width) * this.px, this.px);
  }

  /** The on-screen size: `cell` CSS pixels per cell at zoom 1. */
  setCellSize(cell: number): void {
    this.cell = cell;
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    const w = Math.max(1, this.width * cell);
    const h = Math.max(1, this.height * cell);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.dirty = true;
  }

  setViewport(v: Viewport): void {
    this.viewport = v;
    this.dirty = true;
  }

  setMarks(m: EditorMarks): void {
    // The cells marked before and after: their marks appear or go.
    const old = this.marks;
    for (const list of [old.errors, old.preview, m.errors, m.preview])
      for (const c of list) this.dirtyCells.add(c);
    if (old.cursor >= 0) this.dirtyCells.add(old.cursor);
    if (m.cursor >= 0) this.dirtyCells.add(m.cursor);
    this.marks = m;
  }

  /**
   * Draws what changed since the last frame: everything after a change of map, size or viewport, else
   * only the cells that changed (with software WebGL and GPU compositing, redrawing a whole 128×128 map
   * every frame of a stroke cost three frames' time). Returns whether it drew.
   */
  render(): boolean {
    if (!this.dirty && this.dirtyCells.size === 0) return false;
    const t0 = performance.now();
    const ctx = this.ctx;
    const dpr = this.canvas.width / Math.max(1, this.width * this.cell);
    const v = this.viewport;
    const s = this.cell;
    const k = dpr * v.zoom;
    const screenCell = s * v.zoom;
    const full = this.dirty;
    this.dirty = false;
    // The cells to draw (all when null); the set is emptied once the frame is drawn.
    const only = full ? null : this.dirtyCells;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (full) {
      ctx.fillStyle = '#16181f';
      ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    }
    ctx.setTransform(k, 0, 0, k, -v.x * k, -v.y * k);
    ctx.imageSmoothingEnabled = screenCell * dpr < this.px;
    const W = this.width;
    const grid = screenCell >= 12;
    /** Draws cell c's tile (painted afresh, or from the painted image) and its grid lines. */
    const base = (c: number) => {
      const x = (c % W) * s;
      const y = Math.floor(c / W) * s;
      const px = this.px;
      if (this.stale.has(c)) drawCell(ctx, this.stale.get(c)!, x, y, s);
      else ctx.drawImage(this.terrain, (c % W) * px, Math.floor(c / W) * px, px, px, x, y, s, s);
      if (grid) {
        ctx.strokeStyle = GRID_COLOUR;
        ctx.lineWidth = 1 / k;
        ctx.strokeRect(x, y, s, s);
      }
    };
    if (full) {
      this.flushStale();
      ctx.drawImage(this.terrain, 0, 0, W * s, this.height * s);
      if (grid) {
        ctx.strokeStyle = GRID_COLOUR;
        ctx.lineWidth = 1 / k;
        ctx.beginPath();
        for (let x = 0; x <= W; x++) {
          ctx.moveTo(x * s, 0);
          ctx.lineTo(x * s, this.height * s);
        }
        for (let y = 0; y <= this.height; y++) {
          ctx.moveTo(0, y * s);
          ctx.lineTo(W * s, y * s);
        }
        ctx.stroke();
      }
    } else for (const c of this.dirtyCells) base(c);
    const box = (c: number, colour: string, width: number) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width / k;
      const inset = width / k / 2;
      ctx.strokeRect((c % W) * s + inset, Math.floor(c / W) * s + inset, s - 2 * inset, s - 2 * inset);
    };
    for (const c of this.marks.preview) {
      if (only && !only.has(c)) continue;
      ctx.fillStyle = 'rgba(0,114,178,0.35)';
      ctx.fillRect((c % W) * s, Math.floor(c / W) * s, s, s);
    }
    // Cells with an error: a vermillion frame over a white one (seen on any tile).
    for (const c of this.marks.errors) {
      if (only && !only.has(c)) continue;
      box(c, '#ffffff', 5);
      box(c, '#D55E00', 3);
    }
    const cur = this.marks.cursor;
    if (cur >= 0 && (!only || only.has(cur))) {
      box(cur, '#000000', 4);
      box(cur, '#E69F00', 2);
    }
    this.dirtyCells.clear();
    this.lastMs = performance.now() - t0;
    return true;
  }
}
