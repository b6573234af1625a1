/**
 * The settings column: world (built-in or a .json file), agents with their options (from the registry's
 * option specs), seed and episodes, the truth (drawn or fixed per unknown), overlays and the legend.
 * Sections are rebuilt only when what they show changes, keeping focus on the control being used.
 */
import {
  agentColour,
  NO_RETURN_COLOURS,
  PAST_END_COLOUR,
  tileStyle,
  variantColour,
} from '../render/palette.ts';
import { paintTile } from '../render/terrain.ts';
import type { Catalog, WorldInfo } from '../worker/session.ts';
import { h, percent, replaceChildren } from './dom.ts';
import {
  MAX_EPISODES,
  MAX_PANES,
  OVERLAYS,
  type Action,
  type AppState,
  type Overlay,
  type WorldChoice,
} from './state.ts';
import { defaultOptionsOf, parseOption } from './url.ts';

export interface SidebarContext {
  catalog: Catalog;
  world: WorldInfo | null;
  state: AppState;
  loadErrors: { file: string; errors: string[] } | null;
  /** Worlds loaded from files in this visit, offered in the picker. */
  fileWorlds: Extract<WorldChoice, { kind: 'file' }>[];
}

export interface SidebarActions {
  dispatch(a: Action): void;
  loadFile(file: File): void;
  newSeed(): number;
}

export const OVERLAY_INFO: Record<Overlay, { label: string; key: string; description: string }> = {
  heat: {
    label: 'P(trap) heatmap',
    key: 'H',
    description: "the agent's probability that each unsure cell is a trap",
  },
  bars: {
    label: 'Posterior bars',
    key: 'B',
    description: "the agent's posterior over each unknown's variants",
  },
  plan: { label: 'Plan', key: 'P', description: 'the path the agent currently intends to follow' },
  trail: { label: 'Trail', key: 'R', description: 'cells visited this episode and the last steps' },
  noReturn: {
    label: 'Points of no return',
    key: 'N',
    description: 'traps, dead ends and one-way losses in the true world',
  },
  truth: { label: 'True world', key: 'T', description: 'what every unknown really is this episode' },
};

const swatchCache = new Map<string, string>();

export function swatch(look: string, size = 36): string {
  let url = swatchCache.get(look);
  if (!url) {
    const c = document.createElement('canvas');
    c.width = c.height = size;
    paintTile(c.getContext('2d')!, tileStyle(look), 0, 0, size);
    url = c.toDataURL();
    swatchCache.set(look, url);
  }
  return url;
}

export class Sidebar {
  private readonly worldSection = h('section', { attrs: { 'aria-labelledby': 'world-heading' } });
  private readonly agentSection = h('section', { attrs: { 'aria-labelledby': 'agents-heading' } });
  private readonly runSection = h('section', { attrs: { 'aria-labelledby': 'run-heading' } });
  private readonly truthSection = h('section', { attrs: { 'aria-labelledby': 'truth-heading' } });
  private readonly overlaySection = h('section', { attrs: { 'aria-labelledby': 'overlays-heading' } });
  private readonly legendSection = h('section', { attrs: { 'aria-labelledby': 'legend-heading' } });
  private readonly seedInput: HTMLInputElement;
  private readonly episodesInput: HTMLInputElement;
  private readonly overlayBoxes = new Map<Overlay, HTMLInputElement>();
  private last: Partial<Record<string, unknown>> = {};

