/**
 * The truth: for each unknown, drawn from its prior or fixed to one variant (for all its cells at once,
 * or cell by cell when the unknown draws each cell on its own).
 */
import { h, percent, replaceChildren } from '../dom.ts';
import type { PosteriorKey } from '../../worker/session/world-info.ts';
import type { SidebarActions, SidebarContext } from './context.ts';

export class TruthSection {
  readonly element = h('section', { attrs: { 'aria-labelledby': 'truth-heading' } });
  /** The truth is a spoiler: its controls stay folded until the user opens them (kept open after). */
  private open = false;

  constructor(private readonly actions: SidebarActions) {}

  render(ctx: SidebarContext): void {
    const { world, state } = ctx;
    const truth = state.config.truth;
    if (!world || world.unknowns.length === 0) {
      replaceChildren(
        this.element,
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
              h('div', { class: 'truth-cells' }, ...keys.flatMap((k) => this.cellPicker(k, truth))),
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
    const n = Object.keys(truth).length;
    const details = h(
      'details',
      { class: 'truth-details', attrs: { open: this.open } },
      h('summary', {
        text:
          n === 0
            ? 'Everything drawn from the priors (show to fix the truth)'
            : `Fixed for ${n} cell${n === 1 ? '' : 's'}: show (a spoiler)`,
      }),
      h('div', { class: 'truth-list' }, ...rows),
      n > 0
        ? h('button', {
            id: 'clear-truth',
            text: 'Draw everything from the priors',
            attrs: { type: 'button' },
            on: { click: () => this.actions.dispatch({ type: 'clearTruth' }) },
          })
        : null,
    );
    details.addEventListener('toggle', () => (this.open = details.open));
    replaceChildren(this.element, h('h3', { id: 'truth-heading', text: 'Truth' }), details);
  }

  /** A picker for one cell of an unknown drawn cell by cell: drawn, or fixed to one variant. */
  private cellPicker(k: PosteriorKey, truth: Readonly<Record<string, string>>): HTMLElement[] {
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
  }
}
