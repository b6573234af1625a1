/**
 * The Node adapter of the simulator API: the worker thread of `trapworld bench`, built to dist/worker.js
 * (Node 20 worker threads cannot load .ts). It serves the same `simulatorApi` object that the browser's
 * web worker serves, through comlink on the parent port.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serve } from '../bench/comlink-node.ts';
import { loadTestAgents } from '../bench/test-agents.ts';
import { registerAgentModuleRefs, type AgentModuleRef } from '../cli/agent-modules.ts';
import { simulatorApi } from './simulator.ts';

if (!parentPort) throw new Error('node-worker.ts runs as a worker thread (new Worker(...)), not directly');
// Test hook only (TRAPWORLD_TEST_AGENTS, see docs/benchmarking.md): extra agents for the bench's tests.
await loadTestAgents();
// The user's agent modules (--agent FILE), loaded by the main thread first; here their runnable URLs.
const modules = (workerData as { agentModules?: AgentModuleRef[] } | null)?.agentModules ?? [];
await registerAgentModuleRefs(modules);
serve(simulatorApi, parentPort);