  constructor(
    root: HTMLElement,
    private readonly actions: SidebarActions,
  ) {
    this.seedInput = h('input', {
      id: 'seed',
      attrs: { type: 'number', step: 1, inputmode: 'numeric' },
      on: {
        change: () => {
          const v = Number(this.seedInput.value);
          const ok = this.seedInput.value.trim() !== '' && Number.isSafeInteger(v);
          this.seedInput.setAttribute('aria-invalid', String(!ok));
          if (ok) actions.dispatch({ type: 'setSeed', seed: v });
        },
      },
    });
    this.episodesInput = h('input', {
      id: 'episodes',
      attrs: { type: 'number', min: 1, max: MAX_EPISODES, step: 1 },
      on: {
        change: () => {
          const v = Number(this.episodesInput.value);
          const ok = Number.isInteger(v) && v >= 1 && v <= MAX_EPISODES;
          this.episodesInput.setAttribute('aria-invalid', String(!ok));
          if (ok) actions.dispatch({ type: 'setEpisodes', episodes: v });
        },
      },
    });
    this.runSection.append(
      h('h3', { id: 'run-heading', text: 'Run' }),
      h(
        'div',
        { class: 'row' },
        h(
          'label',
          { class: 'field', attrs: { for: 'seed' }, style: { flex: '1' } },
          h('span', { text: 'Seed' }),
          this.seedInput,
        ),
        h(
          'label',
          { class: 'field', attrs: { for: 'episodes' }, style: { flex: '1' } },
          h('span', { text: 'Episodes' }),
          this.episodesInput,
        ),
      ),
      h('button', {
        id: 'new-seed',
        text: 'New seed',
        attrs: { type: 'button' },
        on: { click: () => actions.dispatch({ type: 'setSeed', seed: actions.newSeed() }) },
      }),
    );
    const boxes = OVERLAYS.map((o) => {
      const box = h('input', {
        id: `overlay-${o}`,
        attrs: { type: 'checkbox' },
        on: { change: () => actions.dispatch({ type: 'toggleOverlay', overlay: o, on: box.checked }) },
      });
      this.overlayBoxes.set(o, box);
      return h(
        'label',
        { title: OVERLAY_INFO[o].description, attrs: { for: `overlay-${o}` } },
        box,
        OVERLAY_INFO[o].label,
        ' ',
        h('kbd', { text: OVERLAY_INFO[o].key }),
      );
    });
    this.overlaySection.append(
      h('h3', { id: 'overlays-heading', text: 'Overlays' }),
      h('div', { class: 'overlays' }, ...boxes),
    );
    root.append(
      this.worldSection,
      this.agentSection,
      this.runSection,
      this.truthSection,
      this.overlaySection,
      this.legendSection,
    );
  }

  private changed(name: string, ...values: unknown[]): boolean {
    const prev = this.last[name] as unknown[] | undefined;
    if (prev && prev.length === values.length && prev.every((v, i) => v === values[i])) return false;
    this.last[name] = values;
    return true;
  }

  update(ctx: SidebarContext): void {
    const { state, catalog, world } = ctx;
    const config = state.config;
    if (this.changed('world', catalog, config.world, world, ctx.loadErrors, ctx.fileWorlds.length))
      this.renderWorld(ctx);
    if (this.changed('agents', catalog, config.panes)) this.renderAgents(ctx);
    if (document.activeElement !== this.seedInput && this.seedInput.value !== String(config.seed))
      this.seedInput.value = String(config.seed);
    if (document.activeElement !== this.episodesInput && this.episodesInput.value !== String(config.episodes))
      this.episodesInput.value = String(config.episodes);
    if (this.changed('truth', world, config.truth)) this.renderTruth(ctx);
    for (const [o, box] of this.overlayBoxes)
      if (box.checked !== state.overlays[o]) box.checked = state.overlays[o];
    if (this.changed('legend', world)) this.renderLegend(ctx);
  }

