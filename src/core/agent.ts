/**
 * The agent interface. Agents are told what the environment format says they are told (the EnvSpec:
 * looks, tile kinds, unknowns with priors and cells), never the truth or engine internals.
 */
import type { Action } from './format.ts';
import type { Observation, StepInfo } from './episode.ts';
import type { Rng } from './rng.ts';
import type { EnvSpec } from './spec.ts';
import type { Truth } from './truth.ts';

export interface AgentContext {
  env: EnvSpec;
  /** The agent's own stream, which persists across episodes of a run. */
  rng: Rng;
  episode: number;
  observation: Observation;
  /** The episode's true world: given only to agents whose definition sets `needsTruth` (the oracle). */
  truth?: Truth;
  /** A mentor who knows the true world: given only to agents whose definition names one (`mentor`). */
  mentor?: Mentor;
  /**
   * In a run over a family of worlds (a new world each episode): the truth keys whose value persists
   * from world to world (the family's regularities: its shared unknowns and theories). A rule of the
   * family, as the format's rules are, never a value.
   */
  persistent?: readonly string[];
}

/**
 * A mentor the agent may ask for the action to take now. It knows the true world, which the agent is
 * never given: the episode driver holds the truth and the mentor's answers are all the agent sees.
 * Every question is counted and reported (`questions` in the results).
 */
export interface Mentor {
  ask(): Action;
}

/** What the episode driver shows a mentor of the episode as it stands: the cell and each cell's tile. */
export interface EpisodeNow {
  pos: number;
  tileId: Int32Array;
}

/** How an agent definition's mentor answers, given what only the driver knows (the truth, the state). */
export type MentorSource = (env: EnvSpec, truth: Truth, now: () => EpisodeNow) => Mentor;

export interface Transition {
  action: Action;
  observation: Observation;
  reward: number;
  terminated: boolean;
  truncated: boolean;
}

/** What views may draw of an agent's mind. All fields optional: agents show what they have. */
export interface BeliefView {
  /** P(trap) per cell, row-major (death or stuck). */
  trapProbability?: Float64Array;
  /** Posterior per unknown key (`id` or `id@x,y`): tile → probability. */
  posterior?: Record<string, Record<string, number>>;
  /** Cells of the plan the agent currently intends to follow. */
  plan?: number[];
  /** Why its last action: the options it weighed at its last decision (the app's "Why" view). */
  decision?: DecisionView;
}

/** One option an agent weighed: a plain move, the safe plan, or a chain of experiments. */
export interface CandidateView {
  kind: 'move' | 'safe' | 'experiment';
  /** Short, for a table row: "poke-E from 3,1, then poke-E from 5,1", "safe plan", "E". */
  label: string;
  /** Expected discounted value of taking it now (the agent's own estimate). */
  value: number;
  /** The agent's probability that doing it harms it (death, stuck, or a point of no return). */
  risk: number;
  /** Steps it spends before its first result (travel plus the experiment's own steps). */
  cost: number;
  /** Value of information: its value minus the safe plan's; 0 for the safe plan itself. */
  voi: number;
  /** For an experiment: the hypotheses or variants its outcomes tell apart, e.g. "snake@3,1: live-snake | dead-snake". */
  tells?: string[];
  /** Cells it would visit (path to the spot, then the experiment targets), for the plan overlay. */
  cells?: number[];
  /** The cells its experiments examine (poked, watched, stepped onto or asked about), in order. */
  targets?: number[];
  chosen: boolean;
}

export interface DecisionView {
  /** The step (0-based, within the episode) at which this decision was made. */
  step: number;
  /** One sentence: what it chose and why. */
  summary: string;
  candidates: CandidateView[];
}

export interface Agent {
  /** Called at the start of every episode; memory from earlier episodes may be kept. */
  reset(context: AgentContext): void;
  /** The next action; `null` ends the episode early (only scripted action lists do this), as truncated. */
  act(observation: Observation): Action | null;
  observe(transition: Transition): void;
  belief?(): BeliefView;
}

export type OptionValue = number | string | boolean;

export interface OptionSpec {
  name: string;
  type: 'number' | 'integer' | 'boolean' | 'string';
  default: OptionValue;
  description: string;
  min?: number;
  max?: number;
}

export interface AgentDefinition {
  name: string;
  title: string;
  /** How it decides, in a few sentences: shown by `list`, the README and the app. */
  description: string;
  options: OptionSpec[];
  /** A yardstick that is told the truth (the oracle). Every other agent must learn it. */
  needsTruth?: boolean;
  /** A mentor who knows the truth, for agents that may ask (the mentored agent); they get its answers only. */
  mentor?: MentorSource;
  /**
   * Throws a UsageError for options that are wrong whatever the world (an empty action list), so that
   * `run` and `bench` refuse them before anything runs. Called by parseOptions.
   */
  checkOptions?(options: Record<string, OptionValue>): void;
  /**
   * Whether one instance can play the different worlds of a family (episode k of a generator's family
   * draws world k: `reset`'s context names it) and carry what it learned across them. Agents without it
   * are created afresh for each new world.
   */
  acrossWorlds?: boolean;
  /** Called once per run (and per world of a family, unless `acrossWorlds`); it plays those episodes. */
  create(env: EnvSpec, options: Record<string, OptionValue>): Agent;
}

/** Events are for metrics; re-exported so agent authors see that agents never receive them. */
export type { StepInfo };

/**
 * What the episode driver grants an agent beyond what the format says agents are told: the truth, for
 * yardsticks such as the oracle, or a mentor to ask. Every run loop (run, bench workers, the app's
 * worker) asks this one function, so a new capability is added here and in EpisodePlayer only.
 */
export interface Grants {
  truth: boolean;
  mentor: MentorSource | null;
}

export function grantsOf(definition: AgentDefinition): Grants {
  return { truth: definition.needsTruth === true, mentor: definition.mentor ?? null };
}
