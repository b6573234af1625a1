/**
 * One agent's pane: its canvas (a pixi WorldView), live numbers (step, return, pokes, deaths, outcome),
 * a line saying what just happened, its posterior as bars, and a hover tooltip per cell.
 */
import { agentColour, variantColour } from '../render/palette.ts';
import { WorldView } from '../render/pixi-view.ts';
import { worstTile } from '../render/scene.ts';
import type { ViewFrame } from '../render/view-frame.ts';
import type { Catalog } from '../worker/session/catalog.ts';
import type { EpisodeMeta } from '../worker/session/protocol.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { formatNumber, h, percent, setAttr, setText } from './dom.ts';
import { describeStep } from './step-text.ts';
import type { RunStore } from './run-store.ts';
import type { Cursor, Overlays } from './state.ts';

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

export class PaneView {
  readonly element: HTMLElement;
  view: WorldView | null = null;
  store: RunStore | null = null;
  world: WorldInfo | null = null;
  private readonly stage: HTMLElement;
  private readonly waiting: HTMLElement;
  private readonly title: HTMLElement;
  private readonly opts: HTMLElement;
  private readonly outcome: HTMLElement;
  private readonly stats: Record<'step' | 'ret' | 'pokes' | 'deaths' | 'episode', HTMLElement>;
  private readonly eventLine: HTMLElement;
  private readonly posteriorList: HTMLOListElement;
  private readonly posteriorBox: HTMLDetailsElement;
  private readonly tooltip: HTMLElement;
  private cell = 8;
  private hover = -1;
  private lastPosteriorKey = '';
  private lastFrame = -1;
  runKey = 0;
  status: PaneStatus = { step: 0, ret: 0, pokes: 0, deaths: 0, outcome: null, hash: null, available: false };

