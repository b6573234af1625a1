/**
 * Experiments on a belief: actions whose worst case is survivable and whose outcome moves the posterior
 * of an unknown (or a theory), what each could show, and the posterior after each outcome. Three kinds,
 * each done from a cell the agent may stand on (the spot) next to a cell of the factor (the target):
 * - poke the target (its variants answer with different signals, or bite with different risks);
 * - watch it for k steps (its variants give off different `near` cues);
 * - step onto it, where every variant still possible there is harmless (thin shore ice splashes, thick
 *   ice does not): for a theory, a cheap and survivable phenomenon that tells about a deadly one
 *   elsewhere.
 * For a factor covering many cells (a scope-"all" unknown, a theory) any of its cells will do, so one
 * cheap experiment at the lake's edge informs the whole lake. An agent granted a mentor has a fourth
 * kind, `ask`: beside the target, ask whether to step onto it; "go" shows it harmless (and is the step
 * itself), "no" shows it harmful and costs nothing (`asksOn`).
 */
import type { Belief, Factor } from '../bayes/belief.ts';
import { ACTIONS, type Action } from '../core/format.ts';
import { EffectCode, Signal, WAIT, type CompiledTile } from '../core/world.ts';

export interface Outcome {
  p: number;
  /** Likelihood of this outcome under each variant of the factor (the posterior is prior × this). */
  likelihood: Float64Array;
  /** The experimenter did not survive this outcome free: `death` or `stuck`, else null. */
  fatal: 'death' | 'stuck' | null;
  /** Reward of the experiment's last step under this outcome (earlier steps pay the step reward). */
  reward: number;
  /** Where the agent is afterwards: on the target (a step onto it) or still on the spot. */
  onTarget: boolean;
  /** The step onto the target ended the episode (a goal). */
  ends: boolean;
  /** No step passes (a mentor's "no": the agent has not moved and acts again at once). */
  free?: boolean;
}

export type ExperimentKind = 'poke' | 'watch' | 'step' | 'ask';

export interface Experiment {
  kind: ExperimentKind;
  factor: number;
  /** The cell the experiment is done from, and the cell examined. */
  spot: number;
  target: number;
  /** What to do at the spot (a poke or a step towards the target, or wait), and how many times. */
  action: Action;
  repeats: number;
  outcomes: Outcome[];
  /** Probability that doing it kills or sticks the experimenter. */
  risk: number;
}

/** What an experiment's outcomes are made of, before they are weighed by the posterior. */
type Draft = Omit<Outcome, 'p'>;

function draft(n: number, reward: number, extra: Partial<Draft> = {}): Draft {
  return { likelihood: new Float64Array(n), fatal: null, reward, onTarget: false, ends: false, ...extra };
}

function pokeOutcomes(f: Factor, tiles: readonly CompiledTile[], step: number, death: number): Draft[] {
  const n = f.variants.length;
  const bySignal = new Map<number, Draft>();
  const fatal = {
    death: draft(n, step + death, { fatal: 'death' }),
    stuck: draft(n, step, { fatal: 'stuck' }),
  };
  tiles.forEach((t, v) => {
    const d = bySignal.get(t.pokeSignal) ?? draft(n, step);
    d.likelihood[v] = 1 - t.pokeRisk;
    bySignal.set(t.pokeSignal, d);
    fatal[t.pokeRiskEffect === EffectCode.stuck ? 'stuck' : 'death'].likelihood[v] = t.pokeRisk;
  });
  return [...bySignal.values(), fatal.death, fatal.stuck];
}

/**
 * Watch outcomes per role's tiles and watch length: they depend on nothing else (the posterior weighs
 * them later, and nothing writes to a draft's likelihood), and every decision asks for them again.
 */
const watchCache = new WeakMap<readonly CompiledTile[], Map<string, Draft[]>>();

function cachedWatchOutcomes(f: Factor, tiles: readonly CompiledTile[], k: number, step: number): Draft[] {
  let byLength = watchCache.get(tiles);
  if (!byLength) watchCache.set(tiles, (byLength = new Map()));
  const key = `${k}|${step}`;
  let drafts = byLength.get(key);
  if (!drafts) byLength.set(key, (drafts = watchOutcomes(f, tiles, k, step)));
  return drafts;
}

