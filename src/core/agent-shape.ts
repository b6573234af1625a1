/**
 * Checking that a value is an agent definition, for agents that come from outside the registry (a
 * user's `--agent ./my-agent.mjs`, the library's defineAgent). One problem is enough to report: an
 * agent file is fixed and tried again, unlike an environment file with many independent fields.
 */
import type { Agent, AgentDefinition, OptionSpec } from './agent.ts';
import { isRecord } from './is-record.ts';

/** An agent definition as a user may write it: title, description and options may be left out. */
export type AgentModuleDefinition = Omit<AgentDefinition, 'title' | 'description' | 'options'> &
  Partial<Pick<AgentDefinition, 'title' | 'description' | 'options'>>;

/** Agent names are kebab-case-ish ids: `--agents` splits on `,` and `:`, results are keyed by name. */
export const AGENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const OPTION_TYPES = ['number', 'integer', 'boolean', 'string'];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length ? `an object with ${keys.slice(0, 6).join(', ')}` : 'an empty object';
  }
  return `${typeof value} ${JSON.stringify(value)}`;
}

function optionProblem(o: unknown, i: number): string | null {
  if (!isRecord(o)) return `options[${i}] is ${describe(o)}, expected { name, type, default, description }`;
  if (typeof o.name !== 'string' || o.name === '') return `options[${i}].name: expected a non-empty string`;
  const at = `option "${o.name}"`;
  if (typeof o.type !== 'string' || !OPTION_TYPES.includes(o.type))
    return `${at}: type must be one of ${OPTION_TYPES.join(', ')}`;
  const want = o.type === 'integer' ? 'number' : o.type;
  if (typeof o.default !== want) return `${at}: default must be a ${want}`;
  if (o.type === 'integer' && !Number.isInteger(o.default)) return `${at}: default must be an integer`;
  for (const bound of ['min', 'max'])
    if (o[bound] !== undefined && typeof o[bound] !== 'number') return `${at}: ${bound} must be a number`;
  return null;
}

/** Null when `value` is an agent definition (title, description and options may be missing), else why not. */
export function agentDefinitionProblem(value: unknown): string | null {
  if (!isRecord(value)) return `got ${describe(value)}`;
  if (typeof value.name !== 'string' || !AGENT_NAME_PATTERN.test(value.name))
    return value.name === undefined
      ? `got ${describe(value)}: "name" is missing`
      : `"name" must be an id of letters, digits, -, _ and . (no , : or spaces), got ${JSON.stringify(value.name)}`;
  if (typeof value.create !== 'function') return `agent "${value.name}" has no create(env, options) function`;
  for (const field of ['title', 'description'])
    if (value[field] !== undefined && typeof value[field] !== 'string')
      return `agent "${value.name}": "${field}" must be a string`;
  if (value.options !== undefined) {
    if (!Array.isArray(value.options)) return `agent "${value.name}": "options" must be an array`;
    for (let i = 0; i < value.options.length; i++) {
      const p = optionProblem(value.options[i], i);
      if (p) return `agent "${value.name}": ${p}`;
    }
  }
  if (value.checkOptions !== undefined && typeof value.checkOptions !== 'function')
    return `agent "${value.name}": "checkOptions" must be a function`;
  for (const flag of ['needsTruth', 'acrossWorlds'])
    if (value[flag] !== undefined && typeof value[flag] !== 'boolean')
      return `agent "${value.name}": "${flag}" must be true or false`;
  if (value.mentor !== undefined && typeof value.mentor !== 'function')
    return `agent "${value.name}": "mentor" must be a function (env, truth, now) => { ask() }`;
  return null;
}

/** What an agent's create() returned, if it is not an agent: why not. */
export function agentInstanceProblem(agent: unknown): string | null {
  if (!isRecord(agent)) return `create() returned ${describe(agent)}`;
  const missing = (['reset', 'act', 'observe'] as const).filter((m) => typeof agent[m] !== 'function');
  return missing.length ? `create() returned an object without ${missing.join(', ')}` : null;
}

/** Thrown when an agent from outside the registry is not shaped as the agent type says. */
export class AgentShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentShapeError';
  }
}

/**
 * The definition with its defaults filled in (title = name, no description, no options), and a create()
 * that checks what it returns. Assumes agentDefinitionProblem(value) is null.
 */
export function normaliseAgentDefinition(value: AgentModuleDefinition, where: string): AgentDefinition {
  const create = value.create.bind(value);
  return {
    ...value,
    title: value.title ?? value.name,
    description: value.description ?? '',
    options: (value.options ?? []).map((o: OptionSpec) => ({ ...o, description: o.description ?? '' })),
    create(env, options): Agent {
      const agent = create(env, options);
      const problem = agentInstanceProblem(agent);
      if (problem)
        throw new AgentShapeError(
          `${where}: ${problem}; expected an agent { reset(context), act(observation), observe(transition) }`,
        );
      return agent;
    },
  };
}
