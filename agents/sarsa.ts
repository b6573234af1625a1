/**
 * sarsa: tabular SARSA (Rummery & Niranjan 1994; Sutton & Barto, 2nd ed., section 6.4), on-policy:
 * it chooses its next action a′ ε-greedily when it observes s′, updates
 * Q(s,a) += α (r + γ Q(s′,a′) − Q(s,a)), and then plays a′. See td-table.ts for the rest.
 */
import { defineTdAgent } from './td-table.ts';

export const sarsaAgent = defineTdAgent({
  name: 'sarsa',
  title: 'SARSA',
  description:
    'Tabular SARSA: keeps a value for every (cell, action) across episodes and moves ε-greedily on ' +
    'them (ties broken at random). After each step it picks its next action and moves Q(s,a) a step α ' +
    "toward the reward plus the environment's gamma times that action's value, so it learns the value " +
    'of how it really behaves, exploration included, and keeps a safe distance from a cliff. It knows ' +
    'nothing of traps in advance: it learns by dying.',
  bootstrap: (table, next, choose) => {
    const a = choose(next);
    return { value: table.get(next, a), next: a };
  },
});
