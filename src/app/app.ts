/**
 * The app controller: boots from the URL, keeps the UI state (immer store), runs one worker session per
 * pane, and renders the cursor's frame in every pane once per animation frame. The main thread never
 * simulates: it stores the frames the workers stream and draws them. The page's parts live in their own
 * modules (pages, play mode, readouts, the page's inputs, the sidebar…); this one wires them to the state.
 */
import { FIT, sameViewport, type Viewport } from '../render/viewport.ts';
import type { Catalog } from '../worker/session/catalog.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { WorkerPool, type PaneRunHandle, type Simulator } from './client.ts';
import { readLink, writeLink } from './address-bar.ts';
import { byId } from './dom.ts';
import type { EditorPage } from './editor/editor-page.ts';
import { EpisodeAnalyses, type EpisodeAnalysisEntry } from './episode-analysis.ts';
import { announce, clearErrors, clearStaleNotices, notice } from './messages.ts';
import { wirePage } from './page-wiring.ts';
import { Pages } from './pages.ts';
import { NO_ANALYSIS, type PaneView } from './pane.ts';
import { PaneGrid } from './pane-grid.ts';
import { FrameStats } from './perf.ts';
import { PlayMode } from './play-mode.ts';
import { Player } from './player.ts';
import { READOUT_MS, Readouts } from './readouts.ts';
import type { EpisodeRecord } from './record.ts';
import type { RunStore } from './run-store.ts';
import { updateRunSummary } from './run-summary.ts';
import { Runs } from './runs.ts';
import { exportRecord, RecordImport } from './sharing.ts';
import { Sidebar } from './sidebar.ts';
import { initialState, Store, type Action, type AppState, type RunConfig } from './state.ts';
import { Tour } from './tour.ts';
import type { View } from './url.ts';
import { encodeWorldText } from './url-world.ts';
import { worldKey, WorldLibrary, worldRef } from './worlds.ts';

/** The worker for what is not a pane's run (values, validation, bench results): never behind a run. */
const TOOLS_WORKER = 4;

export class App {
  readonly pool = new WorkerPool();
  store!: Store;
  catalog!: Catalog;
  world: WorldInfo | null = null;
  private worldKeyShown = '';
  readonly worlds = new WorldLibrary(() => this.pool.get(0));
  private viewport: Viewport = FIT;
  private readonly analyses = new EpisodeAnalyses(
    () => this.tools,
    () => worldRef(this.state.config.world),
    () => this.redraw(),
  );
  private readonly grid: PaneGrid = new PaneGrid(byId('panes'), {
    requestAnalysis: (store, e) => this.analyses.request(store, e),
    analysis: (store, e) => this.analyses.get(store, e) ?? NO_ANALYSIS,
    viewport: () => this.viewport,
    setViewport: (v) => this.setViewport(v),
    ghosts: (pane, e) => this.play.ghosts(pane, e),
    act: (a) => this.play.act(a),
    redraw: () => {
      this.dirty = true;
      this.lastReadoutAt = 0;
    },
  });
  private readonly runSet: Runs = new Runs(this.pool, this.grid.panes, {
    changed: () => this.redraw(),
    batch: () => this.records.checkReplay(this.stores()),
    played: (store) => this.play.played(store),
  });
  readonly player: Player = new Player(
    () => this.store,
    () => this.runSet.progress(),
  );
  readonly play: PlayMode = new PlayMode(this, this.runSet);
  readonly pages: Pages = new Pages(this);
  private configToken = 0;
  private sidebar!: Sidebar;
  private readouts!: Readouts;
  tour!: Tour;
  readonly records = new RecordImport(this);
  private lastTime = 0;
  private dirty = true;
  private lastReadoutAt = 0;
  private readoutsPending = false;
  /** Whether the run summary shows the fixed truth (the user asked to see it). */
  private truthShown = false;
  readonly frameStats = new FrameStats();
  private readonly runSummary = byId('run-summary');
  private readonly undoButton = byId<HTMLButtonElement>('undo');
  private readonly redoButton = byId<HTMLButtonElement>('redo');
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

  /** The page shown. */
  get view(): View {
    return this.pages.view;
  }

  get editor(): EditorPage | null {
    return this.pages.editor;
  }

  /** The worker for values, validation and bench results. */
  get tools(): Simulator {
    return this.pool.get(TOOLS_WORKER);
  }

