/**
 * random: uniformly random over the environment's actions, from the agent's own seeded stream.
 *
 * How it decides: it does not. It is the floor every other agent must beat, and the policy whose
 * values `trapworld solve --policy random` computes exactly.
 */
import type { AgentDefinition } from '../src/core/agent.ts';
import type { Rng } from '../src/core/rng.ts';

export const randomAgent: AgentDefinition = {
  name: 'random',
  title: 'Random',
  description:
    "Picks uniformly among the environment's actions, from its own seeded stream. The floor to beat.",
  options: [],
  create(env) {
    let rng: Rng = () => 0;
    return {
      reset(context) {
        rng = context.rng;
      },
      act() {
        return env.actions[Math.floor(rng() * env.actions.length)];
      },
      observe() {},
    };
  },
};
