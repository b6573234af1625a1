/**
 * The world editor: paint a world's map with its glyphs (brush, rectangle, fill, pick; by mouse, touch
 * or keyboard), edit its tiles, unknowns, theories, legend and settings in forms or as JSON, and see
 * every problem as `trapworld validate` reports it, next to the cell or the field it is about, as you
 * type. Undo and redo go through immer patches (history.ts). The world leaves as a format-1.1 .json,
 * as a link, or straight into the app ("Run agents here", "Play it yourself"). Validation runs in the
 * worker with the engine's own loader, so the editor can never accept what the command line refuses.
 */
import { EditorCanvas, type EditorCellStyle } from '../../render/editor-canvas.ts';
import { tileStyle, type TileStyle } from '../../render/palette.ts';
import { paintTile } from '../../render/terrain.ts';
import { cellAt, FIT, panBy, revealCell, zoomAt, type Viewport } from '../../render/viewport.ts';
import type { Validation } from '../../worker/session/app-api.ts';
import type { Catalog } from '../../worker/session/catalog.ts';
import type { Simulator } from '../client.ts';
import { h, replaceChildren } from '../dom.ts';
import { announce, notice } from '../messages.ts';
import { encodeDraft } from '../url.ts';
import {
  asFormat11,
  blankWorld,
  brushes,
  docText,
  floodCells,
  glyphMeaning,
  lineCells,
  mapRows,
  mapSize,
  paint,
  pathText,
  rectCells,
  resizeMap,
  setPath,
  type Brush,
  type Doc,
  type Json,
  type PathPart,
} from './document.ts';
import { hiddenForm, legendForm, tilesForm, worldForm, type FormHost } from './forms.ts';
import { DocHistory } from './history.ts';

export interface EditorHooks {
  tools(): Simulator;
  catalog: Catalog;
  /** The document changed (undo and redo buttons, the address bar). */
  changed(): void;
  runHere(text: string, source: string): Promise<boolean>;
  playHere(text: string, source: string): Promise<boolean>;
}

type Tool = 'paint' | 'rect' | 'fill' | 'pick';
type Tab = 'world' | 'tiles' | 'hidden' | 'legend' | 'json';

const TABS: [Tab, string][] = [
  ['world', 'World'],
  ['tiles', 'Tiles'],
  ['hidden', 'Unknowns & theories'],
  ['legend', 'Legend'],
  ['json', 'JSON'],
];

const TOOLS: [Tool, string, string][] = [
  ['paint', 'Brush', 'B'],
  ['rect', 'Rectangle', 'R'],
  ['fill', 'Fill', 'F'],
  ['pick', 'Pick a glyph', 'I'],
];

const DRAFT_KEY = 'trapworld-editor-draft';

const swatches = new Map<string, string>();

/** A tile style painted once into a data URL (18 pixels a side, as the legend's swatches). */
function swatchUrl(style: TileStyle): string {
  const key = JSON.stringify(style);
  let url = swatches.get(key);
  if (!url) {
    const c = document.createElement('canvas');
    c.width = c.height = 36;
    paintTile(c.getContext('2d')!, style, 0, 0, 36);
    url = c.toDataURL();
    swatches.set(key, url);
  }
  return url;
}
const MAX_CELLS = 256 * 256;

export class EditorPage implements FormHost {
  private readonly history = new DocHistory(blankWorld());
  private source = 'my-world.json';
  /** The app world this document was opened from (reopening it keeps the edits). */
  worldKey: string | null = null;
  hasDocument = false;
  opened: string | null = null;
  private validation: Validation | null = null;
  private validatedVersion = -1;
  private validating = 0;
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private changedTimer: ReturnType<typeof setTimeout> | undefined;
  private brush = '#';
  private tool: Tool = 'paint';
  private tab: Tab = 'world';
  private viewport: Viewport = FIT;
  private cursor = -1;
  private anchor = -1;
  private stroke: { id: number; last: number; pointer: number } | null = null;
  private strokes = 0;
  private pan: { x: number; y: number; pointer: number } | null = null;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private pinch: { d: number; x: number; y: number } | null = null;
  /** The JSON tab's text while it differs from the document (being typed, or not valid JSON). */
  private rawText: string | null = null;
  /** Shape of what the forms show: they are rebuilt when it changes. */
  private formKey = '';
  private shownVersion = -1;
  private readonly canvas = new EditorCanvas();
  private readonly stage: HTMLElement;
  private readonly status: HTMLElement;
  private readonly cursorLine: HTMLElement;
  private readonly brushBox: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly tabButtons = new Map<Tab, HTMLButtonElement>();
  private readonly problems: HTMLElement;
  private readonly notes: HTMLElement;
  private readonly widthInput: HTMLInputElement;
  private readonly heightInput: HTMLInputElement;
  private readonly runButton: HTMLButtonElement;
  private readonly playButton: HTMLButtonElement;
  private readonly restore: HTMLElement;
  private jsonArea: HTMLTextAreaElement | null = null;
  private errorCells: number[] = [];
  private cellErrors = new Map<number, string[]>();
  private sized = { width: -1, height: -1, cell: -1 };

