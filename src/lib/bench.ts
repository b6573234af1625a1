/**
 * Running agents from the library: `runAgent` plays episodes in this thread (any agent definition,
 * also one defined in the calling code); `runBench` is `trapworld bench` as a function (worker threads,
 * the same results.jsonl, summary and report, the same results whatever the worker count).
 */
import { availableParallelism } from 'node:os';
import { agents } from '../../agents/index.ts';
import type { AgentDefinition, OptionValue } from '../core/agent.ts';
import { agentDefinitionProblem, normaliseAgentDefinition } from '../core/agent-shape.ts';
import { UsageError } from '../core/errors.ts';
import { defaultOptions, parseOptionValue } from '../core/options.ts';
import { runAgent as runAgentCore, type EpisodeResult, type EpisodeTrace } from '../core/run.ts';
import type { EnvSpec } from '../core/spec.ts';
import type { Truth } from '../core/truth.ts';
import { parseShard } from '../bench/jobs.ts';
import { progressMode } from '../bench/progress.ts';
import { runBench as runBenchCore, type BenchOutcome } from '../bench/run-bench.ts';
import { resolveEnvs, selectAgents } from '../bench/selection.ts';
import { loadAgentModule, looksLikeModulePath } from '../cli/agent-modules.ts';
import type { ParamInput } from '../cli/env-files.ts';

export interface RunAgentOptions {
  seed?: number;
  /** Episodes played by the one agent instance, which keeps what it learned (default 1). */
  episodes?: number;
  truth?: Truth;
  /** The agent's options; the others take their declared defaults. Text values are parsed as --opt's. */
  options?: Record<string, OptionValue>;
  /** Keep every step (actions, positions, rewards, events, observations). */
  trace?: boolean;
}

export interface RunAgentResult {
  agent: string;
  options: Record<string, OptionValue>;
  episodes: EpisodeResult[];
  traces: EpisodeTrace[];
}

/** An agent given by value, by registered name, or by module path. */
export type AgentInput = AgentDefinition | string;

async function agentOf(input: AgentInput): Promise<AgentDefinition> {
  if (typeof input !== 'string') {
    const problem = agentDefinitionProblem(input);
    if (problem) throw new TypeError(`runAgent: ${problem}`);
    return normaliseAgentDefinition(input, `agent "${input.name}"`);
  }
  if (looksLikeModulePath(input)) return (await loadAgentModule(input)).definition;
  const found = agents.get(input);
  if (!found) throw new UsageError(`unknown agent "${input}" (agents: ${agents.names().join(', ')})`);
  return found;
}

/** Plays `episodes` episodes of one agent in this thread, as `trapworld run --agent` does. */
export async function runAgent(
  env: EnvSpec,
  agent: AgentInput,
  o: RunAgentOptions = {},
): Promise<RunAgentResult> {
  const definition = await agentOf(agent);
  const options = defaultOptions(definition);
  for (const [key, value] of Object.entries(o.options ?? {}))
    options[key] = parseOptionValue(definition, key, String(value));
  definition.checkOptions?.(options);
  const result = runAgentCore(env, definition, options, {
    seed: o.seed ?? 0,
    episodes: o.episodes ?? 1,
    truth: o.truth,
    trace: o.trace === true,
  });
  return { agent: definition.name, options, ...result };
}

export interface BenchOptions {
  /** Built-in names, `.json`/`.ts` paths, or loaded environments (default: every built-in world). */
  envs?: (string | EnvSpec)[];
  /**
   * Agents as `--agents` takes them: `NAME`, `NAME:KEY=VALUE[:…]`, or a module path (`./my-agent.mjs`,
   * optionally with `:KEY=VALUE`); default every standard agent. Agents defined in the calling code
   * cannot be sent to worker threads: put them in a module and give its path.
   */
  agents?: string[];
  /** Parameters for the generators among `envs`. */
  params?: ParamInput;
  /** Seeds 0..seeds-1 (default 20). */
  seeds?: number;
  episodes?: number;
  /** Worker threads (default: the number of cores). */
  workers?: number;
  /** The output directory (results.jsonl, summary.md, summary.csv, report.html, bench.json). */
  out: string;
  /** `"I/N"` or `{ index, count }` (1-based). */
  shard?: string | { index: number; count: number };
  resume?: boolean;
  force?: boolean;
  /** Per run (default 600000). */
  runTimeoutMs?: number;
  /** Show a progress bar on stderr (default false). */
  progress?: boolean;
}

export type { BenchOutcome };

/** `trapworld bench` as a function; rejects with UsageError for bad options (nothing written then). */
export async function runBench(o: BenchOptions): Promise<BenchOutcome> {
  if (o.resume && o.force) throw new UsageError('give resume or force, not both');
  if (o.agents?.some((a) => typeof a !== 'string'))
    throw new UsageError(
      'runBench: agents are names or module paths: an agent object cannot be sent to worker threads (put it in a module, export it as default, and give the path; or use runAgent)',
    );
  const envs = await resolveEnvs(o.envs, o.params ?? {}, o.episodes ?? 1);
  const { agents: agentEntries, modules } = await selectAgents(o.agents, [], envs);
  const positive = (name: string, v: number | undefined, fallback: number) => {
    const n = v ?? fallback;
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name}: expected an integer ≥ 1, got ${n}`);
    return n;
  };
  const shard =
    o.shard === undefined || typeof o.shard === 'string'
      ? parseShard(o.shard)
      : parseShard(`${o.shard.index}/${o.shard.count}`);
  return runBenchCore({
    envs,
    agents: agentEntries,
    seeds: positive('seeds', o.seeds, 20),
    episodes: positive('episodes', o.episodes, 1),
    shard,
    out: o.out,
    resume: o.resume === true,
    force: o.force === true,
    workers: positive('workers', o.workers, availableParallelism()),
    runTimeoutMs: positive('runTimeoutMs', o.runTimeoutMs, 600_000),
    progress: o.progress ? progressMode(false) : 'none',
    testAgents: null,
    agentModules: modules,
  });
}
