/**
 * How a person acts on the editor's map: the tool applied by mouse, pen or touch (a brush stroke, a
 * rectangle's two corners, a fill, a pick), panning with the middle or right button (or Alt), two
 * fingers and Ctrl + wheel to zoom, and the map's keys (arrows, Space, [ and ], 1–9, the tools' letters).
 * What the map shows is map-view.ts; the edits themselves go through the page (editor-page.ts).
 */
import { FIT, panBy } from '../../render/viewport.ts';
import {
  ARROW_MOVES,
  listenWheelZoom,
  pinchOf,
  pinchViewport,
  type Pinch,
} from '../../render/zoom-gestures.ts';
import type { Doc } from './document.ts';
import { floodCells, glyphAt, lineCells, mapRows, mapSize, rectCells } from './map-grid.ts';
import type { MapView } from './map-view.ts';
import type { ToolPalette } from './tool-palette.ts';

export interface MapInputHooks {
  doc(): Doc;
  /** Paints the brush on cells; edits with the same `merge` key (one stroke) are one undo step. */
  paintCells(cells: readonly number[], merge: string | null): void;
  /** A stroke ended: it is sealed as one undo step and checked at once. */
  strokeEnded(): void;
}

export class MapInput {
  /** A rectangle's first corner (-1: none). */
  private anchor = -1;
  private stroke: { id: number; last: number; pointer: number } | null = null;
  private strokes = 0;
  private pan: { x: number; y: number; pointer: number } | null = null;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private pinch: Pinch | null = null;

  constructor(
    private readonly view: MapView,
    private readonly palette: ToolPalette,
    private readonly hooks: MapInputHooks,
  ) {
    this.listen();
  }

  /** Drops a rectangle begun (the tool changed). */
  dropRect(): void {
    this.anchor = -1;
    this.view.showMarks();
  }

  private listen(): void {
    const st = this.view.stage;
    // Keeps a stroke going when the pointer leaves the map (a pointer the browser does not know, such as
    // a synthetic one, cannot be captured: the stroke still works inside the map).
    const capture = (id: number) => {
      try {
        st.setPointerCapture(id);
      } catch {
        /* not an active pointer */
      }
    };
    st.addEventListener('contextmenu', (e) => e.preventDefault());
    st.addEventListener('pointerdown', (e) => {
      st.focus({ preventScroll: true });
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (this.pointers.size === 2) {
        // Two fingers: zoom and pan, and the stroke the first finger began is cancelled.
        if (this.stroke) this.endStroke();
        this.pinch = pinchOf(this.pointers);
        return;
      }
      if (e.button === 1 || e.button === 2 || (e.button === 0 && e.altKey)) {
        this.pan = { x: e.clientX, y: e.clientY, pointer: e.pointerId };
        capture(e.pointerId);
        return;
      }
      if (e.button !== 0) return;
      const c = this.view.cellFromEvent(e);
      if (c < 0) return;
      capture(e.pointerId);
      this.view.setCursor(c);
      this.apply(c, true, e.pointerId);
    });
    st.addEventListener('pointermove', (e) => {
      if (this.pointers.has(e.pointerId)) this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (this.pinch !== null && this.pointers.size === 2) {
        const next = pinchOf(this.pointers);
        const r = this.view.canvas.canvas.getBoundingClientRect();
        const { w, h: hh } = this.view.mapPixels();
        this.view.setViewport(pinchViewport(this.view.viewport, this.pinch, next, r, w, hh));
        this.pinch = next;
        return;
      }
      if (this.pan && this.pan.pointer === e.pointerId) {
        const { w, h: hh } = this.view.mapPixels();
        this.view.setViewport(
          panBy(this.view.viewport, e.clientX - this.pan.x, e.clientY - this.pan.y, w, hh),
        );
        this.pan = { ...this.pan, x: e.clientX, y: e.clientY };
        return;
      }
      const c = this.view.cellFromEvent(e);
      if (c >= 0 && c !== this.view.cursor) this.view.setCursor(c);
      if (this.stroke && this.stroke.pointer === e.pointerId && c >= 0) this.apply(c, false, e.pointerId);
      else if (this.palette.tool === 'rect' && this.anchor >= 0 && c >= 0) this.preview(c);
    });
    const up = (e: PointerEvent) => {
      this.pointers.delete(e.pointerId);
      if (this.pointers.size < 2) this.pinch = null;
      if (this.pan?.pointer === e.pointerId) this.pan = null;
      if (this.stroke?.pointer === e.pointerId) this.endStroke();
      if (this.palette.tool === 'rect' && this.anchor >= 0 && e.type === 'pointerup') {
        const c = this.view.cellFromEvent(e);
        if (c >= 0) this.commitRect(c);
      }
    };
    st.addEventListener('pointerup', up);
    st.addEventListener('pointercancel', up);
    listenWheelZoom(
      st,
      () => this.view.canvas.canvas,
      (f, px, py) => this.view.zoomBy(f, px, py),
    );
    st.addEventListener('keydown', (e) => this.onKey(e));
    st.addEventListener('focus', () => {
      if (this.view.cursor < 0) this.view.setCursor(0);
    });
  }

