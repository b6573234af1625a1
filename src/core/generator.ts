/**
 * Environment generators: a TypeScript environment module may export, instead of one environment, a
 * function of declared parameters that builds one (`--param KEY=VALUE` on the command line, `params` in
 * `serve --stdio`'s make, the `params` of the library's loadEnvironment). Pure: no I/O, no clock, no
 * unseeded randomness; a generator that wants randomness takes a seed parameter and uses createStream.
 */
import type { EnvironmentFile } from './format.ts';
import { isRecord } from './is-record.ts';

export type ParamType = 'integer' | 'number' | 'boolean' | 'string';
export type ParamValue = number | boolean | string;

export interface ParamSpec {
  /** The value when the parameter is not given; its type is the parameter's unless `type` says otherwise. */
  default: ParamValue;
  /**
   * Default: from `default`: a boolean or a string as such; a number is `integer` when the default and
   * any `min` and `max` are integers, else `number`. Say `number` for a fraction whose default is 0 or 1.
   */
  type?: ParamType;
  /** Inclusive bounds of a number or integer parameter. */
  min?: number;
  max?: number;
  /** The allowed values of a string parameter (default: any string). */
  values?: readonly string[];
  description?: string;
}

export type ParamSpecs = Record<string, ParamSpec>;

/** The values `generate` receives: every declared parameter, given or defaulted, of its type. */
export type ParamValues<P extends ParamSpecs> = {
  [K in keyof P]: P[K] extends { type: 'string' }
    ? string
    : P[K] extends { type: 'boolean' }
      ? boolean
      : P[K] extends { type: 'integer' | 'number' }
        ? number
        : P[K]['default'] extends number
          ? number
          : P[K]['default'] extends boolean
            ? boolean
            : string;
};

/** What `generate` returns: an environment, whose `name` defaults to the generator's. */
export type GeneratedEnvironment = Omit<EnvironmentFile, 'name'> & { name?: string };

export interface EnvironmentGenerator<P extends ParamSpecs = ParamSpecs> {
  /** Kebab-case id, as an environment's. */
  name: string;
  title?: string;
  description?: string;
  params: P;
  /**
   * The integer parameter that indexes the family's worlds (a layout seed), if the generator is a
   * family: `run`/`bench --episodes K` play world `base + k` in episode k (base: the parameter's value),
   * unless the parameter is given (`--param`), which fixes one world.
   */
  family?: string;
  generate(params: ParamValues<P>): GeneratedEnvironment;
}

/** A parameter with its type resolved, as `list` shows it. */
export interface ResolvedParam {
  name: string;
  type: ParamType;
  default: ParamValue;
  min?: number;
  max?: number;
  values?: readonly string[];
  description: string;
}

export function isEnvironmentGenerator(value: unknown): value is EnvironmentGenerator {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { generate?: unknown }).generate === 'function'
  );
}

/** One problem in a generator's declaration, at a path such as `params.size.min`. */
export interface GeneratorIssue {
  path: string;
  message: string;
}

const PARAM_TYPES: readonly ParamType[] = ['integer', 'number', 'boolean', 'string'];
const PARAM_FIELDS = ['default', 'type', 'min', 'max', 'values', 'description'];

function inferType(spec: ParamSpec): ParamType {
  if (spec.type !== undefined) return spec.type;
  if (typeof spec.default === 'boolean') return 'boolean';
  if (typeof spec.default === 'string') return 'string';
  const ints = [spec.default, spec.min, spec.max].every((v) => v === undefined || Number.isInteger(v));
  return ints ? 'integer' : 'number';
}

/** Every problem with a generator's declaration (empty when it is well formed). */
export function generatorIssues(value: EnvironmentGenerator): GeneratorIssue[] {
  const issues: GeneratorIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (typeof value.name !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value.name))
    add('name', 'expected a kebab-case id such as "my-room"');
  if (value.title !== undefined && typeof value.title !== 'string') add('title', 'expected a string');
  if (value.description !== undefined && typeof value.description !== 'string')
    add('description', 'expected a string');
  if (!isRecord(value.params)) {
    add('params', 'expected an object of NAME: { default, min?, max?, description? }');
    return issues;
  }
  if (value.family !== undefined) {
    const spec = (value.params as Record<string, ParamSpec | undefined>)[value.family];
    if (typeof value.family !== 'string' || !spec || resolveParam(value.family, spec).type !== 'integer')
      add('family', "expected the name of an integer parameter (the index of the family's worlds)");
  }
  for (const [name, raw] of Object.entries(value.params)) {
    const at = `params.${name}`;
    if (!/^[A-Za-z][\w-]*$/.test(name)) add(at, 'expected a parameter name of letters, digits, - and _');
    if (!isRecord(raw)) {
      add(at, 'expected { default, min?, max?, description? }');
      continue;
    }
    for (const key of Object.keys(raw))
      if (!PARAM_FIELDS.includes(key))
        add(`${at}.${key}`, `unknown field (fields: ${PARAM_FIELDS.join(', ')})`);
    const spec = raw as unknown as ParamSpec;
    if (spec.type !== undefined && !PARAM_TYPES.includes(spec.type)) {
      add(`${at}.type`, `expected one of ${PARAM_TYPES.join(', ')}`);
      continue;
    }
    if (!['number', 'boolean', 'string'].includes(typeof spec.default)) {
      add(`${at}.default`, 'expected a number, a boolean or a string');
      continue;
    }
    for (const bound of ['min', 'max'] as const)
      if (spec[bound] !== undefined && (typeof spec[bound] !== 'number' || !Number.isFinite(spec[bound])))
        add(`${at}.${bound}`, 'expected a finite number');
    if (spec.description !== undefined && typeof spec.description !== 'string')
      add(`${at}.description`, 'expected a string');
    if (
      spec.values !== undefined &&
      (!Array.isArray(spec.values) || !spec.values.every((v) => typeof v === 'string'))
    )
      add(`${at}.values`, 'expected an array of strings');
    const problem = valueProblem(resolveParam(name, spec), spec.default);
    if (problem) add(`${at}.default`, problem);
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
      add(`${at}.min`, `min ${spec.min} is above max ${spec.max}`);
  }
  return issues;
}

