/**
 * Experiments on a belief: ways to learn an unknown without stepping on it, what each could show, and
 * the posterior after each outcome. An experiment is done from a safe neighbouring cell: poking the
 * unknown cell (its variants answer with different signals, or bite with different risks), or watching
 * it for k steps (its variants give off different `near` cues). For a scope-"all" unknown any of its
 * cells will do, so one cheap poke at the lake's edge informs the whole lake.
 */
import type { Belief, Factor } from '../bayes/belief.ts';
import { ACTIONS, type Action } from '../core/format.ts';
import { NO_SIGNAL, WAIT } from '../core/world.ts';

export interface Outcome {
  p: number;
  /** Likelihood of this outcome under each variant of the factor (the posterior is prior × this). */
  likelihood: Float64Array;
  /** The experimenter did not survive this outcome. */
  fatal: boolean;
}

export interface Experiment {
  factor: number;
  /** The cell the experiment is done from, and the cell examined. */
  spot: number;
  target: number;
  /** What to do at the spot (a poke towards the target, or wait), and how many times. */
  action: Action;
  repeats: number;
  outcomes: Outcome[];
  /** Probability that doing it kills or sticks the experimenter. */
  risk: number;
}

function pokeOutcomes(f: Factor): Outcome[] {
  const bySignal = new Map<number, Float64Array>();
  const n = f.variants.length;
  const fatal = new Float64Array(n);
  f.tiles.forEach((t, v) => {
    const like = bySignal.get(t.pokeSignal) ?? new Float64Array(n);
    like[v] = 1 - t.pokeRisk;
    bySignal.set(t.pokeSignal, like);
    fatal[v] = t.pokeRisk;
  });
  const outcomes = [...bySignal.values()].map((likelihood) => ({ p: 0, likelihood, fatal: false }));
  if (fatal.some((r) => r > 0)) outcomes.push({ p: 0, likelihood: fatal, fatal: true });
  return weigh(f, outcomes);
}

/** Outcomes of perceiving the target's cue (or its absence) `k` times: counts of each signal heard. */
function watchOutcomes(f: Factor, k: number): Outcome[] {
  const n = f.variants.length;
  // Per step, the chance of each cue signal (or none) under each variant.
  const signals = [...new Set(f.tiles.map((t) => t.nearSignal).filter((s) => s !== NO_SIGNAL))];
  const perStep = [NO_SIGNAL, ...signals].map((s) =>
    Float64Array.from(f.tiles, (t) =>
      s === NO_SIGNAL ? (t.nearSignal === NO_SIGNAL ? 1 : 1 - t.nearP) : t.nearSignal === s ? t.nearP : 0,
    ),
  );
  // Dynamic programming over steps, merging sequences with the same counts (their likelihoods are equal).
  let layer = new Map<string, { counts: number[]; likelihood: Float64Array }>([
    ['', { counts: perStep.map(() => 0), likelihood: new Float64Array(n).fill(1) }],
  ]);
  for (let step = 0; step < k; step++) {
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
  return weigh(
    f,
    [...layer.values()].map(({ likelihood }) => ({ p: 0, likelihood, fatal: false })),
  );
}

function weigh(f: Factor, outcomes: Outcome[]): Outcome[] {
  for (const o of outcomes) for (let v = 0; v < f.p.length; v++) o.p += f.p[v] * o.likelihood[v];
  return outcomes.filter((o) => o.p > 0);
}

/** Whether an experiment's outcomes could tell at least two still-possible variants apart. */
function informative(f: Factor, outcomes: Outcome[]): boolean {
  const live = f.p.map((q, v) => (q > 0 ? v : -1)).filter((v) => v >= 0);
  return outcomes.some((o) => {
    const post = live.map((v) => (f.p[v] * o.likelihood[v]) / o.p);
    return live.some((v, i) => Math.abs(post[i] - f.p[v]) > 1e-9);
  });
}

/**
 * The experiments available on a factor from the given safe cells: a poke and a watch of each length in
 * `watchLengths`, from every safe neighbour of every cell of the factor.
 */
export function experimentsOn(
  belief: Belief,
  factor: number,
  isSafeSpot: (cell: number) => boolean,
  allowed: ReadonlySet<Action>,
  watchLengths: readonly number[],
): Experiment[] {
  const f = belief.factors[factor];
  const w = belief.scratch;
  const poke = pokeOutcomes(f);
  const canPoke = informative(f, poke);
  const watches = allowed.has(ACTIONS[WAIT])
    ? watchLengths.map((k) => [k, watchOutcomes(f, k)] as const).filter(([, o]) => informative(f, o))
    : [];
  const out: Experiment[] = [];
  for (const target of f.cells) {
    for (let d = 0; d < 4; d++) {
      const spot = w.neighbour[target * 4 + d];
      if (spot < 0 || !isSafeSpot(spot)) continue;
      // Direction from the spot to the target is the opposite of d.
      const pokeAction = `poke-${'NESW'[(d + 2) & 3]}` as Action;
      if (canPoke && allowed.has(pokeAction)) {
        const risk = poke.filter((o) => o.fatal).reduce((s, o) => s + o.p, 0);
        out.push({ factor, spot, target, action: pokeAction, repeats: 1, outcomes: poke, risk });
      }
      for (const [k, outcomes] of watches)
        out.push({ factor, spot, target, action: 'wait', repeats: k, outcomes, risk: 0 });
    }
  }
  return out;
}

/** Applies an outcome's likelihood to a copy of the belief. */
export function posteriorAfter(belief: Belief, experiment: Experiment, outcome: Outcome): Belief {
  const b = belief.clone();
  b.updateFactor(b.factors[experiment.factor], outcome.likelihood);
  return b;
}
