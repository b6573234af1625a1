/**
 * The runs on show: one worker session per pane (an agent's, or a person's in "Play yourself"), all
 * restarted whenever the configuration changes. A key that changes with every restart keeps late
 * messages from an old run out of the new one's panes.
 */
import type { Catalog } from '../worker/session/catalog.ts';
import { HUMAN, type SessionConfig } from '../worker/session/protocol.ts';
import {
  startHumanRun,
  startRun,
  type HumanRunHandle,
  type PaneRunHandle,
  type WorkerPool,
} from './client.ts';
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
  /** Something new to draw (a run opened, frames arrived). */
  changed(): void;
  /** A batch of frames arrived for the current runs. */
  batch(): void;
  /** A person's move came back (play mode). */
  played(store: RunStore): void;
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
      const human = p.agent === HUMAN;
      const session: SessionConfig = {
        world: worldRef(config.world),
        agent: p.agent,
        options: p.options,
        seed: config.seed,
        episodes: human ? 1 : config.episodes,
        truth: config.truth,
      };
      const onOpen = (store: RunStore) => {
        if (key !== this.key) return;
        pane.setStore(store, key);
        this.events.changed();
      };
      const onError = (err: { file: string; errors: string[] }) => {
        if (key !== this.key) return;
        pane.setFailure(err.errors.join('; '));
        showErrors(`Agent ${i + 1} (${p.agent}) could not run`, err.errors);
        this.events.changed();
      };
      if (human)
        return startHumanRun(
          this.pool.get(i),
          session,
          onOpen,
          (store) => {
            if (key !== this.key) return;
            this.events.changed();
            this.events.played(store);
          },
          onError,
        );
      return startRun(
        this.pool.get(i),
        session,
        onOpen,
        (store, batch) => {
          if (key !== this.key) return;
          this.events.changed();
          if (batch.error) showErrors(`${store.info.agent} stopped`, [batch.error]);
          this.events.batch();
        },
        onError,
      );
    });
  }

  stores(): (RunStore | null)[] {
    return this.handles.map((r) => r.store);
  }

  /** The person's run, in play mode. */
  human(): HumanRunHandle | null {
    const h = this.handles.find((r) => r.store?.info.agent === HUMAN || 'act' in r);
    return h && 'act' in h ? (h as HumanRunHandle) : null;
  }

  progress(): PaneProgress[] {
    return this.handles.map((r) => r.store ?? NO_PROGRESS(r.error !== null));
  }
}
