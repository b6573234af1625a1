/**
 * What the views show of a decision (`BeliefView.decision`): the options an agent weighed, in the
 * agent's own terms. Built from the prober's safe plan and experiment chains, or from the exact
 * planner's action values.
 */
import type { Belief } from '../bayes/belief.ts';
import type { CandidateView, DecisionView } from '../core/agent.ts';
import type { Action } from '../core/format.ts';
import type { Experiment } from './experiments.ts';

function at(belief: Belief, cell: number): string {
  return `${cell % belief.spec.width},${Math.floor(cell / belief.spec.width)}`;
}

function describeExperiment(belief: Belief, e: Experiment): string {
  const what = e.kind === 'watch' ? `watch ${at(belief, e.target)} for ${e.repeats} steps` : `${e.action}`;
  return e.kind === 'watch'
    ? `${what} from ${at(belief, e.spot)}`
    : `${what} at ${at(belief, e.target)} from ${at(belief, e.spot)}`;
}

/** The variants a test's outcomes tell apart, as "key: a | b". */
function tells(belief: Belief, e: Experiment): string {
  const f = belief.factors[e.factor];
  const live = f.variants.filter((_, v) => f.p[v] > 0);
  return `${f.key}: ${live.join(' | ')}`;
}

/** Whether two experiments are the same test (a kept chain's come from an earlier plan's objects). */
function sameTest(a: Experiment, b: Experiment): boolean {
  return (
    a.kind === b.kind &&
    a.factor === b.factor &&
    a.spot === b.spot &&
    a.target === b.target &&
    a.action === b.action &&
    a.repeats === b.repeats
  );
}

/**
 * The view of a heuristic decision: the safe plan and the best chain of each length it weighed, plus
 * the chain it keeps following when that is none of them.
 */
export function chainDecision(
  belief: Belief,
  step: number,
  safeValue: number,
  considered: readonly { chain: readonly Experiment[]; value: number; travel: number }[],
  chosen: { chain: readonly Experiment[]; value: number } | null,
): DecisionView {
  const isChosen = (chain: readonly Experiment[]) =>
    chosen !== null &&
    chosen.chain.length === chain.length &&
    chosen.chain.every((e, i) => sameTest(e, chain[i]));
  const options = [...considered];
  if (chosen && !options.some((c) => isChosen(c.chain))) options.push({ ...chosen, travel: 0 });
  const candidates: CandidateView[] = [
    { kind: 'safe', label: 'safe plan', value: safeValue, risk: 0, cost: 0, voi: 0, chosen: chosen === null },
  ];
  for (const c of options) {
    const risk = 1 - c.chain.reduce((keep, e) => keep * (1 - e.risk), 1);
    candidates.push({
      kind: 'experiment',
      label: c.chain.map((e) => describeExperiment(belief, e)).join(', then '),
      value: c.value,
      risk,
      cost: Math.max(0, c.travel) + c.chain[0].repeats,
      voi: c.value - safeValue,
      tells: [...new Set(c.chain.map((e) => tells(belief, e)))],
      cells: c.chain.flatMap((e) => [e.spot, e.target]),
      targets: c.chain.map((e) => e.target),
      chosen: isChosen(c.chain),
    });
  }
  const pick = candidates.find((c) => c.chosen);
  const summary =
    pick && pick.kind === 'experiment'
      ? `experiments first: ${pick.label}, worth ${pick.voi.toFixed(2)} more than the safe plan`
      : considered.length > 0
        ? 'follows the safe plan: no chain of experiments pays for itself'
        : 'follows the safe plan: nothing closed on the way is worth testing';
  return { step, summary, candidates };
}

/** The view of an exact decision: every action's value and chance of harm under the posterior. */
export function actionDecision(
  step: number,
  actions: readonly Action[],
  values: readonly number[],
  risks: readonly number[],
  chosen: number,
): DecisionView {
  const best = Math.max(...values.filter((v) => v > -Infinity));
  const candidates: CandidateView[] = actions.map((a, k) => ({
    kind: 'move',
    label: values[k] === -Infinity ? `${a} (forbidden: harm over the budget)` : a,
    value: values[k],
    risk: risks[k],
    cost: 1,
    voi: 0,
    chosen: k === chosen,
  }));
  return {
    step,
    summary: `${actions[chosen]}: the best value (${best.toFixed(2)}) among the moves whose chance of harm is within the budget`,
    candidates,
  };
}
