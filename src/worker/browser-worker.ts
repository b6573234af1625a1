/**
 * The browser adapter: the app's web worker serves the same simulator API as the CLI's worker threads.
 * Started by the app as `new Worker(new URL('../worker/browser-worker.ts', import.meta.url), { type: 'module' })`.
 */
import { expose } from 'comlink';
import { simulatorApi } from './simulator.ts';

expose(simulatorApi);
