/**
 * What the app's web worker serves beyond the simulator API (browser-worker.ts exposes both): live
 * validation for the world editor, a built-in world as a file to edit, the exact values, policy and
 * points of no return of an episode's true world (`trapworld solve`), a person's play session, and a
 * bench's results.jsonl as tables and charts. Everything goes through the engine's own modules: the
 * editor's errors are the loader's, the values are the solver's.
 */
import { transfer } from 'comlink';
import type { Truth } from '../../core/truth.ts';
import { EnvLoadError, formatIssue, type EnvIssue } from '../../core/errors.ts';
import { lintEnvironment } from '../../core/lint.ts';
import { loadEnvironmentText } from '../../core/load.ts';
import { requireStart } from '../../core/validate.ts';
import { compileWorld } from '../../core/world.ts';
import { analyseIrreversibility } from '../../plan/irreversibility.ts';
import { buildModel } from '../../plan/model.ts';
import { greedyActions, valueGrid, valueIteration } from '../../plan/solve.ts';
import type { BenchReport } from './bench-results.ts';
import { HUMAN, HumanSession } from './human.ts';
import {
  batchTransferables,
  CELL_KINDS,
  type FrameBatch,
  type OpenResult,
  type SessionConfig,
} from './protocol.ts';
import { Session } from './runner.ts';
import { fileText, specToFile } from './spec-file.ts';
import { describeSpec, loadErrors, resolveWorld, type WorldInfo, type WorldRef } from './world-info.ts';

export interface Validation {
  /** Every problem, in file order (as `trapworld validate` prints them: `formatted`). */
  issues: EnvIssue[];
  formatted: string[];
  /** `trapworld validate`'s notes on a valid world, and why it cannot be run (no start). */
  notes: string[];
  /** The world, when it loads and can be run. */
  world: WorldInfo | null;
}

export function validateWorld(text: string, source: string): Validation {
  try {
    const env = loadEnvironmentText(text, source);
    const notes = lintEnvironment(env);
    let world: WorldInfo | null = null;
    try {
      requireStart(env);
      world = describeSpec(env, text);
    } catch (e) {
      notes.push(e instanceof Error ? e.message : String(e));
    }
    return { issues: [], formatted: [], notes, world };
  } catch (e) {
    if (e instanceof EnvLoadError)
      return {
        issues: [...e.issues],
        formatted: e.issues.map((i) => formatIssue(e.file, i)),
        notes: [],
        world: null,
      };
    const message = e instanceof Error ? e.message : String(e);
    return { issues: [{ path: '', message }], formatted: [`${source}: ${message}`], notes: [], world: null };
  }
}

/** Exact values and greedy policy of one episode's true world, with its points of no return. */
export interface EpisodeAnalysis {
  /** Value of each cell as a start (NaN for walls), as `trapworld solve` prints it. */
  values: Float64Array;
  /** Per cell, bit k set when ACTIONS[k] is optimal there (0 where nothing is decided). */
  policy: Uint16Array;
  /** CELL_KINDS codes per cell. */
  kinds: Uint8Array;
  gamma: number;
  sweeps: number;
  /** Why there are no values (the solver refused); kinds are still given. */
  error: string | null;
}

export function episodeAnalysis(ref: WorldRef, truth: Truth): EpisodeAnalysis {
  const env = resolveWorld(ref);
  const world = compileWorld(env, truth);
  const n = env.width * env.height;
  const values = new Float64Array(n).fill(NaN);
  const policy = new Uint16Array(n);
  let gamma = env.gamma;
  let sweeps = 0;
  let error: string | null = null;
  let model = null;
  try {
    const solution = valueIteration(world, { gamma });
    model = solution.model;
    gamma = solution.gamma;
    sweeps = solution.sweeps;
    valueGrid(solution).forEach((row, y) =>
      row.forEach((v, x) => {
        if (v !== null) values[y * env.width + x] = v;
      }),
    );
    for (let c = 0; c < n; c++) {
      if (!solution.model.standing[c]) continue;
      let bits = 0;
      for (const a of greedyActions(solution, c)) bits |= 1 << a;
      policy[c] = bits;
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const kinds = Uint8Array.from(analyseIrreversibility(world, model ?? buildModel(world)).kinds, (k) =>
    CELL_KINDS.indexOf(k),
  );
  return { values, policy, kinds, gamma, sweeps, error };
}

const humans = new Map<number, HumanSession>();
/** Person sessions are numbered apart from the agent sessions of session.ts. */
let nextHuman = 1_000_000;
const now = (): number => performance.now();

export const appApi = {
  validateWorld(text: string, source: string): Validation {
    return validateWorld(text, source);
  },
  /** A world as a format-1.1 file: a file world's own text, a built-in written back from its spec. */
  worldFile(ref: WorldRef): { ok: true; text: string; source: string } | { ok: false; error: string } {
    if ('text' in ref) return { ok: true, text: ref.text, source: ref.source };
    try {
      const env = resolveWorld(ref);
      return { ok: true, text: fileText(specToFile(env)), source: `${env.name}.json` };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  },
  episodeAnalysis(ref: WorldRef, truth: Truth): EpisodeAnalysis {
    const a = episodeAnalysis(ref, truth);
    return transfer(a, [a.values.buffer, a.policy.buffer, a.kinds.buffer] as ArrayBuffer[]);
  },
  /** Opens a person's session (agent `you`) and returns it with its first frame. */
  openHuman(config: SessionConfig): { open: OpenResult; first: FrameBatch | null } {
    let human: HumanSession;
    try {
      const env = resolveWorld(config.world);
      const id = nextHuman++;
      human = new HumanSession(
        (definition) =>
          new Session(
            id,
            env,
            { ...config, agent: HUMAN },
            'text' in config.world ? config.world.text : null,
            definition,
          ),
      );
      humans.set(id, human);
    } catch (e) {
      const file = 'builtin' in config.world ? config.world.builtin : config.world.source;
      return { open: { ok: false, ...loadErrors(e, file) }, first: null };
    }
    const first = human.start();
    return {
      open: { ok: true, info: human.session.info },
      first: transfer(first, batchTransferables(first)),
    };
  },
  humanAct(id: number, action: string): FrameBatch {
    const h = humans.get(id);
    if (!h) throw new Error(`no play session ${id}`);
    const batch = h.act(action, now);
    return transfer(batch, batchTransferables(batch));
  },
  closeHuman(id: number): void {
    humans.delete(id);
  },
  /** Loaded on first use: the bench's summary and Vega are large and most visits never need them. */
  async benchReport(text: string): Promise<BenchReport> {
    const { benchReport } = await import('./bench-results.ts');
    return benchReport(text);
  },
};

export type AppApi = typeof appApi;
