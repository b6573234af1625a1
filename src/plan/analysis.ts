/**
 * `trapworld analyze`: what a world lets an agent learn before anyone dies in it.
 *
 * The hidden choices are enumerated as hypotheses (or, past the budget, sampled from the prior, and
 * said so). Belief nodes (the agent's cell, the posterior over hypotheses, each one's changes) are
 * explored breadth-first from the start with the engine's own outcomes (hypothesis-space.ts). An
 * action in a node is *risky* when, under some hypothesis still weighted, it can kill, stick, or leave
 * the agent where the goal can no longer be reached (a point of no return, found per hypothesis on its
 * exact model); its risk is the posterior probability of that. An action *tells apart* two values of a
 * question (an unknown, a cell of a scope-"each" unknown, a theory) when some observation it can give
 * moves the posterior over that question's values, dying included.
 *
 * For each question the cheapest test is a path of actions from the start to a telling action that
 * minimises the probability of coming to harm on the way and in the test (its risk, 1 − Π(1 − r) over
 * the risks met), then the reward spent. A question is learnable *safely* when that least risk is 0,
 * *at-risk* when it is positive, *never* when no reachable node has a telling action.
 *
 * The path follows one branch of observations (the likeliest way the world answers along the way);
 * risks and costs are conditional on it. That is exact in deterministic worlds and an approximation in
 * noisy ones, where a test is "watch until the posterior moves".
 */
import FlatQueue from 'flatqueue';
import { UsageError } from '../core/errors.ts';
import { ACTIONS, type Action } from '../core/format.ts';
import type { EnvSpec } from '../core/spec.ts';
import { truthKeys, type Truth } from '../core/truth.ts';
import { BeliefGraph, POSSIBLE, type BeliefBranch } from './belief-graph.ts';
import {
  compileHypotheses,
  enumerateHypotheses,
  hypothesisCount,
  sampleHypotheses,
  solveBeliefGraph,
  type Hypothesis,
} from './hypothesis-space.ts';
import { analyseIrreversibility } from './irreversibility.ts';
import { valueIteration } from './solve.ts';
import { cloneWorld, setCellTile } from '../core/world.ts';

export type Learnable = 'safely' | 'at-risk' | 'never';

export interface Question {
  id: string;
  values: string[];
  learnable: Learnable;
  test: { actions: Action[]; risk: number; cost: number } | null;
}

export interface Analysis {
  environment: string;
  hypotheses: number;
  enumerated: boolean;
  /** Hypotheses analysed: all of them when enumerated, else distinct draws from the prior. */
  sampled: number;
  /** Belief nodes explored; `explored` is false when the node budget stopped the search early. */
  nodes: number;
  explored: boolean;
  questions: Question[];
  pointsOfNoReturn: { truth: Truth; cells: [number, number][] }[];
  values: { oracle: number; bayesOptimal: number | null; pessimist: number };
}

export interface AnalysisOptions {
  maxHypotheses: number;
  maxNodes: number;
  /**
   * Work budget, in (hypothesis × cell × action) units: bounds the hypotheses modelled (each one's
   * exact model and values cost cells × actions) and the belief search (each node expanded costs its
   * live hypotheses × actions), so a large world gets a partial answer, said so, never a hang.
   */
  maxWork: number;
}

export const DEFAULT_ANALYSIS: AnalysisOptions = {
  maxHypotheses: 4096,
  maxNodes: 200_000,
  maxWork: 5_000_000,
};

