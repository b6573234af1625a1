/**
 * Resolving an environment argument: a built-in name, or a path to a `.json` file (parsed as data,
 * never executed) or a `.ts` module (imported through tsx, so it may build its map in code). A module
 * may export an environment or a generator of environments with declared parameters
 * (src/core/generator.ts), which `params` (`--param KEY=VALUE`) are given to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { environments, generators } from '../../environments/index.ts';
import { EnvLoadError, UsageError } from '../core/errors.ts';
import {
  generatorIssues,
  isEnvironmentGenerator,
  ParamError,
  paramsLabel,
  paramValues,
  type EnvironmentGenerator,
  type ParamValue,
} from '../core/generator.ts';
import { loadEnvironmentText } from '../core/load.ts';
import type { EnvSpec } from '../core/spec.ts';
import { validateEnvironment } from '../core/validate.ts';
import { moduleExports } from './module-exports.ts';

/** Parameters for a generator, by name: text from the command line or typed values from JSON. */
export type ParamInput = Readonly<Record<string, ParamValue>>;

/** What an environment argument names before any parameters are applied. */
export type EnvironmentSource =
  { kind: 'spec'; spec: EnvSpec } | { kind: 'generator'; generator: EnvironmentGenerator; file: string };

const MODULE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/** Imports a `.ts`/`.js` environment module and returns what it exports as the environment. */
async function importEnvironmentModule(path: string): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api');
  let mod: Record<string, unknown>;
  try {
    mod = (await tsImport(pathToFileURL(resolve(path)).href, import.meta.url)) as Record<string, unknown>;
  } catch (e) {
    // defineEnvironment's own check, thrown as the module ran: every issue, under the file's name.
    if (e instanceof Error && e.name === 'EnvLoadError' && Array.isArray((e as EnvLoadError).issues))
      throw new EnvLoadError(path, (e as EnvLoadError).issues);
    throw new EnvLoadError(path, [
      { path: '', message: `the module failed to load: ${oneLine((e as Error).message)}` },
    ]);
  }
  const exports = moduleExports(mod);
  const values = Object.values(exports);
  const exported =
    exports.default ??
    values.find(isEnvironmentGenerator) ??
    values.find((v) => v !== null && typeof v === 'object' && 'map' in v);
  if (exported === undefined)
    throw new EnvLoadError(path, [
      {
        path: '',
        message:
          'expected the module to export an environment or an environment generator (use `export default defineEnvironment({...})`)',
      },
    ]);
  return exported;
}

function oneLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '') ?? text;
}

/** A file as an environment or a generator, nothing applied yet. */
export async function loadEnvironmentSourceFile(path: string): Promise<EnvironmentSource> {
  const ext = extname(path).toLowerCase();
  if (!existsSync(path)) throw new UsageError(`${path}: no such file`);
  if (ext === '.json') {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new UsageError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    return { kind: 'spec', spec: loadEnvironmentText(text, path) };
  }
  if (MODULE_EXTENSIONS.includes(ext)) return environmentSource(await importEnvironmentModule(path), path);
  throw new UsageError(`${path}: expected a .json or .ts environment file`);
}

/**
 * A value a module exported (or a caller gave) as an environment or a generator, checked: a generator's
 * declaration (EnvLoadError listing every problem), else the environment's fields. `where` names it in
 * the messages and is a generator's `file`.
 */
export function environmentSource(value: unknown, where: string): EnvironmentSource {
  if (!isEnvironmentGenerator(value)) return { kind: 'spec', spec: validateEnvironment(value, where) };
  const issues = generatorIssues(value);
  if (issues.length) throw new EnvLoadError(where, issues);
  return { kind: 'generator', generator: value, file: where };
}

/** A built-in name or a path, nothing applied yet. */
export async function loadEnvironmentSource(arg: string): Promise<EnvironmentSource> {
  const builtin = environments.get(arg);
  if (builtin) return { kind: 'spec', spec: builtin };
  const generator = generators.get(arg);
  if (generator) return { kind: 'generator', generator, file: arg };
  if (/\.(json|ts|mts|js|mjs)$/i.test(arg) || existsSync(arg)) return loadEnvironmentSourceFile(arg);
  throw new UsageError(
    `unknown environment "${arg}": not a built-in (see \`trapworld list\`) and not a .json or .ts file`,
  );
}

/** The parameters a source declares (none for a plain environment). */
export function declaredParams(source: EnvironmentSource): string[] {
  return source.kind === 'generator' ? Object.keys(source.generator.params) : [];
}

