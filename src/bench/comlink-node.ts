/**
 * comlink in Node, behind one small module (its last release is from 2024): the main side wraps a
 * worker thread, the worker side exposes an API on its parent port. Both go through comlink's Node
 * adapter, since Node's MessagePort has `on` where comlink expects `addEventListener`.
 */
import type { MessagePort, Worker } from 'node:worker_threads';
import { expose, wrap, type Remote } from 'comlink';
import nodeEndpoint, { type NodeEndpoint } from 'comlink/dist/esm/node-adapter.mjs';

export type { Remote };

/** The main thread's handle on an API exposed by `worker`. */
export function connect<T>(worker: Worker): Remote<T> {
  return wrap<T>(nodeEndpoint(worker as unknown as NodeEndpoint));
}

/** In a worker thread: serve `api` to the parent. */
export function serve(api: object, port: MessagePort): void {
  expose(api, nodeEndpoint(port as unknown as NodeEndpoint));
}
