/**
 * Resolving an environment argument: a built-in name, or a path to a `.json` file (parsed as data,
 * never executed) or a `.ts` module (imported through tsx, so it may build its map in code).
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { environments } from '../../environments/index.ts';
import { EnvLoadError, UsageError } from '../core/errors.ts';
import { loadEnvironmentText } from '../core/load.ts';
import type { EnvSpec } from '../core/spec.ts';
import { validateEnvironment } from '../core/validate.ts';

export async function loadEnvironmentFile(path: string): Promise<EnvSpec> {
  const ext = extname(path).toLowerCase();
  if (!existsSync(path)) throw new UsageError(`${path}: no such file`);
  if (ext === '.json') {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new UsageError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    return loadEnvironmentText(text, path);
  }
  if (ext === '.ts' || ext === '.mts' || ext === '.js' || ext === '.mjs') {
    const { tsImport } = await import('tsx/esm/api');
    let mod: Record<string, unknown>;
    try {
      mod = (await tsImport(pathToFileURL(resolve(path)).href, import.meta.url)) as Record<string, unknown>;
    } catch (e) {
      throw new EnvLoadError(path, [
        { path: '', message: `the module failed to load: ${(e as Error).message}` },
      ]);
    }
    const exports = moduleExports(mod);
    const exported =
      exports.default ??
      Object.values(exports).find((v) => v !== null && typeof v === 'object' && 'map' in v);
    if (exported === undefined)
      throw new EnvLoadError(path, [
        {
          path: '',
          message:
            'expected the module to export an environment (use `export default defineEnvironment({...})`)',
        },
      ]);
    return validateEnvironment(exported, path);
  }
  throw new UsageError(`${path}: expected a .json or .ts environment file`);
}

/**
 * The module's own exports. Outside a package with `"type": "module"` tsx compiles a `.ts` file to
 * CommonJS, and its exports arrive wrapped as the `default` of the namespace, marked `__esModule`.
 */
function moduleExports(mod: Record<string, unknown>): Record<string, unknown> {
  const wrapped = mod.default;
  if (
    wrapped !== null &&
    typeof wrapped === 'object' &&
    (wrapped as { __esModule?: unknown }).__esModule === true
  )
    return wrapped as Record<string, unknown>;
  return mod;
}

/** A built-in name, or a path. */
export async function resolveEnvironment(arg: string): Promise<EnvSpec> {
  const builtin = environments.get(arg);
  if (builtin) return builtin;
  if (/\.(json|ts|mts|js|mjs)$/i.test(arg) || existsSync(arg)) return loadEnvironmentFile(arg);
  throw new UsageError(
    `unknown environment "${arg}": not a built-in (see \`trapworld list\`) and not a .json or .ts file`,
  );
}
