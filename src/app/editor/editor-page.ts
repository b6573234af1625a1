/**
 * The world editor: paint a world's map with its glyphs (brush, rectangle, fill, pick; by mouse, touch
 * or keyboard), edit its tiles, unknowns, theories, legend and settings in forms or as JSON, and see
 * every problem as `trapworld validate` reports it, next to the cell or the field it is about, as you
 * type. Undo and redo go through immer patches (history.ts). The world leaves as a format-1.1 .json,
 * as a link, or straight into the app ("Run agents here", "Play it yourself"). Validation runs in the
 * worker with the engine's own loader, so the editor can never accept what the command line refuses.
 *
 * This module is the page: it holds the document and its history, lays out the parts (tool-palette.ts,
 * map-view.ts and map-input.ts, form-tabs.ts, validation-report.ts), routes every edit through one
 * place so each part is refreshed after it, and is what the app talks to.
 */
import { FIT } from '../../render/viewport.ts';
import type { Catalog } from '../../worker/session/catalog.ts';
import type { Simulator } from '../client.ts';
import { h } from '../dom.ts';
import { announce, notice } from '../messages.ts';
import { encodeDraft } from '../url.ts';
import { asFormat11, blankWorld, docText, type Doc } from './document.ts';
import { offerRestore, saveDraft } from './draft.ts';
import { copyEditorLink, exportFile } from './export-share.ts';
import type { FormHost } from './fields.ts';
import { FormTabs } from './form-tabs.ts';
import { DocHistory } from './history.ts';
import { parseObject, pathText, setPath, type Json, type PathPart } from './json.ts';
import { paint, resizeMap } from './map-grid.ts';
import { MapInput } from './map-input.ts';
import { MapView } from './map-view.ts';
import { ToolPalette } from './tool-palette.ts';
import { ValidationReport } from './validation-report.ts';

export interface EditorHooks {
  tools(): Simulator;
  catalog: Catalog;
  /** The document changed (undo and redo buttons, the address bar). */
  changed(): void;
  runHere(text: string, source: string): Promise<boolean>;
  playHere(text: string, source: string): Promise<boolean>;
}

export class EditorPage implements FormHost {
  private readonly history = new DocHistory(blankWorld());
  /** The app world this document was opened from (reopening it keeps the edits). */
  worldKey: string | null = null;
  hasDocument = false;
  opened: string | null = null;
  /** The document's version the page shows. */
  private shownVersion = -1;
  private changedTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly heading = h('h2', { id: 'editor-heading', text: 'World editor', attrs: { tabindex: -1 } });
  private readonly restore = h('div', { class: 'restore', hidden: true });
  private readonly palette: ToolPalette;
  private readonly view: MapView;
  private readonly input: MapInput;
  private readonly forms: FormTabs;
  private readonly report: ValidationReport;

