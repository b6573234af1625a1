/**
 * Exact Bayes-adaptive planning over an enumerated, finite set of hypotheses: every joint draw of the
 * unknowns and theories is a compiled world, and a belief node is the posterior weight of each
 * hypothesis together with the world state (cell and changes so far) it implies. Outcomes come from
 * the engine's `forEachOutcome` in each hypothesis's world, grouped by what the agent observes (cell,
 * signal, alive, stuck, reward, changed looks, cues), so one observation splits the node into the
 * posterior it leaves. Reachable nodes are found breadth-first and solved by value iteration.
 *
 * It is exact for any world whose reachable nodes fit the budget; worlds with theories or changing
 * tiles come here (the cell-indexed planner in ./bayes-adaptive cannot hold their state).
 */
import { lookChanges, type Observation } from '../core/episode.ts';
import { UsageError } from '../core/errors.ts';
import type { EnvSpec } from '../core/spec.ts';
import { createState, forEachOutcome, type EngineState } from '../core/step.ts';
import { truthKeys, type Truth } from '../core/truth.ts';
import { compileWorld, NO_SIGNAL, setCellTile, type World } from '../core/world.ts';
import { stuckValue } from './model.ts';

interface Hypothesis {
  truth: Truth;
  prior: number;
  world: World;
  base: Int32Array;
}

/** A belief node: the agent's cell, and per hypothesis its weight (0: ruled out) and its changes. */
interface Node {
  pos: number;
  weights: Float64Array;
  changes: (Int32Array | null)[];
}

/** One action's result in a node: per observation, its probability, reward and next node (-1: ended). */
interface Branch {
  obs: string;
  p: number;
  reward: number;
  /** Next node index, or -1 when the episode ended, -2 when the agent is stuck for good. */
  next: number;
}

export interface HypothesisPlannerOptions {
  maxHypotheses: number;
  maxNodes: number;
}

/** Every joint draw of the world's hidden choices with its prior, or a refusal when there are too many. */
function enumerateHypotheses(spec: EnvSpec, max: number): { truth: Truth; prior: number }[] {
  const keys = truthKeys(spec);
  const values = keys.map((key) => {
    const theory = spec.theories.find((t) => t.id === key);
    if (theory) return theory.hypotheses.map((h) => [h.name, h.p] as const);
    const unknown = spec.unknowns.find((u) => u.id === key.split('@')[0])!;
    return unknown.prior.map((v) => [v.tile, v.p] as const);
  });
  let count = 1;
  for (const v of values) count *= v.filter(([, p]) => p > 0).length;
  if (count > max)
    throw new UsageError(
      `bayes-optimal cannot plan ${spec.name}: ${count} hypotheses (joint draws of its unknowns and theories), more than its budget of ${max}`,
    );
  let out: { truth: Truth; prior: number }[] = [{ truth: {}, prior: 1 }];
  keys.forEach((key, i) => {
    out = out.flatMap((h) =>
      values[i]
        .filter(([, p]) => p > 0)
        .map(([v, p]) => ({ truth: { ...h.truth, [key]: v }, prior: h.prior * p })),
    );
  });
  return out;
}

export class HypothesisPlanner {
  readonly spec: EnvSpec;
  private readonly hyps: Hypothesis[];
  private readonly engine: EngineState;
  private readonly nodes: Node[] = [];
  private readonly index = new Map<string, number>();
  /** `branches[node][k]`: the outcomes of the k-th action. */
  private readonly branches: Branch[][][] = [];
  private values = new Float64Array(0);
  private readonly gamma: number;
  private readonly stuck: number;
  private readonly codes: number[];

  constructor(spec: EnvSpec, options: HypothesisPlannerOptions) {
    this.spec = spec;
    this.hyps = enumerateHypotheses(spec, options.maxHypotheses).map((h) => {
      const world = compileWorld(spec, h.truth);
      return { ...h, world, base: world.tileId.slice() };
    });
    this.engine = createState(this.hyps[0].world);
    this.gamma = spec.gamma;
    this.stuck = stuckValue(this.hyps[0].world);
    this.codes = [...this.hyps[0].world.actions];
    const weights = Float64Array.from(this.hyps.map((h) => h.prior));
    this.nodeFor({ pos: spec.start!, weights, changes: this.hyps.map(() => null) });
    for (let i = 0; i < this.nodes.length; i++) {
      if (this.nodes.length > options.maxNodes)
        throw new UsageError(
          `bayes-optimal cannot plan ${spec.name}: more than ${options.maxNodes} belief states (posterior and world state) are reachable`,
        );
      this.branches.push(this.codes.map((code) => this.expand(i, code)));
    }
    this.solve();
  }

  get root(): number {
    return 0;
  }

