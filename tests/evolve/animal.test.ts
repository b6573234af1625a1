/** The animal's genome (its text form) and how its dispositions steer it. */
import { describe, expect, it } from 'vitest';
import { animalAgent, createAnimal } from '../../agents/animal.ts';
import { UsageError } from '../../src/core/errors.ts';
import { parseOptions } from '../../src/core/options.ts';
import { createStream } from '../../src/core/rng.ts';
import { runAgent } from '../../src/core/run.ts';
import { resolveAgents } from '../../src/bench/selection.ts';
import { encodeGenome, NAIVE_GENOME, parseGenome, type Genome } from '../../src/evolve/genome.ts';
import { lookMapOf } from '../../src/evolve/look-map.ts';
import { env, standingAt } from '../helpers.ts';
import { PLATEAU } from './worlds.ts';

const genome = (g: Partial<Genome>): string => encodeGenome({ ...NAIVE_GENOME, ...g });

/** Every rim cell a drop: any step onto an edge kills. */
const ALL_DROPS = Object.fromEntries(
  PLATEAU.unknowns[0].cells.map((c) => [`rim@${c % 12},${Math.floor(c / 12)}`, 'drop']),
);

describe('the genome option', () => {
  it('is empty for the naive animal, and reads back what it wrote', () => {
    expect(parseGenome('')).toEqual(NAIVE_GENOME);
    const g: Genome = {
      looks: { edge: { aversion: 2.5, curiosity: -0.125, poking: 1 } },
      fears: { echo: 3, bump: -0.5 },
      goalDrive: 1.75,
      logTemperature: -1,
      learning: 0.25,
    };
    expect({ ...parseGenome(encodeGenome(g)) }).toEqual(g);
    expect(encodeGenome(g)).toBe(
      '{"looks":{"edge":[2.5,-0.125,1]},"fears":{"echo":3,"bump":-0.5},"goalDrive":1.75,"logTemperature":-1,"learning":0.25}',
    );
  });

  it.each([
    ['not json', /expected a JSON object/],
    ['[1,2]', /the genome: expected an object/],
    ['{"looks":{"edge":[1,2]}}', /looks\.edge: expected \[aversion, curiosity, poking\]/],
    ['{"fears":{"echo":"loud"}}', /fears\.echo: expected a number/],
    ['{"goalDrive":1e9}', /goalDrive: expected a number between/],
    ['{"courage":1}', /unknown key "courage"/],
  ])('refuses %s with a UsageError saying what it expected', (text, message) => {
    expect(() => parseOptions(animalAgent, [`genome=${text}`])).toThrow(UsageError);
    expect(() => parseOptions(animalAgent, [`genome=${text}`])).toThrow(message);
  });

  it('is not among the standard agents `bench --agents all` runs', () => {
    expect(resolveAgents(['all']).map((a) => a.name)).not.toContain('animal');
  });
});

