/**
 * The app: boots from the URL, keeps the UI state (immer store), runs one worker session per pane, and
 * renders the cursor's frame in every pane once per animation frame. The main thread never simulates:
 * it stores the frames the workers stream and draws them.
 */
import './styles.css';
import { agentColour } from '../render/palette.ts';
import type { Catalog, FrameBatch, SessionConfig, WorldInfo, WorldRef } from '../worker/session.ts';
import { LineChart, type Series } from './charts.ts';
import { startRun, WorkerPool, type PaneRunHandle } from './client.ts';
import { formatNumber, h, icon, setAttr, setText } from './dom.ts';
import { PaneView, type PaneStatus } from './pane.ts';
import { reachable, stepCursor, tick, type PaneProgress } from './playback.ts';
import { buildRecord, compareWithRecord, parseRecord, recordConfig, type EpisodeRecord } from './record.ts';
import type { RunStore } from './run-store.ts';
import { OVERLAY_INFO, Sidebar } from './sidebar.ts';
import {
  initialState,
  OVERLAYS,
  SPEEDS,
  Store,
  type Action,
  type AppState,
  type Cursor,
  type RunConfig,
  type WorldChoice,
} from './state.ts';
import { compressTruth, decodeUrl, encodeUrl, expandTruth, speedIndex } from './url.ts';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

function worldRef(w: WorldChoice): WorldRef {
  return w.kind === 'builtin' ? { builtin: w.name } : { text: w.text, source: w.source };
}

function worldKey(w: WorldChoice): string {
  return w.kind === 'builtin' ? `builtin:${w.name}` : `file:${w.source}:${w.text.length}:${w.text}`;
}

const NO_PROGRESS = (complete: boolean): PaneProgress => ({
  availability: () => ({ count: 0, complete }),
  lastEpisode: () => -1,
  done: complete,
});

function speedLabel(v: number): string {
  if (v === Infinity) return 'as fast as possible';
  if (v < 1) return `½ step/s`;
  return `${v} steps/s`;
}

/** Frame timing ring buffer (intervals between animation frames and the work done in each). */
class FrameStats {
  readonly intervals = new Float64Array(1200);
  readonly work = new Float64Array(1200);
  count = 0;
  add(interval: number, work: number): void {
    const i = this.count++ % this.intervals.length;
    this.intervals[i] = interval;
    this.work[i] = work;
  }
  reset(): void {
    this.count = 0;
  }
  summary(): {
    frames: number;
    intervalMedian: number;
    intervalP95: number;
    workMedian: number;
    workP95: number;
    workMax: number;
    fps: number;
  } {
    const n = Math.min(this.count, this.intervals.length);
    const q = (a: Float64Array, p: number) => {
      const s = Array.from(a.subarray(0, n)).sort((x, y) => x - y);
      return n === 0 ? NaN : s[Math.min(n - 1, Math.floor(p * n))];
    };
    const med = q(this.intervals, 0.5);
    let workMax = 0;
    for (let i = 0; i < n; i++) workMax = Math.max(workMax, this.work[i]);
    return {
      frames: n,
      intervalMedian: med,
      intervalP95: q(this.intervals, 0.95),
      workMedian: q(this.work, 0.5),
      workP95: q(this.work, 0.95),
      workMax,
      fps: med > 0 ? 1000 / med : NaN,
    };
  }
}

class App {
  readonly pool = new WorkerPool();
  store!: Store;
  catalog!: Catalog;
  world: WorldInfo | null = null;
  private worldKeyShown = '';
  private readonly worldCache = new Map<string, WorldInfo>();
  fileWorlds: Extract<WorldChoice, { kind: 'file' }>[] = [];
  loadErrors: { file: string; errors: string[] } | null = null;
  readonly panes: PaneView[] = [];
  runs: PaneRunHandle[] = [];
  runKey = 0;
  private configToken = 0;
  private sidebar!: Sidebar;
  private carry = 0;
  private lastTime = 0;
  private dirty = true;
  private lastChartUpdate = 0;
  private lastPerfUpdate = 0;
  private chartsPending = false;
  private readonly charts: { ret: LineChart; entropy: LineChart; deaths: LineChart };
  pendingRecord: EpisodeRecord | null = null;
  readonly frameStats = new FrameStats();
  private readonly announced = new Set<string>();
  private cell = 0;
  private readonly playbar: {
    play: HTMLButtonElement;
    back: HTMLButtonElement;
    fwd: HTMLButtonElement;
    restart: HTMLButtonElement;
    end: HTMLButtonElement;
    speed: HTMLSelectElement;
    scrub: HTMLInputElement;
    readout: HTMLElement;
    prevEp: HTMLButtonElement;
    nextEp: HTMLButtonElement;
    episode: HTMLElement;
  };
  ready = false;

