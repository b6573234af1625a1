/**
 * What to benchmark, from `--envs` and `--agents`.
 *
 * `--envs A,B,…`: built-in names or .json/.ts paths, or `all` (every built-in world).
 * `--agents X,Y,…`: agent entries, or `all` (the standard agents: every registered agent but
 * `scripted`, which needs an action list). An entry is `NAME` or `NAME:KEY=VALUE[:KEY=VALUE…]`, e.g.
 * `prober:budget=0.01:watchLengths=1,2,4`. A value may hold commas: a comma starts a new entry only when
 * what follows it (up to the next `:` or `,`) is an agent name or `all`. Both options may be repeated.
 * Options are checked with parseOptions (the same rules as `run --opt`), and unspecified ones take their
 * defaults, so `prober` and `prober:budget=0.001` are the same configuration (listing both is an error).
 */
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import type { AgentDefinition } from '../core/agent.ts';
import { AgentShapeError } from '../core/agent-shape.ts';
import type { EnvSpec } from '../core/spec.ts';
import { UsageError } from '../core/errors.ts';
import { parseOptions } from '../core/options.ts';
import {
  loadAgentModule,
  looksLikeModulePath,
  moduleRef,
  registerAgentModules,
  type AgentModule,
  type AgentModuleRef,
} from '../cli/agent-modules.ts';
import {
  declaredParams,
  familyWorlds,
  instantiate,
  loadEnvironmentSource,
  type ParamInput,
} from '../cli/env-files.ts';
import { findAgent } from '../worker/batch.ts';
import type { AgentEntry, BenchEnv } from './jobs.ts';
import { optionsKey } from './rows.ts';

/** Registered agents that `--agents all` leaves out (the animal is bred by `trapworld evolve`). */
export const NON_STANDARD_AGENTS = ['scripted', 'animal'];

export function standardAgentNames(): string[] {
  return agents.names().filter((n) => !NON_STANDARD_AGENTS.includes(n));
}

/**
 * The environments to benchmark. `params` (`--param`) go to every generator among them that declares
 * them; a parameter that none declares is refused. Loaded environments (the library's) may be given
 * as specs.
 */
export async function resolveEnvs(
  values: readonly (string | EnvSpec)[] | undefined,
  params: ParamInput = {},
  /** Episodes per run: a family generator then gives a world per episode. */
  episodes = 1,
): Promise<BenchEnv[]> {
  const given: readonly (string | EnvSpec)[] = values && values.length ? values : ['all'];
  const names = given
    .flatMap((v): (string | EnvSpec)[] => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [v]))
    .filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--envs: expected at least one environment');
  const out: BenchEnv[] = [];
  const seen = new Map<string, string>();
  const add = (env: BenchEnv) => {
    const before = seen.get(env.name);
    if (before !== undefined)
      throw new UsageError(
        `--envs: two environments are named "${env.name}" (${before} and ${env.source}); results are keyed by name`,
      );
    seen.set(env.name, env.source);
    out.push(env);
  };
  const used = new Set<string>();
  for (const arg of names) {
    if (arg === 'all') {
      for (const name of environments.names()) add({ name, source: 'builtin' });
      continue;
    }
    const builtin = typeof arg === 'string' ? environments.get(arg) : undefined;
    let spec: EnvSpec;
    let worlds: EnvSpec[] | null = null;
    if (typeof arg !== 'string') spec = arg;
    else if (builtin) spec = builtin;
    else {
      const source = await loadEnvironmentSource(arg);
      const declared = declaredParams(source);
      const mine = Object.fromEntries(Object.entries(params).filter(([k]) => declared.includes(k)));
      for (const k of Object.keys(mine)) used.add(k);
      worlds = familyWorlds(source, mine, episodes);
      spec = worlds ? worlds[0] : instantiate(source, mine);
    }
    const label = typeof arg === 'string' ? arg : spec.name;
    if (spec.start === null)
      throw new UsageError(`--envs: ${label} has no start cell (A): it can be solved but not run`);
    add(
      builtin
        ? { name: spec.name, source: 'builtin' }
        : { name: spec.name, source: spec.source, spec, ...(worlds ? { worlds } : {}) },
    );
  }
  const unused = Object.keys(params).filter((k) => !used.has(k));
  if (unused.length > 0)
    throw new UsageError(
      `--param ${unused.join(', ')}: no environment generator in --envs declares ${unused.length === 1 ? 'it' : 'them'} (see \`trapworld list FILE\`)`,
    );
  return out;
}

function isAgentName(name: string): boolean {
  return name === 'all' || findAgent(name) !== undefined || looksLikeModulePath(name);
}

/**
 * Entries that name agent modules (`./my-agent.mjs`, `./my-agent.ts:KEY=VALUE`) loaded, registered in
 * this thread, and rewritten to the agent's name; `extra` are modules given on their own (`--agent`).
 * Returns the entries to resolve and the modules, for the workers.
 */
