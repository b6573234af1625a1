/**
 * The `near` cues: which unknown neighbours of a cell can send one, the likelihood of every combination
 * heard, and the cue stage of an observation (Bayes' rule on each cue factor in turn, branching on what
 * is heard). Used after every action's outcome and alone for the first observation of an episode.
 */
import { Signal } from '../../core/world.ts';
import type { PlanWorld } from './plan-world.ts';
import type { CueFactor, CueOutcome, Outcome, PosteriorOf } from './types.ts';

/** The unknown neighbours of `cell` that may send a `near` cue, grouped by factor, with every cue outcome. */
export function cueFactorsAt(pw: PlanWorld, cell: number): CueFactor[] {
  const cached = pw.cueCache.get(cell);
  if (cached) return cached;
  const w = pw.world;
  const dirsOf = new Map<number, number[]>();
  for (let d = 0; d < 4; d++) {
    const n = w.neighbour[cell * 4 + d];
    if (n < 0) continue;
    const f = pw.factorOfCell[n];
    if (f < 0 || !pw.factors[f].tiles.some((t) => t.nearSignal !== Signal.none)) continue;
    const list = dirsOf.get(f) ?? [];
    list.push(d);
    dirsOf.set(f, list);
  }
  const out: CueFactor[] = [];
  for (const [f, dirs] of dirsOf) {
    const factor = pw.factors[f];
    const options = [
      Signal.none,
      ...new Set(factor.tiles.map((t) => t.nearSignal).filter((s) => s !== Signal.none)),
    ];
    const outcomes: CueOutcome[] = [];
    const combos = Math.pow(options.length, dirs.length);
    for (let c = 0; c < combos; c++) {
      const heard = new Int32Array(4).fill(-1);
      let rest = c;
      for (const d of dirs) {
        heard[d] = options[rest % options.length];
        rest = Math.floor(rest / options.length);
      }
      const like = new Float64Array(factor.tiles.length);
      let any = false;
      factor.tiles.forEach((t, v) => {
        let l = 1;
        for (const d of dirs) {
          const s = heard[d];
          if (s === Signal.none) l *= t.nearSignal === Signal.none ? 1 : 1 - t.nearP;
          else l *= t.nearSignal === s ? t.nearP : 0;
        }
        like[v] = l;
        if (l > 0 && factor.prior[v] > 0) any = true;
      });
      if (any) outcomes.push({ like, heard });
    }
    out.push({ factor: f, outcomes });
  }
  pw.cueCache.set(cell, out);
  return out;
}

/** Bayes' rule on one factor: the posterior and the evidence Σ prior·likelihood, or null when impossible. */
export function bayesUpdate(
  prior: Float64Array,
  like: ArrayLike<number>,
): { post: Float64Array; evidence: number } | null {
  let evidence = 0;
  for (let v = 0; v < prior.length; v++) evidence += prior[v] * like[v];
  if (!(evidence > 0)) return null;
  const post = new Float64Array(prior.length);
  for (let v = 0; v < prior.length; v++) post[v] = (prior[v] * like[v]) / evidence;
  return { post, evidence };
}

/** A branch of an observation so far: its probability, the posteriors it changed and the cues heard. */
export interface CueBranch {
  p: number;
  updates: Map<number, Float64Array>;
  heard: Int32Array;
}

/** Splits `branch` by every cue combination heard standing at `cell`, updating each cue factor. */
export function hearCues(pw: PlanWorld, cell: number, branch: CueBranch, post: PosteriorOf): CueBranch[] {
  let partial = [branch];
  for (const cf of cueFactorsAt(pw, cell)) {
    const next: CueBranch[] = [];
    for (const part of partial) {
      const cur = part.updates.get(cf.factor) ?? post(cf.factor);
      for (const o of cf.outcomes) {
        const updated = bayesUpdate(cur, o.like);
        if (!updated) continue;
        const up = new Map(part.updates);
        up.set(cf.factor, updated.post);
        const heard = part.heard.slice();
        for (let d = 0; d < 4; d++) if (o.heard[d] >= 0) heard[d] = o.heard[d];
        next.push({ p: part.p * updated.evidence, updates: up, heard });
      }
    }
    partial = next;
  }
  return partial;
}

/** The cue stage alone (the first observation of an episode): outcomes of perceiving at `cell`. */
export function perceive(pw: PlanWorld, cell: number, post: PosteriorOf): Outcome[] {
  const start: CueBranch = { p: 1, updates: new Map(), heard: new Int32Array(4).fill(-1) };
  return hearCues(pw, cell, start, post).map((b) => ({
    p: b.p,
    reward: 0,
    cell,
    signal: Signal.none,
    heard: b.heard,
    updates: b.updates,
  }));
}
