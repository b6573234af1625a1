/**
 * The runs on show: one worker session per pane, all restarted whenever the configuration changes. A key
 * that changes with every restart keeps late messages from an old run out of the new one's panes.
 */
import type { Catalog } from '../worker/session/catalog.ts';
import type { SessionConfig } from '../worker/session/protocol.ts';
import { startRun, type PaneRunHandle, type WorkerPool } from './client.ts';
import { showErrors } from './messages.ts';
import type { PaneView } from './pane.ts';
import type { PaneProgress } from './playback.ts';
import type { RunStore } from './run-store.ts';
import type { RunConfig } from './state.ts';
import { worldRef } from './worlds.ts';

const NO_PROGRESS = (complete: boolean): PaneProgress => ({
  availability: () => ({ count: 0, complete }),
  lastEpisode: () => -1,
  done: complete,
});

export interface RunEvents {
  /** Something new to draw (a run opened, frames or points of no return arrived). */
  changed(): void;
  /** A batch of frames arrived for the current runs. */
  batch(): void;
}

export class Runs {
  handles: PaneRunHandle[] = [];
  /** Changes with every restart. */
  key = 0;

  constructor(
    private readonly pool: WorkerPool,
    private readonly panes: readonly PaneView[],
    private readonly events: RunEvents,
  ) {}

  cancel(): void {
    for (const r of this.handles) r.cancel();
    this.handles = [];
  }

  /** Starts a session per pane for `config` (the panes must exist). */
  start(config: RunConfig, catalog: Catalog): void {
    this.key++;
    const key = this.key;
    this.handles = config.panes.map((p, i) => {
      const pane = this.panes[i];
      pane.setAgent(catalog, p.agent, p.options);
      pane.setStore(null, key);
      const session: SessionConfig = {
        world: worldRef(config.world),
        agent: p.agent,
        options: p.options,
        seed: config.seed,
        episodes: config.episodes,
        truth: config.truth,
      };
      return startRun(
        this.pool.get(i),
        session,
        (store) => {
          if (key !== this.key) return;
          pane.setStore(store, key);
          this.events.changed();
        },
        (store, batch) => {
          if (key !== this.key) return;
          this.events.changed();
          if (batch.error) showErrors(`${store.info.agent} stopped`, [batch.error]);
          this.events.batch();
        },
        (err) => {
          if (key !== this.key) return;
          showErrors(`Agent ${i + 1} (${p.agent}) could not run`, err.errors);
        },
      );
    });
  }

  stores(): (RunStore | null)[] {
    return this.handles.map((r) => r.store);
  }

  progress(): PaneProgress[] {
    return this.handles.map((r) => r.store ?? NO_PROGRESS(r.error !== null));
  }

  /** Asks the worker of `store`'s pane for episode e's points of no return (once; drawn on arrival). */
  fetchKinds(store: RunStore, e: number): void {
    if (store.kinds.has(e)) return;
    store.kinds.set(e, new Uint8Array(0));
    const i = this.panes.findIndex((p) => p.store === store);
    if (i < 0) return;
    void this.pool
      .get(i)
      .irreversibility(store.info.session, e)
      .then((kinds) => {
        store.kinds.set(e, kinds);
        this.events.changed();
      })
      .catch(() => store.kinds.delete(e));
  }
}
