/**
 * oracle: told the episode's true world, it acts optimally in it (value iteration on the compiled truth,
 * with the changes so far as part of the state in worlds that change).
 * It is the yardstick for regret: no agent that has to learn the world can expect more.
 */
import type { AgentDefinition } from '../src/core/agent.ts';
import { UsageError } from '../src/core/errors.ts';
import { ACTION_CODE, compileWorld } from '../src/core/world.ts';
import { successorState } from '../src/plan/model.ts';
import { greedyAction, greedyPath } from '../src/plan/greedy.ts';
import { valueIteration, type Solution } from '../src/plan/solve.ts';

export const oracleAgent: AgentDefinition = {
  name: 'oracle',
  title: 'Oracle',
  description:
    'Is told the true world and acts optimally in it (value iteration). The yardstick for regret: what an agent that knew everything would expect.',
  options: [],
  needsTruth: true,
  create(env) {
    const plans = new Map<string, Solution>();
    let plan: Solution | null = null;
    // The model state, not only the cell: in a world that changes (a lever pulled, a plank fallen) the
    // same cell is a different state. The oracle knows the world, so it follows its state exactly.
    let state = 0;
    let lastK = -1;
    return {
      reset(context) {
        if (!context.truth) throw new UsageError('the oracle must be run with the truth revealed');
        const key = JSON.stringify(context.truth);
        plan = plans.get(key) ?? valueIteration(compileWorld(env, context.truth));
        if (plans.size < 64) plans.set(key, plan);
        state = context.observation.y * env.width + context.observation.x;
        lastK = -1;
      },
      act() {
        const action = greedyAction(plan!, state);
        lastK = plan!.model.actions.indexOf(ACTION_CODE[action]);
        return action;
      },
      observe({ observation }) {
        const cell = observation.y * env.width + observation.x;
        state = lastK >= 0 ? successorState(plan!.model, state, lastK, cell) : cell;
      },
      belief() {
        return { plan: plan ? greedyPath(plan, state).map((s) => plan!.model.cellOf[s]) : [] };
      },
    };
  },
};