  constructor() {
    this.charts = {
      ret: new LineChart('Return over the steps of this episode', 'step'),
      entropy: new LineChart('Posterior entropy (bits) over the steps of this episode', 'step'),
      deaths: new LineChart('Deaths over the episodes of the run', 'episode'),
    };
    const btn = (id: string, glyph: Parameters<typeof icon>[0], label: string, onClick: () => void) =>
      h(
        'button',
        { id, title: label, attrs: { type: 'button', 'aria-label': label }, on: { click: onClick } },
        icon(glyph),
      );
    this.playbar = {
      restart: btn('restart', 'restart', 'Back to the start of the episode (Home)', () =>
        this.seek({ episode: this.state.cursor.episode, step: 0 }),
      ),
      back: btn('step-back', 'back', 'Step back (←)', () => this.stepBy(-1)),
      play: h('button', {
        id: 'play',
        class: 'primary',
        title: 'Play or pause (Space)',
        attrs: { type: 'button' },
        on: { click: () => this.dispatch({ type: 'togglePlay' }) },
      }),
      fwd: btn('step', 'step', 'Step forward (→)', () => this.stepBy(1)),
      end: btn('end', 'end', 'To the end of the episode (End)', () => this.toEpisodeEnd()),
      speed: h('select', { id: 'speed', attrs: { 'aria-label': 'Speed' } }),
      scrub: h('input', {
        id: 'scrubber',
        attrs: {
          type: 'range',
          min: 0,
          max: 0,
          value: 0,
          step: 1,
          'aria-label': 'Timeline: step within the episode',
        },
      }),
      readout: h('span', { class: 'readout', id: 'step-readout' }),
      prevEp: btn('prev-episode', 'prev', 'Previous episode (PageUp or [)', () => this.episodeBy(-1)),
      nextEp: btn('next-episode', 'next', 'Next episode (PageDown or ])', () => this.episodeBy(1)),
      episode: h('span', { class: 'readout', id: 'episode-readout' }),
    };
  }

  get state(): AppState {
    return this.store.state;
  }

  dispatch(a: Action): void {
    this.store.dispatch(a);
  }

  async boot(): Promise<void> {
    const api = this.pool.get(0);
    this.catalog = await api.catalog();
    const url = decodeUrl(location.search, this.catalog);
    const warnings = [...url.warnings];
    let world = await this.describe(url.config.world);
    if (!world) {
      warnings.push(
        `world "${url.config.world.kind === 'builtin' ? url.config.world.name : ''}" could not be loaded`,
      );
      url.config.world = { kind: 'builtin', name: this.catalog.environments[0].name };
      world = await this.describe(url.config.world);
    }
    const config: RunConfig = {
      ...url.config,
      truth: world ? expandTruth(world, url.truthEntries, warnings) : {},
    };
    this.store = new Store({ ...initialState(config), overlays: url.overlays, speed: url.speed });
    this.buildUi();
    this.store.subscribe((s, prev) => this.onState(s, prev));
    await this.applyConfig(this.state.config);
    if (warnings.length > 0) this.notice(`Some of the link could not be used: ${warnings.join('; ')}.`);
    if (url.play) this.dispatch({ type: 'play' });
    this.ready = true;
    document.body.dataset.ready = 'true';
    requestAnimationFrame((t) => this.frame(t));
  }

  private async describe(choice: WorldChoice): Promise<WorldInfo | null> {
    const key = worldKey(choice);
    const cached = this.worldCache.get(key);
    if (cached) return cached;
    const result = await this.pool.get(0).describeWorld(worldRef(choice));
    if (!result.ok) {
      this.loadErrors = { file: result.file, errors: result.errors };
      return null;
    }
    this.worldCache.set(key, result.world);
    return result.world;
  }

  // ------------------------------------------------------------------------------------------------
  // Building the page

