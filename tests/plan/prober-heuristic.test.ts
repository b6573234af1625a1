/**
 * The prober's heuristic parts on small worlds: harm includes points of no return, experiments include
 * a harmless step, and decisions are bounded by work (a tiny budget still plays, deterministically).
 */
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import { regularityGenerator } from '../../environments/regularity.ts';
import { Belief } from '../../src/bayes/belief.ts';
import { Episode } from '../../src/core/episode.ts';
import { paramValues } from '../../src/core/generator.ts';
import { defaultOptions } from '../../src/core/options.ts';
import { createStream } from '../../src/core/rng.ts';
import { runAgent } from '../../src/core/run.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { validateEnvironment } from '../../src/core/validate.ts';
import { experimentsOn } from '../../src/plan/experiments.ts';
import { harmlessForSure, harmProbability, variantHarm } from '../../src/plan/harm.ts';
import { planMixture } from '../../src/plan/belief-plan.ts';
import { truthKeys } from '../../src/core/truth.ts';
import { env, LOCK_PANEL } from '../helpers.ts';

/** The first cell of a role of the world's first theory. */
function roleCell(spec: EnvSpec, role: string): number {
  return spec.theories[0].roles.find((r) => r.name === role)!.cells[0];
}

describe('harm', () => {
  it('a panel that locks the only door is harmful though it does not kill; the loose one is not', () => {
    const spec = env(LOCK_PANEL);
    const belief = new Belief(spec);
    const harm = variantHarm(belief);
    const f = belief.factors[0];
    const flags = Object.fromEntries(f.variants.map((v, i) => [v, harm[0][0][i]]));
    expect(Object.values(flags).sort()).toEqual([0, 1]);
    const panel = f.cells[0];
    expect(harmProbability(belief, harm, panel)).toBeCloseTo(
      f.p[f.variants.findIndex((_, i) => harm[0][0][i] === 1)],
      12,
    );
    expect(belief.trapProbability(panel)).toBe(0);
  });

  it("a theory's shore is harmless under every hypothesis, its deep ice is not", () => {
    const spec = environments.get('frozen-lake-theory')!;
    const belief = new Belief(spec);
    const harm = variantHarm(belief);
    const shore = roleCell(spec, 'shore');
    const deep = roleCell(spec, 'deep');
    expect(harmlessForSure(belief, harm, shore)).toBe(true);
    expect(harmlessForSure(belief, harm, deep)).toBe(false);
    expect(harmProbability(belief, harm, deep)).toBeCloseTo(0.4, 12);
  });
});

describe('experiments', () => {
  it('stepping onto the shore is an experiment on the lake theory: a splash (0.4) or nothing (0.6)', () => {
    const spec = environments.get('frozen-lake-theory')!;
    const belief = new Belief(spec);
    const harm = variantHarm(belief);
    const shore = roleCell(spec, 'shore');
    const steps = experimentsOn(belief, 0, {
      isSpot: (c) => c === spec.start,
      harmless: (c) => harmlessForSure(belief, harm, c),
      allowed: new Set(spec.actions),
      watchLengths: [],
    }).filter((e) => e.kind === 'step');
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ spot: spec.start, target: shore, action: 'E' });
    expect(steps[0].outcomes.map((o) => [o.p, o.reward, o.onTarget])).toEqual([
      [expect.closeTo(0.4, 12), -6, true],
      [expect.closeTo(0.6, 12), -1, true],
    ]);
  });

  it('no step onto a cell where some hypothesis kills', () => {
    const spec = environments.get('frozen-lake-theory')!;
    const belief = new Belief(spec);
    const harm = variantHarm(belief);
    const deep = roleCell(spec, 'deep');
    const found = experimentsOn(belief, 0, {
      isSpot: () => true,
      harmless: (c) => harmlessForSure(belief, harm, c),
      allowed: new Set(spec.actions),
      watchLengths: [],
    });
    expect(found.some((e) => e.kind === 'step' && e.target === deep)).toBe(false);
  });
});

describe('bounded decisions', () => {
  const noisy = validateEnvironment(
    regularityGenerator.generate(
      paramValues(regularityGenerator, { size: '24', regularity: '0', density: '0.2', cue: '0.4' }) as never,
    ),
    'regularity',
  );

  it('with the smallest work budget it still plays every episode, never dies, and repeats itself per seed', () => {
    const play = () =>
      runAgent(
        noisy,
        agents.get('prober')!,
        { mode: 'heuristic', work: 1000 },
        { seed: 3, episodes: 2, trace: true },
      );
    const a = play();
    const b = play();
    expect(a.episodes.map((e) => e.outcome)).not.toContain('death');
    expect(a.traces.map((t) => t.actions.join())).toEqual(b.traces.map((t) => t.actions.join()));
  });

  it('more work never changes the outcome class on this world: both reach the goal alive', () => {
    for (const work of [1000, 1_000_000]) {
      const run = runAgent(noisy, agents.get('prober')!, { mode: 'heuristic', work }, { seed: 5 });
      expect(run.episodes[0].outcome).toBe('goal');
    }
  });
});

