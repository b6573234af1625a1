/**
 * Each episode's values, policy and points of no return in its true world, for the "Values" and
 * "Points of no return" overlays. They are asked of the tools worker when a pane first draws an overlay
 * that needs them (once per run and episode) and kept as long as the run is.
 */
import type { WorldRef } from '../worker/session/world-info.ts';
import type { Simulator } from './client.ts';
import { notice } from './messages.ts';
import type { EpisodeAnalysisView } from './pane.ts';
import type { RunStore } from './run-store.ts';

export interface EpisodeAnalysisEntry extends EpisodeAnalysisView {
  /** Why the values could not be computed (the points of no return still are), or null. */
  error: string | null;
}

export class EpisodeAnalyses {
  private readonly byStore = new WeakMap<RunStore, Map<number, EpisodeAnalysisEntry | 'pending'>>();

  /**
   * `world` is the world the runs are on now; `arrived` is called when an analysis came (to draw it).
   */
  constructor(
    private readonly tools: () => Simulator,
    private readonly world: () => WorldRef,
    private readonly arrived: () => void,
  ) {}

  /** Episode e's values, policy and points of no return, if they arrived. */
  get(store: RunStore, e: number): EpisodeAnalysisEntry | null {
    const a = this.byStore.get(store)?.get(e);
    return a && a !== 'pending' ? a : null;
  }

  /** Asks the tools worker for episode e's values, policy and points of no return (once). */
  request(store: RunStore, e: number): void {
    let m = this.byStore.get(store);
    if (!m) this.byStore.set(store, (m = new Map()));
    if (m.has(e)) return;
    const meta = store.episodes[e];
    if (!meta) return;
    m.set(e, 'pending');
    const entries = m;
    void this.tools()
      .episodeAnalysis(this.world(), meta.truth)
      .then((a) => {
        entries.set(e, {
          kinds: a.kinds,
          view: a.error ? null : { values: a.values, policy: a.policy },
          error: a.error,
        });
        if (a.error) notice(`Values are not available for this world: ${a.error}`);
        this.arrived();
      })
      .catch(() => entries.delete(e));
  }
}
