/**
 * The app controller: boots from the URL, keeps the UI state (immer store), runs one worker session per
 * pane, and renders the cursor's frame in every pane once per animation frame. The main thread never
 * simulates: it stores the frames the workers stream and draws them. It also switches between the
 * app's pages (watching agents, the world editor, the gallery, bench results) and "Play yourself",
 * where the first pane is a person. The page's parts live in their own modules; this one wires them.
 */
import type { Action as GameAction } from '../core/format.ts';
import { agentColour, hexToNumber } from '../render/palette.ts';
import type { Ghost, ViewAnalysis } from '../render/view-frame.ts';
import { FIT, sameViewport, type Viewport } from '../render/viewport.ts';
import type { Catalog } from '../worker/session/catalog.ts';
import { HUMAN } from '../worker/session/protocol.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { WorkerPool, type PaneRunHandle, type Simulator } from './client.ts';
import { updateCompareTable } from './compare-table.ts';
import { byId, formatNumber, setText } from './dom.ts';
import { installFileDrop } from './file-drop.ts';
import { handleKey, setUpHelp } from './keyboard.ts';
import { announce, clearErrors, clearStaleNotices, notice, showErrors } from './messages.ts';
import type { PaneStatus, PaneView } from './pane.ts';
import { PaneGrid } from './pane-grid.ts';
import { FrameStats, perfReadout } from './perf.ts';
import { playKey } from './play-keys.ts';
import { showPlayResult } from './play-result.ts';
import { Playbar } from './playbar.ts';
import { reachable } from './playback.ts';
import { Player } from './player.ts';
import type { EpisodeRecord } from './record.ts';
import { updateReproduce } from './reproduce.ts';
import { RunCharts } from './run-charts.ts';
import type { RunStore } from './run-store.ts';
import { updateRunSummary } from './run-summary.ts';
import { Runs } from './runs.ts';
import { copyLink, exportRecord, RecordImport } from './sharing.ts';
import { Sidebar } from './sidebar.ts';
import { initialState, Store, type Action, type AppState, type Overlay, type RunConfig } from './state.ts';
import { Tour } from './tour.ts';
import { decodeUrl, encodeDraft, encodeUrl, expandTruth, type View } from './url.ts';
import { encodeWorldText } from './url-world.ts';
import { worldKey, WorldLibrary, worldRef } from './worlds.ts';
import type { EditorPage } from './editor/editor-page.ts';
import type { GalleryPage } from './gallery.ts';
import type { BenchPage } from './bench-page.ts';

/** Minimum interval between DOM readout updates (see App.draw). */
const READOUT_MS = 100;

/** The worker for what is not a pane's run (values, validation, bench results): never behind a run. */
const TOOLS_WORKER = 4;

interface EpisodeAnalysisEntry {
  kinds: Uint8Array | null;
  view: ViewAnalysis | null;
  error: string | null;
}

export class App {
  readonly pool = new WorkerPool();
  store!: Store;
  catalog!: Catalog;
  world: WorldInfo | null = null;
  view: View = 'watch';
  private worldKeyShown = '';
  readonly worlds = new WorldLibrary(() => this.pool.get(0));
  private viewport: Viewport = FIT;
  private readonly analyses = new WeakMap<RunStore, Map<number, EpisodeAnalysisEntry | 'pending'>>();
  private readonly grid = new PaneGrid(byId('panes'), {
    requestAnalysis: (store, e) => this.requestAnalysis(store, e),
    analysis: (store, e) => {
      const a = this.analyses.get(store)?.get(e);
      return a && a !== 'pending' ? a : { kinds: null, view: null };
    },
    viewport: () => this.viewport,
    setViewport: (v) => this.setViewport(v),
    ghosts: (pane, e) => this.ghosts(pane, e),
    act: (a) => this.act(a),
    redraw: () => {
      this.dirty = true;
      this.lastReadoutAt = 0;
    },
  });
  private readonly runSet = new Runs(this.pool, this.grid.panes, {
    changed: () => (this.dirty = true),
    batch: () => this.records.checkReplay(this.stores()),
    played: (store) => this.played(store),
  });
  readonly player = new Player(
    () => this.store,
    () => this.runSet.progress(),
  );
  private configToken = 0;
  private sidebar!: Sidebar;
  private playbar!: Playbar;
  private charts!: RunCharts;
  private tour!: Tour;
  private readonly records = new RecordImport(this);
  private lastTime = 0;
  private dirty = true;
  private lastReadoutAt = 0;
  private lastPerfUpdate = 0;
  private readoutsPending = false;
  /** Whether the run summary shows the fixed truth (the user asked to see it). */
  private truthShown = false;
  readonly frameStats = new FrameStats();
  /** Outcomes already announced, by run, pane and episode. */
  private readonly announced = new Set<string>();
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  editor: EditorPage | null = null;
  private gallery: GalleryPage | null = null;
  private bench: BenchPage | null = null;
  /** The world waiting for the editor (from the link, or "Edit" in the gallery). */
  private pendingDraft: { text: string; source: string } | null = null;
  ready = false;