export function analyzeWorld(spec: EnvSpec, options: AnalysisOptions = DEFAULT_ANALYSIS): Analysis {
  if (spec.start === null) throw new UsageError(`${spec.name}: the map has no start cell (A)`);
  const count = hypothesisCount(spec);
  const perModel = spec.width * spec.height * spec.actions.length;
  const affordable = Math.max(1, Math.min(options.maxHypotheses, Math.floor(options.maxWork / 2 / perModel)));
  const enumerated = count <= affordable;
  const list = enumerated
    ? enumerateHypotheses(spec, affordable, 'analyze cannot enumerate')
    : sampleHypotheses(spec, affordable);
  const hyps = compileHypotheses(spec, list);
  const graph = new BeliefGraph(spec, hyps, { maxNodes: options.maxNodes, maxWork: options.maxWork / 2 });
  const { nodes, branches, codes, stuck, explored, expanded } = graph;
  const { risk, riskFree } = graph.harmOf();

  // Paths from the start over explored nodes: breadth-first along risk-free actions (the safe tests),
  // and least harm (Dijkstra on −log(1 − risk)) along any (the tests at risk).
  const safePaths = searchPaths(branches, expanded, (n, k) => (riskFree[n][k] ? 0 : Infinity));
  const riskyPaths = searchPaths(branches, expanded, (n, k) => -Math.log1p(-Math.min(risk[n][k], 1 - 1e-15)));

  const keys = truthKeys(spec);
  const valuesOf = keys.map((key) => [...new Set(hyps.map((h) => h.truth[key]))]);
  const valueIndex = keys.map((key, q) => Int32Array.from(hyps, (h) => valuesOf[q].indexOf(h.truth[key])));
  // Hypotheses that differ only in one question's value, grouped per question: an outcome tells that
  // question's values apart when its likelihood differs within such a group. Where the hypotheses were
  // sampled, groups are rare; a question without any falls back to "the outcome moves its posterior".
  const twins = keys.map((key) => {
    const others = keys.filter((k) => k !== key);
    const groups = new Map<string, number[]>();
    hyps.forEach((h, i) => {
      const rest = JSON.stringify(others.map((k) => h.truth[k]));
      const group = groups.get(rest);
      if (group) group.push(i);
      else groups.set(rest, [i]);
    });
    return [...groups.values()].filter((g) => g.length > 1);
  });
  /** Weights at most this are held only at the floor on possible ones (ruled out in all but name). */
  const floor = POSSIBLE * (1 + 1e-9);
  const moved = new Map<number, number[]>();
  /** The questions whose posterior some outcome of action k in node n moves (dying included). */
  const movedBy = (n: number, k: number): number[] => {
    const id = n * codes.length + k;
    let out = moved.get(id);
    if (out) return out;
    const weights = nodes[n].weights;
    const found = new Set<number>();
    for (const b of branches[n][k]) {
      // An outcome that owes much of its probability to hypotheses held at the floor on possible ones
      // (ruled out in all but name) says nothing the floor did not make up: the floor weighs them all
      // alike, whatever their priors, so its posterior would shift questions nothing spoke to.
      if (b.p < 1e3 * POSSIBLE) continue;
      let atFloor = 0;
      for (const x of b.parts) if (weights[x.h] <= floor) atFloor += x.p;
      if (atFloor > 0.01 * b.p) continue;
      // Each hypothesis's likelihood of this outcome; an outcome equally likely under all moves nothing.
      const like = new Float64Array(hyps.length);
      for (const x of b.parts) like[x.h] += x.p / weights[x.h];
      let lo = Infinity;
      let hi = -Infinity;
      weights.forEach((w, h) => {
        if (w > 0) {
          lo = Math.min(lo, like[h]);
          hi = Math.max(hi, like[h]);
        }
      });
      if (hi - lo <= 1e-12) continue;
      keys.forEach((_, q) => {
        if (found.has(q) || valuesOf[q].length < 2) return;
        if (twins[q].length > 0) {
          const differs = twins[q].some((group) => {
            const live = group.filter((h) => weights[h] > floor);
            return live.some((h) => Math.abs(like[h] - like[live[0]]) > 1e-12);
          });
          if (differs) found.add(q);
          return;
        }
        // No twins (sampled hypotheses): the outcome speaks to q when its likelihood is a function of
        // q's value alone (equal within each value, different between them). Sampling makes other
        // cells look correlated with q; this asks what the outcome depends on, not how the sample moves.
        const byValue = new Float64Array(valuesOf[q].length).fill(NaN);
        let functionOfQ = true;
        weights.forEach((w, h) => {
          if (!functionOfQ || w <= floor) return;
          const v = valueIndex[q][h];
          if (Number.isNaN(byValue[v])) byValue[v] = like[h];
          else if (Math.abs(byValue[v] - like[h]) > 1e-12) functionOfQ = false;
        });
        const seen = Array.from(byValue).filter((x) => !Number.isNaN(x));
        if (functionOfQ && seen.some((x) => Math.abs(x - seen[0]) > 1e-12)) found.add(q);
      });
    }
    out = [...found];
    moved.set(id, out);
    return out;
  };
  const testOf = (paths: Paths, n: number, k: number, harm: number) => ({
    actions: [...paths.actionsTo(n).map((c) => ACTIONS[codes[c]]), ACTIONS[codes[k]]],
    // Significant digits, not decimals: a risk of 1e-12 (waiting out a noisy cue) is not 0.
    risk: Number((-Math.expm1(-harm)).toPrecision(6)),
    cost: round(paths.spent[n] - branches[n][k].reduce((s, b) => s + b.p * b.reward, 0)),
  });
  // Safely: per question the nearest node (fewest steps, then least spent) with a risk-free action that
  // moves it. At risk: the node and action of least harm on the way and in the test.
  const safe: ([number, number] | null)[] = keys.map(() => null);
  for (const n of safePaths.order)
    branches[n].forEach((_, k) => {
      if (!riskFree[n][k]) return;
      for (const q of movedBy(n, k)) safe[q] ??= [n, k];
    });
  const risky: ({ n: number; k: number; harm: number } | null)[] = keys.map(() => null);
  if (safe.some((x, q) => x === null && valuesOf[q].length > 1))
    for (const n of riskyPaths.order)
      branches[n].forEach((_, k) => {
        const harm = riskyPaths.cost[n] - Math.log1p(-Math.min(risk[n][k], 1 - 1e-15));
        for (const q of movedBy(n, k))
          if (safe[q] === null && (risky[q] === null || harm < risky[q]!.harm - 1e-12))
            risky[q] = { n, k, harm };
      });
  const questions = keys.map((id, q): Question => {
    const values = valuesOf[q];
    const s = safe[q];
    if (s) return { id, values, learnable: 'safely', test: testOf(safePaths, s[0], s[1], 0) };
    const r = risky[q];
    if (r) return { id, values, learnable: 'at-risk', test: testOf(riskyPaths, r.n, r.k, r.harm) };
    return { id, values, learnable: 'never', test: null };
  });

  const pointsOfNoReturn = hyps.map((h) => {
    const kinds = analyseIrreversibility(h.world).kinds;
    const cells: [number, number][] = [];
    kinds.forEach((kind, c) => {
      if (kind === 'trap' || kind === 'dead-end') cells.push([c % spec.width, Math.floor(c / spec.width)]);
    });
    return { truth: h.truth, cells };
  });

  return {
    environment: spec.name,
    hypotheses: count,
    enumerated,
    sampled: hyps.length,
    nodes: nodes.length,
    explored,
    questions,
    pointsOfNoReturn,
    values: {
      oracle: round(expectation(hyps, (h) => valueIteration(h.world).values[spec.start!])),
      // Exact over the whole belief graph, so only when every hypothesis and node is in it.
      bayesOptimal: enumerated && explored ? round(solveBeliefGraph(branches, spec.gamma, stuck)[0]) : null,
      // The agent that never takes a risk: optimal over the risk-free actions alone. When the budget cut
      // the graph (nodes beyond it worth the stuck value) it is a lower bound, and so is walking only on
      // cells harmless under every hypothesis without learning anything: the better of the two.
      pessimist: round(
        explored
          ? solveBeliefGraph(branches, spec.gamma, stuck, (n, k) => riskFree[n][k])[0]
          : Math.max(
              solveBeliefGraph(branches, spec.gamma, stuck, (n, k) => riskFree[n][k])[0],
              walledValue(spec, hyps),
            ),
      ),
    },
  };
}

