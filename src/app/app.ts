/**
 * The app controller: boots from the URL, keeps the UI state (immer store), runs one worker session per
 * pane, and renders the cursor's frame in every pane once per animation frame. The main thread never
 * simulates: it stores the frames the workers stream and draws them. The page's parts live in their own
 * modules (sidebar, playbar, keyboard, charts, sharing…); this one wires them to the state.
 */
import type { Catalog } from '../worker/session/catalog.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { WorkerPool, type PaneRunHandle } from './client.ts';
import { updateCompareTable } from './compare-table.ts';
import { byId, formatNumber, setText } from './dom.ts';
import { installFileDrop } from './file-drop.ts';
import { handleKey, setUpHelp } from './keyboard.ts';
import { announce, clearErrors, notice } from './messages.ts';
import type { PaneStatus, PaneView } from './pane.ts';
import { PaneGrid } from './pane-grid.ts';
import { FrameStats, perfReadout } from './perf.ts';
import { Playbar } from './playbar.ts';
import { reachable } from './playback.ts';
import { Player } from './player.ts';
import type { EpisodeRecord } from './record.ts';
import { RunCharts } from './run-charts.ts';
import type { RunStore } from './run-store.ts';
import { updateRunSummary } from './run-summary.ts';
import { Runs } from './runs.ts';
import { copyLink, exportRecord, RecordImport } from './sharing.ts';
import { Sidebar } from './sidebar.ts';
import { initialState, Store, type Action, type AppState, type Overlay, type RunConfig } from './state.ts';
import { decodeUrl, encodeUrl, expandTruth } from './url.ts';
import { encodeWorldText } from './url-world.ts';
import { worldKey, WorldLibrary, worldRef } from './worlds.ts';

/** Minimum interval between DOM readout updates (see App.draw). */
const READOUT_MS = 100;

export class App {
  readonly pool = new WorkerPool();
  store!: Store;
  catalog!: Catalog;
  world: WorldInfo | null = null;
  private worldKeyShown = '';
  readonly worlds = new WorldLibrary(() => this.pool.get(0));
  private readonly grid = new PaneGrid(byId('panes'), (store, e) => this.runSet.fetchKinds(store, e));
  private readonly runSet = new Runs(this.pool, this.grid.panes, {
    changed: () => (this.dirty = true),
    batch: () => this.records.checkReplay(this.stores()),
  });
  readonly player = new Player(
    () => this.store,
    () => this.runSet.progress(),
  );
  private configToken = 0;
  private sidebar!: Sidebar;
  private playbar!: Playbar;
  private charts!: RunCharts;
  private readonly records = new RecordImport(this);
  private lastTime = 0;
  private dirty = true;
  private lastReadoutAt = 0;
  private lastPerfUpdate = 0;
  private readoutsPending = false;
  readonly frameStats = new FrameStats();
  /** Outcomes already announced, by run, pane and episode. */
  private readonly announced = new Set<string>();
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
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
      if (url.config.world.kind === 'builtin')
        warnings.push(`world "${url.config.world.name}" could not be loaded`);
      url.config.world = { kind: 'builtin', name: this.catalog.environments[0].name };
      world = await this.worlds.describe(url.config.world);
    }
    const config: RunConfig = {
      ...url.config,
      truth: world ? expandTruth(world, url.truthEntries, warnings) : {},
    };
    this.store = new Store({ ...initialState(config), overlays: url.overlays, speed: url.speed });
    this.buildUi();
    this.store.subscribe((s, prev) => this.onState(s, prev));
    await this.applyConfig(this.state.config);
    if (warnings.length > 0) notice(`Some of the link could not be used: ${warnings.join('; ')}.`);
    if (url.play) this.dispatch({ type: 'play' });
    this.ready = true;
    document.body.dataset.ready = 'true';
    requestAnimationFrame((t) => this.frame(t));
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
      newSeed: () => crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000,
      analyze: () => this.pool.get(0).analyzeWorld(worldRef(this.state.config.world)),
    });
    this.playbar = new Playbar(byId('playbar'), this.player);
    this.charts = new RunCharts(byId('charts'));
    byId('undo').addEventListener('click', () => this.store.undo());
    byId('redo').addEventListener('click', () => this.store.redo());
    byId('share').addEventListener('click', () => {
      const w = this.state.config.world;
      void copyLink(w.kind === 'file' && encodeWorldText(w.text) === null);
    });
    byId('export').addEventListener('click', () => this.exportRecord());
    const importInput = byId<HTMLInputElement>('import-record');
    importInput.addEventListener('change', () => {
      const f = importInput.files?.[0];
      if (f) void this.records.importFile(f);
      importInput.value = '';
    });
    const keys = {
      player: this.player,
      toggleOverlay: (overlay: Overlay) => this.dispatch({ type: 'toggleOverlay', overlay }),
      undo: () => this.store.undo(),
      redo: () => this.store.redo(),
      toggleHelp: setUpHelp(byId('help'), byId('help-button')),
    };
    document.addEventListener('keydown', (e) => handleKey(e, keys));
    installFileDrop(byId('drop-overlay'), {
      record: (text, name) => this.importRecordText(text, name),
      world: (text, name) => this.loadWorldText(text, name),
    });
    window.addEventListener('resize', () => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => this.layout(), 150);
    });
    this.updateControls();
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
    if (s.config !== prev.config) void this.applyConfig(s.config);
    if (s.overlays !== prev.overlays || s.speed !== prev.speed || s.config !== prev.config) this.writeUrl();
    if (s.playing && !prev.playing) this.player.started(s);
    this.dirty = true;
    this.updateControls();
  }

  private writeUrl(): void {
    if (!this.catalog) return;
    const s = this.state;
    const search = encodeUrl(s.config, this.catalog, this.world, { overlays: s.overlays, speed: s.speed });
    if (search !== location.search) history.replaceState(null, '', search);
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
    await this.grid.grow(config.panes.length, world);
    if (token !== this.configToken) return;
    this.grid.shrink(config.panes.length);
    this.layout(worldChanged);
    this.runSet.start(config, this.catalog);
    this.announced.clear();
    clearErrors();
    this.updateControls();
    this.dirty = true;
  }

  stores(): (RunStore | null)[] {
    return this.runSet.stores();
  }

  /** Sizes the panes' canvases to the window (and repaints the terrain if the size or world changed). */
  private layout(force = false): void {
    if (this.world && this.grid.layout(this.world, force)) this.dirty = true;
  }

  // ------------------------------------------------------------------------------------------------
  // Animation frames

  private frame(now: number): void {
    const t0 = performance.now();
    const dt = this.lastTime === 0 ? 16 : now - this.lastTime;
    this.lastTime = now;
    if (this.player.advance(dt)) this.dirty = true;
    if (this.dirty || (this.readoutsPending && now - this.lastReadoutAt > READOUT_MS)) {
      this.dirty = false;
      this.draw(now);
    }
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
      this.charts.update(s.cursor, s.config, this.stores());
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
    if (this.world) updateRunSummary(byId('run-summary'), this.world, s.config);
    const undo = byId<HTMLButtonElement>('undo');
    const redo = byId<HTMLButtonElement>('redo');
    if (undo.disabled === this.store.canUndo) undo.disabled = !this.store.canUndo;
    if (redo.disabled === this.store.canRedo) redo.disabled = !this.store.canRedo;
    // The playbar follows the cursor, which moves every frame while playing: draw() updates it.
    this.readoutsPending = true;
  }

  private updatePlaybar(): void {
    const s = this.state;
    this.playbar.update(s, reachable(this.runSet.progress(), s.cursor.episode));
  }
}
