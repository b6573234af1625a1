/**
 * Sessions: the part of the simulator API the app's web worker serves (merged into `simulatorApi`; every
 * method takes and returns structured-cloneable data). A session is one run played step by step and
 * recorded frame by frame (session/runner.ts); the app opens one per pane and pulls its frames in
 * batches (session/protocol.ts describes what travels).
 */
import { transfer } from 'comlink';
import type { Action } from '../core/format.ts';
import type { EnvSpec } from '../core/spec.ts';
import { analyzeWorld, type Analysis } from '../plan/analysis.ts';
import { buildCatalog, type Catalog } from './session/catalog.ts';
import {
  batchTransferables,
  type FrameBatch,
  type OpenResult,
  type SessionConfig,
} from './session/protocol.ts';
import { Session } from './session/runner.ts';
import {
  describeWorld,
  loadErrors,
  resolveWorld,
  type WorldRef,
  type WorldResult,
} from './session/world-info.ts';

const sessions = new Map<number, Session>();
let nextSession = 1;
const now = (): number => performance.now();

export function openSession(config: SessionConfig): OpenResult {
  let env: EnvSpec;
  try {
    env = resolveWorld(config.world);
  } catch (e) {
    return {
      ok: false,
      ...loadErrors(e, 'builtin' in config.world ? config.world.builtin : config.world.source),
    };
  }
  try {
    const id = nextSession++;
    const session = new Session(id, env, config, 'text' in config.world ? config.world.text : null);
    sessions.set(id, session);
    return { ok: true, info: session.info };
  } catch (e) {
    return { ok: false, ...loadErrors(e, env.source) };
  }
}

function getSession(id: number): Session {
  const s = sessions.get(id);
  if (!s) throw new Error(`no session ${id}`);
  return s;
}

export const sessionApi = {
  catalog(): Catalog {
    return buildCatalog();
  },
  describeWorld(ref: WorldRef): WorldResult {
    return describeWorld(ref);
  },
  openSession(config: SessionConfig): OpenResult {
    return openSession(config);
  },
  /** Plays on for up to `maxSteps` steps or about `maxMs` milliseconds and returns the new frames. */
  advanceSession(id: number, maxSteps: number, maxMs: number): FrameBatch {
    const batch = getSession(id).advance(maxSteps, maxMs, now);
    return transfer(batch, batchTransferables(batch));
  },
  episodeFrames(id: number, episode: number): FrameBatch {
    return getSession(id).episodeBatch(episode);
  },
  irreversibility(id: number, episode: number): Uint8Array {
    return getSession(id).irreversibility(episode);
  },
  trajectories(id: number): { actions: Action[]; positions: number[]; rewards: number[] }[] {
    const s = getSession(id);
    return s.episodes.filter((m) => m.end !== null).map((m) => s.trajectory(m.episode));
  },
  closeSession(id: number): void {
    sessions.delete(id);
  },
  /** `trapworld analyze` for the app's world: the same analysis, within the same budgets. */
  analyzeWorld(ref: WorldRef): AnalysisResult {
    try {
      return { ok: true, analysis: analyzeWorld(resolveWorld(ref)) };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  },
};

export type AnalysisResult = { ok: true; analysis: Analysis } | { ok: false; error: string };