  private renderWorld(ctx: SidebarContext): void {
    const { catalog, state, world } = ctx;
    const current = state.config.world;
    const select = h('select', {
      id: 'world-select',
      on: {
        change: () => {
          const v = select.value;
          if (v.startsWith('builtin:'))
            this.actions.dispatch({ type: 'setWorld', world: { kind: 'builtin', name: v.slice(8) } });
          else {
            const f = ctx.fileWorlds[Number(v.slice(5))];
            if (f) this.actions.dispatch({ type: 'setWorld', world: f });
          }
        },
      },
    });
    const builtins = h('optgroup', { attrs: { label: 'Built-in worlds' } });
    for (const e of catalog.environments)
      builtins.append(
        h('option', {
          text: `${e.title} (${e.width}×${e.height})`,
          attrs: {
            value: `builtin:${e.name}`,
            selected: current.kind === 'builtin' && current.name === e.name,
          },
        }),
      );
    select.append(builtins);
    if (ctx.fileWorlds.length > 0) {
      const files = h('optgroup', { attrs: { label: 'Loaded from files' } });
      ctx.fileWorlds.forEach((f, i) =>
        files.append(
          h('option', {
            text: `${f.name} (${f.source})`,
            attrs: {
              value: `file:${i}`,
              selected: current.kind === 'file' && current.text === f.text && current.source === f.source,
            },
          }),
        ),
      );
      select.append(files);
    }
    const fileInput = h('input', {
      id: 'world-file',
      class: 'visually-hidden',
      attrs: { type: 'file', accept: '.json,application/json' },
      on: {
        change: () => {
          const f = fileInput.files?.[0];
          if (f) this.actions.loadFile(f);
          fileInput.value = '';
        },
      },
    });
    const errors = ctx.loadErrors;
    replaceChildren(
      this.worldSection,
      h('h3', { id: 'world-heading', text: 'World' }),
      h('label', { class: 'visually-hidden', attrs: { for: 'world-select' }, text: 'World' }),
      select,
      world
        ? h('p', { class: 'description', id: 'world-description', text: world.description || world.title })
        : null,
      h(
        'div',
        { class: 'dropzone', id: 'dropzone' },
        h('label', { class: 'button', attrs: { for: 'world-file' }, text: 'Load a world (.json)…' }),
        fileInput,
        h('div', { text: 'or drop a .json file anywhere' }),
      ),
      h(
        'ul',
        { class: 'load-errors', id: 'world-errors', attrs: { 'aria-live': 'assertive' } },
        ...(errors
          ? [
              h('li', {
                text: `${errors.file}: could not be loaded (${errors.errors.length} error${errors.errors.length === 1 ? '' : 's'})`,
              }),
              ...errors.errors.map((e) => h('li', { text: e })),
            ]
          : []),
      ),
    );
  }

