/** The animal is told the map of looks and nothing else: what lookMapOf keeps, and what it drops. */
import { describe, expect, it } from 'vitest';
import { animalAgent, createAnimal } from '../../agents/animal.ts';
import type { Observation } from '../../src/core/episode.ts';
import type { Action } from '../../src/core/format.ts';
import { createStream } from '../../src/core/rng.ts';
import { runAgent } from '../../src/core/run.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { encodeGenome, parseGenome } from '../../src/evolve/genome.ts';
import { lookMapOf, soundsOf } from '../../src/evolve/look-map.ts';
import { env, standingAt } from '../helpers.ts';
import { PLATEAU, PLATEAU_FILE } from './worlds.ts';

/** The plateau's looks, but different tile kinds, priors, rewards, horizon: nothing alike but the sight of it. */
const LOOKALIKE = env({
  ...PLATEAU_FILE,
  name: 'lookalike',
  legend: { e: { unknown: 'brink' } },
  tiles: {
    bog: { look: 'edge', enter: { effect: 'stuck' }, poke: { signal: 'squelch', risk: 0.3 } },
    moss: { look: 'edge', enter: { reward: 5 }, near: { signal: 'rustle', p: 0.5 } },
    sand: { look: 'edge', enter: { effect: 'teleport', to: 'A' } },
  },
  unknowns: { brink: { scope: 'all', prior: { bog: 0.1, moss: 0.6, sand: 0.3 } } },
  rewards: { step: -3, goal: 1, death: 0 },
  gamma: 0.5,
  maxSteps: 7,
});

const GENOME = parseGenome(
  encodeGenome({
    looks: {
      edge: { aversion: 1.5, curiosity: -0.2, poking: 0.7 },
      floor: { aversion: -0.3, curiosity: 0.4, poking: 0 },
    },
    fears: { echo: 2, thud: -1, bump: 0.5 },
    goalDrive: 1.2,
    logTemperature: -0.5,
    learning: 0.3,
  }),
);

/** Feeds an animal created for `spec` the observations of a life, returning its actions and scores. */
function decisions(
  spec: EnvSpec,
  observations: readonly Observation[],
  actions: readonly Action[],
  rewards: readonly number[],
) {
  const agent = animalAgent.create(spec, { genome: encodeGenome(GENOME) }) as ReturnType<typeof createAnimal>;
  agent.reset({ env: spec, rng: createStream(3, 'agent'), episode: 0, observation: observations[0] });
  const out: { action: Action; options: { actions: Action[]; scores: number[] } }[] = [];
  for (let t = 0; t < actions.length; t++) {
    const o = agent.mind.options();
    out.push({
      action: agent.act(observations[t])!,
      options: { actions: [...o.actions], scores: [...o.scores] },
    });
    agent.observe({
      action: actions[t],
      observation: observations[t + 1],
      reward: rewards[t],
      terminated: false,
      truncated: false,
    });
  }
  return out;
}

describe('lookMapOf', () => {
  it('keeps the looks of the cells, what food looks like and the actions, nothing more', () => {
    const map = lookMapOf(PLATEAU);
    expect(Object.keys(map).sort()).toEqual(['actions', 'cells', 'goalLooks', 'height', 'looks', 'width']);
    expect(map.looks).toEqual(['edge', 'floor', 'goal']);
    expect(map.goalLooks).toEqual(['goal']);
    expect(map.cells).toHaveLength(144);
    expect(map.looks[map.cells[0]]).toBe('edge');
    expect(map.looks[map.cells[3 * 12 + 2]]).toBe('floor'); // the start looks like floor
    expect(map.looks[map.cells[3 * 12 + 9]]).toBe('goal');
    const text = JSON.stringify(map);
    for (const secret of ['drop', 'ledge', 'rim', 'death', '0.7', 'echo', 'thud'])
      expect(text).not.toContain(secret);
  });

  it('is identical for two worlds that look the same, however differently they behave', () => {
    expect(lookMapOf(LOOKALIKE)).toEqual(lookMapOf(PLATEAU));
  });

  it('so the animal decides identically in both, given the same observations', () => {
    const life = runAgent(PLATEAU, animalAgent, { genome: encodeGenome(GENOME) }, { seed: 5, trace: true });
    const t = life.traces[0];
    expect(t.actions.length).toBeGreaterThan(3);
    const a = decisions(PLATEAU, t.observations, t.actions, t.rewards);
    const b = decisions(LOOKALIKE, t.observations, t.actions, t.rewards);
    expect(b).toEqual(a);
  });

  it('gives the animal nothing of the environment at reset but its stream and first observation', () => {
    const agent = createAnimal(lookMapOf(PLATEAU), GENOME);
    const forbidden = new Proxy({} as EnvSpec, {
      get(_t, key) {
        throw new Error(`the animal read env.${String(key)}`);
      },
    });
    const observation = standingAt(2, 3);
    expect(() => {
      agent.reset({ env: forbidden, rng: createStream(0, 'agent'), episode: 0, observation });
      agent.act(observation);
    }).not.toThrow();
  });

  it('counts a look as food when any tile that can stand there is a goal (heaven or hell behind one door)', () => {
    const doors = env({
      map: ['#####', '#A.D#', '#####'],
      legend: { D: { unknown: 'door' } },
      tiles: {
        heaven: { look: 'door', enter: { effect: 'goal' } },
        hell: { look: 'door', enter: { effect: 'death' } },
      },
      unknowns: { door: { prior: { heaven: 0.5, hell: 0.5 } } },
    });
    expect(lookMapOf(doors).goalLooks).toEqual(['door']);
  });

  it('lists the looks a format 1.1 change can bring, after those on the map', () => {
    const bridge = env({
      format: '1.1',
      map: ['#####', '#APG#', '#####'],
      legend: { P: 'plank' },
      tiles: {
        plank: { look: 'plank', leave: { set: { here: 'gap' } } },
        gap: { look: 'hole', enter: { effect: 'death' } },
      },
    });
    expect(lookMapOf(bridge).looks).toEqual(['wall', 'floor', 'plank', 'goal', 'hole']);
  });
});

describe('soundsOf', () => {
  it('names every sound the tiles that can occur make, and bump', () => {
    expect(soundsOf(PLATEAU)).toEqual(['bump', 'echo', 'nothing', 'thud']);
    expect(soundsOf(LOOKALIKE)).toEqual(['bump', 'nothing', 'rustle', 'squelch']);
  });
});
