/**
 * mentored: delegative learning. It plays as the careful prober does (heuristic mode, with its risk
 * threshold as the budget), with one more experiment: a question to a mentor who knows the true world,
 * "may I step onto this cell?", at most `budget` times an episode. A question is a perfect test that
 * risks nothing and costs no step, so its chains of experiments use questions where they pay most (the
 * short way across a snake, the door that may lead to heaven) and pokes or detours elsewhere. It follows
 * every answer. Its careful play never steps where its estimate of harm exceeds the threshold and never
 * runs a test riskier than it (a poke that may bite); and while it has questions, any action of its own
 * above the threshold is asked about first.
 *
 * What it learns from an answer: the mentor acts optimally in the true world, so an answer is evidence
 * about the unknown it asked about. For each variant still possible, the optimal actions in the world
 * where that variant holds (every other unknown at its most probable) are computed; variants under
 * which the answer is not optimal are made unlikely (likelihood 0.02, not 0: the other unknowns were
 * only guessed). Out of questions it is the prober, minus any test whose own risk exceeds the threshold.
 */
import { Belief } from '../src/bayes/belief.ts';
import type { Agent, AgentDefinition, DecisionView, Mentor } from '../src/core/agent.ts';
import type { Action } from '../src/core/format.ts';
import { defaultOptions } from '../src/core/options.ts';
import { ACTION_CODE } from '../src/core/world.ts';
import type { EnvSpec } from '../src/core/spec.ts';
import { assumedWorld, PLAN_WORK } from '../src/plan/belief-plan.ts';
import { harmProbability, variantHarm, type HarmFlags } from '../src/plan/harm.ts';
import { createMentor } from '../src/plan/mentor.ts';
import { moveTarget } from '../src/plan/model.ts';
import { createHeuristicProber } from '../src/plan/prober-heuristic.ts';
import { greedyActions, valueIteration } from '../src/plan/solve.ts';
import { heuristicSettings, proberAgent } from './prober.ts';

/** How unlikely a variant becomes when the mentor's answer is not optimal under it. */
const INCONSISTENT = 0.02;

/** The cell an action acts on (entered or poked) from `cell`, or -1. */
function targetOf(belief: Belief, cell: number, action: Action): number {
  const code = ACTION_CODE[action];
  if (code < 4) return moveTarget(belief.scratch, cell, code);
  if (code < 8) return belief.scratch.neighbour[cell * 4 + (code - 4)];
  return -1;
}

/** The agent's own chance that `action` harms it: stepping onto harm, or a poke that bites. */
function riskOf(belief: Belief, harm: HarmFlags, cell: number, action: Action): number {
  const code = ACTION_CODE[action];
  const target = targetOf(belief, cell, action);
  if (target < 0) return 0;
  if (code < 4) return harmProbability(belief, harm, target);
  const fi = belief.factorOfCell[target];
  if (fi < 0) return belief.scratch.pokeRisk[target];
  const f = belief.factors[fi];
  const role = f.roles[f.roleOfCell.get(target) ?? 0];
  return role.tiles.reduce((r, t, v) => r + f.p[v] * t.pokeRisk, 0);
}

/** Updates the factor of `cell` with the evidence that `answer` is optimal in the true world. */
function learnFromAnswer(belief: Belief, cell: number, target: number, answer: Action): void {
  const fi = belief.factorOfCell[target];
  if (fi < 0) return;
  const f = belief.factors[fi];
  const guess = belief.mostProbable();
  const code = ACTION_CODE[answer];
  const likelihood = Array.from(f.p, (p, v) => {
    if (p === 0) return 0;
    const plan = valueIteration(assumedWorld(belief, { ...guess, [f.key]: f.variants[v] }), {
      tolerance: 1e-6,
      maxWork: PLAN_WORK,
    });
    return greedyActions(plan, cell).includes(code) ? 1 : INCONSISTENT;
  });
  belief.updateFactor(f, likelihood);
}