  constructor(
    host: HTMLElement,
    private readonly hooks: EditorHooks,
  ) {
    const button = (text: string, title: string, onClick: () => void, cls = '') =>
      h('button', { text, title, class: cls, attrs: { type: 'button' }, on: { click: onClick } });
    const runButton = button(
      'Run agents here',
      'Run the agents of the sidebar on this world',
      () => void this.run(false),
      'primary',
    );
    runButton.id = 'editor-run';
    const playButton = button(
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
    const toolbar = h(
      'div',
      { class: 'editor-toolbar', attrs: { role: 'toolbar', 'aria-label': 'World editor' } },
      button('New world', 'Start from an empty walled room', () => this.newWorld()),
      h('label', { class: 'button', attrs: { for: 'editor-open' }, text: 'Open a .json…' }),
      openInput,
      button('Undo', 'Undo an edit (Ctrl+Z)', () => this.undo()),
      button('Redo', 'Redo an edit (Ctrl+Shift+Z)', () => this.redo()),
      button('Export .json', 'Download this world as a format-1.1 file', () =>
        exportFile(this.text(), this.fileName, this.report.validation),
      ),
      button('Copy editor link', 'A link that opens this world in the editor', () => void this.share()),
      runButton,
      playButton,
    );
    this.palette = new ToolPalette(() => this.doc, {
      toolChanged: () => this.input.dropRect(),
      resize: (w, hh) => {
        this.edit('resize', (d) => resizeMap(d, w, hh));
        this.view.setViewport(FIT);
      },
    });
    this.view = new MapView(
      host,
      () => this.doc,
      (w, hh) => this.palette.showSize(w, hh),
    );
    this.forms = new FormTabs(this, {
      jsonTyped: (doc) => this.jsonTyped(doc),
      text: () => this.text(),
      validation: () => this.report.validation,
    });
    this.report = new ValidationReport(
      {
        doc: () => this.doc,
        version: () => this.history.version,
        fileName: () => this.fileName,
        checkedText: () => this.forms.rawText ?? this.text(),
        tools: () => this.hooks.tools(),
        showCellErrors: (errors) => this.view.showCellErrors(errors),
        showFieldErrors: () => this.forms.showFieldErrors(),
        reveal: (path, row, column) => this.reveal(path, row, column),
      },
      runButton,
      playButton,
    );
    host.append(
      this.heading,
      this.report.status,
      this.restore,
      toolbar,
      h(
        'div',
        { class: 'editor-layout' },
        h('div', { class: 'editor-left' }, this.palette.toolBox, this.palette.brushBox, this.palette.sizeBox),
        h(
          'div',
          { class: 'editor-centre' },
          h('div', { class: 'stage-wrap' }, this.view.stage, this.view.zoomBar),
          this.view.cursorLine,
        ),
        h('div', { class: 'editor-right' }, this.forms.tabList, this.forms.panel),
      ),
      this.report.section,
    );
    this.input = new MapInput(this.view, this.palette, {
      doc: () => this.doc,
      paintCells: (cells, merge) => this.paintCells(cells, merge),
      strokeEnded: () => {
        this.history.seal();
        this.report.schedule(0);
      },
    });
    window.addEventListener('resize', () => this.view.layout());
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

  /**
   * Opens a world's text (a file, a link, a built-in written back). Text that is not JSON opens in the
   * JSON tab. The file name follows the world's `name`, not `source`.
   */
  async loadText(text: string, source: string, worldKey: string | null = null): Promise<void> {
    const parsed = parseObject(text);
    const doc = parsed && asFormat11(parsed);
    this.worldKey = worldKey;
    this.hasDocument = true;
    this.history.reset(doc ?? blankWorld());
    this.forms.rawText = doc ? null : text;
    if (!doc) this.forms.tab = 'json';
    this.view.viewport = FIT;
    this.view.cursor = -1;
    offerRestore(this.restore, this.text(), (t, s) => void this.loadText(t, s));
    this.afterChange(true);
  }

  private newWorld(): void {
    this.history.edit((d) => {
      for (const k of Object.keys(d)) delete d[k];
      Object.assign(d, blankWorld());
    });
    this.forms.rawText = null;
    this.view.viewport = FIT;
    this.afterChange(true);
  }

  set(path: readonly PathPart[], value: Json | undefined): void {
    this.history.edit((d) => setPath(d, path, value), `field:${pathText(path)}`);
    // The version moves only when something changed: then (and only then) the page follows.
    if (this.history.version === this.shownVersion) return;
    this.afterChange(false);
  }

  edit(label: string, recipe: (d: Doc) => void): void {
    this.history.seal();
    this.history.edit(recipe);
    this.afterChange(true);
  }

  undo(): void {
    if (this.history.undo()) this.afterStep('Undone.');
  }

  redo(): void {
    if (this.history.redo()) this.afterStep('Redone.');
  }

  /** After an undo or a redo: the JSON tab follows the document again, and the step is announced. */
  private afterStep(message: string): void {
    this.forms.rawText = null;
    this.afterChange(true);
    announce(message);
  }

  /**
   * After any change: the map, the brushes, the forms (rebuilt only when their shape changed or
   * `rebuild`), a validation soon, and the app's buttons and address bar.
   */
  private afterChange(rebuild: boolean): void {
    this.shownVersion = this.history.version;
    this.view.sync();
    this.palette.renderBrushes();
    this.forms.render(rebuild);
    this.report.schedule(rebuild ? 0 : 150);
    this.changedSoon();
    this.hooks.changed();
  }

  /** The app's buttons and address bar, and the draft, a quarter of a second after the last change. */
  private changedSoon(): void {
    clearTimeout(this.changedTimer);
    this.changedTimer = setTimeout(() => {
      this.hooks.changed();
      saveDraft(this.text(), this.fileName);
    }, 250);
  }

  /** Paints the brush on cells: only those that changed are repainted (this runs on every stroke move). */
  private paintCells(cells: readonly number[], merge: string | null): void {
    const glyph = this.palette.brush;
    const changed = this.history.edit((d) => paint(d, cells, glyph), merge);
    if (!changed || changed.length === 0) return;
    this.shownVersion = this.history.version;
    this.forms.rawText = null;
    this.view.sync(changed);
    this.forms.refreshJson();
    this.report.schedule(merge ? 200 : 0);
    this.changedSoon();
  }

  /** The JSON tab's text is a JSON object: it becomes the document (the forms wait for its tab to close). */
  private jsonTyped(doc: Doc | null): void {
    if (doc) {
      this.history.edit((d) => {
        for (const k of Object.keys(d)) if (!(k in doc)) delete d[k];
        Object.assign(d, doc);
      }, 'json');
      this.shownVersion = this.history.version;
      this.view.sync();
      this.palette.renderBrushes();
      this.hooks.changed();
    }
    this.report.schedule(150);
  }

  /** Shows where a problem is: its cell on the map, or its field in the forms. */
  private reveal(path: string, row?: number, column?: number): void {
    if (row === undefined) return this.forms.revealField(path);
    const w = this.view.width;
    this.view.showCell(row * w + Math.max(0, Math.min(w - 1, column ?? 0)));
    this.view.stage.focus();
  }

  // ------------------------------------------------------------------------------------------------
  // The app's side

  /** Called once per animation frame while the editor is shown. */
  frame(): void {
    this.view.frame();
  }

  focus(): void {
    this.view.layout();
    this.heading.focus();
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

  /** The editor's part of the address bar (null when the world is too large for a link). */
  linkPart(): string | null {
    return encodeDraft(this.text(), this.fileName);
  }

  async share(): Promise<void> {
    await copyEditorLink(this.linkPart());
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
    return this.report.checked;
  }
}
