import { describe, expect, it } from 'vitest';
import { Episode } from '../../src/core/episode.ts';
import { env, play } from '../helpers.ts';

const corridor = env({
  map: ['#####', '#A.G#', '#####'],
  rewards: { step: -1, goal: 10, death: -100, bump: -2 },
});

describe('moves, bumps and the goal', () => {
  it('walks to the goal: two steps, goal reward once', () => {
    const r = play(corridor, 'E,E');
    expect(r.outcome).toBe('goal');
    expect(r.return).toBe(-1 - 1 + 10);
    expect(r.steps).toBe(2);
  });
  it('bumps into walls and the map edge: stays put, pays step and bump', () => {
    const r = play(corridor, 'W,N');
    expect(r.trace.positions).toEqual([6, 6, 6]);
    expect(r.return).toBe(2 * (-1 - 2));
    expect(r.trace.observations[1].signal).toBe('bump');
    const edge = play(env({ map: ['A.G'] }), 'N,W');
    expect(edge.trace.positions).toEqual([0, 0, 0]);
  });
  it('discounts per step from the first reward', () => {
    const r = play(env({ map: ['A.G'], gamma: 0.5 }), 'E,E');
    expect(r.discountedReturn).toBe(-1 + 0.5 * 9);
  });
  it('stops an action list that runs out as truncated', () => {
    const r = play(corridor, 'E');
    expect(r.outcome).toBe('truncated');
    expect(r.steps).toBe(1);
  });
  it('truncates at maxSteps', () => {
    const r = play(env({ map: ['A.G'], maxSteps: 3 }), 'W,W,W,W');
    expect(r.outcome).toBe('truncated');
    expect(r.steps).toBe(3);
  });
});

describe('traps', () => {
  it('lava kills: death reward, hidden death, episode ends', () => {
    const spec = env({ map: ['A~G'], hiddenReward: { death: -50 } });
    const r = play(spec, 'E,E');
    expect(r.outcome).toBe('death');
    expect(r.steps).toBe(1);
    expect(r.return).toBe(-1 - 100);
    expect(r.performance).toBe(-1 - 100 - 50);
    expect(r.trace.events[0]).toContain('death');
  });
  it('a pit leaves the agent stuck: later actions only cost the step, outcome stuck', () => {
    const spec = env({ map: ['AO.G'], maxSteps: 5, hiddenReward: { stuck: -7 } });
    const r = play(spec, 'E,E,E,E,E');
    expect(r.outcome).toBe('stuck');
    expect(r.trace.positions).toEqual([0, 1, 1, 1, 1, 1]);
    expect(r.return).toBe(-5);
    expect(r.performance).toBe(-12);
  });
  it('a stuck agent cannot poke: no poke event, no signal, not counted', () => {
    const r = play(env({ map: ['AO#G'], maxSteps: 4 }), 'E,poke-E,poke-E,wait');
    expect(r.outcome).toBe('stuck');
    expect(r.trace.events.slice(1).flat()).not.toContain('poke');
    expect(r.trace.observations[2].signal).toBeNull();
    expect(r.pokes).toBe(0);
    expect(r.return).toBe(-4);
  });
  it('a tile reward adds to its effect', () => {
    const spec = env({
      map: ['Ax'],
      legend: { x: 'spikes' },
      tiles: { spikes: { enter: { effect: 'death', reward: -3 } } },
    });
    expect(play(spec, 'E').return).toBe(-1 - 3 - 100);
  });
});

describe('one-way floors, teleports and leave', () => {
  const oneWay = env({ map: ['A>.G'] });
  it('a one-way floor is entered and left only in its direction', () => {
    expect(play(oneWay, 'E,E,E').outcome).toBe('goal');
    const back = play(oneWay, 'E,E,W,W');
    expect(back.trace.positions).toEqual([0, 1, 2, 2, 2]);
    expect(play(env({ map: ['A.<G'] }), 'E,E').trace.positions).toEqual([0, 1, 1]);
  });
  it('leaving a one-way cell sideways bumps', () => {
    const spec = env({ map: ['A>.', '...'] });
    expect(play(spec, 'E,S').trace.positions).toEqual([0, 1, 1]);
  });
  it('teleport moves to the single cell drawn with its glyph, adding its reward', () => {
    const spec = env({
      map: ['At..', '...T'],
      legend: { t: 'portal', T: 'floor' },
      tiles: { portal: { enter: { effect: 'teleport', to: 'T', reward: 2 } } },
    });
    const r = play(spec, 'E');
    expect(r.trace.positions).toEqual([0, 7]);
    expect(r.return).toBe(1);
    expect(r.trace.events[0]).toContain('teleport');
  });
  it('leave moves from the cell on any move action, whatever the direction', () => {
    const spec = env({
      map: ['Aj..', '...J'],
      legend: { j: 'jump', J: 'floor' },
      tiles: { jump: { leave: { to: 'J', reward: 5 } } },
    });
    const r = play(spec, 'E,N');
    expect(r.trace.positions).toEqual([0, 1, 7]);
    expect(r.return).toBe(-1 + -1 + 5);
  });
});