  private renderAgents(ctx: SidebarContext): void {
    const { catalog, state } = ctx;
    const panes = state.config.panes;
    const fieldsets = panes.map((pane, i) => {
      const meta = catalog.agents.find((a) => a.name === pane.agent);
      const select = h('select', {
        id: `agent-${i}`,
        class: 'agent-select',
        on: {
          change: () => {
            const next = catalog.agents.find((a) => a.name === select.value);
            if (next)
              this.actions.dispatch({
                type: 'setAgent',
                pane: i,
                agent: next.name,
                options: defaultOptionsOf(next),
              });
          },
        },
      });
      for (const a of catalog.agents)
        select.append(
          h('option', { text: a.title, attrs: { value: a.name, selected: a.name === pane.agent } }),
        );
      const options = (meta?.options ?? []).map((spec) => {
        const id = `agent-${i}-opt-${spec.name}`;
        const value = pane.options[spec.name] ?? spec.default;
        const error = h('span', { class: 'option-error', attrs: { 'aria-live': 'polite' } });
        let input: HTMLInputElement;
        if (spec.type === 'boolean') {
          input = h('input', { id, attrs: { type: 'checkbox', checked: value === true } });
          input.addEventListener('change', () =>
            this.actions.dispatch({ type: 'setOption', pane: i, key: spec.name, value: input.checked }),
          );
          return h('label', { class: 'row', attrs: { for: id }, title: spec.description }, input, spec.name);
        }
        input = h('input', {
          id,
          attrs: {
            type: spec.type === 'string' ? 'text' : 'number',
            step: spec.type === 'integer' ? 1 : spec.type === 'number' ? 'any' : undefined,
            min: spec.min,
            max: spec.max,
            value: String(value),
            'aria-describedby': `${id}-help`,
          },
        });
        input.addEventListener('change', () => {
          const parsed = parseOption(spec, input.value);
          if ('error' in parsed) {
            input.setAttribute('aria-invalid', 'true');
            error.textContent = parsed.error;
            return;
          }
          input.setAttribute('aria-invalid', 'false');
          error.textContent = '';
          this.actions.dispatch({ type: 'setOption', pane: i, key: spec.name, value: parsed.value });
        });
        return h(
          'div',
          { class: 'field' },
          h('label', { attrs: { for: id }, text: spec.name }),
          input,
          h('span', { id: `${id}-help`, class: 'row-label', text: spec.description }),
          error,
        );
      });
      return h(
        'fieldset',
        { class: 'agent', dataset: { pane: String(i) } },
        h(
          'legend',
          {},
          h('span', { class: 'chip', style: { background: agentColour(i) } }),
          `Agent ${i + 1}`,
        ),
        h('label', { class: 'visually-hidden', attrs: { for: `agent-${i}` }, text: `Agent ${i + 1}` }),
        h(
          'div',
          { class: 'row' },
          select,
          panes.length > 1
            ? h('button', {
                text: 'Remove',
                id: `remove-agent-${i}`,
                attrs: { type: 'button', 'aria-label': `Remove agent ${i + 1}` },
                on: { click: () => this.actions.dispatch({ type: 'removePane', pane: i }) },
              })
            : null,
        ),
        meta ? h('p', { class: 'description', text: meta.description }) : null,
        ...options,
      );
    });
    const addable = panes.length < MAX_PANES;
    replaceChildren(
      this.agentSection,
      h('h3', { id: 'agents-heading', text: 'Agents, side by side' }),
      ...fieldsets,
      h('button', {
        id: 'add-agent',
        text: '+ Add an agent',
        attrs: { type: 'button', disabled: !addable },
        on: {
          click: () => {
            const used = new Set(panes.map((p) => p.agent));
            const next =
              catalog.agents.find((a) => !used.has(a.name) && a.name !== 'scripted') ?? catalog.agents[0];
            this.actions.dispatch({ type: 'addPane', agent: next.name, options: defaultOptionsOf(next) });
          },
        },
      }),
    );
  }

