/**
 * The library's environment loading: a built-in name, a path to a `.json` or `.ts` file, an
 * environment object (what a JSON file holds) or a generator, each validated by the same loader the
 * command line uses. Bad input is rejected with an EnvLoadError whose message lists every problem, one
 * a line (`file:line:col: field: message` for JSON text), and whose `issues` hold them as data.
 */
import type { EnvironmentGenerator } from '../core/generator.ts';
import type { EnvironmentFile } from '../core/format.ts';
import { loadEnvironmentText } from '../core/load.ts';
import type { EnvSpec } from '../core/spec.ts';
import { environmentSource, instantiate, resolveEnvironment, type ParamInput } from '../cli/env-files.ts';

export interface LoadEnvironmentOptions {
  /** A generator's parameters; the others take their defaults. */
  params?: ParamInput;
  /** The name messages give an object (default `environment "NAME"`). */
  source?: string;
}

function isSpec(value: unknown): value is EnvSpec {
  return (
    value !== null &&
    typeof value === 'object' &&
    Array.isArray((value as EnvSpec).cells) &&
    (value as EnvSpec).tiles instanceof Map
  );
}

/**
 * An environment ready to run (`EnvSpec`). A string is a built-in name or a file path (a `.ts` file
 * may build its map in code or be a generator); an object is validated as a JSON file would be.
 * Rejects with EnvLoadError (every problem found) or UsageError (no such file or name, bad parameter).
 */
export async function loadEnvironment(
  input: string | EnvironmentFile | EnvironmentGenerator | EnvSpec,
  options: LoadEnvironmentOptions = {},
): Promise<EnvSpec> {
  const params = options.params ?? {};
  if (typeof input === 'string') return resolveEnvironment(input, params);
  if (isSpec(input)) return instantiate({ kind: 'spec', spec: input }, params);
  const source = options.source ?? `environment "${String((input as { name?: unknown })?.name ?? '?')}"`;
  return instantiate(environmentSource(input, source), params);
}

/** JSON text as a `.json` file holds it; problems carry their line and column. */
export function parseEnvironment(text: string, source = 'environment.json'): EnvSpec {
  return loadEnvironmentText(text, source);
}
