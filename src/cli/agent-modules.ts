/**
 * Agents from the user's own modules: `--agent ./my-agent.mjs` (or `.js`, `.ts`, `.mts`, `.cts`), whose
 * default export is an agent definition (src/core/agent.ts; `defineAgent` from the package helps).
 *
 * - `.mjs` and `.js` files are imported as Node imports them (a `.js` is ESM or CommonJS according to
 *   its package.json; a CommonJS `module.exports = {...}` arrives as the default export).
 * - TypeScript files are bundled once by esbuild into a temporary `.mjs` (types are stripped, not
 *   checked; relative imports are bundled, package imports stay imports of the files they resolve to
 *   from the agent's folder). The bench's worker threads import that same `.mjs`: Node 20 worker threads
 *   cannot load TypeScript, and one transpiled file means every thread runs the same code.
 *
 * A module that cannot be found, built or imported, or whose default export is not an agent, is a
 * UsageError of one line naming the file and what was expected (exit 2). Reusable by any command that
 * takes an agent (run, bench, and later evolve): load in the main thread with loadAgentModule, pass
 * `module.url` to workers, and register it there with registerAgentModules.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AgentDefinition } from '../core/agent.ts';
import { agentDefinitionProblem, normaliseAgentDefinition } from '../core/agent-shape.ts';
import { UsageError } from '../core/errors.ts';
import { findAgent, registerExtraAgents } from '../worker/batch.ts';
import { moduleExports } from './module-exports.ts';

/** What a module is told by: its extension. */
const MODULE_EXTENSIONS = /\.(mjs|cjs|js|ts|mts|cts)$/i;
const TYPESCRIPT = /\.(ts|mts|cts)$/i;

/** An `--agent`/`--agents` value that names a file rather than a registered agent. */
export function looksLikeModulePath(text: string): boolean {
  return /[\\/]/.test(text) || MODULE_EXTENSIONS.test(text);
}

export interface AgentModule {
  /** The file given, made absolute. */
  file: string;
  /** What to import (in this thread and in workers): the file itself, or its transpiled `.mjs`. */
  url: string;
  definition: AgentDefinition;
}

/** Where this process keeps transpiled TypeScript agents; removed when it exits. */
let tempDir: string | null = null;

function modulesDir(): string {
  if (tempDir === null) {
    const dir = mkdtempSync(join(tmpdir(), 'trapworld-agents-'));
    tempDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return tempDir;
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim();
}

/** Bundles a TypeScript agent into a temporary `.mjs`; returns its file URL. */
async function transpile(file: string): Promise<string> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new UsageError(`${file}: a TypeScript agent needs esbuild, which is not installed`);
  }
  const SKIP = Symbol('resolving');
  let result: import('esbuild').BuildResult & { outputFiles: import('esbuild').OutputFile[] };
  try {
    result = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'silent',
      absWorkingDir: dirname(file),
      plugins: [
        {
          // Package imports stay imports, but of the absolute file they resolve to from the agent's
          // folder, so the bundle works from the temporary directory it is written to.
          name: 'packages-in-place',
          setup(build) {
            build.onResolve({ filter: /^[^./]/ }, async (args) => {
              if (args.pluginData === SKIP) return undefined;
              if (isBuiltin(args.path)) return { path: args.path, external: true };
              const found = await build.resolve(args.path, {
                kind: args.kind,
                importer: args.importer,
                resolveDir: args.resolveDir,
                pluginData: SKIP,
              });
              if (found.errors.length > 0) return { errors: found.errors };
              return { path: pathToFileURL(found.path).href, external: true };
            });
          },
        },
      ],
    });
  } catch (e) {
    const errors = (e as { errors?: import('esbuild').Message[] }).errors;
    const first = errors?.[0];
    const where = first?.location
      ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: `
      : '';
    throw new UsageError(
      `${file}: cannot compile the module: ${where}${first ? first.text : firstLine((e as Error).message)}`,
    );
  }
  const code = result.outputFiles[0].text;
  const hash = createHash('sha256').update(file).update(code).digest('hex').slice(0, 12);
  const out = join(modulesDir(), `${basename(file, extname(file))}-${hash}.mjs`);
  writeFileSync(out, code);
  return pathToFileURL(out).href;
}

/**
 * Imports a runnable agent module and checks its default export. `file` is the name the messages give
 * (the user's file, also when `url` is its transpiled copy).
 */
export async function importAgentModule(url: string, file: string): Promise<AgentDefinition> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(
      `${file}: the module failed to load: ${firstLine(String((e as Error)?.message ?? e))}`,
    );
  }
  // A CommonJS module compiled from ESM (`exports.default = …`, marked __esModule) nests its default.
  const exported = moduleExports(mod).default;
  const expected =
    'expected its default export to be an agent definition { name, create(env, options) } (see docs/library.md)';
  if (exported === undefined)
    throw new UsageError(
      `${file}: ${expected}; the module has no default export${Object.keys(mod).length ? ` (it exports ${Object.keys(mod).join(', ')})` : ''}`,
    );
  const problem = agentDefinitionProblem(exported);
  if (problem) throw new UsageError(`${file}: ${expected}; ${problem}`);
  return normaliseAgentDefinition(exported as AgentDefinition, file);
}

const loaded = new Map<string, Promise<AgentModule>>();

/** Loads (once per process and file) the agent a module exports. */
export function loadAgentModule(path: string): Promise<AgentModule> {
  const file = resolve(path);
  let pending = loaded.get(file);
  if (!pending) {
    pending = (async () => {
      if (!existsSync(file) || !statSync(file).isFile())
        throw new UsageError(`${path}: no such file (expected an agent module: .mjs, .js or .ts)`);
      if (!MODULE_EXTENSIONS.test(file))
        throw new UsageError(
          `${path}: expected an agent module ending in .mjs, .js, .cjs, .ts, .mts or .cts`,
        );
      const url = TYPESCRIPT.test(file) ? await transpile(file) : pathToFileURL(file).href;
      return { file, url, definition: await importAgentModule(url, path) };
    })();
    loaded.set(file, pending);
  }
  return pending;
}

/** What the bench's workers are told about the agent modules (structured-cloneable). */
export interface AgentModuleRef {
  file: string;
  url: string;
}

export function moduleRef(m: AgentModule): AgentModuleRef {
  return { file: m.file, url: m.url };
}

/** Which file each registered module agent came from. */
const registeredFrom = new Map<string, string>();

/**
 * Makes module agents known by name to this thread (findAgent, `--agents NAME`, bench jobs). A name
 * that a built-in agent, a test agent or another module already has is refused.
 */
export function registerAgentModules(modules: readonly Pick<AgentModule, 'file' | 'definition'>[]): void {
  for (const { file, definition } of modules) {
    const name = definition.name;
    const before = registeredFrom.get(name);
    if (before === file) continue;
    if (before !== undefined)
      throw new UsageError(`${file}: its agent is named "${name}", as the agent of ${before} is: rename one`);
    if (findAgent(name))
      throw new UsageError(
        `${file}: its agent is named "${name}", which is taken by a built-in agent: give it another name`,
      );
    registerExtraAgents([definition]);
    registeredFrom.set(name, file);
  }
}

/** In a worker thread: imports the modules the main thread loaded and registers their agents. */
export async function registerAgentModuleRefs(refs: readonly AgentModuleRef[]): Promise<void> {
  const modules = [];
  for (const ref of refs)
    modules.push({ file: ref.file, definition: await importAgentModule(ref.url, ref.file) });
  registerAgentModules(modules);
}
