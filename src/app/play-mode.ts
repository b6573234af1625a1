/**
 * "Play yourself": the first pane becomes a person beside an agent on the same world and seed (one
 * episode). This module switches the mode on and off, sends the person's moves to their worker, says how
 * their episode ended, and gives each map the other runs' trajectories (ghosts) once it is over.
 */
import type { Outcome } from '../core/episode.ts';
import type { Action as GameAction } from '../core/format.ts';
import { agentColour, hexToNumber } from '../render/palette.ts';
import type { Ghost } from '../render/view-frame.ts';
import { HUMAN } from '../worker/session/protocol.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { formatNumber } from './dom.ts';
import { announce } from './messages.ts';
import type { PaneView } from './pane.ts';
import type { Player } from './player.ts';
import type { RunStore } from './run-store.ts';
import type { Runs } from './runs.ts';
import type { Action, Store } from './state.ts';
import type { View } from './url.ts';

/** What the app lends play mode. */
export interface PlayHost {
  readonly store: Store;
  readonly world: WorldInfo | null;
  readonly view: View;
  readonly panes: readonly PaneView[];
  readonly player: Player;
  dispatch(a: Action): void;
  showView(view: View): Promise<void>;
  /** Something changed on the maps: draw again. */
  redraw(): void;
}

/** How the person's episode ended, said after "You". */
const YOUR_OUTCOME: Record<Outcome, string> = {
  goal: 'reached the goal',
  death: 'died',
  stuck: 'are stuck for good',
  truncated: 'ran out of time',
};

const NO_GHOSTS: readonly Ghost[] = [];

export class PlayMode {
  /** Each pane's ghosts and what they were made from (the run and every other run's length). */
  private readonly ghostLists = new Map<number, { key: string; list: readonly Ghost[] }>();

  constructor(
    private readonly host: PlayHost,
    private readonly runs: Runs,
  ) {}

  /** Whether the first pane is a person. */
  active(): boolean {
    return this.host.store?.state.config.panes.some((p) => p.agent === HUMAN) ?? false;
  }

  /** Whether a person is playing now (their episode not over): their keys move them. */
  playing(): boolean {
    const h = this.runs.human();
    return this.active() && h !== null && h.store !== null && !h.store.done;
  }

  toggle(): void {
    if (this.host.view === 'watch' && this.active()) this.stop();
    else void this.host.showView('watch').then(() => this.start());
  }

  /** You against the first agent shown, on the same world and seed (one episode). */
  start(): void {
    const c = this.host.store.state.config;
    const agent = c.panes.find((p) => p.agent !== HUMAN && p.agent !== 'oracle') ?? {
      agent: 'prober',
      options: {},
    };
    this.host.dispatch({
      type: 'setConfig',
      config: { ...c, panes: [{ agent: HUMAN, options: {} }, agent], episodes: 1 },
    });
    // The keys go to the game: focus on the player's map (not on the button just pressed, where Space
    // would press it again). The pad under the map says which keys do what.
    requestAnimationFrame(() => this.host.panes[0]?.focusMap());
  }

  stop(): void {
    const c = this.host.store.state.config;
    const panes = c.panes.filter((p) => p.agent !== HUMAN);
    this.host.dispatch({
      type: 'setConfig',
      config: { ...c, panes: panes.length > 0 ? panes : [{ agent: 'prober', options: {} }] },
    });
  }

  /** A person's move: played in their pane's worker, then the cursor follows them. */
  act(action: GameAction): void {
    const h = this.runs.human();
    const store = h?.store;
    if (!h || !store || store.done) return;
    const world = this.host.world;
    if (world && !world.actions.includes(action)) {
      announce(`${action} is not allowed in this world.`);
      return;
    }
    void h.act(action);
  }

  /** The person's move came back: the cursor goes to it, and the end of the episode is said. */
  played(store: RunStore): void {
    const meta = store.episodes[0];
    if (!meta) return;
    this.host.player.seek({ episode: 0, step: meta.count - 1 });
    this.host.redraw();
    if (meta.end)
      announce(
        `You ${YOUR_OUTCOME[meta.end.outcome]} at step ${meta.end.steps}, return ${formatNumber(meta.end.return)}.`,
      );
  }

  /**
   * Other runs' trajectories for pane `pane`'s map, once the person's episode is over. The same list
   * (the renderer redraws when it is another) until a run gets longer or the runs start again.
   */
  ghosts(pane: number, e: number): readonly Ghost[] {
    if (!this.active() || e !== 0) return NO_GHOSTS;
    const human = this.runs.human()?.store;
    if (!human?.episodes[0]?.end) return NO_GHOSTS;
    const stores = this.runs.stores();
    const others = (s: RunStore | null, i: number): s is RunStore =>
      i !== pane && s !== null && (s.episodes[0]?.count ?? 0) > 0;
    let key = String(this.runs.key);
    stores.forEach((s, i) => {
      if (others(s, i)) key += `/${i}:${s.episodes[0].count}`;
    });
    const last = this.ghostLists.get(pane);
    if (last?.key === key) return last.list;
    const list: Ghost[] = [];
    stores.forEach((s, i) => {
      if (!others(s, i)) return;
      const m = s.episodes[0];
      list.push({
        cells: s.frames.pos.slice(m.start, m.start + m.count),
        colour: hexToNumber(agentColour(i)),
      });
    });
    this.ghostLists.set(pane, { key, list });
    return list;
  }
}
