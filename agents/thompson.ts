/**
 * thompson: posterior sampling. At the start of an episode it samples a whole world from its posterior
 * and acts optimally as if that world were true; when an observation refutes the sample (a sampled
 * variant now has probability 0), it samples again from the updated posterior.
 *
 * Reckless by design: a sample in which the snake is dead sends it straight past the snake, so it
 * learns what the snake is by walking into it about as often as the prior says the snake is alive.
 */
import type { AgentDefinition } from '../src/core/agent.ts';
import type { Truth } from '../src/core/truth.ts';
import { createBeliefAgent } from '../src/plan/belief-agent.ts';
import { planAssumed } from '../src/plan/belief-plan.ts';

export const thompsonAgent: AgentDefinition = {
  name: 'thompson',
  title: 'Thompson sampling',
  description:
    'Samples a world from its posterior, acts optimally in it, and resamples when the sample is refuted or an episode starts. Reckless: it learns by stepping where its sample says it is safe.',
  options: [],
  create(env) {
    let sample: Truth = {};
    let refuted = true;
    return createBeliefAgent(env, {
      startEpisode() {
        refuted = true;
      },
      stale(belief) {
        if (refuted) return true;
        return belief.factors.some((f) => f.p[f.variants.indexOf(sample[f.key])] === 0);
      },
      plan(belief, rng) {
        sample = belief.sample(rng);
        refuted = false;
        return planAssumed(belief, sample);
      },
    });
  },
};