  get state(): AppState {
    return this.store.state;
  }

  get panes(): PaneView[] {
    return this.grid.panes;
  }

  get runs(): PaneRunHandle[] {
    return this.runSet.handles;
  }

  /** The worker for values, validation and bench results. */
  get tools(): Simulator {
    return this.pool.get(TOOLS_WORKER);
  }

  dispatch(a: Action): void {
    this.store.dispatch(a);
  }

  async boot(): Promise<void> {
    const api = this.pool.get(0);
    this.catalog = await api.catalog();
    const url = decodeUrl(location.search, this.catalog);
    const warnings = [...url.warnings];
    let world = await this.linkedWorld(url.config, warnings);
    if (!world) {
      const asked = url.config.world;
      url.config.world = { kind: 'builtin', name: this.catalog.environments[0].name };
      if (asked.kind === 'builtin' && asked.name !== url.config.world.name)
        warnings.push(`world "${asked.name}" could not be loaded`);
      world = await this.worlds.describe(url.config.world);
    }
    const replaced = warnings.some((w) =>
      /^unknown world|^the world in the link|could not be loaded/.test(w),
    );
    const config: RunConfig = {
      ...url.config,
      truth: world ? expandTruth(world, url.truthEntries, warnings) : {},
    };
    this.store = new Store({ ...initialState(config), overlays: url.overlays, speed: url.speed });
    this.buildUi();
    this.store.subscribe((s, prev) => this.onState(s, prev));
    await this.applyConfig(this.state.config);
    this.pendingDraft = url.draft;
    await this.showView(url.view, false);
    // The address bar now says what is shown: a bad part of the link is not left in it.
    this.writeUrl();
    if (warnings.length > 0)
      notice(
        `Some of the link could not be used: ${warnings.join('; ')}.${replaced && world ? ` Showing “${world.title}” instead.` : ''}`,
      );
    if (url.play) this.dispatch({ type: 'play' });
    this.ready = true;
    document.body.dataset.ready = 'true';
    requestAnimationFrame((t) => this.frame(t));
    if (this.view === 'watch') this.tour.maybeStart();
  }

  /** The link's world, described; a world carried in the link joins the file worlds under its own name. */
  private async linkedWorld(config: RunConfig, warnings: string[]): Promise<WorldInfo | null> {
    if (config.world.kind === 'builtin') return this.worlds.describe(config.world);
    const { text, source } = config.world;
    const loaded = await this.worlds.loadText(text, source);
    if (!loaded) {
      warnings.push(
        `the world in the link (${source}) does not load (see its errors under the world picker)`,
      );
      return null;
    }
    config.world = loaded.choice;
    return loaded.world;
  }

