/**
 * One agent's pane (or the player's, in "Play yourself"): its canvas (a pixi WorldView), live numbers
 * (step, return, pokes, deaths, outcome), a line saying what just happened, "Why" (the options the agent
 * weighed), its posterior grouped by unknown, and the pad a person plays with. This module draws a frame
 * into them; handling the map (zoom, pan, cell details by hover, tap or keyboard) is map-controls.ts's.
 */
import type { Action } from '../core/format.ts';
import { agentColour } from '../render/palette.ts';
import { WorldView } from '../render/pixi-view.ts';
import type { Ghost, ViewAnalysis, ViewFrame } from '../render/view-frame.ts';
import type { Viewport } from '../render/viewport.ts';
import type { Catalog } from '../worker/session/catalog.ts';
import { HUMAN, type EpisodeMeta } from '../worker/session/protocol.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { agentIntent, NO_INTENT, type Highlight, type Intent } from './agent-intent.ts';
import { formatNumber, h, setAttr, setText } from './dom.ts';
import { MapControls, type MapHost } from './map-controls.ts';
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

/** An episode's points of no return and values in its true world (null until they arrive). */
export interface EpisodeAnalysisView {
  kinds: Uint8Array | null;
  view: ViewAnalysis | null;
}

/** Nothing fetched (yet). */
export const NO_ANALYSIS: EpisodeAnalysisView = { kinds: null, view: null };

/** What a pane asks of the app. */
export interface PaneHooks {
  /** Fetches episode e's values, policy and points of no return (drawn when they arrive). */
  requestAnalysis(store: RunStore, episode: number): void;
  analysis(store: RunStore, episode: number): EpisodeAnalysisView;
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

export class PaneView implements MapHost {
  readonly element: HTMLElement;
  view: WorldView | null = null;
  store: RunStore | null = null;
  world: WorldInfo | null = null;
  /** Whether this pane is a person playing ("Play yourself"). */
  human = false;
  private readonly map: MapControls;
  private readonly waiting: HTMLElement;
  private readonly title: HTMLElement;
  private readonly opts: HTMLElement;
  private readonly outcome: HTMLElement;
  private readonly stats: Record<'step' | 'ret' | 'pokes' | 'deaths' | 'episode', HTMLElement>;
  private readonly eventLine: HTMLElement;
  private readonly posterior: PosteriorView;
  private readonly whyButton: HTMLButtonElement;
  readonly why: WhyPanel;
  readonly pad: PlayPad;
  private lastPosteriorKey = '';
  private lastFrame = -1;
  private failure: string | null = null;
  /** What was drawn as the agent's intent last frame (for tests and debugging). */
  lastIntent: Intent = NO_INTENT;
  private highlight: Highlight | null = null;
  private highlights = 0;
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
    this.map = new MapControls(index, this, hooks, this.waiting);
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
        this.map.zoomBar,
        this.whyButton,
      ),
      this.map.element,
      this.pad.element,
      h('dl', { class: 'stats' }, s.episode.el, s.step.el, s.ret.el, s.pokes.el, s.deaths.el),
      this.eventLine,
      this.why.element,
      this.posterior.element,
    );
  }

  async init(): Promise<void> {
    this.view = await WorldView.create(this.map.element, 64, 64);
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
    this.map.element.setAttribute(
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
    this.view?.setWorld(world, cell, agentColour(this.index));
    this.view?.setViewport(this.hooks.viewport());
    this.map.setCell(cell);
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
    this.map.viewportChanged();
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
    const analysis = meta ? this.hooks.analysis(store, e) : NO_ANALYSIS;
    const intent = frame >= 0 ? agentIntent(store, world, meta, frame, this.highlight) : NO_INTENT;
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
      ghosts: this.hooks.ghosts(this.index, e),
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
    this.status = status;
    return status;
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

  /** The global frame whose numbers were shown last (-1: none yet). */
  get frameShown(): number {
    return this.lastFrame;
  }

  /** Puts the keyboard focus on the map (a person starting to play). */
  focusMap(): void {
    this.map.focus();
  }

  /** The cell under the keyboard's inspection cursor, or -1. */
  get inspectedCell(): number {
    return this.map.inspectedCell;
  }

  destroy(): void {
    this.view?.destroy();
    this.element.remove();
  }
}
