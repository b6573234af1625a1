/**
 * The editor's map as the person sees it: the canvas (render/editor-canvas.ts) kept in step with the
 * document, sized to the space it has, zoomed and panned; the cursor and the line that says what its
 * cell draws; and the marks on the cells (the loader's errors, the cursor, a rectangle's preview).
 * How a person acts on the map is map-input.ts.
 */
import { EditorCanvas, type EditorCellStyle } from '../../render/editor-canvas.ts';
import { cellAt, FIT, revealCell, zoomAt, type Viewport } from '../../render/viewport.ts';
import { h } from '../dom.ts';
import type { Doc } from './document.ts';
import { glyphMeaning, isStart, type GlyphMeaning } from './glyphs.ts';
import { glyphAt, mapRows, mapSize, MAX_CELLS } from './map-grid.ts';

/** How the cursor line says what a glyph draws. */
function meaningText(m: GlyphMeaning): string {
  return m.kind === 'undefined'
    ? 'not defined: add it to the legend'
    : m.kind === 'tile'
      ? `tile ${m.name}`
      : m.kind === 'unknown'
        ? `unknown ${m.name}`
        : `theory ${m.name}, role ${m.role}`;
}

export class MapView {
  readonly canvas = new EditorCanvas();
  readonly stage: HTMLElement;
  readonly cursorLine: HTMLElement;
  readonly zoomBar: HTMLElement;
  /** The zoom and pan (the canvas shows it from the next setViewport or full repaint). */
  viewport: Viewport = FIT;
  /** The cell the keyboard and the cursor line are at (-1: none yet). */
  cursor = -1;
  private errorCells: number[] = [];
  private cellErrors = new Map<number, string[]>();
  private sized = { width: -1, height: -1, cell: -1 };
  private lastRows: string[][] | null = null;
  private lastMeaningKey = '';
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorShownAt = 0;

  constructor(
    /** The page the map is on (its width, before the map has a place of its own). */
    private readonly page: HTMLElement,
    private readonly doc: () => Doc,
    /** The map's size, after every change (the size fields show it). */
    private readonly sizeShown: (width: number, height: number) => void,
  ) {
    this.stage = h(
      'div',
      {
        class: 'editor-stage',
        attrs: {
          tabindex: 0,
          role: 'application',
          'aria-roledescription': 'map editor',
          'aria-label':
            'Map. Arrow keys move the cursor, Space or Enter applies the tool, [ and ] change the brush, + and − zoom, 0 fits.',
          'aria-describedby': 'editor-cursor',
        },
      },
      this.canvas.canvas,
    );
    this.cursorLine = h('p', {
      id: 'editor-cursor',
      class: 'editor-cursor',
      attrs: { 'aria-live': 'polite' },
    });
    const zoomButton = (text: string, label: string, onClick: () => void) =>
      h('button', { text, attrs: { type: 'button', 'aria-label': label }, on: { click: onClick } });
    this.zoomBar = h(
      'div',
      { class: 'zoom-bar', attrs: { role: 'group', 'aria-label': 'Zoom the map' } },
      zoomButton('+', 'Zoom in', () => this.zoomBy(1.5)),
      zoomButton('−', 'Zoom out', () => this.zoomBy(1 / 1.5)),
      zoomButton('⤢', 'Fit the whole map', () => this.setViewport(FIT)),
    );
  }

  /** The map's width in cells. */
  get width(): number {
    return this.canvas.width;
  }

  /** The map's size in CSS pixels at zoom 1 (what the viewport arithmetic calls w × h). */
  mapPixels(): { w: number; h: number } {
    return { w: this.canvas.width * this.canvas.cell, h: this.canvas.height * this.canvas.cell };
  }

  private styleOf(rows: string[][]): (c: number) => EditorCellStyle | null {
    const meanings = new Map<string, EditorCellStyle>();
    const width = mapSize(rows).width;
    return (c: number): EditorCellStyle | null => {
      const g = rows[Math.floor(c / width)]?.[c % width];
      if (g === undefined) return null;
      let s = meanings.get(g);
      if (!s) {
        const m = glyphMeaning(this.doc(), g);
        s = {
          look: m.look,
          hidden: m.kind === 'unknown' || m.kind === 'theory',
          glyph: g,
          start: isStart(m),
        };
        meanings.set(g, s);
      }
      return s;
    };
  }

