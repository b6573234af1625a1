/**
 * pessimist: treats every cell that might be a trap as one (forbidden while its P(trap) is above zero)
 * and never experiments. It only enters a cell once passive evidence (cues felt on the way) has cleared
 * it. Safe, and poor wherever the safe way round is long.
 */
import type { AgentDefinition } from '../src/core/agent.ts';
import { createBeliefAgent } from '../src/plan/belief-agent.ts';
import { planMixture } from '../src/plan/belief-plan.ts';

export const pessimistAgent: AgentDefinition = {
  name: 'pessimist',
  title: 'Pessimist',
  description:
    'Treats every cell that might be a trap as one and never experiments; it plans around all of them. Safe, and poor wherever the safe way round is long.',
  options: [],
  create(env) {
    return createBeliefAgent(env, { plan: (belief) => planMixture(belief, { forbidAbove: 0 }) });
  },
};