describe('the animal', () => {
  it('with an aversion to edges and a drive to food, goes round the ravine and lives', () => {
    const g = genome({
      looks: { edge: { aversion: 3, curiosity: 0, poking: 0 } },
      goalDrive: 3,
      logTemperature: -3,
    });
    const run = runAgent(
      PLATEAU,
      animalAgent,
      { genome: g },
      { seed: 1, episodes: 5, truth: ALL_DROPS, trace: true },
    );
    for (const e of run.episodes) expect(e.outcome).toBe('goal');
    // The short way (7 steps) crosses the ravine; round its end takes 17.
    expect(run.episodes[0].steps).toBeGreaterThanOrEqual(17);
  });

  it('without the aversion, the same drive takes the short way over the ravine and falls', () => {
    const run = runAgent(
      PLATEAU,
      animalAgent,
      { genome: genome({ goalDrive: 3, logTemperature: -3 }) },
      {
        seed: 1,
        episodes: 5,
        truth: ALL_DROPS,
      },
    );
    for (const e of run.episodes) expect(e.outcome).toBe('death');
  });

  it('naive, it wanders and mostly falls off the plateau', () => {
    const run = runAgent(PLATEAU, animalAgent, {}, { seed: 0, episodes: 40 });
    expect(run.episodes.filter((e) => e.outcome === 'death').length).toBeGreaterThan(30);
  });

  it('scores a move by aversion, curiosity and the drive toward food; a poke by its look; wait 0', () => {
    const map = lookMapOf(PLATEAU);
    const animal = createAnimal(
      map,
      parseGenome(
        genome({
          looks: {
            edge: { aversion: 2, curiosity: 0.5, poking: 0.25 },
            floor: { aversion: 0, curiosity: 1, poking: 0 },
          },
          goalDrive: 0.5,
        }),
      ),
    );
    // At (1,1): north and west are edges, east and south floor; the goal is east, behind the ravine.
    const observation = standingAt(1, 1);
    animal.reset({ env: PLATEAU, rng: createStream(0, 'agent'), episode: 0, observation });
    const { actions, scores } = animal.mind.options();
    const score = Object.fromEntries(actions.map((a, i) => [a, scores[i]]));
    expect(score['poke-N']).toBe(0.25);
    expect(score['poke-E']).toBe(0);
    expect(score.wait).toBe(0);
    // Stepping onto an unvisited edge: −2 + 0.5; onto unvisited floor: +1; plus 0.5 × progress in [−1, 1].
    expect(score.N).toBeLessThan(-1);
    expect(score.W).toBeLessThan(-1);
    expect(score.E).toBeGreaterThan(0.4);
    expect(score.S).toBeGreaterThan(0.4);
  });

  it('fears a cell that answered a poke with a feared sound, and with learning every cell of its look', () => {
    const g = { looks: {}, fears: { echo: 4 }, goalDrive: 0, logTemperature: 0 };
    const observation = standingAt(1, 1);
    const after = { ...observation, signal: 'echo', steps: 1 };
    for (const learning of [0, 0.5]) {
      const animal = createAnimal(lookMapOf(PLATEAU), parseGenome(encodeGenome({ ...g, learning })));
      animal.reset({ env: PLATEAU, rng: createStream(0, 'agent'), episode: 0, observation });
      animal.observe({
        action: 'poke-N',
        observation: after,
        reward: -1,
        terminated: false,
        truncated: false,
      });
      expect(animal.mind.avoidance(1 * 12 + 1 - 12)).toBe(4 + 4 * learning); // (1,0), the poked edge: its own fear and its look's
      expect(animal.mind.avoidance(1 * 12 + 0)).toBe(4 * learning); // (0,1), another edge
      expect(animal.mind.avoidance(2 * 12 + 1)).toBe(0); // (1,2), floor
      // The poked cell is not poked again in this life.
      expect(animal.mind.options().actions).not.toContain('poke-N');
    }
  });

  it('with learning, shuns a look whose step cost more than its life so far', () => {
    const world = env({
      map: ['#######', '#A.s.G#', '#######'],
      legend: { s: 'sting' },
      tiles: { sting: { look: 'nettle', enter: { reward: -20 } } },
    });
    const animal = createAnimal(lookMapOf(world), parseGenome(genome({ learning: 0.1 })));
    const at = (x: number, steps: number) => standingAt(x, 1, steps);
    animal.reset({ env: world, rng: createStream(0, 'agent'), episode: 0, observation: at(1, 0) });
    animal.observe({ action: 'E', observation: at(2, 1), reward: -1, terminated: false, truncated: false });
    animal.observe({ action: 'E', observation: at(3, 2), reward: -21, terminated: false, truncated: false });
    // Surprise: the mean so far (−1) minus −21 = 20, times 0.1.
    expect(animal.mind.avoidance(1 * 7 + 3)).toBeCloseTo(2, 12);
    expect(animal.mind.avoidance(1 * 7 + 2)).toBe(0);
  });

  it('forgets what it learned when a new life begins', () => {
    const animal = createAnimal(lookMapOf(PLATEAU), parseGenome(genome({ fears: { echo: 4 }, learning: 1 })));
    const observation = standingAt(1, 1);
    animal.reset({ env: PLATEAU, rng: createStream(0, 'agent'), episode: 0, observation });
    animal.observe({
      action: 'poke-N',
      observation: { ...observation, signal: 'echo' },
      reward: -1,
      terminated: false,
      truncated: false,
    });
    expect(animal.mind.avoidance(1)).toBeGreaterThan(0);
    animal.reset({ env: PLATEAU, rng: createStream(0, 'agent'), episode: 1, observation });
    expect(animal.mind.avoidance(1)).toBe(0);
  });
});
