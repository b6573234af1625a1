/**
 * A pane's posterior, grouped and searchable. One group per unknown or theory (big-64's 105 bog cells
 * are one group, not 105 rows): its header says how many of its questions are still open and how many
 * traps it is expected to hide, and shows which colour is which tile. Within a group the most uncertain
 * questions come first; a search box finds a cell (`bog@12,4`, `12,4`) or a group. Bars show every
 * variant in the same fixed order (harmless left, deadly right) and colours as the map's bars.
 */
import { variantPalette } from '../render/palette.ts';
import { worstTile } from '../render/scene.ts';
import type { PosteriorKey, WorldInfo } from '../worker/session/world-info.ts';
import { h, percent } from './dom.ts';

/** Rows shown per group until "show all" is pressed. */
const ROWS_SHOWN = 12;
/** Rows at most in a group, even shown all (the search finds the rest). */
const ROWS_MAX = 400;

export interface PosteriorRow {
  key: PosteriorKey;
  /** Entropy in bits. */
  bits: number;
  /** Probability that the cell (or one of the theory's cells) is a trap. */
  trap: number;
}

export interface PosteriorGroup {
  /** The unknown's or theory's id. */
  id: string;
  scope: string;
  rows: PosteriorRow[];
  open: number;
  expectedTraps: number;
  /** Variants (tile or hypothesis names) in the bars' fixed order, with their colours. */
  legend: { name: string; colour: string }[];
  order: number[];
  colours: string[];
}

/** Groups a posterior vector by unknown, most uncertain question first (stable otherwise). */
export function groupPosterior(world: WorldInfo, values: ArrayLike<number>): PosteriorGroup[] {
  const groups = new Map<string, PosteriorGroup>();
  for (const k of world.keys) {
    const id = k.key.includes('@') ? k.key.slice(0, k.key.indexOf('@')) : k.key;
    let g = groups.get(id);
    if (!g) {
      const tiles = k.variants.map((_v, i) => worstTile(world.tiles, k, i));
      const { order, colours } = variantPalette(tiles);
      const u = world.unknowns[k.unknown];
      g = {
        id,
        scope: k.groups.length > 1 ? 'theory' : (u?.scope ?? 'each'),
        rows: [],
        open: 0,
        expectedTraps: 0,
        legend: order.map((i) => ({ name: k.variants[i], colour: colours[i] })),
        order,
        colours,
      };
      groups.set(id, g);
    }
    let bits = 0;
    let trap = 0;
    for (let i = 0; i < k.variants.length; i++) {
      const p = values[k.offset + i];
      if (p > 0) bits -= p * Math.log2(p);
      const t = worstTile(world.tiles, k, i);
      if (t && (t.effect === 'death' || t.effect === 'stuck') && p > 0) trap += p;
    }
    g.rows.push({ key: k, bits, trap });
    if (bits > 1e-6) g.open++;
    g.expectedTraps += trap * k.cells.length;
  }
  for (const g of groups.values()) g.rows.sort((a, b) => b.bits - a.bits);
  return [...groups.values()];
}

/** Whether a row matches a search: its key, its cell as "x,y", or its group's id. */
export function matchesSearch(row: PosteriorRow, group: string, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  const key = row.key.key.toLowerCase();
  return key.includes(q) || group.toLowerCase() === q;
}

export class PosteriorView {
  readonly element: HTMLDetailsElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly count: HTMLElement;
  private readonly expanded = new Set<string>();
  private last: { world: WorldInfo; values: Float32Array } | null = null;

  constructor(private readonly pane: number) {
    const searchId = `posterior-search-${pane}`;
    this.search = h('input', {
      id: searchId,
      class: 'posterior-search',
      attrs: { type: 'search', placeholder: 'Find a cell or unknown: bog@12,4', autocomplete: 'off' },
      on: { input: () => this.redraw() },
    });
    this.count = h('span', { class: 'posterior-count', attrs: { 'aria-live': 'polite' } });
    this.list = h('div', {
      class: 'posterior-groups',
      attrs: { tabindex: 0, role: 'region', 'aria-label': `Posterior of agent ${pane + 1}` },
    });
    this.element = h(
      'details',
      { class: 'posterior', attrs: { open: true } },
      h('summary', { text: 'Posterior over the unknowns' }),
      h(
        'div',
        { class: 'posterior-tools' },
        h('label', {
          attrs: { for: searchId },
          class: 'visually-hidden',
          text: `Search the posterior of agent ${pane + 1}`,
        }),
        this.search,
        this.count,
      ),
      this.list,
    );
  }

