/**
 * "Why this action": for the step under the cursor, what the agent weighed when it chose the action
 * that led there (its decision view, `BeliefView.decision`): each candidate move, safe plan or chain of
 * experiments with its value, value of information, risk and cost, which hypotheses each experiment
 * tells apart, and the belief the decision came from (the posterior at the step it was made). Agents
 * that give no decision view get a plain "no explanation from this agent".
 */
import type { CandidateView } from '../core/agent.ts';
import { ACTIONS } from '../core/format.ts';
import type { EpisodeMeta } from '../worker/session/protocol.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { formatNumber, h, percent } from './dom.ts';
import { groupPosterior } from './posterior-view.ts';
import type { RunStore } from './run-store.ts';

/** The most uncertain questions shown as "the belief it came from". */
const BELIEF_ROWS = 6;

export interface WhyTarget {
  /** Highlights a candidate's cells on the map (null: none). */
  highlight(candidate: CandidateView | null): void;
}

/**
 * What an experiment tells apart, grouped: "plank@4,8, plank@5,8: sound-plank | rotten-plank" rather
 * than the same alternatives repeated for every cell.
 */
export function tellsText(tells: readonly string[]): string {
  const byAlternatives = new Map<string, string[]>();
  for (const t of tells) {
    const colon = t.lastIndexOf(': ');
    const what = colon < 0 ? t : t.slice(0, colon);
    const alternatives = colon < 0 ? '' : t.slice(colon + 2);
    const list = byAlternatives.get(alternatives) ?? [];
    byAlternatives.set(alternatives, list);
    list.push(what);
  }
  return [...byAlternatives]
    .map(([alt, what]) => (alt ? `${what.join(', ')}: ${alt}` : what.join(', ')))
    .join('; ');
}

function signed(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const s = formatNumber(v);
  return v > 0 ? `+${s}` : s;
}

export class WhyPanel {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private key = '';

