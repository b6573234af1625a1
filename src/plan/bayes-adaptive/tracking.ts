/**
 * The agent's side: tracking (cell, posterior) through an episode by matching each observation against
 * the planner's predicted outcomes (so tracking is Bayes' rule with exactly the planner's model), and
 * the views an agent reports (trap probabilities, posteriors).
 */
import type { Observation } from '../../core/episode.ts';
import type { Action } from '../../core/format.ts';
import { ACTION_CODE, EffectCode, Signal, type CompiledTile } from '../../core/world.ts';
import { perceive } from './cues.ts';
import { expand } from './expand.ts';
import { templateAt, type PlanWorld } from './plan-world.ts';
import type { PlanState } from './types.ts';

/** The prior (not yet refined by the first observation's cues). */
export function priorState(pw: PlanWorld): PlanState {
  return {
    cell: pw.spec.start!,
    post: pw.factors.map((f) => f.prior.slice()),
    active: true,
    inconsistent: false,
  };
}

/** The state after the first observation of an episode (its cues refine the prior). */
export function initialState(pw: PlanWorld, obs: Observation): PlanState {
  const st = priorState(pw);
  st.cell = obs.y * pw.spec.width + obs.x;
  if (pw.posIndex[st.cell] < 0) {
    st.inconsistent = true;
    return st;
  }
  const heard = heardOf(pw, obs);
  const outcomes = perceive(pw, st.cell, (f) => st.post[f]);
  const match = outcomes.find((o) => sameCues(o.heard, heard));
  if (!match) st.inconsistent = true;
  else for (const [f, vec] of match.updates) st.post[f] = vec;
  return st;
}

/** Bayes' rule for one transition, by matching the observation against the predicted outcomes. */
export function advance(
  pw: PlanWorld,
  st: PlanState,
  action: Action,
  obs: Observation,
  reward: number,
  ended: boolean,
): PlanState {
  const cell = obs.y * pw.spec.width + obs.x;
  const next: PlanState = { cell, post: st.post, active: false, inconsistent: st.inconsistent };
  if (!st.active || ended || !obs.alive || obs.stuck) return next;
  const k = pw.actions.indexOf(ACTION_CODE[action]);
  if (k < 0 || pw.posIndex[st.cell] < 0 || pw.posIndex[cell] < 0) {
    next.inconsistent = true;
    next.active = pw.posIndex[cell] >= 0;
    return next;
  }
  next.active = true;
  const t = templateAt(pw, st.cell, k);
  const signal = obs.signal === null ? Signal.none : pw.world.signals.indexOf(obs.signal);
  const heard = heardOf(pw, obs);
  const { outcomes } = expand(pw, t, (f) => st.post[f]);
  const match = outcomes.find(
    (o) =>
      o.cell === cell &&
      o.signal === signal &&
      Math.abs(o.reward - reward) <= 1e-9 &&
      sameCues(o.heard, heard),
  );
  if (!match) {
    next.inconsistent = true;
    return next;
  }
  next.post = st.post.slice();
  for (const [f, vec] of match.updates) next.post[f] = vec;
  return next;
}

/** The signal heard per direction N E S W (0 for none). */
function heardOf(pw: PlanWorld, obs: Observation): Int32Array {
  const heard = new Int32Array(4);
  for (const c of obs.cues) heard['NESW'.indexOf(c.dir)] = pw.world.signals.indexOf(c.signal);
  return heard;
}

/** Whether a predicted outcome's cues agree with those heard (directions it does not predict are free). */
function sameCues(predicted: Int32Array, heard: Int32Array): boolean {
  for (let d = 0; d < 4; d++) if (predicted[d] >= 0 && predicted[d] !== heard[d]) return false;
  return true;
}

/** P(trap) per cell under the tracked posterior, for views. */
export function trapMap(pw: PlanWorld, st: PlanState): Float64Array {
  const out = new Float64Array(pw.factorOfCell.length);
  const isTrap = (t: CompiledTile): boolean =>
    t.enterEffect === EffectCode.death || t.enterEffect === EffectCode.stuck;
  for (let c = 0; c < out.length; c++) {
    const f = pw.factorOfCell[c];
    if (f < 0) out[c] = isTrap(pw.world.tiles.get(pw.world.tileNames[c])!) ? 1 : 0;
    else pw.factors[f].tiles.forEach((t, v) => (out[c] += isTrap(t) ? st.post[f][v] : 0));
  }
  return out;
}

/** Posterior per truth key: tile → probability. */
export function posteriorByKey(pw: PlanWorld, st: PlanState): Record<string, Record<string, number>> {
  return Object.fromEntries(
    pw.factors.map((f, i) => [f.key, Object.fromEntries(f.variants.map((v, k) => [v, st.post[i][k]]))]),
  );
}
