/**
 * Whole runs as rows: what the batch benchmark's workers compute. A run is one (environment, agent,
 * options, seed); its episodes stay together because the agent keeps its memory across them. Pure
 * computation, no I/O, so the same function serves Node worker threads, the browser worker and tests.
 */
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import type { AgentDefinition, OptionValue } from '../core/agent.ts';
import type { Outcome } from '../core/episode.ts';
import { UsageError } from '../core/errors.ts';
import { playRun, type Clock } from '../core/run.ts';
import type { EnvSpec } from '../core/spec.ts';
import type { Truth } from '../core/truth.ts';
import { compileWorld } from '../core/world.ts';
import { greedyReturn } from '../plan/greedy.ts';
import { valueIteration } from '../plan/solve.ts';

export interface RunJob {
  /** A built-in environment name; or give `spec` for one loaded elsewhere (a user file). */
  environment: string;
  spec?: EnvSpec;
  agent: string;
  options: Record<string, OptionValue>;
  seed: number;
  episodes: number;
  truth?: Truth;
  /** A family of worlds: episode k plays `worlds[k]` (see RunOptions.worlds). */
  worlds?: EnvSpec[];
}

/** One line of results.jsonl (the field names are fixed by the CLI spec). */
export interface RunRow {
  environment: string;
  agent: string;
  options: Record<string, OptionValue>;
  seed: number;
  episode: number;
  truth: Truth;
  outcome: Outcome | null;
  return: number | null;
  discountedReturn: number | null;
  performance: number | null;
  steps: number | null;
  pokes: number | null;
  /** Questions asked of a mentor (agents granted one), else null. */
  questions: number | null;
  deaths: number | null;
  /** The oracle's optimal expected discounted return in the true world minus the agent's. */
  regret: number | null;
  decisionMs: number | null;
  error: string | null;
  /**
   * On an error row: the agent declined the world (it threw a UsageError, e.g. a planner refusing a
   * world too large for it). The bench records refusals but does not count them as failures.
   */
  refused?: boolean;
}

/**
 * Agents known to this thread besides the registry: the user's agent modules (`--agent ./my-agent.mjs`,
 * src/cli/agent-modules.ts) and the test hook's (docs/benchmarking.md, TRAPWORLD_TEST_AGENTS), such as
 * the bench's deliberately broken test agents. Never used by the built-in agents.
 */
const extraAgents = new Map<string, AgentDefinition>();

export function registerExtraAgents(definitions: readonly AgentDefinition[]): void {
  for (const d of definitions) {
    if (agents.get(d.name)) throw new Error(`extra agent "${d.name}" clashes with a built-in agent`);
    extraAgents.set(d.name, d);
  }
}

/** A registered agent, or one added from a module or through the test hook. */
export function findAgent(name: string): AgentDefinition | undefined {
  return agents.get(name) ?? extraAgents.get(name);
}

/**
 * The oracle's expected return minus the agent's discounted return. Where the two are equal up to
 * rounding (the agent played as the oracle does; the sums were added in a different order) it is 0, not
 * ±1e-15. It can be truly negative: in a slippery world an agent can be luckier than the expectation.
 */
export function regretOf(oracle: number, discountedReturn: number): number {
  const regret = oracle - discountedReturn;
  return Math.abs(regret) <= 1e-9 * Math.max(1, Math.abs(oracle)) ? 0 : regret;
}

/**
 * The oracle's expected discounted return in an episode of maxSteps steps (it follows value iteration's
 * greedy actions), per truth, so the oracle's side of the regret is computed once per world, not per agent.
 */
const oracleCache = new Map<string, number>();

export function oracleReturn(env: EnvSpec, truth: Truth): number {
  const key = `${env.name}\u0000${env.source}\u0000${JSON.stringify(truth)}`;
  let v = oracleCache.get(key);
  if (v === undefined) {
    const world = compileWorld(env, truth);
    v = greedyReturn(valueIteration(world), world.start, world.maxSteps);
    if (oracleCache.size > 10_000) oracleCache.clear();
    oracleCache.set(key, v);
  }
  return v;
}

export function resolveJobEnvironment(job: RunJob): EnvSpec {
  const env = job.spec ?? environments.get(job.environment);
  if (!env) throw new UsageError(`unknown environment "${job.environment}"`);
  return env;
}

/** Plays a run and returns its rows; an agent that throws ends the run with a row carrying `error`. */
export function runJob(job: RunJob, clock?: Clock): RunRow[] {
  const env = resolveJobEnvironment(job);
  const definition = findAgent(job.agent);
  if (!definition) throw new UsageError(`unknown agent "${job.agent}"`);
  const base = { environment: env.name, agent: job.agent, options: job.options, seed: job.seed };
  const rows: RunRow[] = [];
  const run = playRun(env, definition, job.options, {
    seed: job.seed,
    episodes: job.episodes,
    truth: job.truth,
    clock,
    ...(job.worlds ? { worlds: job.worlds } : {}),
  });
  try {
    for (const { result, env: world } of run) {
      // Every field written out, not spread from `base`: V8 promotes spread-built objects to the old
      // generation far more often, and that made the garbage collector the bench's bottleneck.
      rows.push({
        environment: base.environment,
        agent: base.agent,
        options: base.options,
        seed: base.seed,
        episode: result.episode,
        truth: result.truth,
        outcome: result.outcome,
        return: result.return,
        discountedReturn: result.discountedReturn,
        performance: result.performance,
        steps: result.steps,
        pokes: result.pokes,
        questions: result.questions ?? null,
        deaths: result.deaths,
        regret: regretOf(oracleReturn(world, result.truth), result.discountedReturn),
        decisionMs: result.decisionMs,
        error: null,
      });
    }
  } catch (e) {
    // The episode that threw is the one after the last row (episode 0 when create() threw).
    rows.push(errorRow(base, rows.length, {}, e));
  }
  return rows;
}

/** A row recording that a run failed at `episode` (an agent's UsageError counts as a refusal). */
export function errorRow(
  base: Pick<RunRow, 'environment' | 'agent' | 'options' | 'seed'>,
  episode: number,
  truth: Truth,
  e: unknown,
): RunRow {
  return {
    environment: base.environment,
    agent: base.agent,
    options: base.options,
    seed: base.seed,
    episode,
    truth,
    outcome: null,
    return: null,
    discountedReturn: null,
    performance: null,
    steps: null,
    pokes: null,
    questions: null,
    deaths: null,
    regret: null,
    decisionMs: null,
    error: e instanceof Error ? e.message : String(e),
    ...(e instanceof Error && e.name === 'UsageError' ? { refused: true } : {}),
  };
}