  constructor(
    private readonly host: HTMLElement,
    private readonly hooks: EditorHooks,
  ) {
    const button = (text: string, title: string, onClick: () => void, cls = '') =>
      h('button', { text, title, class: cls, attrs: { type: 'button' }, on: { click: onClick } });
    this.status = h('p', { id: 'editor-status', class: 'editor-status', attrs: { role: 'status' } });
    this.runButton = button(
      'Run agents here',
      'Run the agents of the sidebar on this world',
      () => void this.run(false),
      'primary',
    );
    this.runButton.id = 'editor-run';
    this.playButton = button(
      'Play it yourself',
      'Play this world with the keyboard, beside an agent',
      () => void this.run(true),
    );
    const openInput = h('input', {
      id: 'editor-open',
      class: 'visually-hidden',
      attrs: { type: 'file', accept: '.json,application/json' },
      on: {
        change: () => {
          const f = openInput.files?.[0];
          if (f) void f.text().then((t) => this.loadText(t, f.name));
          openInput.value = '';
        },
      },
    });
    this.restore = h('div', { class: 'restore', hidden: true });
    const toolbar = h(
      'div',
      { class: 'editor-toolbar', attrs: { role: 'toolbar', 'aria-label': 'World editor' } },
      button('New world', 'Start from an empty walled room', () => this.newWorld()),
      h('label', { class: 'button', attrs: { for: 'editor-open' }, text: 'Open a .json…' }),
      openInput,
      button('Undo', 'Undo an edit (Ctrl+Z)', () => this.undo()),
      button('Redo', 'Redo an edit (Ctrl+Shift+Z)', () => this.redo()),
      button('Export .json', 'Download this world as a format-1.1 file', () => this.exportFile()),
      button('Copy editor link', 'A link that opens this world in the editor', () => void this.share()),
      this.runButton,
      this.playButton,
    );
    // Tools and brushes.
    const toolBox = h(
      'fieldset',
      { class: 'editor-tools' },
      h('legend', { text: 'Tool' }),
      ...TOOLS.map(([t, label, key]) => {
        const id = `editor-tool-${t}`;
        const radio = h('input', {
          id,
          attrs: { type: 'radio', name: 'editor-tool', value: t, checked: t === this.tool },
          on: { change: () => this.setTool(t) },
        });
        return h('label', { attrs: { for: id } }, radio, ` ${label} `, h('kbd', { text: key }));
      }),
    );
    this.brushBox = h('fieldset', { class: 'editor-brushes' });
    this.widthInput = h('input', {
      id: 'editor-width',
      attrs: { type: 'number', min: 1, max: 256, step: 1 },
    });
    this.heightInput = h('input', {
      id: 'editor-height',
      attrs: { type: 'number', min: 1, max: 256, step: 1 },
    });
    const resize = h(
      'fieldset',
      { class: 'editor-size' },
      h('legend', { text: 'Map size' }),
      h(
        'div',
        { class: 'row' },
        h('label', { attrs: { for: 'editor-width' }, text: 'Width' }),
        this.widthInput,
        h('label', { attrs: { for: 'editor-height' }, text: 'Height' }),
        this.heightInput,
      ),
      button('Resize', 'Keep the top-left part; new cells are floor', () => this.resize()),
    );
    // The map.
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
    const zoomBar = h(
      'div',
      { class: 'zoom-bar', attrs: { role: 'group', 'aria-label': 'Zoom the map' } },
      h('button', {
        text: '+',
        attrs: { type: 'button', 'aria-label': 'Zoom in' },
        on: { click: () => this.zoomBy(1.5) },
      }),
      h('button', {
        text: '−',
        attrs: { type: 'button', 'aria-label': 'Zoom out' },
        on: { click: () => this.zoomBy(1 / 1.5) },
      }),
      h('button', {
        text: '⤢',
        attrs: { type: 'button', 'aria-label': 'Fit the whole map' },
        on: { click: () => this.setViewport(FIT) },
      }),
    );
    // Forms.
    const tabs = h(
      'div',
      { class: 'editor-tabs', attrs: { role: 'tablist', 'aria-label': 'What to edit' } },
      ...TABS.map(([t, label]) => {
        const b = h('button', {
          id: `editor-tab-${t}`,
          text: label,
          attrs: {
            type: 'button',
            role: 'tab',
            'aria-selected': String(t === this.tab),
            'aria-controls': 'editor-panel',
          },
          on: { click: () => this.setTab(t) },
        });
        b.addEventListener('keydown', (e) => {
          const i = TABS.findIndex(([x]) => x === t);
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
            e.preventDefault();
            const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length][0];
            this.setTab(next);
            this.tabButtons.get(next)?.focus();
          }
        });
        this.tabButtons.set(t, b);
        return b;
      }),
    );
    this.panel = h('div', {
      id: 'editor-panel',
      class: 'editor-panel',
      attrs: { role: 'tabpanel', tabindex: 0 },
    });
    this.problems = h('ul', { id: 'editor-problems', class: 'editor-problems' });
    this.notes = h('ul', { id: 'editor-notes', class: 'editor-notes' });
    host.append(
      h('h2', { id: 'editor-heading', text: 'World editor', attrs: { tabindex: -1 } }),
      this.status,
      this.restore,
      toolbar,
      h(
        'div',
        { class: 'editor-layout' },
        h('div', { class: 'editor-left' }, toolBox, this.brushBox, resize),
        h(
          'div',
          { class: 'editor-centre' },
          h('div', { class: 'stage-wrap' }, this.stage, zoomBar),
          this.cursorLine,
        ),
        h('div', { class: 'editor-right' }, tabs, this.panel),
      ),
      h(
        'section',
        { class: 'editor-report', attrs: { 'aria-labelledby': 'editor-problems-heading' } },
        h('h3', { id: 'editor-problems-heading', text: 'Problems (as trapworld validate reports them)' }),
        this.problems,
        h('h3', { text: 'Notes' }),
        this.notes,
      ),
    );
    this.listen();
  }

  // ------------------------------------------------------------------------------------------------
  // The document

  get doc(): Doc {
    return this.history.doc;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  /** The file name the world is saved and validated under. */
  get fileName(): string {
    const name = typeof this.doc.name === 'string' && this.doc.name !== '' ? this.doc.name : 'world';
    return `${name}.json`;
  }

  /** The text of the world as Export saves it. */
  text(): string {
    return docText(this.doc);
  }

  /** Opens a world's text (a file, a link, a built-in written back). Text that is not JSON opens in the JSON tab. */
  async loadText(text: string, source: string, worldKey: string | null = null): Promise<void> {
    let doc: Doc | null = null;
    try {
      const v = JSON.parse(text) as Json;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) doc = asFormat11(v);
    } catch {
      doc = null;
    }
    this.source = source;
    this.worldKey = worldKey;
    this.hasDocument = true;
    this.history.reset(doc ?? blankWorld());
    this.rawText = doc ? null : text;
    if (!doc) this.tab = 'json';
    this.viewport = FIT;
    this.cursor = -1;
    this.formKey = '';
    this.offerRestore();
    this.afterChange(true);
  }

  private newWorld(): void {
    this.history.edit((d) => {
      for (const k of Object.keys(d)) delete d[k];
      Object.assign(d, blankWorld());
    });
    this.rawText = null;
    this.formKey = '';
    this.viewport = FIT;
    this.afterChange(true);
  }

  set(path: readonly PathPart[], value: Json | undefined): void {
    const changed = this.history.edit((d) => setPath(d, path, value), `field:${pathText(path)}`);
    if (changed === undefined && this.history.version === this.shownVersion) return;
    this.afterChange(false);
  }

  edit(label: string, recipe: (d: Doc) => void): void {
    this.history.seal();
    this.history.edit(recipe);
    this.formKey = '';
    this.afterChange(true);
  }

  undo(): void {
    if (this.history.undo()) {
      this.rawText = null;
      this.formKey = '';
      this.afterChange(true);
      announce('Undone.');
    }
  }

  redo(): void {
    if (this.history.redo()) {
      this.rawText = null;
      this.formKey = '';
      this.afterChange(true);
      announce('Redone.');
    }
  }

  /**
   * After any change: the map, the brushes, the forms (rebuilt only when their shape changed or
   * `rebuild`), a validation soon, and the app's buttons and address bar.
   */
  private afterChange(rebuild: boolean): void {
    this.shownVersion = this.history.version;
    this.syncMap();
    this.renderBrushes();
    this.renderForms(rebuild);
    this.scheduleValidation(rebuild ? 0 : 150);
    clearTimeout(this.changedTimer);
    this.changedTimer = setTimeout(() => {
      this.hooks.changed();
      this.saveDraft();
    }, 250);
    this.hooks.changed();
  }

  // ------------------------------------------------------------------------------------------------
  // The map

  private styleOf = (rows: string[][]) => {
    const meanings = new Map<string, EditorCellStyle>();
    const width = mapSize(rows).width;
    return (c: number): EditorCellStyle | null => {
      const g = rows[Math.floor(c / width)]?.[c % width];
      if (g === undefined) return null;
      let s = meanings.get(g);
      if (!s) {
        const m = glyphMeaning(this.doc, g);
        s = {
          look: m.look,
          hidden: m.kind === 'unknown' || m.kind === 'theory',
          glyph: g,
          start: m.kind === 'tile' && m.name === 'start',
        };
        meanings.set(g, s);
      }
      return s;
    };
  };

  private lastRows: string[][] | null = null;
  private lastMeaningKey = '';

  /** Repaints what changed on the map: every cell when its size or the glyphs' meanings changed. */
  private syncMap(cells?: readonly number[]): void {
    const rows = mapRows(this.doc);
    if (!rows || rows.length === 0) return;
    const { width, height } = mapSize(rows);
    if (width * height > MAX_CELLS) return;
    const meaningKey = JSON.stringify([
      this.doc.legend ?? null,
      this.doc.tiles ?? null,
      this.doc.unknowns ?? null,
      this.doc.theories ?? null,
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
    // Only when they differ: setting an input's value repaints it, and this runs on every stroke.
    if (document.activeElement !== this.widthInput && this.widthInput.value !== String(width))
      this.widthInput.value = String(width);
    if (document.activeElement !== this.heightInput && this.heightInput.value !== String(height))
      this.heightInput.value = String(height);
  }

  /** Sizes the map's canvas to the space it has. */
  layout(force = false): void {
    const w = this.canvas.width;
    const hh = this.canvas.height;
    if (w === 0) return;
    const centre = this.stage.parentElement?.parentElement;
    const avail = Math.max(200, (centre?.clientWidth || this.host.clientWidth || 600) - 24);
    const maxH = Math.max(200, window.innerHeight * (window.innerWidth < 700 ? 0.5 : 0.66));
    const cell = Math.max(2, Math.min(40, Math.floor(Math.min(avail / w, maxH / hh))));
    if (!force && cell === this.sized.cell && w === this.sized.width && hh === this.sized.height) return;
    this.sized = { width: w, height: hh, cell };
    this.canvas.setCellSize(cell);
    this.canvas.setViewport(this.viewport);
  }

  /** Called once per animation frame while the editor is shown. */
  frame(): void {
    this.canvas.render();
  }

  focus(): void {
    this.layout();
    (this.host.querySelector('#editor-heading') as HTMLElement | null)?.focus();
  }

  private setViewport(v: Viewport): void {
    this.viewport = v;
    this.canvas.setViewport(v);
  }

  private zoomBy(f: number, px?: number, py?: number): void {
    const w = this.canvas.width * this.canvas.cell;
    const hh = this.canvas.height * this.canvas.cell;
    let next = zoomAt(this.viewport, f, px ?? w / 2, py ?? hh / 2, w, hh);
    if (px === undefined && this.cursor >= 0)
      next = revealCell(next, this.cursor, this.canvas.cell, this.canvas.width, w, hh);
    this.setViewport(next);
  }

  private cellFromEvent(e: { clientX: number; clientY: number }): number {
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

  private listen(): void {
    const st = this.stage;
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
        const [a, b] = [...this.pointers.values()];
        this.pinch = { d: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
        return;
      }
      if (e.button === 1 || e.button === 2 || (e.button === 0 && e.altKey)) {
        this.pan = { x: e.clientX, y: e.clientY, pointer: e.pointerId };
        capture(e.pointerId);
        return;
      }
      if (e.button !== 0) return;
      const c = this.cellFromEvent(e);
      if (c < 0) return;
      capture(e.pointerId);
      this.setCursor(c);
      this.apply(c, true, e.pointerId);
    });
    st.addEventListener('pointermove', (e) => {
      const prev = this.pointers.get(e.pointerId);
      if (prev) this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (this.pinch !== null && this.pointers.size === 2) {
        // Two fingers: spreading them zooms about their middle, moving them together pans.
        const [a, b] = [...this.pointers.values()];
        const d = Math.hypot(a.x - b.x, a.y - b.y);
        const mx = (a.x + b.x) / 2;
        const my = (a.y + b.y) / 2;
        const r = this.canvas.canvas.getBoundingClientRect();
        const w = this.canvas.width * this.canvas.cell;
        const hh = this.canvas.height * this.canvas.cell;
        let v = this.viewport;
        if (this.pinch.d > 0) v = zoomAt(v, d / this.pinch.d, mx - r.left, my - r.top, w, hh);
        this.setViewport(panBy(v, mx - this.pinch.x, my - this.pinch.y, w, hh));
        this.pinch = { d, x: mx, y: my };
        return;
      }
      if (this.pan && this.pan.pointer === e.pointerId) {
        const w = this.canvas.width * this.canvas.cell;
        const hh = this.canvas.height * this.canvas.cell;
        this.setViewport(panBy(this.viewport, e.clientX - this.pan.x, e.clientY - this.pan.y, w, hh));
        this.pan = { ...this.pan, x: e.clientX, y: e.clientY };
        return;
      }
      const c = this.cellFromEvent(e);
      if (c >= 0 && c !== this.cursor) this.setCursor(c);
      if (this.stroke && this.stroke.pointer === e.pointerId && c >= 0) this.apply(c, false, e.pointerId);
      else if (this.tool === 'rect' && this.anchor >= 0 && c >= 0) this.preview(c);
    });
    const up = (e: PointerEvent) => {
      this.pointers.delete(e.pointerId);
      if (this.pointers.size < 2) this.pinch = null;
      if (this.pan?.pointer === e.pointerId) this.pan = null;
      if (this.stroke?.pointer === e.pointerId) this.endStroke();
      if (this.tool === 'rect' && this.anchor >= 0 && e.type === 'pointerup') {
        const c = this.cellFromEvent(e);
        if (c >= 0) this.commitRect(c);
      }
    };
    st.addEventListener('pointerup', up);
    st.addEventListener('pointercancel', up);
    st.addEventListener(
      'wheel',
      (e) => {
        if (!(e.ctrlKey || e.metaKey)) return;
        e.preventDefault();
        const r = this.canvas.canvas.getBoundingClientRect();
        this.zoomBy(Math.exp(-e.deltaY * 0.0025), e.clientX - r.left, e.clientY - r.top);
      },
      { passive: false },
    );
    st.addEventListener('keydown', (e) => this.onStageKey(e));
    st.addEventListener('focus', () => {
      if (this.cursor < 0) this.setCursor(0);
    });
    window.addEventListener('resize', () => this.layout());
  }

  /** The tool at cell c: `first` when a press starts (a stroke, a rectangle's corner). */
  private apply(c: number, first: boolean, pointer = -1): void {
    switch (this.tool) {
      case 'paint': {
        if (first) this.stroke = { id: ++this.strokes, last: c, pointer };
        const s = this.stroke;
        const cells = s && !first ? lineCells(s.last, c, this.canvas.width) : [c];
        if (s) s.last = c;
        this.paintCells(cells, s ? `stroke:${s.id}` : null);
        if (pointer < 0) this.endStroke();
        return;
      }
      case 'fill': {
        if (!first) return;
        const rows = mapRows(this.doc);
        if (!rows) return;
        this.paintCells(floodCells(rows, c, mapSize(rows).width), null);
        return;
      }
      case 'pick': {
        if (!first) return;
        const rows = mapRows(this.doc);
        const g = rows?.[Math.floor(c / this.canvas.width)]?.[c % this.canvas.width];
        if (g !== undefined) this.setBrush(g);
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
    this.canvas.setMarks({
      errors: this.errorCells,
      cursor: this.cursor,
      preview: rectCells(this.anchor, c, this.canvas.width),
    });
  }

  private commitRect(c: number): void {
    if (this.anchor < 0) return;
    if (c === this.anchor && this.stroke === null && this.pointers.size > 0) return;
    const cells = rectCells(this.anchor, c, this.canvas.width);
    this.anchor = -1;
    this.paintCells(cells, null);
    this.updateMarks();
  }

  private endStroke(): void {
    this.stroke = null;
    this.history.seal();
    this.scheduleValidation(0);
  }

  private paintCells(cells: readonly number[], merge: string | null): void {
    const glyph = this.brush;
    const changed = this.history.edit((d) => paint(d, cells, glyph), merge);
    if (!changed || changed.length === 0) return;
    this.shownVersion = this.history.version;
    this.rawText = null;
    this.syncMap(changed);
    this.refreshJson();
    this.scheduleValidation(merge ? 200 : 0);
    clearTimeout(this.changedTimer);
    this.changedTimer = setTimeout(() => {
      this.hooks.changed();
      this.saveDraft();
    }, 250);
  }

  private cursorTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorShownAt = 0;

  /**
   * Moves the cursor. The line that describes its cell changes at most ten times a second: text
   * changing on every frame of a stroke makes the browser repaint around it every frame.
   */
  private setCursor(c: number): void {
    this.cursor = c;
    this.updateMarks();
    clearTimeout(this.cursorTimer);
    const wait = 100 - (performance.now() - this.cursorShownAt);
    if (wait > 0) {
      this.cursorTimer = setTimeout(() => this.describeCursor(), wait);
      return;
    }
    this.describeCursor();
  }

  private describeCursor(): void {
    this.cursorShownAt = performance.now();
    const c = this.cursor;
    if (c < 0) return;
    const rows = mapRows(this.doc);
    const w = this.canvas.width;
    const g = rows?.[Math.floor(c / w)]?.[c % w];
    if (g === undefined) {
      this.cursorLine.textContent = '';
      return;
    }
    const m = glyphMeaning(this.doc, g);
    const what =
      m.kind === 'undefined'
        ? 'not defined: add it to the legend'
        : m.kind === 'tile'
          ? `tile ${m.name}`
          : m.kind === 'unknown'
            ? `unknown ${m.name}`
            : `theory ${m.name}, role ${m.role}`;
    const errs = this.cellErrors.get(c);
    this.cursorLine.textContent = `(${c % w}, ${Math.floor(c / w)}) “${g}”: ${what}${errs ? ` — ${errs.join('; ')}` : ''}`;
  }

  private updateMarks(): void {
    this.canvas.setMarks({ errors: this.errorCells, cursor: this.cursor, preview: [] });
  }

  private onStageKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const w = this.canvas.width;
    const hh = this.canvas.height;
    if (w === 0) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
    };
    const m = moves[e.key];
    const c0 = Math.max(0, this.cursor);
    if (m) {
      const n = e.shiftKey ? 5 : 1;
      const x = Math.min(w - 1, Math.max(0, (c0 % w) + m[0] * n));
      const y = Math.min(hh - 1, Math.max(0, Math.floor(c0 / w) + m[1] * n));
      const c = y * w + x;
      this.setCursor(c);
      const W = w * this.canvas.cell;
      const H = hh * this.canvas.cell;
      this.setViewport(revealCell(this.viewport, c, this.canvas.cell, w, W, H));
      if (this.tool === 'rect' && this.anchor >= 0) this.preview(c);
    } else if (e.key === ' ' || e.key === 'Enter') this.apply(c0, true);
    else if (e.key === 'Escape') {
      this.anchor = -1;
      this.updateMarks();
    } else if (e.key === '+' || e.key === '=') this.zoomBy(1.5);
    else if (e.key === '-' || e.key === '_') this.zoomBy(1 / 1.5);
    else if (e.key === '0') this.setViewport(FIT);
    else if (e.key === '[' || e.key === ']') {
      const list = brushes(this.doc);
      const i = list.findIndex((b) => b.glyph === this.brush);
      this.setBrush(list[(i + (e.key === ']' ? 1 : list.length - 1)) % list.length].glyph);
    } else if (/^[1-9]$/.test(e.key)) {
      const b = brushes(this.doc)[Number(e.key) - 1];
      if (b) this.setBrush(b.glyph);
    } else {
      const t = TOOLS.find(([, , key]) => key.toLowerCase() === e.key.toLowerCase());
      if (!t) return;
      this.setTool(t[0]);
    }
    e.preventDefault();
  }

  /** Keys while the editor is shown (the app routes them here): undo and redo. */
  handleKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement | null;
    const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
    if (!(e.ctrlKey || e.metaKey) || typing) return;
    const k = e.key.toLowerCase();
    if (k === 'z' || k === 'y') {
      e.preventDefault();
      if (k === 'y' || e.shiftKey) this.redo();
      else this.undo();
    }
  }

  private setTool(t: Tool): void {
    this.tool = t;
    this.anchor = -1;
    const radio = this.host.querySelector<HTMLInputElement>(`#editor-tool-${t}`);
    if (radio) radio.checked = true;
    this.updateMarks();
    announce(`Tool: ${TOOLS.find(([x]) => x === t)![1]}.`);
  }

  private setBrush(g: string): void {
    this.brush = g;
    const radio = [...this.brushBox.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
      (r) => r.value === g,
    );
    if (radio) radio.checked = true;
    const b = brushes(this.doc).find((x) => x.glyph === g);
    announce(`Brush: ${g} ${b?.label ?? ''}.`);
  }

  private brushKey = '';

  private renderBrushes(): void {
    const list = brushes(this.doc);
    const key = JSON.stringify(list.map((b) => [b.glyph, b.label, b.look]));
    if (key === this.brushKey) return;
    this.brushKey = key;
    if (!list.some((b) => b.glyph === this.brush)) this.brush = list[0]?.glyph ?? '#';
    replaceChildren(
      this.brushBox,
      h('legend', { text: 'Brush (glyph)' }),
      h('div', { class: 'brush-list' }, ...list.map((b, i) => this.brushItem(b, i))),
    );
  }

  private brushItem(b: Brush, i: number): HTMLElement {
    const id = `editor-brush-${i}`;
    const radio = h('input', {
      id,
      attrs: {
        type: 'radio',
        name: 'editor-brush',
        value: b.glyph,
        checked: b.glyph === this.brush,
        'aria-label': `${b.glyph} ${b.label}`,
      },
      on: { change: () => this.setBrush(b.glyph) },
    });
    // An image, not a canvas: every canvas on the page is one more layer the compositor redraws on
    // every frame the map changes (fourteen swatch canvases halved the editor's frame rate).
    const style: TileStyle =
      b.look === null
        ? { base: '#FFE3F1', fg: '#A3005A', pattern: 'letter', label: b.glyph, name: '' }
        : b.kind === 'tile' && b.name === 'start'
          ? { base: '#F3F0EA', fg: '#0072B2', pattern: 'letter', label: 'A', name: 'start' }
          : tileStyle(b.look);
    const swatch = h('img', {
      class: 'swatch',
      attrs: { src: swatchUrl(style), alt: '', width: 18, height: 18 },
    });
    return h(
      'label',
      { attrs: { for: id }, class: b.kind === 'undefined' ? 'brush undefined' : 'brush', title: b.label },
      radio,
      swatch,
      h('code', { text: b.glyph }),
      h('span', { text: b.label }),
      i < 9 ? h('kbd', { text: String(i + 1), attrs: { 'aria-hidden': 'true' } }) : null,
    );
  }

  private resize(): void {
    const w = Number(this.widthInput.value);
    const hh = Number(this.heightInput.value);
    if (!Number.isInteger(w) || !Number.isInteger(hh) || w < 1 || hh < 1 || w * hh > MAX_CELLS) {
      notice(`A map is from 1×1 to ${MAX_CELLS.toLocaleString('en')} cells, with whole-number sides.`);
      return;
    }
    this.edit('resize', (d) => resizeMap(d, w, hh));
    this.setViewport(FIT);
  }

  // ------------------------------------------------------------------------------------------------
  // Forms

  private setTab(t: Tab): void {
    if (t === this.tab) return;
    this.tab = t;
    for (const [x, b] of this.tabButtons) b.setAttribute('aria-selected', String(x === t));
    this.formKey = '';
    this.renderForms(true);
  }

  private structure(): string {
    const keys = (v: Json | undefined) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
    const d = this.doc;
    const nested = (v: Json | undefined) =>
      keys(v).map((k) => [k, JSON.stringify(keys((v as Record<string, Json>)[k]))]);
    return JSON.stringify([
      this.tab,
      keys(d.tiles),
      nested(d.tiles),
      keys(d.unknowns),
      nested(d.unknowns),
      Object.values((d.unknowns as Record<string, Json>) ?? {}).map((u) =>
        keys((u as Record<string, Json>)?.prior),
      ),
      JSON.stringify(d.theories ?? null).length,
      keys(d.theories),
      d.legend ?? null,
      d.actions ?? null,
    ]);
  }

  private renderForms(rebuild: boolean): void {
    for (const [x, b] of this.tabButtons) b.setAttribute('aria-selected', String(x === this.tab));
    if (this.tab === 'json') {
      if (!this.jsonArea || rebuild || !this.panel.contains(this.jsonArea)) this.renderJson();
      else this.refreshJson();
      return;
    }
    const key = this.structure();
    if (!rebuild && key === this.formKey) return;
    this.formKey = key;
    const form =
      this.tab === 'world'
        ? worldForm(this)
        : this.tab === 'tiles'
          ? tilesForm(this)
          : this.tab === 'hidden'
            ? hiddenForm(this)
            : legendForm(this);
    this.opened = null;
    this.jsonArea = null;
    replaceChildren(this.panel, form);
    this.panel.setAttribute('aria-labelledby', `editor-tab-${this.tab}`);
    this.showFieldErrors();
  }

  private renderJson(): void {
    const area = h('textarea', {
      id: 'editor-json',
      class: 'editor-json',
      attrs: { spellcheck: 'false', rows: 24, 'aria-describedby': 'editor-json-help' },
    });
    area.value = this.rawText ?? this.text();
    area.addEventListener('input', () => this.jsonTyped(area.value));
    this.jsonArea = area;
    replaceChildren(
      this.panel,
      h('label', {
        attrs: { for: 'editor-json' },
        text: 'The world file (JSON), exactly as Export saves it',
      }),
      h('p', {
        id: 'editor-json-help',
        class: 'description',
        text: 'Type here: every change is checked as you go, with the line and column of each problem.',
      }),
      area,
    );
    this.panel.setAttribute('aria-labelledby', 'editor-tab-json');
  }

  private refreshJson(): void {
    if (this.jsonArea && document.activeElement !== this.jsonArea && this.rawText === null)
      this.jsonArea.value = this.text();
  }

  private jsonTyped(text: string): void {
    this.rawText = text;
    let doc: Doc | null = null;
    try {
      const v = JSON.parse(text) as Json;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) doc = v;
    } catch {
      doc = null;
    }
    if (doc) {
      const next = doc;
      this.history.edit((d) => {
        for (const k of Object.keys(d)) if (!(k in next)) delete d[k];
        Object.assign(d, next);
      }, 'json');
      this.shownVersion = this.history.version;
      this.syncMap();
      this.renderBrushes();
      this.hooks.changed();
    }
    this.scheduleValidation(150);
  }

  // ------------------------------------------------------------------------------------------------
  // Validation

  private scheduleValidation(ms: number): void {
    // The status keeps saying what the last check found until the next one is done: changing it on
    // every stroke would repaint the page on every frame.
    clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => void this.validate(), ms);
  }

  /** Validates the document (or the JSON tab's text) with the engine's loader, in the worker. */
  private async validate(): Promise<void> {
    const version = this.history.version;
    const text = this.rawText ?? this.text();
    const source = this.fileName;
    const token = ++this.validating;
    const v = await this.hooks.tools().validateWorld(text, source);
    if (token !== this.validating) return;
    this.validation = v;
    this.validatedVersion = version;
    this.showValidation(text);
  }

  private showValidation(text: string): void {
    const v = this.validation!;
    const ok = v.issues.length === 0;
    const runnable = v.world !== null;
    this.status.dataset.state = ok ? (runnable ? 'valid' : 'warning') : 'invalid';
    this.status.dataset.version = String(this.validatedVersion);
    this.status.textContent = ok
      ? runnable
        ? `Valid: trapworld validate accepts ${this.fileName} (${v.world!.width}×${v.world!.height}, ${v.world!.keys.length} unknown${v.world!.keys.length === 1 ? '' : 's'}).`
        : `Valid, but agents cannot run it yet: ${v.notes[v.notes.length - 1]}`
      : `${v.issues.length} problem${v.issues.length === 1 ? '' : 's'}: trapworld validate would refuse ${this.fileName}.`;
    this.runButton.disabled = !runnable;
    this.playButton.disabled = !runnable;
    this.runButton.title = runnable
      ? 'Run the agents of the sidebar on this world'
      : 'Fix the problems first';
    // Map errors on their cells.
    const rows = mapRows(this.doc);
    const width = rows ? mapSize(rows).width : 0;
    this.cellErrors = new Map();
    v.issues.forEach((issue, i) => {
      if (issue.mapRow === undefined || !rows) return;
      const c =
        issue.mapRow * width + Math.min(width - 1, issue.mapColumn ?? (rows[issue.mapRow]?.length ?? 1) - 1);
      const list = this.cellErrors.get(c) ?? [];
      list.push(v.formatted[i]);
      this.cellErrors.set(c, list);
    });
    this.errorCells = [...this.cellErrors.keys()];
    this.updateMarks();
    if (this.cursor >= 0) this.setCursor(this.cursor);
    // The list, each entry leading to its cell or field.
    this.problems.replaceChildren(
      ...(ok
        ? [h('li', { class: 'none', text: 'None.' })]
        : v.issues.map((issue, i) =>
            h(
              'li',
              {},
              h('code', { text: v.formatted[i] }),
              ' ',
              h('button', {
                class: 'link-button',
                text: issue.mapRow !== undefined ? 'Show the cell' : 'Show the field',
                attrs: { type: 'button' },
                on: { click: () => this.reveal(issue.path, issue.mapRow, issue.mapColumn) },
              }),
            ),
          )),
    );
    this.notes.replaceChildren(...(v.notes.length ? v.notes : ['None.']).map((n) => h('li', { text: n })));
    this.showFieldErrors();
    void text;
  }

  /** Puts each error next to the field whose path is the closest to the error's. */
  private showFieldErrors(): void {
    for (const ul of this.panel.querySelectorAll('.field-errors')) ul.replaceChildren();
    for (const el of this.panel.querySelectorAll('[aria-invalid="true"]'))
      el.setAttribute('aria-invalid', 'false');
    const v = this.validation;
    if (!v) return;
    const holders = [...this.panel.querySelectorAll<HTMLElement>('[data-path]')];
    v.issues.forEach((issue, i) => {
      if (issue.mapRow !== undefined) return;
      let best: HTMLElement | null = null;
      let bestLen = -1;
      for (const el of holders) {
        const p = el.dataset.path!;
        const fits = issue.path === p || issue.path.startsWith(`${p}.`) || issue.path.startsWith(`${p}[`);
        // A field beats the group around it at the same path.
        const len = p.length * 2 + (el.classList.contains('field') ? 1 : 0);
        if (fits && len > bestLen) {
          best = el;
          bestLen = len;
        }
      }
      if (!best) return;
      const list = best.querySelector(':scope > .field-errors');
      list?.append(h('li', { text: v.formatted[i] }));
      best
        .querySelector(':scope > input, :scope > select, :scope > textarea, :scope > label > input')
        ?.setAttribute('aria-invalid', 'true');
      const details = best.closest('details');
      if (details && !details.open) details.open = true;
    });
  }

  /** Shows where a problem is: its cell on the map, or its field in the forms. */
  private reveal(path: string, row?: number, column?: number): void {
    if (row !== undefined) {
      const c = row * this.canvas.width + Math.max(0, Math.min(this.canvas.width - 1, column ?? 0));
      this.setCursor(c);
      const W = this.canvas.width * this.canvas.cell;
      const H = this.canvas.height * this.canvas.cell;
      this.setViewport(revealCell(this.viewport, c, this.canvas.cell, this.canvas.width, W, H));
      this.stage.focus();
      return;
    }
    const top = path.split(/[.[]/)[0];
    const tab: Tab =
      top === 'tiles'
        ? 'tiles'
        : top === 'unknowns' || top === 'theories'
          ? 'hidden'
          : top === 'legend'
            ? 'legend'
            : 'world';
    this.setTab(tab);
    const el = [...this.panel.querySelectorAll<HTMLElement>('[data-path]')]
      .filter(
        (x) =>
          path === x.dataset.path ||
          path.startsWith(`${x.dataset.path}.`) ||
          path.startsWith(`${x.dataset.path}[`),
      )
      .sort((a, b) => b.dataset.path!.length - a.dataset.path!.length)[0];
    const control = el?.querySelector<HTMLElement>('input, select, textarea, button');
    (control ?? el)?.focus();
    el?.scrollIntoView({ block: 'center' });
  }

  // ------------------------------------------------------------------------------------------------
  // Leaving the editor

  private exportFile(): void {
    const blob = new Blob([this.text()], { type: 'application/json' });
    const a = h('a', { attrs: { href: URL.createObjectURL(blob), download: this.fileName } });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    const v = this.validation;
    notice(
      v && v.issues.length === 0
        ? `Saved ${this.fileName} (format 1.1). trapworld validate ${this.fileName} accepts it.`
        : `Saved ${this.fileName}, with ${v?.issues.length ?? 0} problem(s) still to fix: trapworld validate will list them.`,
    );
  }

  /** The editor's part of the address bar (null when the world is too large for a link). */
  linkPart(): string | null {
    return encodeDraft(this.text(), this.fileName);
  }

  async share(): Promise<void> {
    const part = this.linkPart();
    if (part === null) {
      notice('This world is too large to travel in a link: use Export .json and share the file.');
      return;
    }
    const link = `${location.origin}${location.pathname}?${part}`;
    try {
      await navigator.clipboard.writeText(link);
      notice(`Editor link copied: ${link.length > 120 ? `${link.slice(0, 117)}…` : link}`);
    } catch {
      notice(`Editor link: ${link}`);
    }
  }

  private async run(play: boolean): Promise<void> {
    const text = this.text();
    const ok = await (play
      ? this.hooks.playHere(text, this.fileName)
      : this.hooks.runHere(text, this.fileName));
    if (!ok) notice('This world does not load yet: fix the problems listed under the map first.');
  }

  /** Whether the last validation is of the current document, and its result (for tests). */
  get checked(): { version: number; current: boolean; problems: number; runnable: boolean } {
    return {
      version: this.validatedVersion,
      current: this.validatedVersion === this.history.version,
      problems: this.validation?.issues.length ?? -1,
      runnable: this.validation?.world !== null && this.validation !== null,
    };
  }

  // ------------------------------------------------------------------------------------------------
  // The draft kept in the browser

  private saveDraft(): void {
    try {
      localStorage.setItem(
        DRAFT_KEY,
        JSON.stringify({ text: this.text(), source: this.fileName, at: new Date().toISOString() }),
      );
    } catch {
      /* storage full or off: the link and Export still work */
    }
  }

  private offerRestore(): void {
    type Saved = { text: string; source: string; at: string };
    let saved: Saved | null;
    try {
      saved = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') as Saved | null;
    } catch {
      saved = null;
    }
    if (!saved || typeof saved.text !== 'string' || saved.text === this.text()) {
      this.restore.hidden = true;
      return;
    }
    const draft = saved;
    this.restore.hidden = false;
    this.restore.replaceChildren(
      h('span', {
        text: `Your last draft here, ${draft.source}, was saved ${new Date(draft.at).toLocaleString()}. `,
      }),
      h('button', {
        text: 'Restore it',
        attrs: { type: 'button' },
        on: {
          click: () => {
            this.restore.hidden = true;
            void this.loadText(draft.text, draft.source);
          },
        },
      }),
    );
  }
}