export function resolveParam(name: string, spec: ParamSpec): ResolvedParam {
  return {
    name,
    type: inferType(spec),
    default: spec.default,
    ...(spec.min !== undefined ? { min: spec.min } : {}),
    ...(spec.max !== undefined ? { max: spec.max } : {}),
    ...(spec.values !== undefined ? { values: spec.values } : {}),
    description: spec.description ?? '',
  };
}

export function resolvedParams(generator: EnvironmentGenerator): ResolvedParam[] {
  return Object.entries(generator.params).map(([name, spec]) => resolveParam(name, spec));
}

/** What a parameter accepts, in words: `an integer in [4, 32]`. */
export function describeParam(p: ResolvedParam): string {
  const range =
    p.min !== undefined && p.max !== undefined
      ? ` in [${p.min}, ${p.max}]`
      : p.min !== undefined
        ? ` ≥ ${p.min}`
        : p.max !== undefined
          ? ` ≤ ${p.max}`
          : '';
  switch (p.type) {
    case 'integer':
      return `an integer${range}`;
    case 'number':
      return `a number${range}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      return p.values ? `one of ${p.values.join(', ')}` : 'a string';
  }
}

/** Null when `value` is acceptable for `p`, else what was expected. */
function valueProblem(p: ResolvedParam, value: ParamValue): string | null {
  const ok = (() => {
    switch (p.type) {
      case 'integer':
      case 'number':
        return (
          typeof value === 'number' &&
          Number.isFinite(value) &&
          (p.type === 'number' || Number.isInteger(value)) &&
          (p.min === undefined || value >= p.min) &&
          (p.max === undefined || value <= p.max)
        );
      case 'boolean':
        return typeof value === 'boolean';
      case 'string':
        return typeof value === 'string' && (p.values === undefined || p.values.includes(value));
    }
  })();
  return ok ? null : `expected ${describeParam(p)}, got ${JSON.stringify(value)}`;
}

/** A value given as text (`--param size=8`) or as JSON, converted to the parameter's type. */
function convert(p: ResolvedParam, given: ParamValue): ParamValue {
  if (typeof given !== 'string') return given;
  switch (p.type) {
    case 'integer':
    case 'number': {
      const v = Number(given);
      return given.trim() === '' || !Number.isFinite(v) ? given : v;
    }
    case 'boolean':
      return given === 'true' ? true : given === 'false' ? false : given;
    case 'string':
      return given;
  }
}

/** A parameter value the generator does not accept; `message` names the parameter and the expectation. */
export class ParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamError';
  }
}

/**
 * Every declared parameter's value: the given ones converted and checked, the others defaulted. Throws a
 * ParamError naming the first unknown or unacceptable parameter.
 */
export function paramValues(
  generator: EnvironmentGenerator,
  given: Readonly<Record<string, ParamValue>>,
): Record<string, ParamValue> {
  const params = resolvedParams(generator);
  const out: Record<string, ParamValue> = {};
  for (const name of Object.keys(given))
    if (!params.some((p) => p.name === name))
      throw new ParamError(
        `parameter "${name}" is not one of ${generator.name}'s (${params.map((p) => p.name).join(', ') || 'it has none'})`,
      );
  for (const p of params) {
    if (!Object.prototype.hasOwnProperty.call(given, p.name)) {
      out[p.name] = p.default;
      continue;
    }
    const value = convert(p, given[p.name]);
    const problem = valueProblem(p, value);
    if (problem) throw new ParamError(`parameter "${p.name}" of ${generator.name}: ${problem}`);
    out[p.name] = value;
  }
  return out;
}

/** `size=8, holes=0.2`: the values as a suffix of the world's source, so each draw is told apart. */
export function paramsLabel(values: Readonly<Record<string, ParamValue>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}