  private buildUi(): void {
    this.sidebar = new Sidebar($('sidebar'), {
      dispatch: (a) => this.dispatch(a),
      loadFile: (f) => void this.loadFile(f),
      newSeed: () => crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000,
    });
    const p = this.playbar;
    SPEEDS.forEach((v, i) => p.speed.append(h('option', { text: speedLabel(v), attrs: { value: i } })));
    p.speed.addEventListener('change', () =>
      this.dispatch({ type: 'setSpeed', speed: SPEEDS[Number(p.speed.value)] }),
    );
    p.scrub.addEventListener('input', () =>
      this.seek({ episode: this.state.cursor.episode, step: Number(p.scrub.value) }),
    );
    $('playbar').append(
      h('div', { class: 'group' }, p.restart, p.back, p.play, p.fwd, p.end),
      h('label', { class: 'group' }, h('span', { class: 'visually-hidden', text: 'Speed' }), p.speed),
      h('div', { class: 'scrub' }, p.scrub, p.readout),
      h(
        'div',
        { class: 'group', attrs: { role: 'group', 'aria-label': 'Episode' } },
        p.prevEp,
        p.episode,
        p.nextEp,
      ),
    );
    const figure = (chart: LineChart, caption: string) =>
      h('figure', {}, h('figcaption', { text: caption }), chart.element);
    $('charts').append(
      h('div', { class: 'chart-legend', id: 'chart-legend' }),
      figure(this.charts.ret, 'Return over steps'),
      figure(this.charts.entropy, 'Posterior entropy (bits) over steps'),
      figure(this.charts.deaths, 'Deaths over episodes (cumulative)'),
    );
    $('undo').addEventListener('click', () => this.store.undo());
    $('redo').addEventListener('click', () => this.store.redo());
    $('share').addEventListener('click', () => void this.copyLink());
    $('export').addEventListener('click', () => this.exportRecord());
    const importInput = $<HTMLInputElement>('import-record');
    importInput.addEventListener('change', () => {
      const f = importInput.files?.[0];
      if (f) void this.importRecordFile(f);
      importInput.value = '';
    });
    const help = $('help');
    help.append(
      h('h2', { text: 'Keyboard shortcuts' }),
      h(
        'dl',
        {},
        ...(
          [
            ['Space', 'play / pause'],
            ['→ / ←', 'step forward / back (with Shift: 10 steps)'],
            ['Home / End', 'start / end of the episode'],
            ['PageUp / PageDown, [ / ]', 'previous / next episode'],
            ['+ / −', 'faster / slower'],
            ...OVERLAYS.map((o) => [OVERLAY_INFO[o].key, `toggle ${OVERLAY_INFO[o].label.toLowerCase()}`]),
            ['Ctrl+Z / Ctrl+Shift+Z', 'undo / redo a settings change'],
            ['?', 'show or hide this help'],
          ] as [string, string][]
        ).flatMap(([k, v]) => [h('dt', {}, h('kbd', { text: k })), h('dd', { text: v })]),
      ),
    );
    $('help-button').addEventListener('click', () => this.toggleHelp());
    document.addEventListener('keydown', (e) => this.onKey(e));
    this.setupDrop();
    window.addEventListener('resize', () => {
      clearTimeout(this.resizeTimer);
      this.resizeTimer = setTimeout(() => this.layout(), 150);
    });
    this.updateControls();
  }

  private resizeTimer: ReturnType<typeof setTimeout> | undefined;

  private toggleHelp(): void {
    const help = $('help');
    help.hidden = !help.hidden;
    $('help-button').setAttribute('aria-expanded', String(!help.hidden));
  }

