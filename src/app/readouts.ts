/**
 * The watch page's words and numbers around the maps: the playbar, the comparison table, the command
 * lines that reproduce the runs, the charts, the result of "Play yourself" and the performance line, and
 * each outcome said to screen readers once. The app draws the maps every frame and these at most every
 * READOUT_MS (App.draw says why); their elements are looked up once.
 */
import type { Catalog } from '../worker/session/catalog.ts';
import { HUMAN } from '../worker/session/protocol.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { updateCompareTable } from './compare-table.ts';
import { byId, formatNumber, setText } from './dom.ts';
import { announce } from './messages.ts';
import type { PaneStatus, PaneView } from './pane.ts';
import { perfReadout, type FrameStats } from './perf.ts';
import { showPlayResult, type PlayResultActions } from './play-result.ts';
import { Playbar } from './playbar.ts';
import { reachable, type PaneProgress } from './playback.ts';
import type { Player } from './player.ts';
import { updateReproduce } from './reproduce.ts';
import { RunCharts } from './run-charts.ts';
import type { RunStore } from './run-store.ts';
import type { AppState } from './state.ts';

/** Minimum interval between DOM readout updates (see App.draw). */
export const READOUT_MS = 100;

/** Minimum interval between updates of the performance line. */
const PERF_MS = 500;

/** The runs on show (runs.ts's Runs). */
export interface RunsShown {
  stores(): readonly (RunStore | null)[];
  progress(): PaneProgress[];
}

export class Readouts {
  private readonly playbar: Playbar;
  private readonly charts: RunCharts;
  private readonly compare = byId('compare');
  private readonly reproduce = byId('reproduce');
  private readonly playResult = byId('play-result');
  private readonly perf = byId('perf');
  private lastPerfUpdate = 0;
  /** Outcomes already announced, by run, pane and episode. */
  private readonly announced = new Set<string>();

  constructor(
    player: Player,
    private readonly playResultActions: PlayResultActions,
  ) {
    this.playbar = new Playbar(byId('playbar'), player);
    this.charts = new RunCharts(byId('charts'));
  }

  /** The playbar, table, commands, charts and play result for the cursor. */
  update(
    s: AppState,
    statuses: readonly PaneStatus[],
    runs: RunsShown,
    catalog: Catalog,
    world: WorldInfo | null,
  ): void {
    const stores = runs.stores();
    this.playbar.update(s, reachable(runs.progress(), s.cursor.episode));
    updateCompareTable(this.compare, s.config, s.cursor.episode, statuses, stores);
    updateReproduce(this.reproduce, s.config, catalog, world, stores);
    this.charts.update(s.cursor, s.config, stores);
    const shown = showPlayResult(this.playResult, s.config, stores, this.playResultActions);
    document.body.classList.toggle('play-over', shown);
  }

  /** The chart legend's agents (from the configuration; no need to wait for a frame). */
  updateLegend(agents: readonly string[]): void {
    this.charts.updateLegend(agents);
  }

  /** The performance line (workers, frames, memory, the first pane's renderer), at most every PERF_MS. */
  updatePerf(now: number, runs: RunsShown, frames: FrameStats, panes: readonly PaneView[]): void {
    if (now - this.lastPerfUpdate <= PERF_MS) return;
    this.lastPerfUpdate = now;
    setText(this.perf, perfReadout(runs.stores(), frames.summary(), panes[0]?.view?.renderer));
  }

  /** Says each agent's outcome once per run (`runKey`), pane and episode; a person's is said elsewhere. */
  announceOutcomes(statuses: readonly PaneStatus[], runKey: number, state: AppState): void {
    statuses.forEach((st, i) => {
      if (!st.outcome) return;
      const key = `${runKey}/${i}/${state.cursor.episode}`;
      if (this.announced.has(key)) return;
      this.announced.add(key);
      const agent = state.config.panes[i]?.agent ?? '';
      if (agent === HUMAN) return;
      announce(`${agent}: ${st.outcome} at step ${st.step}, return ${formatNumber(st.ret)}.`);
    });
  }

  /** New runs started: what was announced about the old ones is forgotten. */
  runsStarted(): void {
    this.announced.clear();
  }
}