  private renderTruth(ctx: SidebarContext): void {
    const { world, state } = ctx;
    const truth = state.config.truth;
    if (!world || world.unknowns.length === 0) {
      replaceChildren(
        this.truthSection,
        h('h3', { id: 'truth-heading', text: 'Truth' }),
        h('p', { class: 'description', text: 'This world has no unknowns: what you see is what there is.' }),
      );
      return;
    }
    const rows = world.unknowns.map((u, ui) => {
      const keys = world.keys.filter((k) => k.unknown === ui);
      const fixed = keys.map((k) => truth[k.key]);
      const all = fixed.every((t) => t !== undefined && t === fixed[0]) ? fixed[0] : undefined;
      const none = fixed.every((t) => t === undefined);
      const priorText = u.prior.map((v) => `${v.tile} ${percent(v.p)}`).join(', ');
      const id = `truth-${u.id}`;
      const select = h('select', {
        id,
        on: {
          change: () => {
            const v = select.value;
            if (v === '__mixed') return;
            this.actions.dispatch({
              type: 'setTruth',
              entries: Object.fromEntries(keys.map((k) => [k.key, v === '' ? null : v])),
            });
          },
        },
      });
      select.append(
        h('option', { text: `drawn from the prior (${priorText})`, attrs: { value: '', selected: none } }),
      );
      if (!none && all === undefined)
        select.append(
          h('option', { text: 'fixed per cell (see below)', attrs: { value: '__mixed', selected: true } }),
        );
      for (const v of u.prior)
        select.append(
          h('option', {
            text: `${keys.length > 1 ? 'all ' : ''}${v.tile}`,
            attrs: { value: v.tile, selected: all === v.tile },
          }),
        );
      const cells =
        u.scope === 'each' && keys.length > 1 && keys.length <= 40
          ? h(
              'details',
              { attrs: { open: !none && all === undefined } },
              h('summary', { text: `per cell (${keys.length})` }),
              h(
                'div',
                { class: 'truth-cells' },
                ...keys.flatMap((k) => {
                  const cid = `truth-cell-${k.key}`;
                  const s = h('select', {
                    id: cid,
                    on: {
                      change: () =>
                        this.actions.dispatch({
                          type: 'setTruth',
                          entries: { [k.key]: s.value === '' ? null : s.value },
                        }),
                    },
                  });
                  s.append(
                    h('option', {
                      text: 'drawn',
                      attrs: { value: '', selected: truth[k.key] === undefined },
                    }),
                  );
                  for (const v of k.variants)
                    s.append(h('option', { text: v, attrs: { value: v, selected: truth[k.key] === v } }));
                  return [h('label', { attrs: { for: cid }, text: k.key.slice(k.key.indexOf('@') + 1) }), s];
                }),
              ),
            )
          : null;
      return h(
        'div',
        { class: 'field' },
        h('label', {
          attrs: { for: id },
          text: `${u.id} (${u.scope === 'all' ? `one draw for all ${u.cells.length} cells` : `each of ${u.cells.length} cell${u.cells.length === 1 ? '' : 's'}`})`,
        }),
        select,
        cells,
      );
    });
    replaceChildren(
      this.truthSection,
      h('h3', { id: 'truth-heading', text: 'Truth' }),
      h('div', { class: 'truth-list' }, ...rows),
      Object.keys(truth).length > 0
        ? h('button', {
            id: 'clear-truth',
            text: 'Draw everything from the priors',
            attrs: { type: 'button' },
            on: { click: () => this.actions.dispatch({ type: 'clearTruth' }) },
          })
        : null,
    );
  }

  private renderLegend(ctx: SidebarContext): void {
    const world = ctx.world;
    if (!world) return;
    const items = world.looks.map((look) => {
      const tiles = world.tiles.filter((t) => t.look === look).map((t) => t.name);
      return h(
        'div',
        { class: 'item', title: tiles.join(', ') },
        h('img', { attrs: { src: swatch(look), alt: '' } }),
        h('span', { text: tileStyle(look).name }),
      );
    });
    const variants = new Map<string, string>();
    for (const u of world.unknowns)
      for (const v of u.prior) {
        const t = world.tiles.find((x) => x.name === v.tile);
        if (t) variants.set(t.name, variantColour(t));
      }
    const dot = (colour: string) =>
      h('span', { class: 'swatch', style: { background: colour, 'border-radius': '50%' } });
    replaceChildren(
      this.legendSection,
      h('h3', { id: 'legend-heading', text: 'Legend' }),
      h(
        'div',
        { class: 'legend' },
        ...items,
        world.unknowns.length > 0
          ? h(
              'div',
              { class: 'item wide' },
              h('span', {
                class: 'swatch',
                style: { background: '#fff', 'text-align': 'center', 'font-weight': '700' },
                text: '?',
              }),
              'an unknown: looks the same whatever it is',
            )
          : null,
        world.unknowns.length > 0
          ? h('div', { class: 'item wide' }, 'P(trap)', h('span', { class: 'heat-ramp' }), '0 → 1')
          : null,
        ...[...variants].map(([name, colour]) => h('div', { class: 'item' }, dot(colour), name)),
        h('div', { class: 'item' }, dot(NO_RETURN_COLOURS.trap), 'trap (no return)'),
        h('div', { class: 'item' }, dot(NO_RETURN_COLOURS['dead-end']), 'dead end'),
        h('div', { class: 'item' }, dot(NO_RETURN_COLOURS['no-return']), 'start lost'),
        h('div', { class: 'item' }, dot(PAST_END_COLOUR), '× earlier death'),
      ),
    );
  }
}
