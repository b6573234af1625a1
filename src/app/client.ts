/**
 * The app's side of the web workers: one worker per pane (so two agents compute in parallel on two cores),
 * each serving the simulator API through comlink. A run is pulled in batches: the next batch is asked for
 * as soon as the last one arrives, so the worker is never idle and never more than one batch ahead of
 * what the app has stored.
 */
import { wrap, type Remote } from 'comlink';
import type { WorkerApi } from '../worker/browser-worker.ts';
import type { Action } from '../core/format.ts';
import type { FrameBatch, OpenResult, SessionConfig } from '../worker/session/protocol.ts';
import { RunStore } from './run-store.ts';

export type Simulator = Remote<WorkerApi>;

function startWorker(): { worker: Worker; api: Simulator } {
  const worker = new Worker(new URL('../worker/browser-worker.ts', import.meta.url), { type: 'module' });
  return { worker, api: wrap<WorkerApi>(worker) };
}

/** How much each batch may take in the worker: short at first (a quick first picture), then longer. */
const FIRST_BATCH_MS = 8;
const BATCH_MS = 30;

export class WorkerPool {
  private readonly workers: { worker: Worker; api: Simulator }[] = [];

  get(i: number): Simulator {
    while (this.workers.length <= i) this.workers.push(startWorker());
    return this.workers[i].api;
  }

  terminate(): void {
    for (const w of this.workers) w.worker.terminate();
    this.workers.length = 0;
  }
}

export interface PaneRunHandle {
  store: RunStore | null;
  error: { file: string; errors: string[] } | null;
  /** Stops pulling batches and frees the worker's session. */
  cancel(): void;
  /** Resolves when the session is done (or failed, or was cancelled). */
  finished: Promise<void>;
}

/**
 * Opens a session in `api` and pulls its batches into a RunStore until it is done. `onBatch` is called
 * after every batch (for redraws).
 */
export function startRun(
  api: Simulator,
  config: SessionConfig,
  onOpen: (store: RunStore) => void,
  onBatch: (store: RunStore, batch: FrameBatch) => void,
  onError: (error: { file: string; errors: string[] }) => void,
): PaneRunHandle {
  let cancelled = false;
  let sessionId = -1;
  const handle: PaneRunHandle = {
    store: null,
    error: null,
    cancel() {
      cancelled = true;
      if (sessionId >= 0) void api.closeSession(sessionId);
    },
    finished: Promise.resolve(),
  };
  handle.finished = (async () => {
    const opened: OpenResult = await api.openSession(config);
    if (cancelled) {
      if (opened.ok) void api.closeSession(opened.info.session);
      return;
    }
    if (!opened.ok) {
      handle.error = { file: opened.file, errors: opened.errors };
      onError(handle.error);
      return;
    }
    sessionId = opened.info.session;
    const store = new RunStore(opened.info, performance.now());
    handle.store = store;
    onOpen(store);
    let first = true;
    while (!cancelled && !store.done) {
      const batch = await api.advanceSession(sessionId, 1_000_000, first ? FIRST_BATCH_MS : BATCH_MS);
      first = false;
      if (cancelled) break;
      store.apply(batch, performance.now());
      onBatch(store, batch);
    }
  })().catch((e: unknown) => {
    if (cancelled) return;
    handle.error = { file: '', errors: [e instanceof Error ? e.message : String(e)] };
    onError(handle.error);
  });
  return handle;
}

/** A person's run ("Play yourself"): frames come one per action, as the person plays. */
export interface HumanRunHandle extends PaneRunHandle {
  /** Plays one action (in order: actions pressed quickly are queued). */
  act(action: Action): Promise<void>;
}

export function startHumanRun(
  api: Simulator,
  config: SessionConfig,
  onOpen: (store: RunStore) => void,
  onBatch: (store: RunStore, batch: FrameBatch) => void,
  onError: (error: { file: string; errors: string[] }) => void,
): HumanRunHandle {
  let cancelled = false;
  let sessionId = -1;
  let chain: Promise<void> = Promise.resolve();
  const fail = (e: unknown) => {
    if (cancelled) return;
    handle.error = { file: '', errors: [e instanceof Error ? e.message : String(e)] };
    onError(handle.error);
  };
  const handle: HumanRunHandle = {
    store: null,
    error: null,
    cancel() {
      cancelled = true;
      if (sessionId >= 0) void api.closeHuman(sessionId);
    },
    finished: Promise.resolve(),
    act(action: Action): Promise<void> {
      chain = chain
        .then(async () => {
          const store = handle.store;
          if (cancelled || !store || store.done) return;
          const batch = await api.humanAct(sessionId, action);
          if (cancelled) return;
          store.apply(batch, performance.now());
          onBatch(store, batch);
        })
        .catch(fail);
      return chain;
    },
  };
  handle.finished = (async () => {
    const { open, first } = await api.openHuman(config);
    if (cancelled) {
      if (open.ok) void api.closeHuman(open.info.session);
      return;
    }
    if (!open.ok) {
      handle.error = { file: open.file, errors: open.errors };
      onError(handle.error);
      return;
    }
    sessionId = open.info.session;
    const store = new RunStore(open.info, performance.now());
    if (first) store.apply(first, performance.now());
    handle.store = store;
    onOpen(store);
  })().catch(fail);
  chain = handle.finished;
  return handle;
}