/**
 * A lower bound on the never-risk value: every cell an unknown or a theory decides walled up, in one
 * world all hypotheses share (what an agent that never steps on anything undecided can surely get).
 */
function walledValue(spec: EnvSpec, hyps: readonly Hypothesis[]): number {
  const world = cloneWorld(hyps[0].world);
  const wall = world.tiles.get('wall')!;
  for (const u of spec.unknowns) for (const c of u.cells) setCellTile(world, c, wall);
  for (const t of spec.theories)
    for (const r of t.roles) for (const c of r.cells) setCellTile(world, c, wall);
  return valueIteration(world, { maxWork: 20_000_000 }).values[spec.start!];
}

function expectation(hyps: readonly Hypothesis[], f: (h: Hypothesis) => number): number {
  return hyps.reduce((s, h) => s + h.prior * f(h), 0);
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

interface Paths {
  /** Per node: the path's summed edge cost (Infinity: not reached), and the reward spent on it. */
  cost: Float64Array;
  spent: Float64Array;
  /** Reached nodes in the order settled (nearest first). */
  order: number[];
  actionsTo(n: number): number[];
}

/**
 * Shortest paths from node 0 along action edges whose cost `edge(n, k)` is finite and non-negative;
 * among equal costs, fewer steps first (a heap keyed by cost then steps), each path following one
 * branch of each action. `spent` is the reward given up along the path.
 */
function searchPaths(
  branches: readonly (readonly BeliefBranch[])[][],
  count: number,
  edge: (n: number, k: number) => number,
): Paths {
  const cost = new Float64Array(count).fill(Infinity);
  const steps = new Float64Array(count).fill(Infinity);
  const spent = new Float64Array(count).fill(Infinity);
  const via = new Int32Array(count).fill(-1);
  const viaAction = new Int16Array(count).fill(-1);
  const settled = new Uint8Array(count);
  const order: number[] = [];
  const queue = new FlatQueue<number>();
  // Steps break ties: scaled far below any cost difference that is not rounding.
  const key = (n: number) => cost[n] + steps[n] * 1e-12;
  cost[0] = 0;
  steps[0] = 0;
  spent[0] = 0;
  queue.push(0, 0);
  while (queue.length > 0) {
    const u = queue.pop()!;
    if (settled[u]) continue;
    settled[u] = 1;
    order.push(u);
    branches[u].forEach((bs, k) => {
      const w = edge(u, k);
      if (!(w < Infinity)) return;
      for (const b of bs) {
        const v = b.next;
        if (v < 0 || v >= count || settled[v]) continue;
        const c = cost[u] + w;
        if (c < cost[v] - 1e-12 || (Math.abs(c - cost[v]) <= 1e-12 && steps[u] + 1 < steps[v])) {
          cost[v] = c;
          steps[v] = steps[u] + 1;
          spent[v] = spent[u] - b.reward;
          via[v] = u;
          viaAction[v] = k;
          queue.push(v, key(v));
        }
      }
    });
  }
  return {
    cost,
    spent,
    order,
    actionsTo(n) {
      const out: number[] = [];
      for (let i = n; via[i] >= 0; i = via[i]) out.push(viaAction[i]);
      return out.reverse();
    },
  };
}