/** Outcomes of perceiving the target's cue (or its absence) `k` times: counts of each signal heard. */
function watchOutcomes(f: Factor, tiles: readonly CompiledTile[], k: number, step: number): Draft[] {
  const n = f.variants.length;
  // Per step, the chance of each cue signal (or none) under each variant.
  const signals = [...new Set(tiles.map((t) => t.nearSignal).filter((s) => s !== Signal.none))];
  const perStep = [Signal.none, ...signals].map((s) =>
    Float64Array.from(tiles, (t) =>
      s === Signal.none ? (t.nearSignal === Signal.none ? 1 : 1 - t.nearP) : t.nearSignal === s ? t.nearP : 0,
    ),
  );
  // Dynamic programming over steps, merging sequences with the same counts (their likelihoods are equal).
  let layer = new Map<string, { counts: number[]; likelihood: Float64Array }>([
    ['', { counts: perStep.map(() => 0), likelihood: new Float64Array(n).fill(1) }],
  ]);
  for (let i = 0; i < k; i++) {
    const next = new Map<string, { counts: number[]; likelihood: Float64Array }>();
    for (const { counts, likelihood } of layer.values()) {
      perStep.forEach((pv, s) => {
        const c = counts.slice();
        c[s]++;
        const key = c.join(',');
        const entry = next.get(key);
        const like = Float64Array.from(likelihood, (l, v) => l * pv[v]);
        // The same count vector is reached by many orders: each order has the same likelihood, so add.
        if (entry) for (let v = 0; v < n; v++) entry.likelihood[v] += like[v];
        else next.set(key, { counts: c, likelihood: like });
      });
    }
    layer = next;
  }
  return [...layer.values()].map(({ likelihood }) => ({ ...draft(n, step), likelihood }));
}

/**
 * Outcomes of stepping onto the target in direction `dir`, variants grouped by what the step shows
 * (blocked or not, the enter signal, the enter reward, a goal). Only for targets whose every possible
 * variant is harmless (the caller checks) and does not teleport.
 */
function stepOutcomes(
  f: Factor,
  tiles: readonly CompiledTile[],
  dir: number,
  rewards: { step: number; bump: number; goal: number },
): Draft[] | null {
  const n = f.variants.length;
  // A teleport would put the agent elsewhere; a change (a berry eaten, ice worn) is fine: the caller
  // has checked that no variant harms, and the plan after the outcome sees the change.
  if (tiles.some((t, v) => f.p[v] > 0 && t.enterEffect === EffectCode.teleport)) return null;
  const groups = new Map<string, Draft>();
  tiles.forEach((t, v) => {
    const enters = t.walkable === 1 && (t.oneWay < 0 || t.oneWay === dir);
    const ends = enters && t.enterEffect === EffectCode.goal;
    const key = enters ? `in|${t.enterSignal}|${t.enterReward}|${ends}` : 'bump';
    const reward = enters
      ? rewards.step + t.enterReward + (ends ? rewards.goal : 0)
      : rewards.step + rewards.bump;
    const d = groups.get(key) ?? draft(n, reward, { onTarget: enters, ends });
    d.likelihood[v] = 1;
    groups.set(key, d);
  });
  return [...groups.values()];
}

function weigh(f: Factor, drafts: Draft[]): Outcome[] {
  const out: Outcome[] = [];
  for (const d of drafts) {
    let p = 0;
    for (let v = 0; v < f.p.length; v++) p += f.p[v] * d.likelihood[v];
    if (p > 0) out.push({ ...d, p });
  }
  return out;
}

/** Whether an experiment's outcomes could tell at least two still-possible variants apart. */
function informative(f: Factor, outcomes: Outcome[]): boolean {
  const live = f.p.map((q, v) => (q > 0 ? v : -1)).filter((v) => v >= 0);
  return outcomes.some((o) => {
    if (o.fatal) return false;
    const post = live.map((v) => (f.p[v] * o.likelihood[v]) / o.p);
    return live.some((v, i) => Math.abs(post[i] - f.p[v]) > 1e-9);
  });
}

export interface ExperimentOptions {
  /** Whether the agent may stand on a cell to experiment from it. */
  isSpot: (cell: number) => boolean;
  /** Whether every variant of a cell still possible is harmless to step on. */
  harmless: (cell: number) => boolean;
  allowed: ReadonlySet<Action>;
  watchLengths: readonly number[];
}

/**
 * The experiments available on a factor: a poke, a watch of each length and (where harmless) a step,
 * from every spot beside every cell of the factor, each role's outcomes computed once.
 */
