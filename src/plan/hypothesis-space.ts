/**
 * A world's hidden choices as a finite set of hypotheses, and what an action shows in each: every joint
 * draw of the unknowns and theories is a compiled world with its prior; a step taken in a belief (the
 * agent's cell, the hypotheses still weighted, and each one's changes so far) splits into the
 * observations the agent could make (cell, signal, alive, stuck, reward, changed looks, cues), each with
 * the hypotheses that produce it. Outcomes come from the engine's `forEachOutcome`, so the exact
 * Bayes-adaptive planner and `trapworld analyze` reason with the engine's own rules.
 */
import { lookChanges } from '../core/episode.ts';
import { UsageError } from '../core/errors.ts';
import type { EnvSpec } from '../core/spec.ts';
import { forEachOutcome, type EngineState } from '../core/step.ts';
import { drawEpisodeTruth, truthKeys, type Truth } from '../core/truth.ts';
import { compileWorld, Signal, setCellTile, type World } from '../core/world.ts';

export interface Hypothesis {
  truth: Truth;
  prior: number;
  world: World;
  /** The world's tiles as compiled: changes are pairs (cell, tile id) that differ from these. */
  base: Int32Array;
}

/** One hypothesis's share of an observation: its weighted probability and the state it leaves. */
export interface Part {
  h: number;
  p: number;
  reward: number;
  ended: boolean;
  dead: boolean;
  stuck: boolean;
  pos: number;
  changes: Int32Array | null;
}

/** The number of joint draws with positive prior (may exceed 2^53 only in absurd worlds). */
export function hypothesisCount(spec: EnvSpec): number {
  let count = 1;
  for (const values of priorsByKey(spec)) count *= values.filter(([, p]) => p > 0).length;
  return count;
}

function priorsByKey(spec: EnvSpec): (readonly (readonly [string, number])[])[] {
  return truthKeys(spec).map((key) => {
    const theory = spec.theories.find((t) => t.id === key);
    if (theory) return theory.hypotheses.map((h) => [h.name, h.p] as const);
    const unknown = spec.unknowns.find((u) => u.id === key.split('@')[0])!;
    return unknown.prior.map((v) => [v.tile, v.p] as const);
  });
}