  private setupDrop(): void {
    const overlay = $('drop-overlay');
    let depth = 0;
    document.addEventListener('dragenter', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      depth++;
      overlay.hidden = false;
    });
    document.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) overlay.hidden = true;
    });
    document.addEventListener('dragover', (e) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    });
    document.addEventListener('drop', (e) => {
      depth = 0;
      overlay.hidden = true;
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void this.loadDropped(file);
    });
  }

  private async loadDropped(file: File): Promise<void> {
    const text = await file.text();
    // A record names its format; anything else is treated as a world file.
    if (/"format"\s*:\s*"trapworld-record"/.test(text.slice(0, 2000)))
      await this.importRecordText(text, file.name);
    else await this.loadWorldText(text, file.name);
  }

  async loadFile(file: File): Promise<void> {
    if (file.size > 5_000_000) {
      this.loadErrors = { file: file.name, errors: [`${file.name}: larger than 5 MB; not loaded`] };
      this.updateControls();
      return;
    }
    await this.loadWorldText(await file.text(), file.name);
  }

  /** Loads a world file's text through the engine's loader (in the worker); never runs code. */
  async loadWorldText(text: string, source: string): Promise<void> {
    const result = await this.pool.get(0).describeWorld({ text, source });
    if (!result.ok) {
      this.loadErrors = { file: result.file, errors: result.errors };
      this.updateControls();
      this.announce(
        `${source} could not be loaded: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}.`,
      );
      return;
    }
    this.loadErrors = null;
    const choice: Extract<WorldChoice, { kind: 'file' }> = {
      kind: 'file',
      name: result.world.name,
      source,
      text,
    };
    this.worldCache.set(worldKey(choice), result.world);
    const known = this.fileWorlds.findIndex((f) => f.source === source && f.text === text);
    if (known < 0) this.fileWorlds.push(choice);
    this.dispatch({ type: 'setWorld', world: known < 0 ? choice : this.fileWorlds[known] });
    this.notice(
      `Loaded ${source} (${result.world.width}×${result.world.height}). A link cannot carry a world from a file; export a record to share the run.`,
    );
  }

  // ------------------------------------------------------------------------------------------------
  // State changes

  private onState(s: AppState, prev: AppState): void {
    if (s.config !== prev.config) void this.applyConfig(s.config);
    if (s.overlays !== prev.overlays || s.speed !== prev.speed || s.config !== prev.config) this.writeUrl();
    if (s.playing && !prev.playing) {
      this.carry = 0;
      // Playing from the very end starts the run over.
      const r = reachable(this.progress(), s.cursor.episode);
      if (
        r.complete &&
        s.cursor.step >= r.step &&
        s.cursor.episode >= s.config.episodes - 1 &&
        s.speed !== Infinity
      )
        this.dispatch({ type: 'seek', cursor: { episode: 0, step: 0 } });
    }
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
    for (const r of this.runs) r.cancel();
    this.runs = [];
    const world = await this.describe(config.world);
    if (token !== this.configToken) return;
    if (!world) {
      this.updateControls();
      return;
    }
    const key = worldKey(config.world);
    const worldChanged = key !== this.worldKeyShown;
    this.world = world;
    this.worldKeyShown = key;
    while (this.panes.length < config.panes.length) {
      const pane = new PaneView(this.panes.length);
      pane.requestKinds = (store, e) => this.fetchKinds(store, e);
      this.panes.push(pane);
      $('panes').append(pane.element);
      await pane.init();
      pane.setWorld(world, Math.max(2, this.cell));
    }
    if (token !== this.configToken) return;
    while (this.panes.length > config.panes.length) this.panes.pop()!.destroy();
    this.layout(worldChanged);
    this.runKey++;
    this.announced.clear();
    const runKey = this.runKey;
    this.runs = config.panes.map((p, i) => {
      const pane = this.panes[i];
      pane.setAgent(this.catalog, p.agent, p.options);
      pane.setStore(null, runKey);
      const session: SessionConfig = {
        world: worldRef(config.world),
        agent: p.agent,
        options: p.options,
        seed: config.seed,
        episodes: config.episodes,
        truth: config.truth,
      };
      return startRun(
        this.pool.get(i),
        session,
        (store) => {
          if (runKey !== this.runKey) return;
          pane.setStore(store, runKey);
          this.dirty = true;
        },
        (store, batch) => this.onBatch(runKey, store, batch),
        (err) => {
          if (runKey !== this.runKey) return;
          this.showErrors(`Agent ${i + 1} (${p.agent}) could not run`, err.errors);
        },
      );
    });
    this.clearErrors();
    this.updateControls();
    this.dirty = true;
  }

  private onBatch(runKey: number, store: RunStore, batch: FrameBatch): void {
    if (runKey !== this.runKey) return;
    this.dirty = true;
    if (batch.error) this.showErrors(`${store.info.agent} stopped`, [batch.error]);
    if (this.pendingRecord && this.stores().every((s) => s?.done)) {
      const record = this.pendingRecord;
      this.pendingRecord = null;
      const diff = compareWithRecord(record, this.stores());
      const n = record.runs.reduce((s, r) => s + r.episodes.length, 0);
      if (diff === null)
        this.notice(`Imported record reproduced: all ${n} episode hash${n === 1 ? '' : 'es'} match.`);
      else this.showErrors('The imported record does not reproduce', [diff]);
    }
  }

  private fetchKinds(store: RunStore, e: number): void {
    if (store.kinds.has(e)) return;
    store.kinds.set(e, new Uint8Array(0));
    const i = this.panes.findIndex((p) => p.store === store);
    if (i < 0) return;
    void this.pool
      .get(i)
      .irreversibility(store.info.session, e)
      .then((kinds) => {
        store.kinds.set(e, kinds);
        this.dirty = true;
      })
      .catch(() => store.kinds.delete(e));
  }

  stores(): (RunStore | null)[] {
    return this.runs.map((r) => r.store);
  }

  private progress(): PaneProgress[] {
    return this.runs.map((r) => r.store ?? NO_PROGRESS(r.error !== null));
  }

  /** Sizes the panes' canvases to the window (and repaints the terrain if the size or world changed). */
  private layout(force = false): void {
    const world = this.world;
    if (!world) return;
    const host = $('panes');
    const n = Math.max(1, this.panes.length);
    const width = host.clientWidth || 900;
    const cols = n === 1 || width < 700 ? 1 : 2;
    host.style.setProperty('--cols', String(cols));
    const paneW = (width - 12 * (cols - 1)) / cols - 22;
    const maxH = Math.max(220, window.innerHeight * (n <= cols ? 0.6 : 0.36));
    const cell = Math.max(2, Math.min(56, Math.floor(Math.min(paneW / world.width, maxH / world.height))));
    if (cell === this.cell && !force) return;
    this.cell = cell;
    for (const p of this.panes) p.setWorld(world, cell);
    this.dirty = true;
  }

  // ------------------------------------------------------------------------------------------------
  // Playback

  seek(cursor: Cursor, playing = false): void {
    this.carry = 0;
    this.dispatch({ type: 'seek', cursor, playing });
  }

  stepBy(delta: 1 | -1, times = 1): void {
    let c = this.state.cursor;
    for (let i = 0; i < times; i++) c = stepCursor(this.progress(), c, delta, this.state.config.episodes);
    this.seek(c);
  }

  toEpisodeEnd(): void {
    const r = reachable(this.progress(), this.state.cursor.episode);
    this.seek({ episode: this.state.cursor.episode, step: r.step });
  }

  episodeBy(delta: 1 | -1): void {
    const e = this.state.cursor.episode + delta;
    if (e < 0 || e >= this.state.config.episodes) return;
    if (delta > 0 && !this.progress().every((p) => p.availability(e).count > 0)) return;
    this.seek({ episode: e, step: 0 });
  }

  private frame(now: number): void {
    const t0 = performance.now();
    const dt = this.lastTime === 0 ? 16 : now - this.lastTime;
    this.lastTime = now;
    const s = this.state;
    if (s.playing && this.runs.length > 0) {
      const r = tick(this.progress(), s.cursor, this.carry, s.speed, Math.min(dt, 250), s.config.episodes);
      this.carry = r.carry;
      if (r.cursor.episode !== s.cursor.episode || r.cursor.step !== s.cursor.step || r.playing !== s.playing)
        this.dispatch({ type: 'seek', cursor: r.cursor, playing: r.playing });
      this.dirty = true;
    }
    const owed = this.chartsPending || this.panes.some((p) => p.posteriorPending);
    if (this.dirty || (owed && now - this.lastChartUpdate > 100)) {
      this.dirty = false;
      this.draw(now);
    }
    this.frameStats.add(dt, performance.now() - t0);
    requestAnimationFrame((t) => this.frame(t));
  }

  private draw(now: number): void {
    const s = this.state;
    const phase = s.playing && s.speed <= 20 ? Math.min(1, this.carry) : 1;
    const statuses = this.panes.map((p) => p.draw(s.cursor, phase, s.overlays, s.config.episodes));
    this.announceOutcomes(statuses);
    this.updatePlaybar();
    this.updateCompare(statuses);
    // Charts and lists are DOM (costly to repaint): at most ten times a second, and once more after.
    if (now - this.lastChartUpdate > 100) {
      this.lastChartUpdate = now;
      this.chartsPending = false;
      this.updateCharts();
    } else this.chartsPending = true;
    if (now - this.lastPerfUpdate > 500) {
      this.lastPerfUpdate = now;
      this.updatePerf();
    }
  }

  private announceOutcomes(statuses: PaneStatus[]): void {
    statuses.forEach((st, i) => {
      if (!st.outcome) return;
      const key = `${this.runKey}/${i}/${this.state.cursor.episode}`;
      if (this.announced.has(key)) return;
      this.announced.add(key);
      const agent = this.state.config.panes[i]?.agent ?? '';
      this.announce(`${agent}: ${st.outcome} at step ${st.step}, return ${formatNumber(st.ret)}.`);
    });
  }

  // ------------------------------------------------------------------------------------------------
  // Controls

  private updateControls(): void {
    if (!this.store) return;
    const s = this.state;
    this.sidebar.update({
      catalog: this.catalog,
      world: this.world,
      state: s,
      loadErrors: this.loadErrors,
      fileWorlds: this.fileWorlds,
    });
    this.updateSummary();
    const undo = $<HTMLButtonElement>('undo');
    const redo = $<HTMLButtonElement>('redo');
    if (undo.disabled === this.store.canUndo) undo.disabled = !this.store.canUndo;
    if (redo.disabled === this.store.canRedo) redo.disabled = !this.store.canRedo;
    this.updatePlaybar();
  }

  /** What is being run, in a sentence, and the charts' legend. */
  private updateSummary(): void {
    const s = this.state;
    const world = this.world;
    const legend = $('chart-legend');
    const agentsKey = s.config.panes.map((p) => p.agent).join(',');
    if (legend.dataset.key !== agentsKey) {
      legend.dataset.key = agentsKey;
      legend.replaceChildren(
        ...s.config.panes.map((p, i) =>
          h('span', {}, h('i', { style: { background: agentColour(i) } }), p.agent),
        ),
      );
    }
    if (!world) return;
    const fixed = compressTruth(world, s.config.truth);
    const truth =
      world.unknowns.length === 0
        ? 'no unknowns'
        : fixed.length === 0
          ? 'truth drawn from the priors'
          : `truth ${fixed.join(', ')}${world.keys.some((k) => s.config.truth[k.key] === undefined) ? ' (the rest drawn from the priors)' : ''}`;
    const summary = $('run-summary');
    const key = `${world.title}/${s.config.seed}/${s.config.episodes}/${truth}`;
    if (summary.dataset.key === key) return;
    summary.dataset.key = key;
    summary.replaceChildren(
      h('strong', { text: world.title }),
      ` · seed ${s.config.seed} · ${s.config.episodes} episode${s.config.episodes === 1 ? '' : 's'} · ${truth}`,
    );
  }

  private updatePlaybar(): void {
    const s = this.state;
    const p = this.playbar;
    if (p.play.dataset.playing !== String(s.playing)) {
      p.play.dataset.playing = String(s.playing);
      p.play.replaceChildren(icon(s.playing ? 'pause' : 'play'), s.playing ? 'Pause' : 'Play');
    }
    setAttr(p.play, 'aria-pressed', String(s.playing));
    const idx = speedIndex(s.speed);
    if (p.speed.value !== String(idx)) p.speed.value = String(idx);
    const progress = this.progress();
    const r = reachable(progress, s.cursor.episode);
    const max = Math.max(0, r.step);
    if (p.scrub.max !== String(max)) p.scrub.max = String(max);
    const value = String(Math.min(s.cursor.step, max));
    if (p.scrub.value !== value && (document.activeElement !== p.scrub || !s.playing)) p.scrub.value = value;
    setAttr(p.scrub, 'aria-valuetext', `step ${s.cursor.step} of ${r.complete ? r.step : `${r.step}+`}`);
    setText(p.readout, `step ${s.cursor.step} / ${r.complete ? r.step : `${r.step}…`}`);
    setText(p.episode, `episode ${s.cursor.episode + 1} / ${s.config.episodes}`);
    const setDisabled = (b: HTMLButtonElement, v: boolean) => {
      if (b.disabled !== v) b.disabled = v;
    };
    setDisabled(p.prevEp, s.cursor.episode === 0);
    setDisabled(p.nextEp, s.cursor.episode >= s.config.episodes - 1);
    setDisabled(p.back, s.cursor.step === 0 && s.cursor.episode === 0);
  }

  private updateCompare(statuses: PaneStatus[]): void {
    const table = $('compare');
    const rows = this.state.config.panes.map((p, i) => {
      const st = statuses[i];
      const store = this.runs[i]?.store;
      const ended = store
        ? store.episodes.filter((m) => m?.end && m.episode <= this.state.cursor.episode)
        : [];
      const mean = ended.length > 0 ? ended.reduce((a, m) => a + m.end!.return, 0) / ended.length : NaN;
      return [
        p.agent,
        st?.available ? String(st.step) : '…',
        st?.available ? formatNumber(st.ret) : '…',
        st ? String(st.pokes) : '…',
        st ? String(st.deaths) : '…',
        st?.outcome ?? (st?.available ? '—' : 'computing'),
        this.state.config.episodes > 1 ? formatNumber(mean) : null,
        st?.hash ?? '',
      ];
    });
    const multi = this.state.config.episodes > 1;
    // The table's structure changes with the agents; its cells change every frame and are set in place.
    const shape = JSON.stringify([this.state.config.panes.map((p) => p.agent), multi]);
    if (table.dataset.shape !== shape) {
      table.dataset.shape = shape;
      const head = [
        'agent',
        'step',
        'return',
        'pokes',
        'deaths (run)',
        'outcome',
        ...(multi ? ['mean return'] : []),
        'trajectory hash',
      ];
      table.replaceChildren(
        h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { text: t, attrs: { scope: 'col' } })))),
        h(
          'tbody',
          {},
          ...rows.map((r, i) =>
            h(
              'tr',
              { dataset: { pane: String(i) } },
              h(
                'th',
                { attrs: { scope: 'row' } },
                h('span', { class: 'chip', style: { background: agentColour(i) } }),
                ' ',
                r[0]!,
              ),
              ...r.slice(1, 6).map(() => h('td')),
              ...(multi ? [h('td')] : []),
              h('td', { class: 'hash' }),
            ),
          ),
        ),
      );
    }
    const bodyRows = table.querySelectorAll('tbody tr');
    rows.forEach((r, i) => {
      const tr = bodyRows[i];
      if (!tr) return;
      setAttr(tr, 'data-outcome', r[5] ?? '');
      const cells = tr.querySelectorAll('td');
      const values = [...r.slice(1, 6), ...(multi ? [r[6]] : []), r[7]];
      values.forEach((v, k) => cells[k] && setText(cells[k], v ?? ''));
    });
  }

  private updateCharts(): void {
    const s = this.state;
    const e = s.cursor.episode;
    const ret: Series[] = [];
    const ent: Series[] = [];
    const deaths: Series[] = [];
    this.runs.forEach((run, i) => {
      const store = run.store;
      const colour = agentColour(i);
      const label = s.config.panes[i]?.agent ?? '';
      if (!store) return;
      const m = store.episodes[e];
      if (m) {
        const frame = store.frameAt(e, s.cursor.step);
        const len = frame >= 0 ? frame - m.start + 1 : 0;
        ret.push({ colour, label, values: store.frames.ret.subarray(m.start, m.start + len), length: len });
        ent.push({
          colour,
          label,
          values: store.frames.entropy.subarray(m.start, m.start + len),
          length: len,
        });
      }
      const d: number[] = [0];
      for (let k = 0; k <= e && k < store.episodes.length; k++) {
        const end = store.episodes[k]?.end;
        if (!end) break;
        d.push(end.deaths);
      }
      deaths.push({ colour, label, values: d, length: d.length });
    });
    const xMax = Math.max(10, s.cursor.step);
    const extRet = { ...this.extent(ret), xMax };
    this.charts.ret.update(ret, s.cursor.step, extRet);
    const extEnt = { ...this.extent(ent, 0), xMax };
    this.charts.entropy.update(ent, s.cursor.step, extEnt);
    const dMax = Math.max(1, ...deaths.map((d) => d.values[d.length - 1] as number));
    this.charts.deaths.update(deaths, e + 1, { xMax: Math.max(1, s.config.episodes), yMin: 0, yMax: dMax });
  }

  private extent(series: Series[], floor?: number): { xMax: number; yMin: number; yMax: number } {
    let yMin = floor ?? Infinity;
    let yMax = -Infinity;
    for (const x of series)
      for (let i = 0; i < x.length; i++) {
        const v = x.values[i];
        if (!Number.isFinite(v)) continue;
        yMin = Math.min(yMin, v);
        yMax = Math.max(yMax, v);
      }
    if (yMax === -Infinity) return { xMax: 10, yMin: 0, yMax: 1 };
    if (yMin === Infinity) yMin = 0;
    if (yMax - yMin < 1e-9) return { xMax: 10, yMin: yMin - 1, yMax: yMax + 1 };
    return { xMax: 10, yMin, yMax };
  }

  private updatePerf(): void {
    const parts: string[] = [];
    let steps = 0;
    let ms = 0;
    let bytes = 0;
    for (const r of this.runs) {
      if (!r.store) continue;
      steps += r.store.stats.steps;
      ms += r.store.stats.computeMs;
      bytes += r.store.bytes();
    }
    if (ms > 0)
      parts.push(
        `worker ${Math.round((steps / ms) * 1000).toLocaleString('en')} steps/s (${steps.toLocaleString('en')} steps)`,
      );
    const f = this.frameStats.summary();
    if (f.frames > 10) parts.push(`frame work ${f.workMedian.toFixed(1)} ms (p95 ${f.workP95.toFixed(1)})`);
    parts.push(`frames in memory ${(bytes / 1e6).toFixed(1)} MB`);
    const r = this.panes[0]?.view?.renderer;
    if (r) parts.push(`renderer ${r}`);
    setText($('perf'), parts.join(' · '));
  }

  private onKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement | null;
    const typing =
      t &&
      (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA') &&
      (t as HTMLInputElement).type !== 'range' &&
      (t as HTMLInputElement).type !== 'checkbox';
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      if (typing) return;
      e.preventDefault();
      if (e.shiftKey) this.store.redo();
      else this.store.undo();
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    const overlayKey = OVERLAYS.find((o) => OVERLAY_INFO[o].key.toLowerCase() === e.key.toLowerCase());
    switch (e.key) {
      case ' ':
        if (t?.tagName === 'BUTTON') return;
        e.preventDefault();
        this.dispatch({ type: 'togglePlay' });
        return;
      case 'ArrowRight':
        if ((t as HTMLInputElement | null)?.type === 'range') return;
        e.preventDefault();
        this.stepBy(1, e.shiftKey ? 10 : 1);
        return;
      case 'ArrowLeft':
        if ((t as HTMLInputElement | null)?.type === 'range') return;
        e.preventDefault();
        this.stepBy(-1, e.shiftKey ? 10 : 1);
        return;
      case 'Home':
        e.preventDefault();
        this.seek({ episode: this.state.cursor.episode, step: 0 });
        return;
      case 'End':
        e.preventDefault();
        this.toEpisodeEnd();
        return;
      case 'PageUp':
      case '[':
        e.preventDefault();
        this.episodeBy(-1);
        return;
      case 'PageDown':
      case ']':
        e.preventDefault();
        this.episodeBy(1);
        return;
      case '+':
      case '=':
        this.dispatch({
          type: 'setSpeed',
          speed: SPEEDS[Math.min(SPEEDS.length - 1, speedIndex(this.state.speed) + 1)],
        });
        return;
      case '-':
      case '_':
        this.dispatch({ type: 'setSpeed', speed: SPEEDS[Math.max(0, speedIndex(this.state.speed) - 1)] });
        return;
      case '?':
        this.toggleHelp();
        return;
    }
    if (overlayKey) this.dispatch({ type: 'toggleOverlay', overlay: overlayKey });
  }

  // ------------------------------------------------------------------------------------------------
  // Sharing, records, messages

  private async copyLink(): Promise<void> {
    const link = location.href;
    try {
      await navigator.clipboard.writeText(link);
      this.notice(`Link copied: ${link}`);
    } catch {
      this.notice(`Link: ${link}`);
    }
    if (this.state.config.world.kind === 'file')
      this.notice('This world was loaded from a file, which a link cannot carry: export a record instead.');
  }

  exportRecord(): EpisodeRecord {
    const record = buildRecord(this.state.config, this.stores());
    const blob = new Blob([`${JSON.stringify(record)}\n`], { type: 'application/json' });
    const a = h('a', {
      attrs: {
        href: URL.createObjectURL(blob),
        download: `trapworld-${this.world?.name ?? 'world'}-seed${this.state.config.seed}.json`,
      },
    });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    return record;
  }

  private async importRecordFile(file: File): Promise<void> {
    if (file.size > 50_000_000) {
      this.showErrors(`${file.name} could not be imported`, ['larger than 50 MB']);
      return;
    }
    await this.importRecordText(await file.text(), file.name);
  }

  async importRecordText(text: string, name: string): Promise<boolean> {
    const parsed = parseRecord(text);
    if (!parsed.ok) {
      this.showErrors(`${name} is not a valid trapworld record`, parsed.errors);
      return false;
    }
    const config = recordConfig(parsed.record);
    const problems: string[] = [];
    for (const p of config.panes)
      if (!this.catalog.agents.some((a) => a.name === p.agent)) problems.push(`unknown agent "${p.agent}"`);
    if (
      config.world.kind === 'builtin' &&
      !this.catalog.environments.some((e) => e.name === (config.world as { name: string }).name)
    )
      problems.push(`unknown world "${config.world.name}"`);
    if (config.world.kind === 'file') {
      const result = await this.pool
        .get(0)
        .describeWorld({ text: config.world.text, source: config.world.source });
      if (!result.ok) problems.push(...result.errors);
      else {
        this.worldCache.set(worldKey(config.world), result.world);
        if (!this.fileWorlds.some((f) => f.text === (config.world as { text: string }).text))
          this.fileWorlds.push(config.world);
      }
    }
    if (problems.length > 0) {
      this.showErrors(`${name} cannot be replayed`, problems);
      return false;
    }
    this.pendingRecord = parsed.record;
    this.dispatch({ type: 'setConfig', config });
    this.notice(`Imported ${name}: re-running it to check that it reproduces…`);
    return true;
  }

  notice(text: string): void {
    const box = $('notices');
    const item = h(
      'div',
      {},
      text,
      h('button', {
        class: 'notice-dismiss',
        text: '×',
        attrs: { type: 'button', 'aria-label': 'Dismiss' },
        on: { click: () => item.remove() },
      }),
    );
    box.append(item);
    while (box.children.length > 3) box.firstElementChild?.remove();
  }

  showErrors(title: string, errors: string[]): void {
    $('errors').replaceChildren(
      h('strong', { text: title }),
      h('ul', {}, ...errors.map((e) => h('li', { text: e }))),
    );
  }

  clearErrors(): void {
    $('errors').replaceChildren();
  }

  announce(text: string): void {
    setText($('announce'), text);
  }
}

