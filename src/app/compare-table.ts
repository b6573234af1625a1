/**
 * The comparison table: one row per agent with its step, return, pokes, deaths, outcome, mean return
 * over finished episodes (when there are several) and trajectory hash at the cursor.
 */
import { agentColour } from '../render/palette.ts';
import { formatNumber, h, setAttr, setText } from './dom.ts';
import type { PaneStatus } from './pane.ts';
import type { RunStore } from './run-store.ts';
import type { RunConfig } from './state.ts';

export function updateCompareTable(
  table: HTMLElement,
  config: RunConfig,
  episode: number,
  statuses: readonly PaneStatus[],
  stores: readonly (RunStore | null | undefined)[],
): void {
  const rows = config.panes.map((p, i) => {
    const st = statuses[i];
    const store = stores[i];
    const ended = store ? store.episodes.filter((m) => m?.end && m.episode <= episode) : [];
    const mean = ended.length > 0 ? ended.reduce((a, m) => a + m.end!.return, 0) / ended.length : NaN;
    return [
      p.agent,
      st?.available ? String(st.step) : '…',
      st?.available ? formatNumber(st.ret) : '…',
      st ? String(st.pokes) : '…',
      st ? String(st.deaths) : '…',
      st?.outcome ?? (st?.available ? '—' : 'computing'),
      config.episodes > 1 ? formatNumber(mean) : null,
      st?.hash ?? '',
    ];
  });
  const multi = config.episodes > 1;
  // The table's structure changes with the agents; its cells change every frame and are set in place.
  const shape = JSON.stringify([config.panes.map((p) => p.agent), multi]);
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
