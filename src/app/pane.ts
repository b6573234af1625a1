/**
 * One agent's pane (or the player's, in "Play yourself"): its canvas (a pixi WorldView) with zoom and
 * pan, live numbers (step, return, pokes, deaths, outcome), a line saying what just happened, "Why" (the
 * options the agent weighed), its posterior grouped by unknown, and cell details by hover, tap or
 * keyboard (focus the map, then the arrow keys).
 */
import type { CandidateView } from '../core/agent.ts';
import type { Action } from '../core/format.ts';
import { agentColour, hexToNumber } from '../render/palette.ts';
import { WorldView } from '../render/pixi-view.ts';
import { agentState } from '../render/scene.ts';
import type { Ghost, ViewAnalysis, ViewFrame } from '../render/view-frame.ts';
import { cellAt, FIT, panBy, revealCell, zoomAt, type Viewport } from '../render/viewport.ts';
import type { Catalog } from '../worker/session/catalog.ts';
import { HUMAN, type EpisodeMeta } from '../worker/session/protocol.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { formatNumber, h, percent, setAttr, setText } from './dom.ts';
import { PlayPad } from './play-pad.ts';
import { PosteriorView } from './posterior-view.ts';
import type { RunStore } from './run-store.ts';
import type { Cursor, Overlays } from './state.ts';
import { describeStep } from './step-text.ts';
import { WhyPanel } from './why-panel.ts';

export interface PaneStatus {
  step: number;
  ret: number;
  pokes: number;
  deaths: number;
  outcome: string | null;
  hash: string | null;
  available: boolean;
}

const OUTCOME_TEXT: Record<string, string> = {
  goal: 'reached the goal',
  death: 'died',
  stuck: 'stuck for good',
  truncated: 'ran out of time',
};

/** What a pane asks of the app. */
export interface PaneHooks {
  /** Fetches episode e's values, policy and points of no return (drawn when they arrive). */
  requestAnalysis(store: RunStore, episode: number): void;
  analysis(store: RunStore, episode: number): { kinds: Uint8Array | null; view: ViewAnalysis | null };
  /** The shared zoom and pan of every pane, and a change of it. */
  viewport(): Viewport;
  setViewport(v: Viewport): void;
  /** Other runs' trajectories to draw on this pane's map (play mode, once the episode is over). */
  ghosts(pane: number, episode: number): readonly Ghost[];
  /** A person's move (play mode). */
  act(action: Action): void;
  /** Something only the pane knows changed (Why opened, an option highlighted): draw again. */
  redraw(): void;
}

const NO_GHOSTS: readonly Ghost[] = [];

export class PaneView {
  readonly element: HTMLElement;
  view: WorldView | null = null;
  store: RunStore | null = null;
  world: WorldInfo | null = null;
  /** Whether this pane is a person playing ("Play yourself"). */
  human = false;
  private readonly stage: HTMLElement;
  private readonly waiting: HTMLElement;
  private readonly title: HTMLElement;
  private readonly opts: HTMLElement;
  private readonly outcome: HTMLElement;
  private readonly stats: Record<'step' | 'ret' | 'pokes' | 'deaths' | 'episode', HTMLElement>;
  private readonly eventLine: HTMLElement;
  private readonly posterior: PosteriorView;
  private readonly tooltip: HTMLElement;
  private readonly inspectLive: HTMLElement;
  private readonly whyButton: HTMLButtonElement;
  readonly why: WhyPanel;
  readonly pad: PlayPad;
  private cell = 8;
  private hover = -1;
  private inspected = -1;
  private lastPosteriorKey = '';
  private lastFrame = -1;
  private lastMeta: EpisodeMeta | undefined;
  private failure: string | null = null;
  /** What was drawn as the agent's intent last frame (for tests and debugging). */
  lastIntent: { plan: ViewFrame['plan']; experiment: ViewFrame['experiment'] } = {
    plan: null,
    experiment: null,
  };
  private highlight: { key: number; candidate: CandidateView } | null = null;
  private highlights = 0;
  private drag: { x: number; y: number; moved: boolean; id: number } | null = null;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private pinch: { d: number; x: number; y: number } | null = null;
  runKey = 0;
  status: PaneStatus = { step: 0, ret: 0, pokes: 0, deaths: 0, outcome: null, hash: null, available: false };