  constructor(
    readonly id: string,
    private readonly target: WhyTarget,
  ) {
    this.body = h('div', { class: 'why-body' });
    this.element = h(
      'section',
      { id, class: 'why', hidden: true, attrs: { 'aria-label': 'Why this action', tabindex: -1 } },
      this.body,
    );
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  setOpen(open: boolean): void {
    this.element.hidden = !open;
    if (!open) this.target.highlight(null);
    this.key = '';
  }

  /**
   * Explains the action the agent takes from `step` of the episode `meta` (global frame `frame`): the
   * decision in force when it chose it. The map shows the same moment (and the plan it intends from it).
   */
  update(
    store: RunStore | null,
    world: WorldInfo | null,
    meta: EpisodeMeta | undefined,
    frame: number,
    step: number,
    human: boolean,
  ): void {
    if (!this.open) return;
    const next = frame + 1;
    const has = store !== null && meta !== undefined && frame >= 0 && next < meta.start + meta.count;
    const entry = has ? store.decisionAt(next, meta.start) : null;
    const key = `${store?.info.session ?? -1}/${frame}/${has}/${entry?.frame ?? -1}/${store?.decisions.length ? 1 : 0}/${human}`;
    if (key === this.key) return;
    this.key = key;
    const say = (text: string) => this.body.replaceChildren(h('p', { class: 'why-note', text }));
    if (human) return say('No explanation from this agent: this pane is you. Your choices are your own.');
    if (!store || !world || !meta || frame < 0) return say('Nothing computed yet.');
    if (store.decisions.length === 0 && (store.done || store.frames.length > 1))
      return say(
        `No explanation from this agent: ${store.info.agent} does not report the options it weighed. (Agents that do, such as the prober, show them here.)`,
      );
    if (!has)
      return say(
        meta.end !== null
          ? `The episode is over at step ${step}: there is no next action to explain.`
          : 'Computing…',
      );
    const action = ACTIONS[store.frames.action[next]] ?? '?';
    if (!entry) return say(`At step ${step} it takes ${action}. No decision reported for this step yet.`);
    const d = entry.decision;
    const made = d.step;
    const stale = made < step;
    const rows = [...d.candidates].sort((a, b) => Number(b.chosen) - Number(a.chosen) || b.value - a.value);
    const table = h(
      'table',
      { class: 'why-table' },
      h('caption', {
        text: `Options weighed at step ${made}: value is the agent's own estimate of expected discounted return; VOI is value minus the safe plan's.`,
      }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['option', 'value', 'VOI', 'risk', 'cost (steps)'].map((t) =>
            h('th', { text: t, attrs: { scope: 'col' } }),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((c) => {
          const tr = h(
            'tr',
            {
              class: c.chosen ? 'chosen' : '',
              dataset: { kind: c.kind },
              attrs: { tabindex: 0, 'aria-label': `${c.chosen ? 'chosen: ' : ''}${c.label}` },
              on: {
                mouseenter: () => this.target.highlight(c),
                focus: () => this.target.highlight(c),
                mouseleave: () => this.target.highlight(null),
                blur: () => this.target.highlight(null),
              },
            },
            h(
              'th',
              { attrs: { scope: 'row' } },
              c.chosen ? h('span', { class: 'chosen-mark', text: '✓ ' }) : null,
              `${c.label}`,
              h('span', { class: 'kind', text: ` (${c.kind})` }),
              c.tells && c.tells.length > 0
                ? h('span', { class: 'tells', text: `tells apart ${tellsText(c.tells)}` })
                : null,
            ),
            h('td', { text: formatNumber(c.value) }),
            h('td', { text: c.kind === 'safe' ? '0' : signed(c.voi) }),
            h('td', { text: percent(c.risk) }),
            h('td', { text: String(c.cost) }),
          );
          return tr;
        }),
      ),
    );
    this.body.replaceChildren(
      h(
        'p',
        { class: 'why-summary' },
        h('strong', { text: `At step ${step} it takes ${action}. ` }),
        d.summary,
        stale ? ` (Decided at step ${made}; the agent is still following that decision.)` : '',
      ),
      h(
        'div',
        { class: 'why-scroll', attrs: { tabindex: 0, role: 'region', 'aria-label': 'Options weighed' } },
        table,
      ),
      this.belief(store, world, meta, made),
    );
  }

  /** The posterior at the step the decision was made: its most uncertain questions. */
  private belief(store: RunStore, world: WorldInfo, meta: EpisodeMeta, made: number): HTMLElement {
    const frame = Math.min(meta.start + made, meta.start + meta.count - 1);
    const values = store.posterior.valueAt(frame, meta.start);
    if (!values || world.keys.length === 0)
      return h('p', { class: 'why-note', text: 'The belief it came from: this agent shows no posterior.' });
    const rows = groupPosterior(world, values)
      .flatMap((g) => g.rows.map((r) => ({ r, g })))
      .filter(({ r }) => r.bits > 1e-6)
      .sort((a, b) => b.r.bits - a.r.bits);
    const open = rows.length;
    const items = rows
      .slice(0, BELIEF_ROWS)
      .map(({ r, g }) =>
        h(
          'li',
          {},
          h('span', { class: 'key', text: r.key.key }),
          ': ',
          g.order.map((i) => `${r.key.variants[i]} ${percent(values[r.key.offset + i])}`).join(', '),
        ),
      );
    return h(
      'div',
      { class: 'why-belief' },
      h('p', {
        text:
          open === 0
            ? `The belief it came from (step ${made}): every question settled.`
            : `The belief it came from (step ${made}): ${open} open question${open === 1 ? '' : 's'}${open > BELIEF_ROWS ? `, the ${BELIEF_ROWS} most uncertain` : ''}:`,
      }),
      items.length > 0 ? h('ul', {}, ...items) : null,
    );
  }
}