  /** Shows a message instead of the groups (no unknowns, or an agent without a posterior). */
  message(text: string, hidden: boolean): void {
    this.last = null;
    this.element.hidden = hidden;
    this.count.textContent = '';
    this.list.replaceChildren(h('p', { class: 'description', text }));
  }

  show(world: WorldInfo, values: Float32Array): void {
    this.element.hidden = false;
    this.last = { world, values };
    this.redraw();
  }

  private redraw(): void {
    if (!this.last) return;
    const { world, values } = this.last;
    const query = this.search.value;
    const groups = groupPosterior(world, values);
    let total = 0;
    let open = 0;
    let shown = 0;
    const sections = groups.flatMap((g) => {
      total += g.rows.length;
      open += g.open;
      const rows = g.rows.filter((r) => matchesSearch(r, g.id, query));
      if (rows.length === 0) return [];
      const all = this.expanded.has(g.id) || query.trim() !== '';
      const visible = rows.slice(0, all ? ROWS_MAX : ROWS_SHOWN);
      shown += visible.length;
      const more = rows.length - visible.length;
      const scope =
        g.scope === 'theory'
          ? `theory over ${g.legend.length} hypotheses`
          : g.scope === 'all'
            ? `one draw for ${g.rows[0].key.cells.length} cell${g.rows[0].key.cells.length === 1 ? '' : 's'}`
            : `each of ${g.rows.length} cell${g.rows.length === 1 ? '' : 's'}`;
      const summary = `${g.id} · ${scope} · ${g.open} open, ${g.rows.length - g.open} settled · expected traps ${g.expectedTraps.toFixed(g.expectedTraps < 10 ? 2 : 1)}`;
      return [
        h(
          'section',
          { class: 'posterior-group', dataset: { unknown: g.id } },
          h('h4', { text: summary }),
          h(
            'p',
            { class: 'key-legend' },
            ...g.legend.map((l) =>
              h(
                'span',
                {},
                h('i', { style: { background: l.colour }, attrs: { 'aria-hidden': 'true' } }),
                l.name,
              ),
            ),
          ),
          h('ol', {}, ...visible.map((r) => this.row(r, g, values))),
          more > 0
            ? h('button', {
                class: 'show-more',
                text: `Show ${Math.min(more, ROWS_MAX - visible.length) > 0 ? `all ${Math.min(rows.length, ROWS_MAX)}` : 'more'}`,
                attrs: { type: 'button', 'aria-label': `Show all ${rows.length} questions of ${g.id}` },
                on: {
                  click: () => {
                    this.expanded.add(g.id);
                    this.redraw();
                  },
                },
              })
            : null,
        ),
      ];
    });
    this.count.textContent =
      query.trim() === ''
        ? `${total} question${total === 1 ? '' : 's'}, ${open} open`
        : `${shown} match${shown === 1 ? '' : 'es'} of ${total}`;
    this.list.replaceChildren(
      ...(sections.length > 0
        ? sections
        : [h('p', { class: 'description', text: `Nothing matches “${query}”.` })]),
    );
  }

  private row(r: PosteriorRow, g: PosteriorGroup, values: ArrayLike<number>): HTMLElement {
    const k = r.key;
    const parts = g.order.map((i) => `${k.variants[i]} ${percent(values[k.offset + i])}`);
    return h(
      'li',
      { title: parts.join('\n') },
      h('span', { class: 'key', text: k.key }),
      h(
        'span',
        { class: 'bar', attrs: { role: 'img', 'aria-label': parts.join(', ') } },
        ...g.order.map((i) =>
          h('span', {
            style: { width: `${Math.max(0, values[k.offset + i]) * 100}%`, background: g.colours[i] },
          }),
        ),
      ),
      h('span', { class: 'p', text: percent(r.trap), title: 'P(trap)' }),
    );
  }
}