  private buildUi(): void {
    this.sidebar = new Sidebar(byId('sidebar'), {
      dispatch: (a) => this.dispatch(a),
      loadFile: (f) => void this.loadFile(f),
      newSeed: () => this.newSeed(),
      analyze: () => this.pool.get(0).analyzeWorld(worldRef(this.state.config.world)),
    });
    this.playbar = new Playbar(byId('playbar'), this.player);
    this.charts = new RunCharts(byId('charts'));
    this.tour = new Tour(byId('tour'), (view) => {
      if (view !== this.view) void this.showView(view, false);
    });
    byId('undo').addEventListener('click', () => this.undo());
    byId('redo').addEventListener('click', () => this.redo());
    byId('share').addEventListener('click', () => this.share());
    byId('export').addEventListener('click', () => this.exportRecord());
    byId('tour-button').addEventListener('click', () => this.tour.start());
    const importInput = byId<HTMLInputElement>('import-record');
    importInput.addEventListener('change', () => {
      const f = importInput.files?.[0];
      if (f) void this.records.importFile(f);
      importInput.value = '';
    });
    for (const id of ['view-watch', 'edit-world', 'view-gallery', 'view-bench']) {
      const b = byId(id);
      b.addEventListener('click', () => void this.showView(b.dataset.view as View));
    }
    byId('play-yourself').addEventListener('click', () => this.togglePlay());
    const more = byId('more-actions');
    more.addEventListener('click', () => {
      const open = more.getAttribute('aria-expanded') !== 'true';
      more.setAttribute('aria-expanded', String(open));
      byId('top-actions').classList.toggle('open', open);
    });
    const keys = {
      player: this.player,
      toggleOverlay: (overlay: Overlay) => this.dispatch({ type: 'toggleOverlay', overlay }),
      undo: () => this.undo(),
      redo: () => this.redo(),
      toggleHelp: setUpHelp(byId('help'), byId('help-button')),
      toggleWhy: () => this.panes.forEach((p) => p.toggleWhy()),
    };
    document.addEventListener('keydown', (e) => {
      if (this.view === 'edit') {
        this.editor?.handleKey(e);
        return;
      }
      if (this.view !== 'watch') {
        if (e.key === '?' && !(e.target instanceof HTMLInputElement)) keys.toggleHelp();
        return;
      }
      if (this.playing() && playKey(e, (a) => this.act(a))) return;
      handleKey(e, keys);
    });
    installFileDrop(byId('drop-overlay'), {
      record: (text, name) => this.importRecordText(text, name),
      world: (text, name) =>
        this.view === 'edit' && this.editor
          ? this.editor.loadText(text, name)
          : this.loadWorldText(text, name),
      results: (text, name) => this.openBench(text, name),
    });
    window.addEventListener('resize', () => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => this.layout(), 150);
    });
    this.updateControls();
  }

  private newSeed(): number {
    return crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000;
  }

  private undo(): void {
    if (this.view === 'edit') this.editor?.undo();
    else this.store.undo();
  }

  private redo(): void {
    if (this.view === 'edit') this.editor?.redo();
    else this.store.redo();
  }

  private share(): void {
    if (this.view === 'edit' && this.editor) {
      void this.editor.share();
      return;
    }
    const w = this.state.config.world;
    void copyLink(w.kind === 'file' && encodeWorldText(w.text) === null);
  }

  // ------------------------------------------------------------------------------------------------
  // Pages

  async showView(view: View, focus = true): Promise<void> {
    const changed = view !== this.view;
    this.view = view;
    document.body.dataset.view = view;
    for (const v of ['watch', 'edit', 'gallery', 'bench'] as const) byId(`${v}-view`).hidden = v !== view;
    for (const id of ['view-watch', 'edit-world', 'view-gallery', 'view-bench']) {
      const b = byId(id);
      b.setAttribute(
        'aria-pressed',
        String(b.dataset.view === view && !(view === 'watch' && this.inPlayMode())),
      );
    }
    byId('play-yourself').setAttribute('aria-pressed', String(view === 'watch' && this.inPlayMode()));
    if (changed) {
      clearStaleNotices();
      clearErrors();
      if (this.state.playing) this.dispatch({ type: 'pause' });
    }
    if (view === 'edit') await this.openEditor();
    if (view === 'gallery') await this.openGallery();
    if (view === 'bench') await this.ensureBench();
    if (view === 'watch') {
      this.layout();
      this.dirty = true;
    }
    this.updateControls();
    this.writeUrl();
    if (focus && changed) {
      const heading = byId(`${view}-view`).querySelector<HTMLElement>('h2, [data-focus]');
      (heading ?? byId('main')).focus({ preventScroll: false });
    }
  }

  private async openEditor(): Promise<void> {
    if (!this.editor) {
      const { EditorPage } = await import('./editor/editor-page.ts');
      this.editor = new EditorPage(byId('edit-view'), {
        tools: () => this.tools,
        catalog: this.catalog,
        changed: () => {
          this.updateControls();
          this.writeUrl();
        },
        runHere: (text, source) => this.runHere(text, source),
        playHere: (text, source) => this.runHere(text, source, true),
      });
    }
    const draft = this.pendingDraft;
    this.pendingDraft = null;
    if (draft) await this.editor.loadText(draft.text, draft.source);
    else if (!this.editor.hasDocument || this.editor.worldKey !== worldKey(this.state.config.world)) {
      const world = this.state.config.world;
      const file = await this.tools.worldFile(worldRef(world));
      if (file.ok) await this.editor.loadText(file.text, file.source, worldKey(world));
      else showErrors('This world cannot be opened in the editor', [file.error]);
    }
    this.editor.focus();
  }

  /** Opens a built-in world of the gallery in the editor. */
  async editWorld(name: string): Promise<void> {
    const file = await this.tools.worldFile({ builtin: name });
    if (!file.ok) return;
    this.pendingDraft = { text: file.text, source: file.source };
    await this.showView('edit');
  }

  private async openGallery(): Promise<void> {
    if (!this.gallery) {
      const { GalleryPage } = await import('./gallery.ts');
      this.gallery = new GalleryPage(byId('gallery-view'), {
        catalog: this.catalog,
        describe: (name) => this.worlds.describe({ kind: 'builtin', name }),
        watch: (name) => {
          this.dispatch({ type: 'setWorld', world: { kind: 'builtin', name } });
          void this.showView('watch');
        },
        play: (name) => {
          this.dispatch({ type: 'setWorld', world: { kind: 'builtin', name } });
          void this.showView('watch').then(() => this.startPlay());
        },
        edit: (name) => void this.editWorld(name),
      });
    }
    await this.gallery.render();
  }

  private async ensureBench(): Promise<BenchPage> {
    if (!this.bench) {
      const { BenchPage } = await import('./bench-page.ts');
      this.bench = new BenchPage(byId('bench-view'), (text) => this.tools.benchReport(text));
    }
    return this.bench;
  }

  /** A bench's results.jsonl (dropped or picked): shown on the bench page. */
  async openBench(text: string, name: string): Promise<void> {
    const page = await this.ensureBench();
    if (this.view !== 'bench') await this.showView('bench');
    await page.load(text, name);
  }

  /** "Run agents here" from the editor: the world joins the file worlds and the agents run on it. */
  private async runHere(text: string, source: string, play = false): Promise<boolean> {
    const loaded = await this.worlds.loadText(text, source);
    if (!loaded) return false;
    this.dispatch({ type: 'setWorld', world: loaded.choice });
    await this.showView('watch');
    if (play) this.startPlay();
    notice(
      `Running the agents on ${loaded.world.title} (${loaded.world.width}×${loaded.world.height}) from the editor.`,
    );
    return true;
  }

  // ------------------------------------------------------------------------------------------------
  // Play yourself

  /** Whether the first pane is a person. */
  inPlayMode(): boolean {
    return this.store?.state.config.panes.some((p) => p.agent === HUMAN) ?? false;
  }

  /** Whether a person is playing now (their episode not over): their keys move them. */
  private playing(): boolean {
    const h = this.runSet.human();
    return this.inPlayMode() && h !== null && h.store !== null && !h.store.done;
  }

  private togglePlay(): void {
    if (this.view === 'watch' && this.inPlayMode()) this.stopPlay();
    else void this.showView('watch').then(() => this.startPlay());
  }

  /** You against the first agent shown, on the same world and seed (one episode). */
  startPlay(): void {
    const c = this.state.config;
    const agent = c.panes.find((p) => p.agent !== HUMAN && p.agent !== 'oracle') ?? {
      agent: 'prober',
      options: {},
    };
    this.dispatch({
      type: 'setConfig',
      config: { ...c, panes: [{ agent: HUMAN, options: {} }, agent], episodes: 1 },
    });
    // The keys go to the game: focus on the player's map (not on the button just pressed, where Space
    // would press it again). The pad under the map says which keys do what.
    requestAnimationFrame(() => this.panes[0]?.focusMap());
  }

  private stopPlay(): void {
    const c = this.state.config;
    const panes = c.panes.filter((p) => p.agent !== HUMAN);
    this.dispatch({
      type: 'setConfig',
      config: { ...c, panes: panes.length > 0 ? panes : [{ agent: 'prober', options: {} }] },
    });
  }

  /** A person's move: played in their pane's worker, then the cursor follows them. */
  act(action: GameAction): void {
    const h = this.runSet.human();
    const store = h?.store;
    if (!h || !store || store.done) return;
    const world = this.world;
    if (world && !world.actions.includes(action)) {
      announce(`${action} is not allowed in this world.`);
      return;
    }
    void h.act(action);
  }

  private played(store: RunStore): void {
    const meta = store.episodes[0];
    if (!meta) return;
    this.player.seek({ episode: 0, step: meta.count - 1 });
    this.dirty = true;
    if (meta.end)
      announce(
        `You ${meta.end.outcome === 'goal' ? 'reached the goal' : meta.end.outcome === 'death' ? 'died' : meta.end.outcome === 'stuck' ? 'are stuck for good' : 'ran out of time'} at step ${meta.end.steps}, return ${formatNumber(meta.end.return)}.`,
      );
  }

  /** Other runs' trajectories for pane `pane`'s map, once the person's episode is over (play mode). */
  private ghosts(pane: number, e: number): Ghost[] {
    if (!this.inPlayMode() || e !== 0) return [];
    const human = this.runSet.human()?.store;
    if (!human?.episodes[0]?.end) return [];
    const out: Ghost[] = [];
    this.runSet.stores().forEach((s, i) => {
      const m = s?.episodes[0];
      if (i === pane || !s || !m || m.count === 0) return;
      const key = `${this.runSet.key}/${i}/${m.count}`;
      let g = this.ghostCache.get(key);
      if (!g) {
        g = { cells: s.frames.pos.slice(m.start, m.start + m.count), colour: hexToNumber(agentColour(i)) };
        this.ghostCache.set(key, g);
      }
      out.push(g);
    });
    const key = out.map((g) => g.cells.length).join(',');
    const last = this.ghostLists.get(pane);
    if (
      last &&
      last.key === key &&
      last.list.length === out.length &&
      last.list.every((g, i) => g === out[i])
    )
      return last.list;
    this.ghostLists.set(pane, { key, list: out });
    return out;
  }

  private readonly ghostCache = new Map<string, Ghost>();
  private readonly ghostLists = new Map<number, { key: string; list: Ghost[] }>();

  // ------------------------------------------------------------------------------------------------
  // Zoom, values and points of no return

  setViewport(v: Viewport): void {
    if (sameViewport(v, this.viewport)) return;
    this.viewport = v;
    for (const p of this.panes) p.applyViewport(v);
    this.dirty = true;
  }

  /** Episode e's values, policy and points of no return, if they arrived. */
  analysisOf(store: RunStore, e: number): EpisodeAnalysisEntry | null {
    const a = this.analyses.get(store)?.get(e);
    return a && a !== 'pending' ? a : null;
  }

  /** Asks the tools worker for episode e's values, policy and points of no return (once). */
  private requestAnalysis(store: RunStore, e: number): void {
    let m = this.analyses.get(store);
    if (!m) this.analyses.set(store, (m = new Map()));
    if (m.has(e)) return;
    const meta = store.episodes[e];
    if (!meta) return;
    m.set(e, 'pending');
    const entries = m;
    void this.tools
      .episodeAnalysis(worldRef(this.state.config.world), meta.truth)
      .then((a) => {
        entries.set(e, {
          kinds: a.kinds,
          view: a.error ? null : { values: a.values, policy: a.policy },
          error: a.error,
        });
        if (a.error) notice(`Values are not available for this world: ${a.error}`);
        this.dirty = true;
      })
      .catch(() => entries.delete(e));
  }

  // ------------------------------------------------------------------------------------------------
  // Worlds from files

  async loadFile(file: File): Promise<void> {
    if (file.size > 5_000_000) {
      this.worlds.reject(file.name, `${file.name}: larger than 5 MB; not loaded`);
      this.updateControls();
      return;
    }
    await this.loadWorldText(await file.text(), file.name);
  }

  /** Loads a world file's text through the engine's loader (in the worker); never runs code. */
  async loadWorldText(text: string, source: string): Promise<void> {
    const loaded = await this.worlds.loadText(text, source);
    if (!loaded) {
      const n = this.worlds.loadErrors?.errors.length ?? 0;
      this.updateControls();
      announce(`${source} could not be loaded: ${n} error${n === 1 ? '' : 's'}.`);
      return;
    }
    this.dispatch({ type: 'setWorld', world: loaded.choice });
    notice(
      `Loaded ${source} (${loaded.world.width}×${loaded.world.height}). ${
        encodeWorldText(text) === null
          ? 'It is too large to travel in a link; export a record to share the run.'
          : 'Copy link carries the world with the run.'
      }`,
    );
  }

  // ------------------------------------------------------------------------------------------------
  // Records

  exportRecord(): EpisodeRecord {
    return exportRecord(this.state.config, this.stores(), this.world?.name ?? 'world');
  }

  importRecordText(text: string, name: string): Promise<boolean> {
    return this.records.importText(text, name);
  }

  // ------------------------------------------------------------------------------------------------
  // State changes and runs

  private onState(s: AppState, prev: AppState): void {
    if (s.config !== prev.config) {
      // What was said about the previous run no longer holds.
      clearStaleNotices();
      void this.applyConfig(s.config);
    }
    if (s.overlays !== prev.overlays || s.speed !== prev.speed || s.config !== prev.config) this.writeUrl();
    if (s.playing && !prev.playing) this.player.started(s);
    this.dirty = true;
    this.updateControls();
  }

  /** The address bar: the run (and the page, and in the editor the world being edited). */
  writeUrl(): void {
    if (!this.catalog || !this.store) return;
    const s = this.state;
    // The truth is written in its short form only with the description of the configured world: with
    // another world's (an undo back to a world still loading) it is written entry by entry, never lost.
    const world = this.worlds.cached(s.config.world);
    let search = encodeUrl(s.config, this.catalog, world, { overlays: s.overlays, speed: s.speed });
    if (this.view === 'gallery' || this.view === 'bench') search += `&view=${this.view}`;
    if (this.view === 'edit') {
      const draft = this.editor?.linkPart();
      search += `&${draft ?? 'view=edit'}`;
    }
    if (search !== location.search) history.replaceState(null, '', search);
  }

  /** A link to the editor with its world (null when the world is too large for a link). */
  editorLink(text: string, source: string): string | null {
    const part = encodeDraft(text, source);
    return part === null ? null : `${location.origin}${location.pathname}?${part}`;
  }

  /** Starts the runs for a configuration: one worker session per pane. */
  async applyConfig(config: RunConfig): Promise<void> {
    const token = ++this.configToken;
    this.runSet.cancel();
    const world = await this.worlds.describe(config.world);
    if (token !== this.configToken) return;
    if (!world) {
      this.updateControls();
      return;
    }
    const key = worldKey(config.world);
    const worldChanged = key !== this.worldKeyShown;
    this.world = world;
    this.worldKeyShown = key;
    if (worldChanged) {
      this.viewport = FIT;
      this.truthShown = false;
    }
    await this.grid.grow(config.panes.length, world);
    if (token !== this.configToken) return;
    this.grid.shrink(config.panes.length);
    for (const p of this.panes) p.applyViewport(this.viewport);
    this.layout(worldChanged);
    this.runSet.start(config, this.catalog);
    this.announced.clear();
    clearErrors();
    this.writeUrl();
    this.updateControls();
    this.dirty = true;
  }

  /** Plays the same configuration again (play mode's "Play again"). */
  restart(): void {
    void this.applyConfig(this.state.config);
    this.player.seek({ episode: 0, step: 0 });
  }

  stores(): (RunStore | null)[] {
    return this.runSet.stores();
  }

  /** Sizes the panes' canvases to the window (and repaints the terrain if the size or world changed). */
  private layout(force = false): void {
    if (this.view === 'watch' && this.world && this.grid.layout(this.world, force)) {
      this.viewport = FIT;
      for (const p of this.panes) p.applyViewport(FIT);
      this.dirty = true;
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Animation frames

  private frame(now: number): void {
    const t0 = performance.now();
    const dt = this.lastTime === 0 ? 16 : now - this.lastTime;
    this.lastTime = now;
    if (this.view === 'watch') {
      if (this.player.advance(dt)) this.dirty = true;
      if (this.dirty || (this.readoutsPending && now - this.lastReadoutAt > READOUT_MS)) {
        this.dirty = false;
        this.draw(now);
      }
    } else if (this.view === 'edit') this.editor?.frame();
    this.frameStats.add(dt, performance.now() - t0);
    requestAnimationFrame((t) => this.frame(t));
  }

  /**
   * Draws a frame: the canvases every time; the DOM readouts (playbar, numbers, lists, tables, charts)
   * at most every READOUT_MS, and once more when the view settles. With software compositing, text
   * changing above and below a canvas every frame makes the browser redraw everything between them,
   * which halved the frame rate of a 128×128 map; nobody reads numbers that change 60 times a second.
   */
  private draw(now: number): void {
    const s = this.state;
    const phase = this.player.phase();
    const readouts = now - this.lastReadoutAt > READOUT_MS;
    if (readouts) this.lastReadoutAt = now;
    this.readoutsPending = !readouts;
    const statuses = this.panes.map((p) => p.draw(s.cursor, phase, s.overlays, s.config.episodes, readouts));
    this.announceOutcomes(statuses);
    if (readouts) {
      this.updatePlaybar();
      updateCompareTable(byId('compare'), s.config, s.cursor.episode, statuses, this.stores());
      updateReproduce(byId('reproduce'), s.config, this.catalog, this.world, this.stores());
      this.charts.update(s.cursor, s.config, this.stores());
      const shown = showPlayResult(byId('play-result'), s.config, this.stores(), {
        again: () => this.restart(),
        newSeed: () => this.dispatch({ type: 'setSeed', seed: this.newSeed() }),
        watch: () => this.stopPlay(),
      });
      document.body.classList.toggle('play-over', shown);
    }
    if (now - this.lastPerfUpdate > 500) {
      this.lastPerfUpdate = now;
      const renderer = this.panes[0]?.view?.renderer;
      setText(byId('perf'), perfReadout(this.stores(), this.frameStats.summary(), renderer));
    }
  }

  private announceOutcomes(statuses: PaneStatus[]): void {
    statuses.forEach((st, i) => {
      if (!st.outcome) return;
      const key = `${this.runSet.key}/${i}/${this.state.cursor.episode}`;
      if (this.announced.has(key)) return;
      this.announced.add(key);
      const agent = this.state.config.panes[i]?.agent ?? '';
      if (agent === HUMAN) return;
      announce(`${agent}: ${st.outcome} at step ${st.step}, return ${formatNumber(st.ret)}.`);
    });
  }

  /** Brings the sidebar, summary, legend, undo and redo buttons and playbar up to date with the state. */
  private updateControls(): void {
    if (!this.store) return;
    const s = this.state;
    this.sidebar.update({
      catalog: this.catalog,
      world: this.world,
      state: s,
      loadErrors: this.worlds.loadErrors,
      fileWorlds: this.worlds.fileWorlds,
    });
    this.charts.updateLegend(s.config.panes.map((p) => p.agent));
    if (this.world)
      updateRunSummary(byId('run-summary'), this.world, s.config, this.truthShown, () => {
        this.truthShown = !this.truthShown;
        this.updateControls();
      });
    const undo = byId<HTMLButtonElement>('undo');
    const redo = byId<HTMLButtonElement>('redo');
    const canUndo = this.view === 'edit' ? (this.editor?.canUndo ?? false) : this.store.canUndo;
    const canRedo = this.view === 'edit' ? (this.editor?.canRedo ?? false) : this.store.canRedo;
    if (undo.disabled === canUndo) undo.disabled = !canUndo;
    if (redo.disabled === canRedo) redo.disabled = !canRedo;
    const playMode = this.inPlayMode();
    byId('play-yourself').setAttribute('aria-pressed', String(this.view === 'watch' && playMode));
    byId('play-yourself').title =
      this.view === 'watch' && playMode
        ? 'Stop playing: back to watching agents'
        : 'Play this world yourself, beside an agent';
    byId('view-watch').setAttribute('aria-pressed', String(this.view === 'watch' && !playMode));
    document.body.classList.toggle('play-mode', playMode);
    // The playbar follows the cursor, which moves every frame while playing: draw() updates it.
    this.readoutsPending = true;
  }

  private updatePlaybar(): void {
    const s = this.state;
    this.playbar.update(s, reachable(this.runSet.progress(), s.cursor.episode));
  }
}