  /** The tool at cell c: `first` when a press starts (a stroke, a rectangle's corner). */
  private apply(c: number, first: boolean, pointer = -1): void {
    switch (this.palette.tool) {
      case 'paint': {
        if (first) this.stroke = { id: ++this.strokes, last: c, pointer };
        const s = this.stroke;
        const cells = s && !first ? lineCells(s.last, c, this.view.width) : [c];
        if (s) s.last = c;
        this.hooks.paintCells(cells, s ? `stroke:${s.id}` : null);
        if (pointer < 0) this.endStroke();
        return;
      }
      case 'fill': {
        if (!first) return;
        const rows = mapRows(this.hooks.doc());
        if (!rows) return;
        this.hooks.paintCells(floodCells(rows, c, mapSize(rows).width), null);
        return;
      }
      case 'pick': {
        if (!first) return;
        const g = glyphAt(this.hooks.doc(), c, this.view.width);
        if (g !== undefined) this.palette.setBrush(g);
        return;
      }
      case 'rect':
        if (first && this.anchor < 0) {
          this.anchor = c;
          this.preview(c);
        } else if (first) this.commitRect(c);
        return;
    }
  }

  private preview(c: number): void {
    this.view.showMarks(rectCells(this.anchor, c, this.view.width));
  }

  private commitRect(c: number): void {
    if (this.anchor < 0) return;
    if (c === this.anchor && this.stroke === null && this.pointers.size > 0) return;
    const cells = rectCells(this.anchor, c, this.view.width);
    this.anchor = -1;
    this.hooks.paintCells(cells, null);
    this.view.showMarks();
  }

  private endStroke(): void {
    this.stroke = null;
    this.hooks.strokeEnded();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const w = this.view.canvas.width;
    const hh = this.view.canvas.height;
    if (w === 0) return;
    const m = ARROW_MOVES[e.key];
    const c0 = Math.max(0, this.view.cursor);
    if (m) {
      const n = e.shiftKey ? 5 : 1;
      const x = Math.min(w - 1, Math.max(0, (c0 % w) + m[0] * n));
      const y = Math.min(hh - 1, Math.max(0, Math.floor(c0 / w) + m[1] * n));
      const c = y * w + x;
      this.view.showCell(c);
      if (this.palette.tool === 'rect' && this.anchor >= 0) this.preview(c);
    } else if (e.key === ' ' || e.key === 'Enter') this.apply(c0, true);
    else if (e.key === 'Escape') this.dropRect();
    else if (e.key === '+' || e.key === '=') this.view.zoomBy(1.5);
    else if (e.key === '-' || e.key === '_') this.view.zoomBy(1 / 1.5);
    else if (e.key === '0') this.view.setViewport(FIT);
    else if (e.key === '[' || e.key === ']') this.palette.stepBrush(e.key === ']');
    else if (/^[1-9]$/.test(e.key)) this.palette.numberedBrush(Number(e.key));
    else {
      const t = this.palette.toolOfKey(e.key);
      if (!t) return;
      this.palette.setTool(t);
    }
    e.preventDefault();
  }
}