describe('why this action (BeliefView.decision)', () => {
  const spec = environments.get('snake-pair')!;
  const firstDecision = (mode: string, steps: number) => {
    const agent = agents.get('prober')!.create(spec, { ...defaultOptions(agents.get('prober')!), mode });
    const episode = new Episode(spec);
    let obs = episode.reset(0, {
      truth: { 'snake@3,1': 'dead-snake', 'snake@5,1': 'dead-snake' },
    }).observation;
    agent.reset({ env: spec, observation: obs, rng: createStream(0, 'agent'), episode: 0 });
    for (let t = 0; t < steps; t++) {
      const action = agent.act(obs)!;
      const s = episode.step(action);
      agent.observe({
        action,
        observation: s.observation,
        reward: s.reward,
        terminated: s.terminated,
        truncated: s.truncated,
      });
      obs = s.observation;
    }
    agent.act(obs);
    return agent.belief!().decision!;
  };

  it('heuristic: the chain of both pokes is chosen over the safe plan and over poking the first alone', () => {
    const d = firstDecision('heuristic', 0);
    const safe = d.candidates.find((c) => c.kind === 'safe')!;
    const chains = d.candidates.filter((c) => c.kind === 'experiment');
    expect(chains.map((c) => c.tells!.length)).toEqual([1, 2]);
    expect(chains[0].voi).toBeLessThan(0);
    expect(chains[1].chosen).toBe(true);
    expect(chains[1].value).toBeGreaterThan(safe.value);
    expect(chains[1].tells).toEqual([
      'snake@3,1: live-snake | dead-snake',
      'snake@5,1: live-snake | dead-snake',
    ]);
    expect(d.summary).toMatch(/^experiments first: poke-E at 3,1 from 2,1, then poke-E at 5,1 from 4,1/);
  });

  it('exact: beside the first snake, stepping onto it is forbidden (risk 0.2) and the poke is chosen', () => {
    const d = firstDecision('exact', 1);
    const east = d.candidates.find((c) => c.label.startsWith('E '))!;
    expect(east.value).toBe(-Infinity);
    expect(east.risk).toBeCloseTo(0.2, 12);
    expect(d.candidates.find((c) => c.chosen)!.label).toBe('poke-E');
  });
});

/** Mean discounted return over the prior's hypotheses (seeds 0–19 each drawn from it). */
function meanReturn(world: string, agent: string, options: Record<string, string> = {}): number {
  const spec = environments.get(world)!;
  let total = 0;
  for (let seed = 0; seed < 20; seed++)
    total += runAgent(spec, agents.get(agent)!, options, { seed }).episodes[0].discountedReturn;
  return total / 20;
}

describe('regressions found by the gallery (seeds 0–19)', () => {
  it('the mixture model takes a reward once: a spent treat is not valued again (nuclear-button)', () => {
    const spec = environments.get('nuclear-button')!;
    const value = planMixture(new Belief(spec)).values[spec.start!];
    // The treat pays 10 once, the trees and the exit once each: far below the 397 of a repeatable treat.
    expect(value).toBeLessThan(60);
  });

  it('thompson makes a new plan when the world changes: a spent treat does not hold it until time runs out', () => {
    const spec = environments.get('nuclear-button')!;
    const truth = Object.fromEntries(
      truthKeys(spec).map((k) => [k, spec.unknowns[0].prior.find((v) => v.tile !== 'nuclear-button')!.tile]),
    );
    const e = runAgent(spec, agents.get('thompson')!, {}, { seed: 0, truth }).episodes[0];
    expect(e.outcome).toBe('goal');
  });

  it('heuristic: ice that gives way behind the agent is not harm while a way on remains (ice-holds-twice)', () => {
    expect(meanReturn('ice-holds-twice', 'prober', { mode: 'heuristic' })).toBeGreaterThan(15);
  });

  it('heuristic: a theory tested by tasting a berry, for mushrooms off the way to the goal, as the exact mode', () => {
    expect(meanReturn('mushroom-theory', 'prober', { mode: 'heuristic' })).toBeCloseTo(
      meanReturn('mushroom-theory', 'prober', { mode: 'exact' }),
      6,
    );
  });

  it('heuristic: a vent that is a wall in every hypothesis does not keep the theory shut (distant-thunder)', () => {
    expect(meanReturn('distant-thunder', 'prober', { mode: 'heuristic' })).toBeGreaterThan(
      meanReturn('distant-thunder', 'pessimist') + 3,
    );
  });

  it('mentored: a door that ends the episode is worth asking about (heaven-or-hell)', () => {
    expect(meanReturn('heaven-or-hell', 'mentored')).toBeGreaterThan(80);
    expect(meanReturn('heaven-or-hell', 'prober')).toBeLessThan(10);
  });
});
