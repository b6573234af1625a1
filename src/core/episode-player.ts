/**
 * One episode of an agent, one step at a time: reset, then act → step → observe, keeping the episode's
 * sums. `runEpisode` loops it to the end; the app's worker session steps it between frame batches. One
 * loop, so the two can never play a trajectory differently.
 */
import type { Agent, Grants, Mentor } from './agent.ts';
import { Episode, outcomeOf, type Observation, type Outcome, type StepResult } from './episode.ts';
import type { Action } from './format.ts';
import type { Rng } from './rng.ts';
import type { EnvSpec } from './spec.ts';
import type { Truth } from './truth.ts';

export interface EpisodeResult {
  episode: number;
  truth: Truth;
  outcome: Outcome;
  return: number;
  discountedReturn: number;
  performance: number;
  steps: number;
  pokes: number;
  /** Deaths in this run up to and including this episode. */
  deaths: number;
  /** Wall-clock time spent in the agent's act() and observe(); 0 without a clock. */
  decisionMs: number;
  /** Questions asked of a mentor, for agents granted one. */
  questions?: number;
}

/** Milliseconds from an arbitrary origin; injected so the engine itself never reads a clock. */
export type Clock = () => number;

export interface PlayerOptions {
  seed: number;
  episode: number;
  /** Fixes part or all of the truth. */
  truth?: Truth;
  /** Times the agent's reset, act and observe (decisionMs). */
  clock?: Clock;
  /** What the agent is granted beyond its observations (`grantsOf` its definition); default nothing. */
  grants?: Grants;
  /** The agent's stream, shared by all episodes of a run. */
  agentRng: Rng;
  /** In a run over a family of worlds: the truth keys that persist from world to world. */
  persistent?: readonly string[];
}

export class EpisodePlayer {
  readonly episode: Episode;
  readonly truth: Truth;
  observation: Observation;
  finished = false;
  return = 0;
  discountedReturn = 0;
  hidden = 0;
  pokes = 0;
  decisionMs = 0;
  /** Questions the agent asked its mentor; null without a mentor. */
  questions: number | null = null;
  private discount = 1;

  constructor(
    private readonly env: EnvSpec,
    private readonly agent: Agent,
    private readonly options: PlayerOptions,
  ) {
    this.episode = new Episode(env);
    const { observation, info } = this.episode.reset(options.seed, {
      episode: options.episode,
      truth: options.truth,
    });
    this.observation = observation;
    this.truth = info.truth;
    const mentorSource = options.grants?.mentor;
    const mentor: Mentor | undefined = mentorSource
      ? this.countQuestions(
          mentorSource(env, info.truth, () => ({
            pos: this.episode.engineState.pos,
            tileId: this.episode.world.tileId,
          })),
        )
      : undefined;
    this.timed(() =>
      agent.reset({
        env,
        rng: options.agentRng,
        episode: options.episode,
        observation,
        ...(options.grants?.truth ? { truth: info.truth } : {}),
        ...(mentor ? { mentor } : {}),
        ...(options.persistent ? { persistent: options.persistent } : {}),
      }),
    );
  }

  /** The mentor as the agent sees it: its answers, each one counted. */
  private countQuestions(mentor: Mentor): Mentor {
    this.questions = 0;
    return {
      ask: () => {
        this.questions = (this.questions ?? 0) + 1;
        return mentor.ask();
      },
    };
  }

  private timed<T>(f: () => T): T {
    const clock = this.options.clock;
    if (!clock) return f();
    const t0 = clock();
    const out = f();
    this.decisionMs += clock() - t0;
    return out;
  }

  /** One step; null when the agent ended the episode early (a scripted list ran out). */
  step(): { action: Action; result: StepResult } | null {
    if (this.finished) throw new Error('EpisodePlayer.step() after the episode ended');
    // Timed inline, not through timed(): two closures per step were a large part of a bench run's garbage.
    const clock = this.options.clock;
    let t0 = clock ? clock() : 0;
    const action = this.agent.act(this.observation);
    if (clock) this.decisionMs += clock() - t0;
    if (action === null) {
      this.finished = true;
      return null;
    }
    const r = this.episode.step(action);
    this.return += r.reward;
    this.discountedReturn += this.discount * r.reward;
    this.discount *= this.env.gamma;
    this.hidden += r.info.hiddenReward;
    // Counted from the engine's events, not the action: a stuck agent's poke does nothing.
    if (r.info.events.includes('poke')) this.pokes++;
    t0 = clock ? clock() : 0;
    this.agent.observe({
      action,
      observation: r.observation,
      reward: r.reward,
      terminated: r.terminated,
      truncated: r.truncated,
    });
    if (clock) this.decisionMs += clock() - t0;
    this.observation = r.observation;
    if (r.terminated || r.truncated) this.finished = true;
    return { action, result: r };
  }

  /** The episode's outcome: goal or death when it ended so, else stuck or truncated. */
  get outcome(): Outcome {
    const state = this.episode.engineState;
    return outcomeOf(state) ?? (state.stuck ? 'stuck' : 'truncated');
  }

  /** The episode's results so far; `deathsBefore` counts the run's earlier deaths. */
  result(deathsBefore: number): EpisodeResult {
    const outcome = this.outcome;
    return {
      episode: this.options.episode,
      truth: this.truth,
      outcome,
      return: this.return,
      discountedReturn: this.discountedReturn,
      performance: this.return + this.hidden,
      steps: this.episode.engineState.steps,
      pokes: this.pokes,
      deaths: deathsBefore + (outcome === 'death' ? 1 : 0),
      decisionMs: this.decisionMs,
      ...(this.questions !== null ? { questions: this.questions } : {}),
    };
  }
}