// Test and debugging hooks: read-only views of what the app computed (the e2e tests use them).
declare global {
  interface Window {
    __trapworld?: unknown;
  }
}

const app = new App();
window.__trapworld = {
  get ready() {
    return app.ready;
  },
  state: () => app.state,
  runs: () =>
    app.runs.map((r, i) => ({
      agent: app.state.config.panes[i]?.agent,
      done: r.store?.done ?? false,
      error: r.error ?? r.store?.error ?? null,
      episodes: (r.store?.episodes ?? []).map((m) => m.end),
      stats: r.store ? { ...r.store.stats } : null,
      frames: r.store?.frames.length ?? 0,
      bytes: r.store?.bytes() ?? 0,
    })),
  frameStats: (reset = false) => {
    const s = app.frameStats.summary();
    if (reset) app.frameStats.reset();
    return s;
  },
  renderers: () => app.panes.map((p) => p.view?.renderer ?? null),
  world: () =>
    app.world ? { name: app.world.name, width: app.world.width, height: app.world.height } : null,
  loadWorldText: (text: string, source: string) => app.loadWorldText(text, source),
  importRecordText: (text: string, name: string) => app.importRecordText(text, name),
  exportRecord: () => app.exportRecord(),
  seek: (episode: number, step: number) => app.seek({ episode, step }),
  /** The pixi views (for measuring and debugging). */
  views: () => app.panes.map((p) => p.view),
};

app.boot().catch((e: unknown) => {
  const box = document.getElementById('errors');
  if (box) box.textContent = `The app failed to start: ${e instanceof Error ? e.message : String(e)}`;
  console.error(e);
});