  private nodeFor(node: Node): number {
    const parts: string[] = [String(node.pos)];
    node.weights.forEach((w, h) => {
      if (w > 0) parts.push(`${h}:${w.toPrecision(12)}:${node.changes[h]?.join(',') ?? ''}`);
    });
    const key = parts.join('|');
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.nodes.length;
      this.index.set(key, i);
      this.nodes.push(node);
    }
    return i;
  }

  /** Writes (or, with `undo`, takes back) hypothesis `h`'s changes in node `n` into its world. */
  private applyChanges(h: number, changes: Int32Array | null, undo: boolean): void {
    if (!changes) return;
    const { world, base } = this.hyps[h];
    for (let i = 0; i < changes.length; i += 2)
      setCellTile(world, changes[i], world.tileList[undo ? base[changes[i]] : changes[i + 1]]);
  }

  private expand(n: number, code: number): Branch[] {
    const node = this.nodes[n];
    type Part = {
      h: number;
      p: number;
      reward: number;
      ended: boolean;
      stuck: boolean;
      pos: number;
      changes: Int32Array | null;
    };
    const groups = new Map<string, Part[]>();
    node.weights.forEach((w, h) => {
      if (!(w > 0)) return;
      const hyp = this.hyps[h];
      this.applyChanges(h, node.changes[h], false);
      forEachOutcome(hyp.world, this.engine, node.pos, code, (p, reward, s) => {
        const ended = !s.alive || s.terminated;
        const changes = ended ? null : this.changesAfter(h, node.changes[h], s);
        for (const [cues, pc] of ended || s.stuck ? [['', 1] as const] : cueOutcomes(hyp.world, s.pos)) {
          const obs = `${s.pos}|${s.signal}|${s.alive}|${s.stuck}|${reward}|${JSON.stringify(lookChanges(hyp.world, s))}|${cues}`;
          const list = groups.get(obs) ?? [];
          list.push({ h, p: w * p * pc, reward, ended, stuck: s.stuck, pos: s.pos, changes });
          groups.set(obs, list);
        }
      });
      this.applyChanges(h, node.changes[h], true);
    });
    const out: Branch[] = [];
    for (const [obs, parts] of groups) {
      const total = parts.reduce((t, x) => t + x.p, 0);
      if (!(total > 0)) continue;
      const first = parts[0];
      let next = -1;
      if (!first.ended && first.stuck) next = -2;
      else if (!first.ended) {
        const weights = new Float64Array(this.hyps.length);
        const changes: (Int32Array | null)[] = this.hyps.map(() => null);
        for (const x of parts) {
          weights[x.h] += x.p / total;
          changes[x.h] = x.changes;
        }
        next = this.nodeFor({ pos: first.pos, weights, changes });
      }
      out.push({ obs, p: total, reward: first.reward, next });
    }
    return out;
  }

  /** Hypothesis `h`'s changes after the step just taken: its earlier ones and the step's, against its base. */
  private changesAfter(h: number, before: Int32Array | null, s: EngineState): Int32Array | null {
    const { world, base } = this.hyps[h];
    const cells = new Set<number>();
    if (before) for (let i = 0; i < before.length; i += 2) cells.add(before[i]);
    for (let i = 0; i < s.changeCount; i++) cells.add(s.changeCell[i]);
    const pairs: number[] = [];
    for (const c of [...cells].sort((a, b) => a - b))
      if (world.tileId[c] !== base[c]) pairs.push(c, world.tileId[c]);
    return pairs.length === 0 ? null : Int32Array.from(pairs);
  }

  private q(n: number, k: number, V: Float64Array): number {
    let total = 0;
    for (const b of this.branches[n][k]) {
      const after = b.next === -1 ? 0 : b.next === -2 ? this.stuck : V[b.next];
      total += b.p * (b.reward + this.gamma * after);
    }
    return total;
  }

  private solve(): void {
    const V = new Float64Array(this.nodes.length).fill(this.stuck);
    for (let sweep = 0; sweep < 100_000; sweep++) {
      let delta = 0;
      for (let n = this.nodes.length - 1; n >= 0; n--) {
        let best = -Infinity;
        for (let k = 0; k < this.codes.length; k++) best = Math.max(best, this.q(n, k, V));
        delta = Math.max(delta, Math.abs(best - V[n]));
        V[n] = best;
      }
      if (delta <= 1e-11) break;
    }
    this.values = V;
  }

  /** The exact Bayes-adaptive value of a node (the root: before the first action). */
  value(n: number): number {
    return this.values[n];
  }

  /** Q-values of node `n`, in the environment's action order. */
  actionValues(n: number): number[] {
    return this.codes.map((_, k) => this.q(n, k, this.values));
  }

  /** The node after taking action `k` in node `n` and seeing `obs` with `reward`; null when unforeseen. */
  follow(n: number, k: number, obs: Observation, reward: number): number | null {
    const w = this.hyps[0].world;
    const signal = obs.signal === null ? NO_SIGNAL : w.signals.indexOf(obs.signal);
    const cues = obs.cues
      .map((c) => `${c.dir}:${c.signal}`)
      .sort()
      .join(',');
    const key = `${obs.y * w.width + obs.x}|${signal}|${obs.alive}|${obs.stuck}|${reward}|${JSON.stringify(obs.changes)}|${cues}`;
    const b = this.branches[n][k].find((x) => x.obs === key);
    return b && b.next >= 0 ? b.next : null;
  }

  /** Posterior per truth key, for the views. */
  posterior(n: number): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    this.nodes[n].weights.forEach((w, h) => {
      for (const [key, v] of Object.entries(this.hyps[h].truth)) {
        out[key] ??= {};
        out[key][v] = (out[key][v] ?? 0) + w;
      }
    });
    return out;
  }
}

/** The cue lists the agent may perceive standing at `pos`, each with its probability (as `perceiveCues`). */
function cueOutcomes(world: World, pos: number): (readonly [string, number])[] {
  let out: [string[], number][] = [[[], 1]];
  for (let d = 0; d < 4; d++) {
    const nb = world.neighbour[pos * 4 + d];
    if (nb < 0 || world.nearSignal[nb] === NO_SIGNAL) continue;
    const p = world.nearP[nb];
    const cue = `${'NESW'[d]}:${world.signals[world.nearSignal[nb]]}`;
    out = out.flatMap(([list, q]): [string[], number][] => [
      ...(p > 0 ? [[[...list, cue], q * Math.min(1, p)] as [string[], number]] : []),
      ...(p < 1 ? [[list, q * (1 - p)] as [string[], number]] : []),
    ]);
  }
  return out.map(([list, q]) => [[...list].sort().join(','), q] as const);
}
