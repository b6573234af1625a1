/**
 * optimist: optimism in the face of uncertainty. Every unknown that is not yet settled is assumed to be
 * its best case (a variant that is not a trap, the most probable such), and it acts optimally in that
 * world, replanning whenever the posterior changes. It never fears what it has not seen kill.
 */
import type { AgentDefinition } from '../src/core/agent.ts';
import type { Factor } from '../src/bayes/belief.ts';
import type { Truth } from '../src/core/truth.ts';
import { createBeliefAgent } from '../src/plan/belief-agent.ts';
import { planAssumed } from '../src/plan/belief-plan.ts';

/**
 * The most probable variant that is still possible and a trap in none of its roles (a theory's
 * hypothesis may be harmless at the shore and deadly in the deep), else the most probable one.
 */
function bestCase(f: Factor): string {
  const isTrap = (v: number) => f.roles.some((r) => r.isTrap[v] === 1);
  let best = -1;
  for (let v = 0; v < f.p.length; v++)
    if (f.p[v] > 0 && !isTrap(v) && (best < 0 || f.p[v] > f.p[best])) best = v;
  if (best < 0) for (let v = 0; v < f.p.length; v++) if (best < 0 || f.p[v] > f.p[best]) best = v;
  return f.variants[best];
}

export const optimistAgent: AgentDefinition = {
  name: 'optimist',
  title: 'Optimist',
  description:
    'Assumes the best case for every unknown not yet settled and acts optimally in that world, replanning when the posterior changes. Reckless: it only believes in a trap once it has seen it.',
  options: [],
  create(env) {
    return createBeliefAgent(env, {
      plan(belief) {
        const truth: Truth = Object.fromEntries(belief.factors.map((f) => [f.key, bestCase(f)]));
        return planAssumed(belief, truth);
      },
    });
  },
};
