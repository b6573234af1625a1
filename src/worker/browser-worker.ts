/**
 * The browser adapter: the app's web worker serves the same simulator API as the CLI's worker threads,
 * plus what only the app asks for (session/app-api.ts: the editor's validation, solve, play, bench).
 * Started by the app as `new Worker(new URL('../worker/browser-worker.ts', import.meta.url), { type: 'module' })`.
 */
import { expose } from 'comlink';
import { appApi } from './session/app-api.ts';
import { simulatorApi } from './simulator.ts';

const workerApi = { ...simulatorApi, ...appApi };

export type WorkerApi = typeof workerApi;

expose(workerApi);
