/**
 * oracle: told the episode's true world, it acts optimally in it (value iteration on the compiled truth).
 * It is the yardstick for regret: no agent that has to learn the world can expect more.
 */
import type { AgentDefinition } from '../src/core/agent.ts';
import { UsageError } from '../src/core/errors.ts';
import { compileWorld } from '../src/core/world.ts';
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
    let pos = 0;
    return {
      reset(context) {
        if (!context.truth) throw new UsageError('the oracle must be run with the truth revealed');
        const key = JSON.stringify(context.truth);
        plan = plans.get(key) ?? valueIteration(compileWorld(env, context.truth));
        if (plans.size < 64) plans.set(key, plan);
        pos = context.observation.y * env.width + context.observation.x;
      },
      act(observation) {
        pos = observation.y * env.width + observation.x;
        return greedyAction(plan!, pos);
      },
      observe() {},
      belief() {
        return { plan: plan ? greedyPath(plan, pos) : [] };
      },
    };
  },
};
