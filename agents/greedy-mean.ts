/**
 * greedy-mean: risk-neutral. It plans in the belief's mixture model, where entering an unknown cell has
 * each variant's outcome with its posterior probability, so it maximises expected return with the death
 * cost included, but it never values information: it will not poke to find out, and it walks onto a
 * cell with a 5% chance of death whenever the detour costs more than 5% of a death.
 */
import type { AgentDefinition } from '../src/core/agent.ts';
import { createBeliefAgent } from '../src/plan/belief-agent.ts';
import { planMixture } from '../src/plan/belief-plan.ts';

export const greedyMeanAgent: AgentDefinition = {
  name: 'greedy-mean',
  title: 'Greedy in the mean',
  description:
    'Maximises expected return under the posterior (death cost included) by planning in the mixture model, replanning as the posterior changes; it never pays for information.',
  options: [],
  create(env) {
    return createBeliefAgent(env, { plan: (belief) => planMixture(belief) });
  },
};