describe('pokes and cues', () => {
  const snake = env({
    map: ['As.G'],
    legend: { s: { unknown: 'snake' } },
    tiles: {
      'live-snake': {
        look: 'snake',
        enter: { effect: 'death' },
        poke: { signal: 'hiss', risk: 0.5 },
        near: { signal: 'rustle', p: 0.5 },
      },
      'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
    },
    unknowns: { snake: { scope: 'each', prior: { 'live-snake': 0.5, 'dead-snake': 0.5 } } },
  });
  it("a poke shows the target tile's signal and does not move the agent", () => {
    const r = play(snake, 'poke-E', { truth: { 'snake@1,0': 'dead-snake' } });
    expect(r.trace.observations[1].signal).toBe('thud');
    expect(r.trace.positions).toEqual([0, 0]);
    expect(r.pokes).toBe(1);
  });
  it('a cue with probability 0 loads and is never perceived', () => {
    const silent = env({
      map: ['A.h.G'],
      legend: { h: 'hum' },
      tiles: { hum: { near: { signal: 'hum', p: 0 } } },
    });
    const r = play(silent, 'E,wait,wait,wait,wait,wait,wait,wait');
    expect(r.trace.observations.flatMap((o) => o.cues)).toEqual([]);
  });
  it('poking the map edge shows "solid", and a wall pokes "solid"', () => {
    expect(play(snake, 'poke-W', { truth: { snake: 'dead-snake' } }).trace.observations[1].signal).toBe(
      'solid',
    );
    expect(play(env({ map: ['A#'] }), 'poke-E').trace.observations[1].signal).toBe('solid');
  });
  it('poke risk triggers its effect on the poker with about its probability, from the engine stream', () => {
    let deaths = 0;
    for (let seed = 0; seed < 400; seed++) {
      const r = play(snake, 'poke-E', { seed, truth: { snake: 'live-snake' } });
      if (r.outcome === 'death') {
        deaths++;
        expect(r.trace.events[0]).toEqual(expect.arrayContaining(['poke', 'pokeHurt', 'death']));
        expect(r.return).toBe(-101);
      }
    }
    expect(deaths / 400).toBeGreaterThan(0.4);
    expect(deaths / 400).toBeLessThan(0.6);
  });
  it('near cues come with the direction of their source and their probability', () => {
    const spec = env({ map: ['.~', 'A.'], rewards: {} });
    const episode = new Episode(spec);
    const first = episode.reset(0).observation;
    expect(first.cues).toEqual([]);
    const r = episode.step('E');
    expect(r.observation.cues).toEqual([{ dir: 'N', signal: 'warm' }]);
    let heard = 0;
    const noisy = new Episode(snake);
    noisy.reset(3, { truth: { snake: 'live-snake' } });
    for (let i = 0; i < 199; i++) if (noisy.step('wait').observation.cues.length > 0) heard++;
    expect(heard / 199).toBeGreaterThan(0.38);
    expect(heard / 199).toBeLessThan(0.62);
  });
  it('a stuck agent cannot poke either', () => {
    const spec = env({ map: ['AO#'], maxSteps: 3 });
    const r = play(spec, 'E,poke-E,poke-E');
    expect(r.trace.observations[2].signal).toBeNull();
  });
});

describe('slips', () => {
  const slippery = env({ map: ['.....', '.....', '..A..', '.....', '.....'], slip: 0.3, maxSteps: 1 });
  it('a move goes in one of the other three directions with probability slip, uniformly', () => {
    const counts = new Map<number, number>();
    const N = 3000;
    for (let seed = 0; seed < N; seed++) {
      const pos = play(slippery, 'N', { seed }).trace.positions[1];
      counts.set(pos, (counts.get(pos) ?? 0) + 1);
    }
    expect(counts.get(7)! / N).toBeCloseTo(0.7, 1);
    for (const other of [13, 17, 11]) expect(counts.get(other)! / N).toBeCloseTo(0.1, 1);
  });
  it('actions not allowed by the environment are refused', () => {
    const spec = env({ map: ['A.G'], actions: ['E', 'W'] });
    const episode = new Episode(spec);
    episode.reset(0);
    expect(() => episode.step('N')).toThrow(/not allowed/);
  });
});
