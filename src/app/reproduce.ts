/**
 * The command line that reproduces a pane's run: `trapworld run` with the same world, agent, options,
 * seed, episodes and truth plays the same trajectories (the hashes the comparison table shows; its
 * `--trace` file holds each step). A person's run is the scripted agent with their actions.
 */
import { ACTIONS } from '../core/format.ts';
import type { Catalog } from '../worker/session/catalog.ts';
import { HUMAN } from '../worker/session/protocol.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { h, replaceChildren } from './dom.ts';
import type { RunStore } from './run-store.ts';
import type { RunConfig } from './state.ts';
import { compressTruth } from './url.ts';

/** Quotes a shell word when it needs it. */
function word(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The `trapworld run` arguments for pane i (null for a person who has not finished yet). */
export function runCommand(
  config: RunConfig,
  i: number,
  catalog: Catalog,
  world: WorldInfo | null,
  actions: string[] | null,
): string[] | null {
  const p = config.panes[i];
  if (!p) return null;
  const worldArg = config.world.kind === 'builtin' ? config.world.name : config.world.source;
  const args = ['run', worldArg];
  if (p.agent === HUMAN) {
    if (!actions) return null;
    args.push('--actions', actions.join(','));
  } else {
    args.push('--agent', p.agent);
    const meta = catalog.agents.find((a) => a.name === p.agent);
    for (const o of meta?.options ?? [])
      if (p.options[o.name] !== undefined && p.options[o.name] !== o.default)
        args.push('--opt', `${o.name}=${String(p.options[o.name])}`);
  }
  args.push('--seed', String(config.seed));
  if (config.episodes !== 1 && p.agent !== HUMAN) args.push('--episodes', String(config.episodes));
  const truth = world
    ? compressTruth(world, config.truth)
    : Object.entries(config.truth).map(([k, v]) => `${k}=${v}`);
  for (const t of truth) args.push('--truth', t);
  return args;
}

/** Fills the "reproduce on the command line" box (rebuilt only when a command changes). */
export function updateReproduce(
  host: HTMLElement,
  config: RunConfig,
  catalog: Catalog,
  world: WorldInfo | null,
  stores: readonly (RunStore | null)[],
): void {
  const lines = config.panes.map((p, i) => {
    const store = stores[i];
    const end = store?.episodes[0]?.end;
    const actions =
      p.agent === HUMAN && end && store ? store.trajectory(0).actions.map((a) => ACTIONS[a]) : null;
    const args = runCommand(config, i, catalog, world, actions);
    return {
      agent: p.agent === HUMAN ? 'you' : p.agent,
      text: args ? `npx trapworld ${args.map(word).join(' ')}` : null,
    };
  });
  const key = JSON.stringify(lines);
  if (host.dataset.key === key) return;
  host.dataset.key = key;
  replaceChildren(
    host,
    h('summary', { text: 'Reproduce on the command line' }),
    h('p', {
      class: 'description',
      text: 'Each command plays the same episodes, with the same trajectory hashes; add --trace FILE for every step.',
    }),
    ...lines.map((l) =>
      h(
        'p',
        { class: 'command', dataset: { agent: l.agent } },
        h('code', { text: l.text ?? `(${l.agent}: once your episode is over)` }),
      ),
    ),
  );
}