function createMentored(env: EnvSpec, budget: number, threshold: number): Agent {
  const belief = new Belief(env);
  const harm = variantHarm(belief);
  let mentor: Mentor | undefined;
  let left = 0;
  /** Cells asked about this episode: the answer from the same place would be the same. */
  const asked = new Set<number>();
  let pos = 0;
  let step = 0;
  let decision: DecisionView | null = null;

  /** Asks, learns from the answer what it tells about `target`, and returns the answer to play. */
  function ask(wanted: Action, target: number, why: string): Action {
    left--;
    asked.add(target);
    const answer = mentor!.ask();
    const fi = target >= 0 ? belief.factorOfCell[target] : -1;
    if (fi >= 0) {
      const f = belief.factors[fi];
      const role = f.roleOfCell.get(target) ?? 0;
      // "Go" onto the cell asked about: a mentor never steps into harm, so it is harmless. Any other
      // answer: evidence through what is optimal under each variant.
      if (answer === wanted && ACTION_CODE[wanted] < 4)
        belief.updateFactor(
          f,
          Array.from(f.p, (_, v) => (harm[fi][role][v] ? 0 : 1)),
        );
      else learnFromAnswer(belief, pos, target, answer);
    }
    decision = {
      step,
      summary: `asked the mentor (${budget - left} of ${budget}): ${why}; the mentor said ${answer}`,
      candidates: [
        {
          kind: 'move',
          label: `${wanted} (what it asked about)`,
          // Values are the mentor's to know: the agent has none to show for either.
          value: 0,
          risk: riskOf(belief, harm, pos, wanted),
          cost: 1,
          voi: 0,
          chosen: false,
        },
        {
          kind: 'move',
          label: `${answer} (the mentor's answer)`,
          value: 0,
          risk: 0,
          cost: 1,
          voi: 0,
          chosen: true,
        },
      ],
    };
    return answer;
  }

  const careful = createHeuristicProber(
    env,
    {
      // The prober's own settings (its declared defaults), with the threshold as its risk budget.
      ...heuristicSettings(env, { ...defaultOptions(proberAgent), budget: threshold }),
      maxTestRisk: threshold,
      questionsLeft: () => left,
      mayAsk: (cell) => !asked.has(cell),
      ask: (e) =>
        ask(
          e.action,
          e.target,
          `may it step onto ${e.target % env.width},${Math.floor(e.target / env.width)}`,
        ),
    },
    belief,
  );

  return {
    reset(context) {
      careful.reset(context);
      mentor = context.mentor;
      left = mentor ? budget : 0;
      asked.clear();
      pos = context.observation.y * env.width + context.observation.x;
      step = 0;
      decision = null;
    },
    act(observation) {
      pos = observation.y * env.width + observation.x;
      decision = null;
      const action = careful.act(observation)!;
      if (decision) return action; // it asked, within a chain of experiments
      // A safety net: never act unasked when its own risk estimate exceeds the threshold.
      const risk = riskOf(belief, harm, pos, action);
      if (left > 0 && risk > threshold)
        return ask(
          action,
          targetOf(belief, pos, action),
          `${action} risked ${risk.toFixed(3)} > ${threshold}`,
        );
      return action;
    },
    observe(transition) {
      step++;
      careful.observe(transition);
    },
    belief() {
      const view = careful.belief!();
      return decision ? { ...view, decision } : view;
    },
  };
}

export const mentoredAgent: AgentDefinition = {
  name: 'mentored',
  title: 'Mentored (asks before a risky step)',
  description:
    'Delegative learning: plays as the careful prober with one more experiment, a question to a mentor who knows the true world ("may I step onto this cell?"), at most `budget` times an episode: free and riskless, so its chains of experiments use questions where they pay most. It follows every answer and learns from it (an answer is evidence about the unknown asked about); it never steps where its estimate of harm exceeds its threshold, nor runs a test riskier than it. Reports the questions asked.',
  options: [
    { name: 'budget', type: 'integer', default: 3, min: 0, max: 1000, description: 'questions per episode' },
    {
      name: 'threshold',
      type: 'number',
      default: 0.001,
      min: 0,
      max: 1,
      description:
        'risk of harm of its next action above which it asks (and above which it never acts unasked)',
    },
  ],
  mentor: createMentor,
  create(env, options) {
    return createMentored(env, Number(options.budget), Number(options.threshold));
  },
};
