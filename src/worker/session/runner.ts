/**
 * A session: one run (environment, agent, options, seed, episodes, truth) played by the same loop as
 * `runEpisode` in src/core/run.ts, but step by step so it can pause between batches, with every frame
 * recorded (frame-columns.ts, belief-tracks.ts) so the app can scrub back and forth.
 */
import { agents } from '../../../agents/index.ts';
import {
  grantsOf,
  type Agent,
  type AgentDefinition,
  type BeliefView,
  type DecisionView,
} from '../../core/agent.ts';
import type { Observation } from '../../core/episode.ts';
import { EpisodePlayer } from '../../core/episode-player.ts';
import { ACTIONS, type Action } from '../../core/format.ts';
import { hashTrajectory } from '../../core/hash.ts';
import { createStream, isValidSeed, type Rng } from '../../core/rng.ts';
import type { EnvSpec } from '../../core/spec.ts';
import { checkTruth } from '../../core/truth.ts';
import { ACTION_CODE, compileWorld } from '../../core/world.ts';
import { analyseIrreversibility } from '../../plan/irreversibility.ts';
import { TrackEncoder, type PlanEntry } from './belief-tracks.ts';
import { FrameColumns } from './frame-columns.ts';
import {
  episodeBatch,
  nextBatch,
  NOTHING_SENT,
  type SentSoFar,
  type SessionRecord,
} from './frame-batches.ts';
import {
  CELL_KINDS,
  type DecisionEntry,
  type EpisodeMeta,
  type FrameBatch,
  type SessionConfig,
  type SessionInfo,
} from './protocol.ts';
import { describeSpec } from './world-info.ts';

/** Frames a session records at most (about 45 bytes each, on each side of the worker boundary). */
export const FRAME_BUDGET = 2_000_000;

const ACTION_NAMES: readonly Action[] = ACTIONS;

export class Session implements SessionRecord {
  readonly id: number;
  readonly env: EnvSpec;
  readonly info: SessionInfo;
  readonly frames = new FrameColumns();
  readonly episodes: EpisodeMeta[] = [];
  readonly trap: TrackEncoder;
  readonly posterior: TrackEncoder;
  readonly plan: PlanEntry[] = [];
  readonly decisions: DecisionEntry[] = [];
  private readonly definition: AgentDefinition;
  private agent: Agent | null = null;
  private readonly agentRng: Rng;
  private readonly signalIds: Map<string, number>;
  private readonly posteriorVector: Float64Array;
  private player: EpisodePlayer | null = null;
  private deaths = 0;
  private lastPlan: number[] | null = null;
  private lastDecision: DecisionView | null = null;
  private lastDecisionStep = -1;
  private sent: SentSoFar = NOTHING_SENT;
  done = false;
  error: string | null = null;
  computeMs = 0;
  steps = 0;

  /**
   * `definition` overrides the registry's agent named in `config` (the app's human player is one that is
   * not in the registry).
   */
  constructor(
    id: number,
    env: EnvSpec,
    config: SessionConfig,
    text: string | null,
    override?: AgentDefinition,
  ) {
    const definition = override ?? agents.get(config.agent);
    if (!definition)
      throw new Error(`unknown agent "${config.agent}" (agents: ${agents.names().join(', ')})`);
    if (!isValidSeed(config.seed))
      throw new Error(`seed must be an integer in [0, 2^32), got ${config.seed}`);
    if (!Number.isInteger(config.episodes) || config.episodes < 1)
      throw new Error(`episodes must be a positive integer, got ${config.episodes}`);
    this.id = id;
    this.env = env;
    this.definition = definition;
    const truth = checkTruth(env, config.truth);
    const world = describeSpec(env, text);
    this.info = {
      session: id,
      world,
      agent: definition.name,
      options: { ...config.options },
      seed: config.seed,
      episodes: config.episodes,
      truth,
    };
    this.signalIds = new Map(world.signals.map((s, i) => [s, i]));
    this.trap = new TrackEncoder(world.width * world.height);
    this.posterior = new TrackEncoder(world.variantCount);
    this.posteriorVector = new Float64Array(world.variantCount);
    this.agentRng = createStream(config.seed, 'agent');
    // Same order as runAgent: the agent is created once per run and keeps its memory across episodes.
    this.agent = definition.create(env, this.info.options);
  }

  private get currentMeta(): EpisodeMeta {
    return this.episodes[this.episodes.length - 1];
  }

  private beginEpisode(): void {
    const e = this.episodes.length;
    this.player = new EpisodePlayer(this.env, this.agent!, {
      seed: this.info.seed,
      episode: e,
      truth: this.info.truth,
      grants: grantsOf(this.definition),
      agentRng: this.agentRng,
    });
    this.episodes.push({
      episode: e,
      start: this.frames.length,
      count: 0,
      truth: this.player.truth,
      end: null,
    });
    this.record(-1, 0, this.player.observation, true);
  }