/** Every joint draw of the world's hidden choices with its prior; `refuse` names who refuses past `max`. */
export function enumerateHypotheses(
  spec: EnvSpec,
  max: number,
  refuse: string,
): { truth: Truth; prior: number }[] {
  const count = hypothesisCount(spec);
  if (count > max)
    throw new UsageError(
      `${refuse} ${spec.name}: ${count} hypotheses (joint draws of its unknowns and theories), more than its budget of ${max}`,
    );
  const keys = truthKeys(spec);
  const values = priorsByKey(spec);
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

/**
 * Up to `max` distinct draws from the prior (seeded: the same every time), each weighted by how often it
 * was drawn: the stand-in for the full set when it is too large to enumerate.
 */
export function sampleHypotheses(spec: EnvSpec, max: number, seed = 0): { truth: Truth; prior: number }[] {
  const counts = new Map<string, { truth: Truth; n: number }>();
  const draws = max * 4;
  for (let i = 0; i < draws && counts.size < max; i++) {
    // Episode i's draw: the world's own streams, so a sample is the truths episodes would meet.
    const truth = drawEpisodeTruth(spec, seed, i);
    const key = JSON.stringify(truth);
    const seen = counts.get(key);
    if (seen) seen.n++;
    else counts.set(key, { truth, n: 1 });
  }
  const total = [...counts.values()].reduce((s, c) => s + c.n, 0);
  return [...counts.values()].map((c) => ({ truth: c.truth, prior: c.n / total }));
}

export function compileHypotheses(spec: EnvSpec, list: { truth: Truth; prior: number }[]): Hypothesis[] {
  return list.map((h) => {
    const world = compileWorld(spec, h.truth);
    return { ...h, world, base: world.tileId.slice() };
  });
}

/** Writes (or, with `undo`, takes back) a hypothesis's changes into its world. */
export function applyHypothesisChanges(hyp: Hypothesis, changes: Int32Array | null, undo: boolean): void {
  if (!changes) return;
  const { world, base } = hyp;
  for (let i = 0; i < changes.length; i += 2)
    setCellTile(world, changes[i], world.tileList[undo ? base[changes[i]] : changes[i + 1]]);
}

/** A hypothesis's changes after the step just taken: its earlier ones and the step's, against its base. */
function changesAfter(hyp: Hypothesis, before: Int32Array | null, s: EngineState): Int32Array | null {
  const { world, base } = hyp;
  const cells = new Set<number>();
  if (before) for (let i = 0; i < before.length; i += 2) cells.add(before[i]);
  for (let i = 0; i < s.changeCount; i++) cells.add(s.changeCell[i]);
  const pairs: number[] = [];
  for (const c of [...cells].sort((a, b) => a - b))
    if (world.tileId[c] !== base[c]) pairs.push(c, world.tileId[c]);
  return pairs.length === 0 ? null : Int32Array.from(pairs);
}

/**
 * The observations action `code` can give at `pos`, each with the parts of the hypotheses (weight × the
 * engine's branch probability × the cue probability) that produce it. Keys are the observation as
 * `observationKey` writes it.
 */
export function observationGroups(
  hyps: readonly Hypothesis[],
  engine: EngineState,
  pos: number,
  weights: Float64Array,
  changes: readonly (Int32Array | null)[],
  code: number,
): Map<string, Part[]> {
  const groups = new Map<string, Part[]>();
  weights.forEach((w, h) => {
    if (!(w > 0)) return;
    const hyp = hyps[h];
    applyHypothesisChanges(hyp, changes[h], false);
    forEachOutcome(hyp.world, engine, pos, code, (p, reward, s) => {
      const ended = !s.alive || s.terminated;
      const after = ended ? null : changesAfter(hyp, changes[h], s);
      const looks = JSON.stringify(lookChanges(hyp.world, s));
      for (const [cues, pc] of ended || s.stuck ? [['', 1] as const] : cueOutcomes(hyp.world, s.pos)) {
        const obs = `${s.pos}|${s.signal}|${s.alive}|${s.stuck}|${reward}|${looks}|${cues}`;
        const list = groups.get(obs) ?? [];
        list.push({
          h,
          p: w * p * pc,
          reward,
          ended,
          dead: !s.alive,
          stuck: s.stuck,
          pos: s.pos,
          changes: after,
        });
        groups.set(obs, list);
      }
    });
    applyHypothesisChanges(hyp, changes[h], true);
  });
  return groups;
}

/** The key `observationGroups` gives an observation the agent received (signal as the engine's id). */
export function observationKey(
  world: World,
  obs: {
    x: number;
    y: number;
    signal: string | null;
    alive: boolean;
    stuck: boolean;
    changes: unknown;
    cues: readonly { dir: string; signal: string }[];
  },
  reward: number,
): string {
  const signal = obs.signal === null ? Signal.none : world.signals.indexOf(obs.signal);
  const cues = obs.cues
    .map((c) => `${c.dir}:${c.signal}`)
    .sort()
    .join(',');
  return `${obs.y * world.width + obs.x}|${signal}|${obs.alive}|${obs.stuck}|${reward}|${JSON.stringify(obs.changes)}|${cues}`;
}

/** The cue lists the agent may perceive standing at `pos`, each with its probability (as `perceiveCues`). */
function cueOutcomes(world: World, pos: number): (readonly [string, number])[] {
  let out: [string[], number][] = [[[], 1]];
  for (let d = 0; d < 4; d++) {
    const nb = world.neighbour[pos * 4 + d];
    if (nb < 0 || world.nearSignal[nb] === Signal.none) continue;
    const p = world.nearP[nb];
    const cue = `${'NESW'[d]}:${world.signals[world.nearSignal[nb]]}`;
    out = out.flatMap(([list, q]): [string[], number][] => [
      ...(p > 0 ? [[[...list, cue], q * Math.min(1, p)] as [string[], number]] : []),
      ...(p < 1 ? [[list, q * (1 - p)] as [string[], number]] : []),
    ]);
  }
  return out.map(([list, q]) => [[...list].sort().join(','), q] as const);
}

/** An action's outcome in a belief graph: probability, reward, and next node (-1: ended, -2: stuck). */
export interface GraphBranch {
  p: number;
  reward: number;
  next: number;
}

/** Expected discounted value of action k in node n under values V (a node never expanded is worth `stuck`). */
export function branchValue(
  bs: readonly GraphBranch[],
  V: Float64Array,
  gamma: number,
  stuck: number,
): number {
  let total = 0;
  for (const b of bs) {
    const after = b.next === -1 ? 0 : b.next === -2 || b.next >= V.length ? stuck : V[b.next];
    total += b.p * (b.reward + gamma * after);
  }
  return total;
}

/**
 * Value iteration over a belief graph (`branches[node][action]`), optimal over the actions `allowed`
 * permits (all by default; a node with none allowed is worth `stuck`).
 */
export function solveBeliefGraph(
  branches: readonly (readonly (readonly GraphBranch[])[])[],
  gamma: number,
  stuck: number,
  allowed: (n: number, k: number) => boolean = () => true,
): Float64Array {
  const V = new Float64Array(branches.length).fill(stuck);
  for (let sweep = 0; sweep < 100_000; sweep++) {
    let delta = 0;
    for (let n = branches.length - 1; n >= 0; n--) {
      let best = -Infinity;
      branches[n].forEach((bs, k) => {
        if (allowed(n, k)) best = Math.max(best, branchValue(bs, V, gamma, stuck));
      });
      if (best === -Infinity) best = stuck;
      delta = Math.max(delta, Math.abs(best - V[n]));
      V[n] = best;
    }
    if (delta <= 1e-11) break;
  }
  return V;
}
