/**
 * Typed helpers for the modules users write: `export default defineAgent({...})` and
 * `export default defineEnvironment({...})`. Each returns what it is given (an agent with its defaults
 * filled in) after checking its shape, so a mistake shows where the module is written, not deep in a run.
 */
import type { AgentDefinition } from '../core/agent.ts';
import {
  agentDefinitionProblem,
  normaliseAgentDefinition,
  type AgentModuleDefinition,
} from '../core/agent-shape.ts';
import { EnvLoadError } from '../core/errors.ts';
import type { EnvironmentFile } from '../core/format.ts';
import {
  generatorIssues,
  isEnvironmentGenerator,
  type EnvironmentGenerator,
  type ParamSpecs,
} from '../core/generator.ts';

/**
 * An agent definition; `title` (default: the name), `description` and `options` may be left out.
 * Throws a TypeError saying what is wrong when it is not shaped as an agent definition.
 */
export function defineAgent(definition: AgentModuleDefinition): AgentDefinition {
  const problem = agentDefinitionProblem(definition);
  if (problem) throw new TypeError(`defineAgent: ${problem}`);
  return normaliseAgentDefinition(definition, `agent "${definition.name}"`);
}

/**
 * An environment (the object a JSON file holds), or a generator of environments from declared
 * parameters: `{ name, params: { size: { default: 8, min: 4, max: 32 } }, generate(params) }`. Returned
 * unchanged; a generator's declaration is checked here (EnvLoadError listing every problem), an
 * environment's fields when it is loaded.
 */
export function defineEnvironment(definition: EnvironmentFile): EnvironmentFile;
export function defineEnvironment<P extends ParamSpecs>(
  definition: EnvironmentGenerator<P>,
): EnvironmentGenerator<P>;
export function defineEnvironment(
  definition: EnvironmentFile | EnvironmentGenerator,
): EnvironmentFile | EnvironmentGenerator {
  if (isEnvironmentGenerator(definition)) {
    const issues = generatorIssues(definition);
    if (issues.length) throw new EnvLoadError(`environment generator "${String(definition.name)}"`, issues);
  }
  return definition;
}