/**
 * The environment: a plain one as it is (refusing parameters), a generator's built from `params` (the
 * others defaulted) and validated as any file is. Its `source` names the file and every value, so two
 * draws of one generator are never mistaken for each other.
 */
export function instantiate(source: EnvironmentSource, params: ParamInput = {}): EnvSpec {
  const given = Object.keys(params);
  if (source.kind === 'spec') {
    if (given.length > 0)
      throw new UsageError(
        `environment "${source.spec.name}" takes no parameters (it is not a generator); got ${given.join(', ')}`,
      );
    return source.spec;
  }
  const { generator, file } = source;
  let values: Record<string, ParamValue>;
  try {
    values = paramValues(generator, params);
  } catch (e) {
    if (e instanceof ParamError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  const label = paramsLabel(values);
  const where = label ? `${file} (${label})` : file;
  let generated: unknown;
  try {
    generated = generator.generate(values as never);
  } catch (e) {
    throw new EnvLoadError(where, [
      { path: '', message: `generate() failed: ${oneLine(e instanceof Error ? e.message : String(e))}` },
    ]);
  }
  if (generated === null || typeof generated !== 'object' || Array.isArray(generated))
    throw new EnvLoadError(where, [
      { path: '', message: 'expected generate() to return an environment object' },
    ]);
  const named = {
    name: generator.name,
    ...(generator.title !== undefined ? { title: generator.title } : {}),
    ...(generator.description !== undefined ? { description: generator.description } : {}),
    ...(generated as Record<string, unknown>),
  };
  return validateEnvironment(named, where);
}

/**
 * The worlds of a family for `episodes` episodes (world k: the family parameter at its value plus k),
 * or null when the source is no family or the family parameter is fixed by `params`.
 */
export function familyWorlds(
  source: EnvironmentSource,
  params: ParamInput,
  episodes: number,
): EnvSpec[] | null {
  const family = familyOf(source, params, episodes);
  if (!family) return null;
  // Sent whole to the workers with every job: bounded, so a long run of a large map is refused
  // plainly rather than filling the memory (`run` builds its worlds one at a time: familyOf).
  const first = family(0);
  if (episodes * first.width * first.height > MAX_FAMILY_CELLS)
    throw new UsageError(
      `${episodes} worlds of ${first.width}×${first.height} are more than a bench sends its workers (${MAX_FAMILY_CELLS.toLocaleString('en')} cells in all): fewer episodes, a smaller map, or \`trapworld run\`, which builds one world at a time`,
    );
  return Array.from({ length: episodes }, (_, k) => (k === 0 ? first : family(k)));
}

/** Cells of a family's worlds a bench sends its workers at most (episodes × width × height). */
const MAX_FAMILY_CELLS = 20_000_000;

/**
 * World k of a family, built when asked for (the last one kept): what `run` plays episode by episode.
 * Null when the source is no family or its family parameter is fixed by `params`.
 */
export function familyOf(
  source: EnvironmentSource,
  params: ParamInput,
  episodes: number,
): ((k: number) => EnvSpec) | null {
  if (source.kind !== 'generator' || !source.generator.family || episodes < 2) return null;
  const key = source.generator.family;
  if (Object.prototype.hasOwnProperty.call(params, key)) return null;
  const base = Number(source.generator.params[key].default);
  let last: { k: number; world: EnvSpec } | null = null;
  return (k) => {
    if (last?.k !== k) last = { k, world: instantiate(source, { ...params, [key]: base + k }) };
    return last.world;
  };
}

/** Loads a file; a generator is built from `params` (default: every parameter at its default). */
export async function loadEnvironmentFile(path: string, params: ParamInput = {}): Promise<EnvSpec> {
  return instantiate(await loadEnvironmentSourceFile(path), params);
}

/** A built-in name, or a path; `params` go to a generator. */
export async function resolveEnvironment(arg: string, params: ParamInput = {}): Promise<EnvSpec> {
  return instantiate(await loadEnvironmentSource(arg), params);
}

/**
 * `--param KEY=VALUE` pairs as an object of text values (converted to each parameter's type when they
 * are applied). A key given twice is refused.
 */
export function parseParamPairs(pairs: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param ${pair}: expected KEY=VALUE`);
    const key = pair.slice(0, eq).trim();
    if (Object.prototype.hasOwnProperty.call(out, key)) throw new UsageError(`--param ${key} is given twice`);
    out[key] = pair.slice(eq + 1);
  }
  return out;
}
