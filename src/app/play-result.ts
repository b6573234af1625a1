/**
 * After "Play yourself": the person's run beside the agents' on the same world and seed, outcome,
 * steps, return and the moves of each, with the trajectories drawn on each other's maps (as ghosts).
 */
import { ACTIONS } from '../core/format.ts';
import { agentColour } from '../render/palette.ts';
import { HUMAN } from '../worker/session/protocol.ts';
import { formatNumber, h } from './dom.ts';
import type { RunStore } from './run-store.ts';
import type { RunConfig } from './state.ts';

const OUTCOME: Record<string, string> = {
  goal: 'reached the goal',
  death: 'died',
  stuck: 'got stuck for good',
  truncated: 'ran out of time',
};

export interface PlayResultActions {
  again(): void;
  newSeed(): void;
  watch(): void;
}

/** How episode 0 of pane i's run ended (null: not yet, or no run). */
function firstEnd(stores: readonly (RunStore | null)[], i: number) {
  return stores[i]?.episodes[0]?.end ?? null;
}

/** One line per run of episode 0: who, outcome, steps, return and moves. */
export function playRows(config: RunConfig, stores: readonly (RunStore | null)[]) {
  return config.panes.map((p, i) => {
    const store = stores[i];
    const end = firstEnd(stores, i);
    const moves = end && store ? store.trajectory(0).actions.map((a) => ACTIONS[a]) : [];
    return { who: p.agent === HUMAN ? 'You' : p.agent, human: p.agent === HUMAN, pane: i, end, moves };
  });
}

/** Fills `host` with the comparison once the person's episode is over (hides it otherwise). */
export function showPlayResult(
  host: HTMLElement,
  config: RunConfig,
  stores: readonly (RunStore | null)[],
  actions: PlayResultActions,
): boolean {
  const you = config.panes.findIndex((p) => p.agent === HUMAN);
  const yours = you >= 0 ? firstEnd(stores, you) : null;
  if (!yours) {
    host.hidden = true;
    host.replaceChildren();
    return false;
  }
  const key = config.panes.map((_, i) => `${firstEnd(stores, i)?.hash ?? '…'}`).join('/');
  if (host.dataset.key === key && !host.hidden) return true;
  host.dataset.key = key;
  host.hidden = false;
  // The rows (and each run's moves) are built only when the comparison is drawn again.
  const rows = playRows(config, stores);
  const agents = rows.filter((r) => !r.human);
  let verdict = 'The agent is still playing…';
  if (agents.every((r) => r.end)) {
    const best = agents.reduce((a, b) => (b.end!.return > a.end!.return ? b : a));
    const diff = yours.return - best.end!.return;
    verdict =
      diff > 0
        ? `You did best, by ${formatNumber(diff)}.`
        : diff === 0
          ? `A tie with ${best.who}: the same return.`
          : `${best.who} did better, by ${formatNumber(-diff)}.`;
  }
  host.replaceChildren(
    h('h2', { text: `Your run and the agent's, seed ${config.seed}` }),
    h('p', { text: verdict }),
    h(
      'table',
      { class: 'compare play-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['', 'outcome', 'steps', 'return', 'discounted', 'pokes', 'trajectory hash'].map((t) =>
            h('th', { text: t, attrs: { scope: 'col' } }),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { dataset: { who: r.human ? 'you' : 'agent' } },
            h(
              'th',
              { attrs: { scope: 'row' } },
              h('span', { class: 'chip', style: { background: agentColour(r.pane) } }),
              ` ${r.who}`,
            ),
            h('td', { text: r.end ? OUTCOME[r.end.outcome] : 'playing…' }),
            h('td', { text: r.end ? String(r.end.steps) : '…' }),
            h('td', { class: 'return', text: r.end ? formatNumber(r.end.return) : '…' }),
            h('td', { text: r.end ? formatNumber(r.end.discountedReturn) : '…' }),
            h('td', { text: r.end ? String(r.end.pokes) : '…' }),
            h('td', { class: 'hash', text: r.end?.hash ?? '' }),
          ),
        ),
      ),
    ),
    h(
      'details',
      { class: 'moves' },
      h('summary', { text: 'The moves of each run' }),
      ...rows.map((r) => h('p', {}, h('strong', { text: `${r.who}: ` }), r.moves.join(' ') || '…')),
    ),
    h('p', {
      class: 'description',
      text: 'Each map shows the other run’s path as a dashed line. Scrub back to compare step by step.',
    }),
    h(
      'div',
      { class: 'row' },
      h('button', { text: 'Play again', attrs: { type: 'button' }, on: { click: () => actions.again() } }),
      h('button', {
        text: 'Play a new seed',
        attrs: { type: 'button' },
        on: { click: () => actions.newSeed() },
      }),
      h('button', {
        text: 'Back to watching agents',
        attrs: { type: 'button' },
        on: { click: () => actions.watch() },
      }),
    ),
  );
  return true;
}