  constructor(
    readonly index: number,
    private readonly hooks: PaneHooks,
  ) {
    const colour = agentColour(index);
    this.title = h('h2', { text: '' });
    this.opts = h('span', { class: 'opts' });
    this.outcome = h('span', { class: 'outcome', text: '…' });
    const stat = (label: string) => {
      const dd = h('dd', { text: '–' });
      return { el: h('div', {}, h('dt', { text: label }), dd), dd };
    };
    const s = {
      episode: stat('episode'),
      step: stat('step'),
      ret: stat('return'),
      pokes: stat('pokes'),
      deaths: stat('deaths (run)'),
    };
    this.stats = {
      episode: s.episode.dd,
      step: s.step.dd,
      ret: s.ret.dd,
      pokes: s.pokes.dd,
      deaths: s.deaths.dd,
    };
    this.why = new WhyPanel(`why-${index}`, {
      highlight: (c) => {
        this.highlight = c ? { key: ++this.highlights, candidate: c } : null;
        this.hooks.redraw();
      },
    });
    this.whyButton = h('button', {
      class: 'why-button',
      text: 'Why',
      title: 'Why this action: the options the agent weighed at this step (W)',
      attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': this.why.id },
      on: { click: () => this.toggleWhy() },
    });
    this.waiting = h('div', { class: 'waiting', text: 'computing…', attrs: { role: 'status' } });
    this.tooltip = h('div', {
      class: 'tooltip',
      hidden: true,
      attrs: { role: 'tooltip', id: `tooltip-${index}` },
    });
    this.inspectLive = h('div', { class: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
    const zoomButton = (label: string, text: string, f: () => void) =>
      h('button', { text, title: label, attrs: { type: 'button', 'aria-label': label }, on: { click: f } });
    const zoomBar = h(
      'div',
      { class: 'zoom-bar', attrs: { role: 'group', 'aria-label': `Zoom the map of agent ${index + 1}` } },
      zoomButton('Zoom in', '+', () => this.zoomBy(1.5)),
      zoomButton('Zoom out', '−', () => this.zoomBy(1 / 1.5)),
      zoomButton('Fit the whole map', '⤢', () => this.hooks.setViewport(FIT)),
    );
    this.stage = h(
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
      this.waiting,
      this.tooltip,
      this.inspectLive,
    );
    this.eventLine = h('div', { class: 'event-line', attrs: { 'aria-live': 'off' } });
    this.posterior = new PosteriorView(index);
    this.pad = new PlayPad((a) => this.hooks.act(a));
    this.pad.element.hidden = true;
    this.element = h(
      'article',
      { class: 'pane', dataset: { pane: String(index) }, attrs: { 'aria-label': `Agent ${index + 1}` } },
      h(
        'header',
        {},
        h('span', { class: 'chip', style: { background: colour } }),
        this.title,
        this.opts,
        this.outcome,
        zoomBar,
        this.whyButton,
      ),
      this.stage,
      this.pad.element,
      h('dl', { class: 'stats' }, s.episode.el, s.step.el, s.ret.el, s.pokes.el, s.deaths.el),
      this.eventLine,
      this.why.element,
      this.posterior.element,
    );
    this.listen();
  }

  async init(): Promise<void> {
    this.view = await WorldView.create(this.stage, 64, 64);
    this.view.canvas.setAttribute('aria-hidden', 'true');
    this.view.canvas.dataset.pane = String(this.index);
  }

  setAgent(catalog: Catalog, agent: string, options: Record<string, unknown>): void {
    this.human = agent === HUMAN;
    const meta = catalog.agents.find((a) => a.name === agent);
    setText(this.title, this.human ? 'you' : (meta?.name ?? agent));
    this.title.title = this.human ? 'You, playing with the keyboard or the pad' : (meta?.title ?? agent);
    const defaults = Object.fromEntries((meta?.options ?? []).map((o) => [o.name, o.default]));
    const changed = Object.entries(options).filter(([k, v]) => defaults[k] !== v);
    setText(this.opts, changed.map(([k, v]) => `${k}=${String(v)}`).join(' '));
    this.element.setAttribute(
      'aria-label',
      this.human ? `Pane ${this.index + 1}: you` : `Agent ${this.index + 1}: ${agent}`,
    );
    this.element.classList.toggle('human', this.human);
    this.stage.setAttribute(
      'aria-label',
      `Map of ${this.human ? 'your run' : `agent ${this.index + 1} (${agent})`}. Arrow keys inspect cells, plus and minus zoom, 0 fits.`,
    );
    this.pad.element.hidden = !this.human;
  }

  /** Shows why the pane has nothing to show (an agent that refused the world or options). */
  setFailure(message: string | null): void {
    this.failure = message;
    setAttr(this.element, 'data-error', message);
  }

  /** Shows a world at `cell` pixels per cell (repaints the terrain). */
  setWorld(world: WorldInfo, cell: number): void {
    this.world = world;
    this.cell = cell;
    this.view?.setWorld(world, cell, agentColour(this.index));
    this.view?.setViewport(this.hooks.viewport());
    this.inspected = -1;
    this.lastPosteriorKey = '';
  }

  setStore(store: RunStore | null, runKey: number): void {
    this.store = store;
    this.runKey = runKey;
    this.lastPosteriorKey = '';
    this.lastFrame = -1;
    this.failure = null;
    this.highlight = null;
    setAttr(this.element, 'data-error', null);
    setAttr(this.element, 'data-hash', null);
    setAttr(this.element, 'data-outcome', null);
    setAttr(this.element, 'data-steps', null);
  }

  /** The shared viewport changed. */
  applyViewport(v: Viewport): void {
    this.view?.setViewport(v);
    if (this.hover >= 0) this.tooltip.hidden = true;
  }

  toggleWhy(): void {
    const open = !this.why.open;
    this.why.setOpen(open);
    this.whyButton.setAttribute('aria-expanded', String(open));
    this.whyButton.classList.toggle('active', open);
    this.hooks.redraw();
  }

  /**
   * Renders the frame under `cursor`, and with `readouts` the pane's DOM (numbers, event line, posterior
   * list; the app asks for them at most ten times a second). Returns the status (for the comparison table).
   */
  draw(cursor: Cursor, phase: number, overlays: Overlays, episodes: number, readouts = true): PaneStatus {
    const store = this.store;
    const world = this.world;
    const view = this.view;
    if (!store || !world || !view) {
      if (this.waiting.hidden) this.waiting.hidden = false;
      setText(this.waiting, this.failure ? `Refused: ${this.failure}` : 'computing…');
      this.waiting.classList.toggle('failed', this.failure !== null);
      return this.status;
    }
    const e = cursor.episode;
    const meta = store.episodes[e];
    const frame = store.frameAt(e, cursor.step);
    const hideWaiting = frame >= 0 && store.error === null;
    if (this.waiting.hidden !== hideWaiting) this.waiting.hidden = hideWaiting;
    this.waiting.classList.toggle('failed', store.error !== null);
    if (store.error) setText(this.waiting, `Stopped: ${store.error}`);
    else setText(this.waiting, 'computing…');
    const f = store.frames;
    const trapEntry = frame >= 0 ? store.trap.entryAt(frame, meta.start) : -1;
    const postEntry = frame >= 0 ? store.posterior.entryAt(frame, meta.start) : -1;
    if ((overlays.noReturn || overlays.values) && meta) this.hooks.requestAnalysis(store, e);
    const analysis = meta ? this.hooks.analysis(store, e) : { kinds: null, view: null };
    const intent = frame >= 0 ? this.intent(store, world, meta, frame) : { plan: null, experiment: null };
    const input: ViewFrame = {
      frames: f,
      start: meta ? meta.start : 0,
      frame,
      phase: frame >= 0 && frame - (meta?.start ?? 0) === cursor.step ? phase : 1,
      episode: e,
      runKey: this.runKey,
      trap: trapEntry >= 0 ? { key: trapEntry, values: store.trap.valueAt(frame, meta.start)! } : null,
      posterior:
        postEntry >= 0 ? { key: postEntry, values: store.posterior.valueAt(frame, meta.start)! } : null,
      plan: intent.plan,
      experiment: intent.experiment,
      truth: meta ? meta.truth : null,
      kinds: analysis.kinds,
      analysis: analysis.view,
      ghosts: this.hooks.ghosts(this.index, e) ?? NO_GHOSTS,
      episodes: store.episodes,
    };
    view.update(input, overlays);
    view.render();
    this.lastIntent = intent;

    // Numbers and the event line.
    const status: PaneStatus = {
      step: 0,
      ret: 0,
      pokes: 0,
      deaths: store.deathsBefore(e),
      outcome: null,
      hash: null,
      available: frame >= 0,
    };
    if (readouts) setText(this.stats.episode, `${e + 1} / ${episodes}`);
    if (frame >= 0) {
      const step = frame - meta.start;
      const counts = store.countEvents(e, frame);
      status.step = step;
      status.ret = f.ret[frame];
      status.pokes = counts.pokes;
      status.deaths += counts.deaths;
      const last = meta.end !== null && frame === meta.start + meta.count - 1;
      if (last) {
        status.outcome = meta.end!.outcome;
        status.hash = meta.end!.hash;
      }
      if (readouts) {
        this.showStatus(status, store, world, meta, frame, postEntry);
        this.why.update(store, world, meta, frame, step, this.human);
        if (this.human) this.pad.setWorld(world.actions, meta.end !== null);
      }
    }
    this.lastMeta = meta;
    this.status = status;
    return status;
  }

  /**
   * What the agent intends from where it stands, and the experiments it means to run: the option it
   * chose for its next action (its decision view: the way to each experiment's spot, the cells it
   * targets), or else the plan it recorded, from its own cell on. A plan that no longer passes through
   * the agent's cell is not what it intends now, and a dead or finished agent intends nothing: neither
   * is drawn. A row of the "Why" table under the pointer or focus is drawn instead.
   */
  private intent(
    store: RunStore,
    world: WorldInfo,
    meta: EpisodeMeta,
    frame: number,
  ): { plan: ViewFrame['plan']; experiment: ViewFrame['experiment'] } {
    const none = { plan: null, experiment: null };
    const f = store.frames;
    if (agentState(f, meta.start, frame) !== 'alive') return none;
    const pos = f.pos[frame];
    const next = Math.min(frame + 1, meta.start + meta.count - 1);
    const entry = store.decisionAt(next, meta.start);
    const candidate = this.highlight?.candidate ?? entry?.decision.candidates.find((c) => c.chosen);
    const key = this.highlight ? -this.highlight.key : (entry?.frame ?? -1);
    if (candidate && candidate.kind !== 'safe' && candidate.cells && candidate.cells.length > 0) {
      const cells = candidate.cells;
      const at = cells.indexOf(pos);
      const path = [pos];
      for (const c of at >= 0 ? cells.slice(at + 1) : cells) if (c !== path[path.length - 1]) path.push(c);
      const targets =
        candidate.kind === 'experiment'
          ? (candidate.targets ?? [...new Set(cells.filter((c) => world.cellUnknown[c] >= 0))])
          : [];
      return {
        plan: path.length > 1 ? { key: key * 4096 + Math.max(0, at), cells: Int32Array.from(path) } : null,
        experiment: targets.length > 0 ? { key, cells: Int32Array.from(targets) } : null,
      };
    }
    if (this.highlight) return none;
    const plan = store.planAt(frame, meta.start);
    if (!plan) return none;
    const at = plan.cells.indexOf(pos);
    if (at < 0) return none;
    return {
      plan: { key: -(plan.frame * 4096 + at) - 1e9, cells: at === 0 ? plan.cells : plan.cells.subarray(at) },
      experiment: null,
    };
  }

  /** The pane's numbers, outcome badge, event line and posterior list for the frame shown. */
  private showStatus(
    status: PaneStatus,
    store: RunStore,
    world: WorldInfo,
    meta: EpisodeMeta,
    frame: number,
    postEntry: number,
  ): void {
    const step = status.step;
    setText(this.stats.step, String(step));
    setText(this.stats.ret, formatNumber(status.ret));
    setText(this.stats.pokes, String(status.pokes));
    setText(this.stats.deaths, String(status.deaths));
    setText(
      this.outcome,
      status.outcome
        ? OUTCOME_TEXT[status.outcome]
        : step === 0
          ? this.human
            ? 'your move'
            : 'ready'
          : 'exploring',
    );
    setAttr(this.outcome, 'data-kind', status.outcome);
    setAttr(this.element, 'data-outcome', status.outcome);
    setAttr(this.element, 'data-episode', String(meta.episode));
    if (meta.end) {
      setAttr(this.element, 'data-hash', meta.end.hash);
      setAttr(this.element, 'data-steps', String(meta.end.steps));
    }
    if (frame !== this.lastFrame) {
      this.lastFrame = frame;
      setText(this.eventLine, describeStep(store.frames, world, frame, step));
    }
    this.updatePosterior(store, world, frame, postEntry);
  }

  private updatePosterior(store: RunStore, world: WorldInfo, frame: number, entry: number): void {
    const key = `${this.runKey}/${entry}/${frame < 0 ? -1 : store.episodes.length}`;
    if (key === this.lastPosteriorKey) return;
    this.lastPosteriorKey = key;
    if (world.keys.length === 0) return this.posterior.message('', true);
    if (entry < 0)
      return this.posterior.message(
        this.human
          ? 'You hold your own beliefs: the app does not guess them.'
          : 'This agent shows no posterior.',
        false,
      );
    const meta = store.episodeOf(frame);
    const values = store.posterior.valueAt(frame, meta?.start ?? 0);
    if (values) this.posterior.show(world, values);
  }

  // ------------------------------------------------------------------------------------------------
  // Cells by pointer and keyboard; zoom and pan

  private listen(): void {
    const st = this.stage;
    st.addEventListener('pointermove', (e) => this.onPointerMove(e));
    st.addEventListener('pointerleave', () => {
      this.hover = -1;
      if (this.inspected < 0) this.tooltip.hidden = true;
    });
    st.addEventListener('pointerdown', (e) => {
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (this.pointers.size === 2) {
        const [a, b] = [...this.pointers.values()];
        this.pinch = { d: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
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
        if (this.human && e.type === 'pointerup') this.swipe(e.clientX - d.x, e.clientY - d.y);
        else if (!d.moved && e.type === 'pointerup') this.onTap(e);
      }
    };
    st.addEventListener('pointerup', end);
    st.addEventListener('pointercancel', end);
    st.addEventListener(
      'wheel',
      (e) => {
        // Ctrl/⌘ + wheel (and a trackpad's pinch) zooms; the plain wheel keeps scrolling the page.
        if (!(e.ctrlKey || e.metaKey) || !this.view) return;
        e.preventDefault();
        const r = this.view.canvas.getBoundingClientRect();
        this.zoomBy(Math.exp(-e.deltaY * 0.0025), e.clientX - r.left, e.clientY - r.top);
      },
      { passive: false },
    );
    st.addEventListener('keydown', (e) => this.onKey(e));
    st.addEventListener('focus', () => {
      if (this.inspected < 0 && this.store && this.lastFrame >= 0)
        this.inspect(this.store.frames.pos[this.lastFrame]);
    });
    st.addEventListener('blur', () => {
      this.inspect(-1);
    });
  }

  private canvasSize(): { w: number; h: number } {
    const world = this.world!;
    return { w: world.width * this.cell, h: world.height * this.cell };
  }

  private zoomBy(factor: number, px?: number, py?: number): void {
    if (!this.world) return;
    const { w, h: hh } = this.canvasSize();
    const v = this.hooks.viewport();
    let next = zoomAt(v, factor, px ?? w / 2, py ?? hh / 2, w, hh);
    if (px === undefined && this.inspected >= 0)
      next = revealCell(next, this.inspected, this.cell, this.world.width, w, hh);
    this.hooks.setViewport(next);
  }

  private onPointerMove(e: PointerEvent): void {
    if (this.pointers.has(e.pointerId)) this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const world = this.world;
    const canvas = this.view?.canvas;
    if (!world || !canvas) return;
    if (this.pinch && this.pointers.size === 2) {
      // Two fingers: spreading them zooms about their middle, moving them together pans.
      const [a, b] = [...this.pointers.values()];
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      const mx = (a.x + b.x) / 2;
      const my = (a.y + b.y) / 2;
      const r = canvas.getBoundingClientRect();
      const { w, h: hh } = this.canvasSize();
      let v = this.hooks.viewport();
      if (this.pinch.d > 0) v = zoomAt(v, d / this.pinch.d, mx - r.left, my - r.top, w, hh);
      this.hooks.setViewport(panBy(v, mx - this.pinch.x, my - this.pinch.y, w, hh));
      this.pinch = { d, x: mx, y: my };
      return;
    }
    const d = this.drag;
    if (d && !this.human && this.hooks.viewport().zoom > 1) {
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
    const world = this.world;
    const canvas = this.view?.canvas;
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
    const sr = this.stage.getBoundingClientRect();
    this.tooltip.style.left = `${Math.max(4, Math.min(sr.width - 210, clientX - sr.left + 14))}px`;
    this.tooltip.style.top = `${Math.max(4, Math.min(sr.height - 40, clientY - sr.top + 14))}px`;
  }

  /** Whether this pane is a person still playing (their keys move them, they do not inspect). */
  private get playing(): boolean {
    return this.human && this.store !== null && !this.store.done;
  }

  /** Puts the keyboard focus on the map (a person starting to play). */
  focusMap(): void {
    this.stage.focus({ preventScroll: true });
  }

  private onKey(e: KeyboardEvent): void {
    const world = this.world;
    if (!world || e.ctrlKey || e.metaKey || e.altKey || this.playing) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
    };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      const n = e.shiftKey ? 5 : 1;
      const c =
        this.inspected >= 0 ? this.inspected : (this.store?.frames.pos[Math.max(0, this.lastFrame)] ?? 0);
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
      this.stage.blur();
    } else return;
    e.preventDefault();
  }

  /** Moves the keyboard's inspection cursor to cell c (-1: none), says what is there, keeps it in view. */
  inspect(c: number): void {
    this.inspected = c;
    this.view?.setInspect(c);
    if (c < 0 || !this.world) {
      this.tooltip.hidden = true;
      return;
    }
    const { w, h: hh } = this.canvasSize();
    const v = this.hooks.viewport();
    const next = revealCell(v, c, this.cell, this.world.width, w, hh);
    if (next.x !== v.x || next.y !== v.y) this.hooks.setViewport(next);
    const text = this.cellInfo(c);
    this.inspectLive.textContent = text.replace(/\n/g, '. ');
    const canvas = this.view?.canvas;
    if (!canvas) return;
    const r = canvas.getBoundingClientRect();
    const view = this.hooks.viewport();
    const px = (((c % this.world.width) + 1) * this.cell - view.x) * view.zoom;
    const py = ((Math.floor(c / this.world.width) + 0.5) * this.cell - view.y) * view.zoom;
    this.showTooltip(c, r.left + px, r.top + py);
  }

  private cellInfo(c: number): string {
    const world = this.world!;
    const x = c % world.width;
    const y = Math.floor(c / world.width);
    const lines = [`(${x}, ${y}) ${world.looks[world.cellLook[c]]}`];
    const t = world.cellTile[c];
    const store = this.store;
    const frame = this.lastFrame;
    const meta = store && frame >= 0 ? store.episodeOf(frame) : null;
    if (t >= 0) {
      const tile = world.tiles[t];
      lines.push(tile.description || tile.name);
    } else {
      const key = world.keys.find((k) => k.cells.includes(c));
      if (key) {
        // A theory's hypotheses name the tile they put on this cell.
        const group = key.groups.find((g) => g.cells.includes(c));
        const options = key.variants.map((v, i) =>
          !group || group.tiles[i] === v ? v : `${v} (${group.tiles[i]})`,
        );
        lines.push(`unknown ${key.key}: ${options.join(' or ')}`);
        if (store && meta) {
          const post = store.posterior.valueAt(frame, meta.start);
          if (post)
            lines.push(key.variants.map((v, i) => `${v} ${percent(post[key.offset + i])}`).join(' · '));
        }
      }
    }
    if (store && meta && t < 0) {
      const trap = store.trap.valueAt(frame, meta.start);
      if (trap) lines.push(`P(trap) ${percent(trap[c])}`);
    }
    if (store && meta) {
      const a = this.hooks.analysis(store, meta.episode).view;
      if (a && Number.isFinite(a.values[c]))
        lines.push(`value in the true world ${formatNumber(a.values[c])}`);
      if (store.frames.pos[frame] === c) lines.push(this.human ? 'you are here' : 'the agent is here');
    }
    return lines.join('\n');
  }

  /** The hovered cell, for tests and the keyboard help. */
  get hovered(): number {
    return this.hover;
  }

  /** The cell under the keyboard's inspection cursor, or -1. */
  get inspectedCell(): number {
    return this.inspected;
  }

  /** The episode shown last (for the app's play summary). */
  get shownEpisode(): EpisodeMeta | undefined {
    return this.lastMeta;
  }

  /** The agent's colour as a number (for other panes' ghosts). */
  get colour(): number {
    return hexToNumber(agentColour(this.index));
  }

  destroy(): void {
    this.view?.destroy();
    this.element.remove();
  }
}