export function experimentsOn(belief: Belief, factor: number, options: ExperimentOptions): Experiment[] {
  const f = belief.factors[factor];
  const w = belief.scratch;
  const { step, death } = belief.spec.rewards;
  const canWait = options.allowed.has(ACTIONS[WAIT]);
  const perRole = f.roles.map((role) => {
    const live = role.tiles.filter((_, v) => f.p[v] > 0);
    // A poke that changes the world is an act, not an experiment.
    const weighed = live.some((t) => t.pokeSet >= 0)
      ? []
      : weigh(f, pokeOutcomes(f, role.tiles, step, death));
    const poke = weighed.length > 0 && informative(f, weighed) ? weighed : null;
    return {
      poke,
      /** The chance that the poke kills or sticks the poker, the same from every spot. */
      pokeRisk: poke ? poke.filter((o) => o.fatal).reduce((s, o) => s + o.p, 0) : 0,
      watches: canWait
        ? options.watchLengths
            .map((k) => [k, weigh(f, cachedWatchOutcomes(f, role.tiles, k, step))] as const)
            .filter(([, o]) => informative(f, o))
        : [],
    };
  });
  // A step's outcomes depend on the role and the direction only: found once each, when first asked.
  const steps = new Map<number, Outcome[] | null>();
  const stepsOf = (role: number, dir: number): Outcome[] | null => {
    const key = role * 4 + dir;
    let outcomes = steps.get(key);
    if (outcomes === undefined) {
      const drafts = stepOutcomes(f, f.roles[role].tiles, dir, belief.spec.rewards);
      const weighed = drafts ? weigh(f, drafts) : [];
      outcomes = informative(f, weighed) ? weighed : null;
      steps.set(key, outcomes);
    }
    return outcomes;
  };
  const out: Experiment[] = [];
  for (const target of f.cells) {
    if (belief.factorOfCell[target] !== factor) continue;
    const role = f.roleOfCell.get(target) ?? 0;
    const kinds = perRole[role];
    const canStep = options.harmless(target);
    for (let d = 0; d < 4; d++) {
      const spot = w.neighbour[target * 4 + d];
      if (spot < 0 || !options.isSpot(spot)) continue;
      // Direction from the spot to the target is the opposite of d.
      const dir = (d + 2) & 3;
      const pokeAction = `poke-${'NESW'[dir]}` as Action;
      if (kinds.poke && options.allowed.has(pokeAction)) {
        out.push({
          kind: 'poke',
          factor,
          spot,
          target,
          action: pokeAction,
          repeats: 1,
          outcomes: kinds.poke,
          risk: kinds.pokeRisk,
        });
      }
      for (const [k, outcomes] of kinds.watches)
        out.push({ kind: 'watch', factor, spot, target, action: 'wait', repeats: k, outcomes, risk: 0 });
      const move = ACTIONS[dir];
      if (!canStep || !options.allowed.has(move) || (w.oneWay[spot] >= 0 && w.oneWay[spot] !== dir)) continue;
      const outcomes = stepsOf(role, dir);
      if (outcomes)
        out.push({ kind: 'step', factor, spot, target, action: move, repeats: 1, outcomes, risk: 0 });
    }
  }
  return out;
}

/**
 * Questions to a mentor about a factor: from each spot beside one of its cells, "may I step onto it?".
 * The answer "go" (the variant is harmless there) is the step itself; "no" costs no step. A mentor acts
 * optimally in the true world, so "go" could also be "no" for a harmless cell off the best way: the
 * outcomes are modelled as the harm they reveal, the approximation the chain's values rest on.
 */
export function asksOn(
  belief: Belief,
  factor: number,
  harmful: (cell: number, variant: number) => boolean,
  options: Pick<ExperimentOptions, 'isSpot' | 'allowed'>,
): Experiment[] {
  const f = belief.factors[factor];
  const w = belief.scratch;
  const out: Experiment[] = [];
  for (const target of f.cells) {
    if (belief.factorOfCell[target] !== factor) continue;
    const tiles = f.roles[f.roleOfCell.get(target) ?? 0].tiles;
    for (let d = 0; d < 4; d++) {
      const spot = w.neighbour[target * 4 + d];
      const dir = (d + 2) & 3;
      if (spot < 0 || !options.isSpot(spot) || !options.allowed.has(ACTIONS[dir])) continue;
      if (w.oneWay[spot] >= 0 && w.oneWay[spot] !== dir) continue; // cannot step that way from here
      // "Go" is the step itself, shown as a step shows a harmless variant (a signal, a reward, a goal);
      // "no" is every harmful variant, and costs no step.
      const go = stepOutcomes(f, tiles, dir, belief.spec.rewards);
      if (!go) continue;
      const no = draft(f.variants.length, 0, { free: true });
      for (let v = 0; v < f.variants.length; v++)
        if (harmful(target, v)) {
          no.likelihood[v] = 1;
          for (const o of go) o.likelihood[v] = 0;
        }
      const outcomes = weigh(f, [...go, no]);
      if (outcomes.length < 2) continue;
      out.push({ kind: 'ask', factor, spot, target, action: ACTIONS[dir], repeats: 1, outcomes, risk: 0 });
    }
  }
  return out;
}