  constructor(readonly index: number) {
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
    this.waiting = h('div', { class: 'waiting', text: 'computing…' });
    this.tooltip = h('div', { class: 'tooltip', hidden: true, attrs: { role: 'tooltip' } });
    this.stage = h('div', { class: 'stage' }, this.waiting, this.tooltip);
    this.eventLine = h('div', { class: 'event-line', attrs: { 'aria-live': 'off' } });
    this.posteriorList = h('ol');
    this.posteriorBox = h(
      'details',
      { class: 'posterior', attrs: { open: true } },
      h('summary', { text: 'Posterior over the unknowns' }),
      this.posteriorList,
    );
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
      ),
      this.stage,
      h('dl', { class: 'stats' }, s.episode.el, s.step.el, s.ret.el, s.pokes.el, s.deaths.el),
      this.eventLine,
      this.posteriorBox,
    );
    this.stage.addEventListener('mousemove', (e) => this.onHover(e));
    this.stage.addEventListener('mouseleave', () => {
      this.hover = -1;
      this.tooltip.hidden = true;
    });
  }

  async init(): Promise<void> {
    this.view = await WorldView.create(this.stage, 64, 64);
    this.view.canvas.setAttribute('aria-label', `Map of agent ${this.index + 1}`);
    this.view.canvas.dataset.pane = String(this.index);
  }

  setAgent(catalog: Catalog, agent: string, options: Record<string, unknown>): void {
    const meta = catalog.agents.find((a) => a.name === agent);
    setText(this.title, meta?.name ?? agent);
    this.title.title = meta?.title ?? agent;
    const defaults = Object.fromEntries((meta?.options ?? []).map((o) => [o.name, o.default]));
    const changed = Object.entries(options).filter(([k, v]) => defaults[k] !== v);
    setText(this.opts, changed.map(([k, v]) => `${k}=${String(v)}`).join(' '));
    this.element.setAttribute('aria-label', `Agent ${this.index + 1}: ${agent}`);
  }

  /** Shows a world at `cell` pixels per cell (repaints the terrain). */
  setWorld(world: WorldInfo, cell: number): void {
    this.world = world;
    this.cell = cell;
    this.view?.setWorld(world, cell, agentColour(this.index));
    this.lastPosteriorKey = '';
  }

  setStore(store: RunStore | null, runKey: number): void {
    this.store = store;
    this.runKey = runKey;
    this.lastPosteriorKey = '';
    this.lastFrame = -1;
    setAttr(this.element, 'data-hash', null);
    setAttr(this.element, 'data-outcome', null);
    setAttr(this.element, 'data-steps', null);
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
      return this.status;
    }
    const e = cursor.episode;
    const meta = store.episodes[e];
    const frame = store.frameAt(e, cursor.step);
    const hideWaiting = frame >= 0 && store.error === null;
    if (this.waiting.hidden !== hideWaiting) this.waiting.hidden = hideWaiting;
    if (store.error) setText(this.waiting, `stopped: ${store.error}`);
    else setText(this.waiting, 'computing…');
    const f = store.frames;
    const trapEntry = frame >= 0 ? store.trap.entryAt(frame, meta.start) : -1;
    const postEntry = frame >= 0 ? store.posterior.entryAt(frame, meta.start) : -1;
    const plan = frame >= 0 ? store.planAt(frame, meta.start) : null;
    if (overlays.noReturn && meta && !store.kinds.has(e)) this.requestKinds?.(store, e);
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
      plan: plan ? { key: plan.frame, cells: plan.cells } : null,
      truth: meta ? meta.truth : null,
      kinds: store.kinds.get(e) ?? null,
      episodes: store.episodes,
    };
    view.update(input, overlays);
    view.render();

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
      if (readouts) this.showStatus(status, store, world, meta, frame, postEntry);
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
    setText(this.outcome, status.outcome ? OUTCOME_TEXT[status.outcome] : step === 0 ? 'ready' : 'exploring');
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

  /** Set by the app: fetches points-of-no-return kinds for an episode. */
  requestKinds: ((store: RunStore, episode: number) => void) | null = null;

  private updatePosterior(store: RunStore, world: WorldInfo, frame: number, entry: number): void {
    const key = `${this.runKey}/${entry}/${frame < 0 ? -1 : store.episodes.length}`;
    if (key === this.lastPosteriorKey) return;
    this.lastPosteriorKey = key;
    if (world.keys.length === 0 || entry < 0) {
      this.posteriorBox.hidden = world.keys.length === 0;
      this.posteriorList.replaceChildren(
        h('li', { text: world.keys.length === 0 ? '' : 'This agent shows no posterior.' }),
      );
      return;
    }
    this.posteriorBox.hidden = false;
    const values = store.posterior.valueAt(
      frame,
      store.episodes.find((m) => m && frame >= m.start && frame < m.start + m.count)?.start ?? 0,
    );
    if (!values) return;
    // The most uncertain first; settled ones summarised.
    const rows = world.keys.map((k) => {
      let hbits = 0;
      let trap = 0;
      for (let i = 0; i < k.variants.length; i++) {
        const p = values[k.offset + i];
        if (p > 0) hbits -= p * Math.log2(p);
        const t = worstTile(world.tiles, k, i);
        if (t && (t.effect === 'death' || t.effect === 'stuck') && p > 0) trap += p;
      }
      return { k, hbits, trap };
    });
    rows.sort((a, b) => b.hbits - a.hbits);
    const shown = rows.slice(0, 16);
    const items = shown.map(({ k, trap }) =>
      h(
        'li',
        { title: k.variants.map((v, i) => `${v}: ${percent(values[k.offset + i])}`).join('\n') },
        h('span', { class: 'key', text: k.key }),
        h(
          'span',
          {
            class: 'bar',
            attrs: {
              role: 'img',
              'aria-label': k.variants.map((v, i) => `${v} ${percent(values[k.offset + i])}`).join(', '),
            },
          },
          ...k.variants.map((_v, i) => {
            const t = worstTile(world.tiles, k, i);
            return h('span', {
              style: {
                width: `${Math.max(0, values[k.offset + i]) * 100}%`,
                background: t ? variantColour(t) : '#888',
              },
            });
          }),
        ),
        h('span', { class: 'p', text: percent(trap), title: 'P(trap)' }),
      ),
    );
    if (rows.length > shown.length) items.push(h('li', { text: `… and ${rows.length - shown.length} more` }));
    this.posteriorList.replaceChildren(...items);
  }

  private onHover(e: MouseEvent): void {
    const canvas = this.view?.canvas;
    const world = this.world;
    if (!canvas || !world) return;
    const r = canvas.getBoundingClientRect();
    const x = Math.floor((e.clientX - r.left) / this.cell);
    const y = Math.floor((e.clientY - r.top) / this.cell);
    if (x < 0 || y < 0 || x >= world.width || y >= world.height) {
      this.tooltip.hidden = true;
      return;
    }
    const c = y * world.width + x;
    this.hover = c;
    this.tooltip.textContent = this.cellInfo(c);
    this.tooltip.hidden = false;
    const sr = this.stage.getBoundingClientRect();
    this.tooltip.style.left = `${Math.min(sr.width - 200, e.clientX - sr.left + 14)}px`;
    this.tooltip.style.top = `${e.clientY - sr.top + 14}px`;
  }

  private cellInfo(c: number): string {
    const world = this.world!;
    const x = c % world.width;
    const y = Math.floor(c / world.width);
    const lines = [`(${x}, ${y}) ${world.looks[world.cellLook[c]]}`];
    const t = world.cellTile[c];
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
        const store = this.store;
        const meta = store?.episodes[0]
          ? store.episodes.find((m) => m && this.lastFrame >= m.start && this.lastFrame < m.start + m.count)
          : undefined;
        if (store && meta && this.lastFrame >= 0) {
          const post = store.posterior.valueAt(this.lastFrame, meta.start);
          if (post)
            lines.push(key.variants.map((v, i) => `${v} ${percent(post[key.offset + i])}`).join(' · '));
        }
      }
    }
    if (this.store && this.lastFrame >= 0) {
      const meta = this.store.episodes.find(
        (m) => m && this.lastFrame >= m.start && this.lastFrame < m.start + m.count,
      );
      const trap = meta ? this.store.trap.valueAt(this.lastFrame, meta.start) : null;
      if (trap && t < 0) lines.push(`P(trap) ${percent(trap[c])}`);
    }
    return lines.join('\n');
  }

  /** The hovered cell, for tests and the keyboard help. */
  get hovered(): number {
    return this.hover;
  }

  destroy(): void {
    this.view?.destroy();
    this.element.remove();
  }
}
