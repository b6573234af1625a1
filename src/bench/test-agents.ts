/**
 * TEST HOOK, not a feature: when the environment variable TRAPWORLD_TEST_AGENTS names a plain JavaScript
 * module (.js or .mjs, e.g. tests/fixtures/bench-agents.mjs) exporting `agents`, an array of agent
 * definitions, `trapworld bench` and its worker threads know those agents too. The bench's tests use it
 * for deliberately broken agents (one throws, one loops forever, one calls process.exit) without adding
 * them to the real registry. Documented in docs/benchmarking.md.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AgentDefinition } from '../core/agent.ts';
import { UsageError } from '../core/errors.ts';
import { registerExtraAgents } from '../worker/batch.ts';

export const TEST_AGENTS_VARIABLE = 'TRAPWORLD_TEST_AGENTS';

/** Loads and registers the test agents, if the variable is set; returns the absolute module path. */
export async function loadTestAgents(
  env: Record<string, string | undefined> = process.env,
): Promise<string | null> {
  const given = env[TEST_AGENTS_VARIABLE];
  if (!given) return null;
  const path = resolve(given);
  let definitions: unknown;
  try {
    const mod = (await import(pathToFileURL(path).href)) as { agents?: unknown; default?: unknown };
    definitions = mod.agents ?? mod.default;
  } catch (e) {
    throw new UsageError(
      `${TEST_AGENTS_VARIABLE}=${given}: cannot load the module (${(e as Error).message})`,
    );
  }
  if (
    !Array.isArray(definitions) ||
    !definitions.every((d) => d && typeof d.name === 'string' && typeof d.create === 'function')
  )
    throw new UsageError(
      `${TEST_AGENTS_VARIABLE}=${given}: expected the module to export \`agents\`, an array of agent definitions`,
    );
  try {
    registerExtraAgents((definitions as AgentDefinition[]).map((d) => ({ ...d, options: d.options ?? [] })));
  } catch (e) {
    throw new UsageError(`${TEST_AGENTS_VARIABLE}=${given}: ${(e as Error).message}`);
  }
  return path;
}
