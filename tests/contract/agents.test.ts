/** Every registered agent plays every registered environment: legal actions only, deterministic per seed. */
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import { UsageError } from '../../src/core/errors.ts';
import { hashTrajectory } from '../../src/core/hash.ts';
import { defaultOptions } from '../../src/core/options.ts';
import { runAgent } from '../../src/core/run.ts';

describe.each(agents.all().map((a) => [a.name, a] as const))('agent %s', (_name, agent) => {
  it('documents itself and its options', () => {
    expect(agent.title.length).toBeGreaterThan(0);
    expect(agent.description.length).toBeGreaterThan(20);
    for (const o of agent.options) expect(o.description.length).toBeGreaterThan(5);
  });

  it.each(environments.all().map((e) => [e.name, e] as const))(
    'plays %s legally and deterministically, or refuses clearly',
    (_env, env) => {
      let a;
      try {
        a = runAgent(env, agent, defaultOptions(agent), { seed: 4, episodes: 2, trace: true });
      } catch (e) {
        // Refusing is allowed, but only with a user-facing error that says why.
        expect(e).toBeInstanceOf(UsageError);
        return;
      }
      const b = runAgent(env, agent, defaultOptions(agent), { seed: 4, episodes: 2, trace: true });
      expect(a.traces.map(hashTrajectory)).toEqual(b.traces.map(hashTrajectory));
      for (const t of a.traces) for (const action of t.actions) expect(env.actions).toContain(action);
    },
  );
});
