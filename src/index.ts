/**
 * The package's API (`import … from 'trapworld'`; docs/library.md): load and validate environments,
 * play episodes as the agent (Gymnasium-shaped) or run agents, benchmark them, and write agents and
 * environments of one's own. Built to dist/index.js with its types in dist/types/ (scripts/build-cli.mjs).
 */
export { loadEnvironment, parseEnvironment, type LoadEnvironmentOptions } from './lib/environment.ts';
export {
  createEpisode,
  type EpisodeOptions,
  type GymEpisode,
  type ResetInfo,
  type ResetOptions,
} from './lib/episode.ts';
export {
  runAgent,
  runBench,
  type AgentInput,
  type BenchOptions,
  type BenchOutcome,
  type RunAgentOptions,
  type RunAgentResult,
} from './lib/bench.ts';
export { defineAgent, defineEnvironment } from './lib/define.ts';
export { agents } from '../agents/index.ts';
export { environments } from '../environments/index.ts';
export { EnvLoadError, UsageError, type EnvIssue } from './core/errors.ts';
export { AgentShapeError, type AgentModuleDefinition } from './core/agent-shape.ts';
export { ACTIONS, DIRECTIONS } from './core/format.ts';
export { createStream, randomInt, type Rng } from './core/rng.ts';
export { loadAgentModule, type AgentModule } from './cli/agent-modules.ts';

export type {
  Agent,
  AgentContext,
  AgentDefinition,
  BeliefView,
  OptionSpec,
  OptionValue,
  Transition,
} from './core/agent.ts';
export type { CellChange, Cue, Observation, Outcome, StepInfo, StepResult } from './core/episode.ts';
export type { EpisodeResult } from './core/episode-player.ts';
export type { EpisodeTrace } from './core/run.ts';
export type {
  Action,
  Direction,
  Effect,
  EnvironmentFile,
  TileDefinition,
  TheoryDefinition,
} from './core/format.ts';
export type {
  EnvironmentGenerator,
  GeneratedEnvironment,
  ParamSpec,
  ParamSpecs,
  ParamType,
  ParamValue,
  ParamValues,
} from './core/generator.ts';
export type { CellSpec, EnvSpec, Rewards, TheorySpec, TileKind, UnknownSpec } from './core/spec.ts';
export type { Truth } from './core/truth.ts';
export type { Registry } from './core/registry.ts';