async function loadAgentModuleEntries(
  values: readonly string[] | undefined,
  extra: readonly string[] = [],
): Promise<{ values: string[] | undefined; modules: AgentModule[] }> {
  const modules: AgentModule[] = [];
  const load = async (path: string): Promise<string> => {
    const m = await loadAgentModule(path);
    registerAgentModules([m]);
    if (!modules.includes(m)) modules.push(m);
    return m.definition.name;
  };
  const out: string[] = [];
  for (const entry of values && values.length ? splitAgentEntries(values) : []) {
    const [head, ...rest] = entry.split(':');
    out.push(looksLikeModulePath(head.trim()) ? [await load(head.trim()), ...rest].join(':') : entry);
  }
  for (const path of extra) {
    const name = await load(path);
    if (!out.some((e) => e.split(':')[0].trim() === name)) out.push(name);
  }
  // `--agent FILE` alone benchmarks just that agent, not every built-in one as well.
  return { values: out.length ? out : undefined, modules };
}

/** Splits the comma lists into entries, keeping commas that belong to an option value. */
export function splitAgentEntries(values: readonly string[]): string[] {
  const entries: string[] = [];
  for (const value of values) {
    const parts = value.split(',');
    let current: string | null = null;
    for (const part of parts) {
      const head = part.split(':')[0].trim();
      if (current === null || isAgentName(head) || !current.includes('=')) {
        if (current !== null) entries.push(current);
        current = part;
      } else current += `,${part}`;
    }
    if (current !== null) entries.push(current);
  }
  return entries.map((e) => e.trim()).filter((e) => e !== '');
}

export function parseAgentEntry(text: string): AgentEntry {
  const [name, ...pairs] = text.split(':');
  const definition: AgentDefinition | undefined = findAgent(name.trim());
  if (!definition)
    throw new UsageError(
      `--agents: unknown agent "${name.trim()}" (agents: ${agents.names().join(', ')}, or all)`,
    );
  for (const p of pairs)
    if (!p.includes('='))
      throw new UsageError(`--agents: bad option "${p}" in "${text}": expected NAME:KEY=VALUE[:KEY=VALUE…]`);
  try {
    return { name: definition.name, options: parseOptions(definition, pairs) };
  } catch (e) {
    // A misspelt agent after a comma reads as part of the previous value: say so.
    const glued = pairs
      .join(':')
      .split(',')
      .slice(1)
      .filter((g) => /^[A-Za-z][\w-]*$/.test(g.split(':')[0]));
    if (!(e instanceof UsageError) || glued.length === 0) throw e;
    throw new UsageError(
      `--agents: ${e.message} (a comma continues an option value unless an agent name follows it; no agent is named ${glued.map((g) => `"${g.split(':')[0]}"`).join(' or ')})`,
    );
  }
}

export function resolveAgents(values: readonly string[] | undefined): AgentEntry[] {
  const entries = splitAgentEntries(values && values.length ? values : ['all']);
  if (entries.length === 0) throw new UsageError('--agents: expected at least one agent');
  const out: AgentEntry[] = [];
  const seen = new Set<string>();
  const add = (entry: AgentEntry, text: string) => {
    const key = `${entry.name} ${optionsKey(entry.options)}`;
    if (seen.has(key))
      throw new UsageError(`--agents: "${text}" is listed twice (same agent and options, defaults included)`);
    seen.add(key);
    out.push(entry);
  };
  for (const text of entries) {
    if (text === 'all') {
      for (const name of standardAgentNames()) add(parseAgentEntry(name), name);
      continue;
    }
    add(parseAgentEntry(text), text);
  }
  return out;
}

/**
 * The agents of a bench: `--agents` entries (module paths among them) and `--agent` modules, loaded,
 * resolved and checked on the first environment (checkModuleAgents); `modules` are for the workers.
 */
export async function selectAgents(
  values: readonly string[] | undefined,
  extra: readonly string[] | undefined,
  envs: readonly BenchEnv[],
): Promise<{ agents: AgentEntry[]; modules: AgentModuleRef[] }> {
  const loaded = await loadAgentModuleEntries(values, extra);
  const agentEntries = resolveAgents(loaded.values);
  checkModuleAgents(loaded.modules, agentEntries, envs);
  return { agents: agentEntries, modules: loaded.modules.map(moduleRef) };
}

/**
 * Creates each module agent once, in this thread, on the first environment, so that a module whose
 * create() returns something that is not an agent is refused before anything runs (exit 2, one line)
 * rather than failing every run in the workers. Other errors of create() are left to the runs, where
 * they are recorded per run (an agent may refuse one world and not another).
 */
function checkModuleAgents(
  modules: readonly AgentModule[],
  agentEntries: readonly AgentEntry[],
  envs: readonly BenchEnv[],
): void {
  const first = envs[0];
  const spec = first?.spec ?? (first ? environments.get(first.name) : undefined);
  if (!spec) return;
  for (const m of modules)
    for (const entry of agentEntries.filter((a) => a.name === m.definition.name)) {
      try {
        m.definition.create(spec, entry.options);
      } catch (e) {
        if (e instanceof AgentShapeError) throw new UsageError(e.message);
      }
    }
}
