/**
 * A pane's map as something to handle: zoom and pan (the corner buttons, Ctrl/⌘ + wheel, dragging a
 * zoomed map, a two-finger pinch, the + − 0 keys), a cell's details by hover, tap or keyboard (focus the
 * map, then the arrow keys) in a tooltip and a live region, and a person's swipe to move. The zoom and
 * pan are shared by every pane: changes go to the app, which applies them to all.
 */
import type { Action } from '../core/format.ts';
import type { WorldView } from '../render/pixi-view.ts';
import { cellAt, FIT, panBy, revealCell, zoomAt } from '../render/viewport.ts';
import { ARROW_MOVES, listenWheelZoom, pinchOf, pinchViewport, type Pinch } from '../render/zoom-gestures.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { describeCell } from './cell-details.ts';
import { h } from './dom.ts';
import type { PaneHooks } from './pane.ts';
import type { RunStore } from './run-store.ts';

/** What the controls read of their pane. */
export interface MapHost {
  readonly world: WorldInfo | null;
  readonly view: WorldView | null;
  readonly store: RunStore | null;
  /** Whether the pane is a person playing ("Play yourself"). */
  readonly human: boolean;
  /** The global frame drawn last (-1: none yet). */
  readonly frameShown: number;
}

export type MapHooks = Pick<PaneHooks, 'viewport' | 'setViewport' | 'act' | 'analysis'>;

export class MapControls {
  /** The stage: the pane's canvas goes in it (WorldView.create), with the tooltip and live region. */
  readonly element: HTMLElement;
  /** The zoom buttons, for the pane's header. */
  readonly zoomBar: HTMLElement;
  private readonly tooltip: HTMLElement;
  private readonly inspectLive: HTMLElement;
  /** CSS pixels per cell. */
  private cell = 8;
  private hover = -1;
  private inspected = -1;
  private drag: { x: number; y: number; moved: boolean; id: number } | null = null;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private pinch: Pinch | null = null;