  /** Repaints what changed on the map: every cell when its size or the glyphs' meanings changed. */
  sync(cells?: readonly number[]): void {
    const doc = this.doc();
    const rows = mapRows(doc);
    if (!rows || rows.length === 0) return;
    const { width, height } = mapSize(rows);
    if (width * height > MAX_CELLS) return;
    const meaningKey = JSON.stringify([
      doc.legend ?? null,
      doc.tiles ?? null,
      doc.unknowns ?? null,
      doc.theories ?? null,
    ]);
    const styleOf = this.styleOf(rows);
    const last = this.lastRows;
    if (
      !last ||
      width !== this.canvas.width ||
      height !== this.canvas.height ||
      meaningKey !== this.lastMeaningKey
    ) {
      this.canvas.setMap(width, height, styleOf);
      this.layout(true);
    } else if (cells) this.canvas.repaint(cells, styleOf);
    else {
      const changed: number[] = [];
      for (let y = 0; y < height; y++) {
        if (last[y] !== undefined && last[y].join('') === rows[y].join('')) continue;
        for (let x = 0; x < width; x++) if (last[y]?.[x] !== rows[y][x]) changed.push(y * width + x);
      }
      this.canvas.repaint(changed, styleOf);
    }
    this.lastRows = rows;
    this.lastMeaningKey = meaningKey;
    this.sizeShown(width, height);
  }

  /** Sizes the map's canvas to the space it has. */
  layout(force = false): void {
    const w = this.canvas.width;
    const hh = this.canvas.height;
    if (w === 0) return;
    const centre = this.stage.parentElement?.parentElement;
    const avail = Math.max(200, (centre?.clientWidth || this.page.clientWidth || 600) - 24);
    const maxH = Math.max(200, window.innerHeight * (window.innerWidth < 700 ? 0.5 : 0.66));
    const cell = Math.max(2, Math.min(40, Math.floor(Math.min(avail / w, maxH / hh))));
    if (!force && cell === this.sized.cell && w === this.sized.width && hh === this.sized.height) return;
    this.sized = { width: w, height: hh, cell };
    this.canvas.setCellSize(cell);
    this.canvas.setViewport(this.viewport);
  }

  setViewport(v: Viewport): void {
    this.viewport = v;
    this.canvas.setViewport(v);
  }

  /** Zooms about a point of the canvas, or else about its middle keeping the cursor in view. */
  zoomBy(f: number, px?: number, py?: number): void {
    const { w, h: hh } = this.mapPixels();
    let next = zoomAt(this.viewport, f, px ?? w / 2, py ?? hh / 2, w, hh);
    if (px === undefined && this.cursor >= 0)
      next = revealCell(next, this.cursor, this.canvas.cell, this.canvas.width, w, hh);
    this.setViewport(next);
  }

  /** The cell under a pointer, or -1. */
  cellFromEvent(e: { clientX: number; clientY: number }): number {
    const r = this.canvas.canvas.getBoundingClientRect();
    return cellAt(
      this.viewport,
      e.clientX - r.left,
      e.clientY - r.top,
      this.canvas.cell,
      this.canvas.width,
      this.canvas.height,
    );
  }

  /**
   * Moves the cursor. The line that describes its cell changes at most ten times a second: text
   * changing on every frame of a stroke makes the browser repaint around it every frame.
   */
  setCursor(c: number): void {
    this.cursor = c;
    this.showMarks();
    clearTimeout(this.cursorTimer);
    const wait = 100 - (performance.now() - this.cursorShownAt);
    if (wait > 0) {
      this.cursorTimer = setTimeout(() => this.describeCursor(), wait);
      return;
    }
    this.describeCursor();
  }

  /** Moves the cursor to cell c and the view just enough to show it. */
  showCell(c: number): void {
    this.setCursor(c);
    const { w, h: hh } = this.mapPixels();
    this.setViewport(revealCell(this.viewport, c, this.canvas.cell, this.canvas.width, w, hh));
  }

  private describeCursor(): void {
    this.cursorShownAt = performance.now();
    const c = this.cursor;
    if (c < 0) return;
    const w = this.canvas.width;
    const g = glyphAt(this.doc(), c, w);
    if (g === undefined) {
      this.cursorLine.textContent = '';
      return;
    }
    const what = meaningText(glyphMeaning(this.doc(), g));
    const errs = this.cellErrors.get(c);
    this.cursorLine.textContent = `(${c % w}, ${Math.floor(c / w)}) “${g}”: ${what}${errs ? ` — ${errs.join('; ')}` : ''}`;
  }

  /** The marks: the cells with errors, the cursor, and the cells a rectangle would paint. */
  showMarks(preview: readonly number[] = []): void {
    this.canvas.setMarks({ errors: this.errorCells, cursor: this.cursor, preview });
  }

  /** The loader's errors about map cells, by cell: marked on the map and told on the cursor line. */
  showCellErrors(errors: Map<number, string[]>): void {
    this.cellErrors = errors;
    this.errorCells = [...errors.keys()];
    this.showMarks();
    if (this.cursor >= 0) this.setCursor(this.cursor);
  }

  /** Called once per animation frame while the editor is shown. */
  frame(): void {
    this.canvas.render();
  }
}