  /** Records the frame after an action (or after reset) and the agent's belief view at that moment. */
  private record(action: number, reward: number, obs: Observation, first: boolean): void {
    const s = this.player!.episode.engineState;
    const frame = this.frames.length;
    const view: BeliefView | undefined = this.agent!.belief?.();
    let entropy = NaN;
    if (view?.posterior) {
      entropy = this.fillPosterior(view.posterior);
      this.posterior.push(frame, this.posteriorVector, first);
    }
    if (view?.trapProbability) this.trap.push(frame, view.trapProbability, first);
    this.recordDecision(frame, view?.decision, first);
    if (view?.plan) {
      const plan = view.plan;
      const last = this.lastPlan;
      if (first || last === null || last.length !== plan.length || plan.some((c, i) => c !== last[i])) {
        this.plan.push({ frame, cells: Int32Array.from(plan) });
        this.lastPlan = plan.slice();
      }
    }
    this.frames.push(
      s.pos,
      action,
      reward,
      this.player!.return,
      first ? 0 : s.events,
      first ? 0 : s.signal,
      entropy,
    );
    for (const cue of obs.cues) {
      let id = this.signalIds.get(cue.signal);
      if (id === undefined) {
        id = this.info.world.signals.push(cue.signal) - 1;
        this.signalIds.set(cue.signal, id);
      }
      this.frames.pushCue(id * 4 + 'NESW'.indexOf(cue.dir));
    }
    const world = this.info.world;
    for (const c of obs.changes) this.frames.pushChange(c.y * world.width + c.x, world.looks.indexOf(c.look));
    this.currentMeta.count++;
  }

  /**
   * Records the agent's decision view when it is a new one (a new object or a new step). It is copied:
   * an agent may reuse and change the object it returned.
   */
  private recordDecision(frame: number, d: DecisionView | undefined, first: boolean): void {
    if (first) {
      this.lastDecision = null;
      this.lastDecisionStep = -1;
    }
    if (!d || (d === this.lastDecision && d.step === this.lastDecisionStep)) return;
    this.lastDecision = d;
    this.lastDecisionStep = d.step;
    this.decisions.push({
      frame,
      decision: {
        step: d.step,
        summary: d.summary,
        candidates: d.candidates.map((c) => ({
          ...c,
          ...(c.tells ? { tells: [...c.tells] } : {}),
          ...(c.cells ? { cells: [...c.cells] } : {}),
          ...(c.targets ? { targets: [...c.targets] } : {}),
        })),
      },
    });
  }

  /** Copies a posterior record into the fixed layout; returns its entropy in bits. */
  private fillPosterior(posterior: Record<string, Record<string, number>>): number {
    const v = this.posteriorVector;
    let h = 0;
    for (const k of this.info.world.keys) {
      const rec = posterior[k.key];
      for (let i = 0; i < k.variants.length; i++) {
        const p = rec ? (rec[k.variants[i]] ?? NaN) : NaN;
        v[k.offset + i] = p;
        if (p > 0) h -= p * Math.log2(p);
      }
    }
    return h;
  }

  private endEpisode(): void {
    const player = this.player!;
    const meta = this.currentMeta;
    const { truth: _truth, decisionMs: _ms, ...result } = player.result(this.deaths);
    this.deaths = result.deaths;
    meta.end = {
      ...result,
      hash: hashTrajectory(this.trajectory(meta.episode)),
    };
    this.player = null;
    if (this.episodes.length >= this.info.episodes) this.done = true;
  }

  /** One step of the shared episode loop, recorded as a frame; returns false when the episode ended. */
  private stepOnce(): boolean {
    const player = this.player!;
    const step = player.step();
    if (step === null) return false;
    this.steps++;
    this.record(ACTION_CODE[step.action], step.result.reward, step.result.observation, false);
    return !player.finished;
  }

  /**
   * Plays on until `maxSteps` steps were taken or `maxMs` passed (checked every few steps), then returns
   * every frame not yet sent.
   */
  advance(maxSteps: number, maxMs: number, now: () => number): FrameBatch {
    const t0 = now();
    let taken = 0;
    try {
      while (!this.done && taken < maxSteps) {
        if (this.frames.length >= FRAME_BUDGET) {
          this.done = true;
          this.error = `stopped after ${FRAME_BUDGET.toLocaleString('en')} frames (the recording budget)`;
          break;
        }
        if (this.player === null) this.beginEpisode();
        const more = this.stepOnce();
        taken++;
        if (!more) this.endEpisode();
        if ((taken & 63) === 0 && now() - t0 >= maxMs) break;
      }
    } catch (e) {
      this.done = true;
      this.error = e instanceof Error ? e.message : String(e);
      if (this.player !== null && this.currentMeta.count > 0) this.player = null;
    }
    const ms = now() - t0;
    this.computeMs += ms;
    return this.takeBatch(taken, ms);
  }

  /** Opens the next episode without taking a step (its first frame), for play one step at a time. */
  startEpisode(): FrameBatch {
    if (!this.done && this.player === null) this.beginEpisode();
    return this.takeBatch(0, 0);
  }

  private takeBatch(steps: number, computeMs: number): FrameBatch {
    const { batch, sent } = nextBatch(this, this.sent, steps, computeMs);
    this.sent = sent;
    return batch;
  }

  /** The episode's trajectory in `EpisodeTrace` form (what `hashTrajectory` and exports use). */
  trajectory(e: number): { actions: Action[]; positions: number[]; rewards: number[] } {
    const m = this.episodes[e];
    const t = this.frames.trajectory(m.start, m.count);
    return { ...t, actions: t.actions.map((code) => ACTION_NAMES[code]) };
  }

  /** Every frame and belief entry of one episode, for a view that dropped it. */
  episodeBatch(e: number): FrameBatch {
    return episodeBatch(this, e);
  }

  /** Points of no return in episode e's true world (src/plan/irreversibility.ts), as kind codes per cell. */
  irreversibility(e: number): Uint8Array {
    const m = this.episodes[e];
    if (!m) throw new Error(`no episode ${e}`);
    const { kinds } = analyseIrreversibility(compileWorld(this.env, m.truth));
    return Uint8Array.from(kinds, (k) => CELL_KINDS.indexOf(k));
  }
}
