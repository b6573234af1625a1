/**
 * q-learning: tabular Q-learning (Watkins 1989; Sutton & Barto, 2nd ed., section 6.5), off-policy:
 * Q(s,a) += α (r + γ max_a′ Q(s′,a′) − Q(s,a)), behaving ε-greedily. See td-table.ts for the rest.
 */
import { defineTdAgent } from './td-table.ts';

export const qLearningAgent = defineTdAgent({
  name: 'q-learning',
  title: 'Q-learning',
  description:
    'Tabular Q-learning: keeps a value for every (cell, action) across episodes and moves ε-greedily ' +
    'on them (ties broken at random). After each step it moves Q(s,a) a step α toward the reward plus ' +
    "the environment's gamma times the best value of the next cell, so it learns the optimal path even " +
    'while exploring, and walks right along the edge of a cliff. It knows nothing of traps in advance: ' +
    'it learns by dying.',
  bootstrap: (table, next) => ({ value: table.max(next), next: -1 }),
});