  /** `waiting` is the pane's "computing…" line, shown over the map. */
  constructor(
    index: number,
    private readonly pane: MapHost,
    private readonly hooks: MapHooks,
    waiting: HTMLElement,
  ) {
    this.tooltip = h('div', {
      class: 'tooltip',
      hidden: true,
      attrs: { role: 'tooltip', id: `tooltip-${index}` },
    });
    this.inspectLive = h('div', { class: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
    const zoomButton = (label: string, text: string, f: () => void) =>
      h('button', { text, title: label, attrs: { type: 'button', 'aria-label': label }, on: { click: f } });
    this.zoomBar = h(
      'div',
      { class: 'zoom-bar', attrs: { role: 'group', 'aria-label': `Zoom the map of agent ${index + 1}` } },
      zoomButton('Zoom in', '+', () => this.zoomBy(1.5)),
      zoomButton('Zoom out', '−', () => this.zoomBy(1 / 1.5)),
      zoomButton('Fit the whole map', '⤢', () => this.hooks.setViewport(FIT)),
    );
    this.element = h(
      'div',
      {
        class: 'stage',
        dataset: { keys: 'map' },
        attrs: {
          tabindex: 0,
          role: 'application',
          'aria-roledescription': 'map',
          'aria-label': `Map of agent ${index + 1}. Arrow keys inspect cells, plus and minus zoom, 0 fits.`,
        },
      },
      waiting,
      this.tooltip,
      this.inspectLive,
    );
    this.listen();
  }

  /** A world (or a new size) shown at `cell` pixels per cell: no cell is inspected any more. */
  setCell(cell: number): void {
    this.cell = cell;
    this.inspected = -1;
  }

  /** The shared viewport changed: a hover tooltip no longer points at its cell. */
  viewportChanged(): void {
    if (this.hover >= 0) this.tooltip.hidden = true;
  }

  /** Puts the keyboard focus on the map. */
  focus(): void {
    this.element.focus({ preventScroll: true });
  }

  /** The cell under the keyboard's inspection cursor, or -1. */
  get inspectedCell(): number {
    return this.inspected;
  }

  private listen(): void {
    const st = this.element;
    st.addEventListener('pointermove', (e) => this.onPointerMove(e));
    st.addEventListener('pointerleave', () => {
      this.hover = -1;
      if (this.inspected < 0) this.tooltip.hidden = true;
    });
    st.addEventListener('pointerdown', (e) => {
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (this.pointers.size === 2) {
        this.pinch = pinchOf(this.pointers);
        this.drag = null;
        return;
      }
      this.drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
    });
    const end = (e: PointerEvent) => {
      this.pointers.delete(e.pointerId);
      if (this.pointers.size < 2) this.pinch = null;
      const d = this.drag;
      if (d && d.id === e.pointerId) {
        this.drag = null;
        if (this.pane.human && e.type === 'pointerup') this.swipe(e.clientX - d.x, e.clientY - d.y);
        else if (!d.moved && e.type === 'pointerup') this.onTap(e);
      }
    };
    st.addEventListener('pointerup', end);
    st.addEventListener('pointercancel', end);
    listenWheelZoom(
      st,
      () => this.pane.view?.canvas,
      (f, px, py) => this.zoomBy(f, px, py),
    );
    st.addEventListener('keydown', (e) => this.onKey(e));
    st.addEventListener('focus', () => {
      const { store, frameShown } = this.pane;
      if (this.inspected < 0 && store && frameShown >= 0) this.inspect(store.frames.pos[frameShown]);
    });
    st.addEventListener('blur', () => {
      this.inspect(-1);
    });
  }

  private canvasSize(): { w: number; h: number } {
    const world = this.pane.world!;
    return { w: world.width * this.cell, h: world.height * this.cell };
  }

  private zoomBy(factor: number, px?: number, py?: number): void {
    const world = this.pane.world;
    if (!world) return;
    const { w, h: hh } = this.canvasSize();
    const v = this.hooks.viewport();
    let next = zoomAt(v, factor, px ?? w / 2, py ?? hh / 2, w, hh);
    if (px === undefined && this.inspected >= 0)
      next = revealCell(next, this.inspected, this.cell, world.width, w, hh);
    this.hooks.setViewport(next);
  }

  private onPointerMove(e: PointerEvent): void {
    if (this.pointers.has(e.pointerId)) this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const world = this.pane.world;
    const canvas = this.pane.view?.canvas;
    if (!world || !canvas) return;
    if (this.pinch && this.pointers.size === 2) {
      // Two fingers: spreading them zooms about their middle, moving them together pans.
      const next = pinchOf(this.pointers);
      const r = canvas.getBoundingClientRect();
      const { w, h: hh } = this.canvasSize();
      this.hooks.setViewport(pinchViewport(this.hooks.viewport(), this.pinch, next, r, w, hh));
      this.pinch = next;
      return;
    }
    const d = this.drag;
    if (d && !this.pane.human && this.hooks.viewport().zoom > 1) {
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (d.moved || Math.abs(dx) + Math.abs(dy) > 4) {
        d.moved = true;
        d.x = e.clientX;
        d.y = e.clientY;
        const { w, h: hh } = this.canvasSize();
        this.hooks.setViewport(panBy(this.hooks.viewport(), dx, dy, w, hh));
        this.tooltip.hidden = true;
        return;
      }
    }
    if (e.pointerType !== 'mouse') return;
    const c = this.cellUnder(e, canvas, world);
    this.hover = c;
    if (c < 0) {
      this.tooltip.hidden = true;
      return;
    }
    this.showTooltip(c, e.clientX, e.clientY);
  }

  /** The cell under the pointer, or -1 off the map. */
  private cellUnder(
    e: PointerEvent,
    canvas: HTMLCanvasElement,
    world: { width: number; height: number },
  ): number {
    const r = canvas.getBoundingClientRect();
    return cellAt(
      this.hooks.viewport(),
      e.clientX - r.left,
      e.clientY - r.top,
      this.cell,
      world.width,
      world.height,
    );
  }

  /** A tap or click shows the cell's details (touch has no hover). */
  private onTap(e: PointerEvent): void {
    const world = this.pane.world;
    const canvas = this.pane.view?.canvas;
    if (!world || !canvas || e.pointerType === 'mouse') return;
    const c = this.cellUnder(e, canvas, world);
    if (c >= 0) this.showTooltip(c, e.clientX, e.clientY);
  }

  /** A swipe on the player's map moves that way (touch play). */
  private swipe(dx: number, dy: number): void {
    if (Math.max(Math.abs(dx), Math.abs(dy)) < 24) return;
    const dir = Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'E' : 'W') : dy > 0 ? 'S' : 'N';
    this.hooks.act(dir as Action);
  }

  private showTooltip(c: number, clientX: number, clientY: number): void {
    this.tooltip.textContent = this.cellInfo(c);
    this.tooltip.hidden = false;
    const sr = this.element.getBoundingClientRect();
    this.tooltip.style.left = `${Math.max(4, Math.min(sr.width - 210, clientX - sr.left + 14))}px`;
    this.tooltip.style.top = `${Math.max(4, Math.min(sr.height - 40, clientY - sr.top + 14))}px`;
  }

  /** Whether the pane is a person still playing (their keys move them, they do not inspect). */
  private get playing(): boolean {
    const store = this.pane.store;
    return this.pane.human && store !== null && !store.done;
  }

  private onKey(e: KeyboardEvent): void {
    const world = this.pane.world;
    if (!world || e.ctrlKey || e.metaKey || e.altKey || this.playing) return;
    const m = ARROW_MOVES[e.key];
    if (m) {
      e.preventDefault();
      const n = e.shiftKey ? 5 : 1;
      const c =
        this.inspected >= 0
          ? this.inspected
          : (this.pane.store?.frames.pos[Math.max(0, this.pane.frameShown)] ?? 0);
      const x = Math.min(world.width - 1, Math.max(0, (c % world.width) + m[0] * n));
      const y = Math.min(world.height - 1, Math.max(0, Math.floor(c / world.width) + m[1] * n));
      this.inspect(y * world.width + x);
      return;
    }
    if (e.key === '+' || e.key === '=') this.zoomBy(1.5);
    else if (e.key === '-' || e.key === '_') this.zoomBy(1 / 1.5);
    else if (e.key === '0') this.hooks.setViewport(FIT);
    else if (e.key === 'Escape') {
      this.inspect(-1);
      this.element.blur();
    } else return;
    e.preventDefault();
  }

  /** Moves the keyboard's inspection cursor to cell c (-1: none), says what is there, keeps it in view. */
  inspect(c: number): void {
    this.inspected = c;
    const world = this.pane.world;
    this.pane.view?.setInspect(c);
    if (c < 0 || !world) {
      this.tooltip.hidden = true;
      return;
    }
    const { w, h: hh } = this.canvasSize();
    const v = this.hooks.viewport();
    const next = revealCell(v, c, this.cell, world.width, w, hh);
    if (next.x !== v.x || next.y !== v.y) this.hooks.setViewport(next);
    const text = this.cellInfo(c);
    this.inspectLive.textContent = text.replace(/\n/g, '. ');
    const canvas = this.pane.view?.canvas;
    if (!canvas) return;
    const r = canvas.getBoundingClientRect();
    const view = this.hooks.viewport();
    const px = (((c % world.width) + 1) * this.cell - view.x) * view.zoom;
    const py = ((Math.floor(c / world.width) + 0.5) * this.cell - view.y) * view.zoom;
    this.showTooltip(c, r.left + px, r.top + py);
  }

  private cellInfo(c: number): string {
    const { store, frameShown, human } = this.pane;
    return describeCell(this.pane.world!, c, {
      store,
      frame: frameShown,
      human,
      values: (s, e) => this.hooks.analysis(s, e).view,
    });
  }
}