  dispatch(a: Action): void {
    this.store.dispatch(a);
  }

  async boot(): Promise<void> {
    this.catalog = await this.pool.get(0).catalog();
    const { url, config, problem } = await readLink(location.search, this.catalog, this.worlds);
    this.store = new Store({ ...initialState(config), overlays: url.overlays, speed: url.speed });
    this.buildUi();
    this.store.subscribe((s, prev) => this.onState(s, prev));
    await this.applyConfig(this.state.config);
    this.pages.pendingDraft = url.draft;
    await this.showView(url.view, false);
    // The address bar now says what is shown: a bad part of the link is not left in it.
    this.writeUrl();
    if (problem) notice(problem);
    if (url.play) this.dispatch({ type: 'play' });
    this.ready = true;
    document.body.dataset.ready = 'true';
    requestAnimationFrame((t) => this.frame(t));
    if (this.view === 'watch') this.tour.maybeStart();
  }

  private buildUi(): void {
    this.sidebar = new Sidebar(byId('sidebar'), {
      dispatch: (a) => this.dispatch(a),
      loadFile: (f) => void this.loadFile(f),
      newSeed: () => this.newSeed(),
      analyze: () => this.pool.get(0).analyzeWorld(worldRef(this.state.config.world)),
    });
    this.readouts = new Readouts(this.player, {
      again: () => this.restart(),
      newSeed: () => this.dispatch({ type: 'setSeed', seed: this.newSeed() }),
      watch: () => this.play.stop(),
    });
    this.tour = new Tour(byId('tour'), (view) => {
      if (view !== this.view) void this.showView(view, false);
    });
    wirePage(this);
    this.updateControls();
  }

  private newSeed(): number {
    return crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000;
  }

  showView(view: View, focus = true): Promise<void> {
    return this.pages.show(view, focus);
  }

  /** The watch page is shown again: its maps are sized to the window and drawn. */
  watchShown(): void {
    this.layout();
    this.redraw();
  }

  /** Something changed on the maps: draw them again at the next animation frame. */
  redraw(): void {
    this.dirty = true;
  }

  setViewport(v: Viewport): void {
    if (sameViewport(v, this.viewport)) return;
    this.viewport = v;
    for (const p of this.panes) p.applyViewport(v);
    this.dirty = true;
  }

  /** Episode e's values, policy and points of no return, if they arrived. */
  analysisOf(store: RunStore, e: number): EpisodeAnalysisEntry | null {
    return this.analyses.get(store, e);
  }

  // ------------------------------------------------------------------------------------------------
  // Worlds from files, records

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
    writeLink(this.state, this.catalog, this.worlds, this.view, this.editor);
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
    this.readouts.runsStarted();
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
  layout(force = false): void {
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
    this.readouts.announceOutcomes(statuses, this.runSet.key, s);
    if (readouts) this.readouts.update(s, statuses, this.runSet, this.catalog, this.world);
    this.readouts.updatePerf(now, this.runSet, this.frameStats, this.panes);
  }

  /** Brings the sidebar, summary, legend, undo and redo buttons and playbar up to date with the state. */
  updateControls(): void {
    if (!this.store) return;
    const s = this.state;
    this.sidebar.update({
      catalog: this.catalog,
      world: this.world,
      state: s,
      loadErrors: this.worlds.loadErrors,
      fileWorlds: this.worlds.fileWorlds,
    });
    this.readouts.updateLegend(s.config.panes.map((p) => p.agent));
    if (this.world)
      updateRunSummary(this.runSummary, this.world, s.config, this.truthShown, () => {
        this.truthShown = !this.truthShown;
        this.updateControls();
      });
    const editing = this.view === 'edit';
    const canUndo = editing ? (this.editor?.canUndo ?? false) : this.store.canUndo;
    const canRedo = editing ? (this.editor?.canRedo ?? false) : this.store.canRedo;
    if (this.undoButton.disabled === canUndo) this.undoButton.disabled = !canUndo;
    if (this.redoButton.disabled === canRedo) this.redoButton.disabled = !canRedo;
    this.pages.markButtons();
    document.body.classList.toggle('play-mode', this.play.active());
    // The playbar follows the cursor, which moves every frame while playing: draw() updates it.
    this.readoutsPending = true;
  }
}
