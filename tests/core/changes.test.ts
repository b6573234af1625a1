/**
 * Format 1.1 in the engine and everything that plans with it: `set` on enter, leave and poke changes
 * the world for the rest of the episode, the observation reports changed looks, theories decide cells
 * of different kinds with one draw, and the exact planners treat changes as state.
 */
import { describe, expect, it } from 'vitest';
import { oracleAgent } from '../../agents/oracle.ts';
import { bayesOptimalAgent } from '../../agents/bayes-optimal.ts';
import { Belief } from '../../src/bayes/belief.ts';
import { Episode } from '../../src/core/episode.ts';
import type { Action } from '../../src/core/format.ts';
import { runAgent } from '../../src/core/run.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { drawEpisodeTruth, parseTruthAssignments, type Truth } from '../../src/core/truth.ts';
import { compileWorld } from '../../src/core/world.ts';
import { analyseIrreversibility } from '../../src/plan/irreversibility.ts';
import { valueIteration } from '../../src/plan/solve.ts';
import { env, play, SMALL_LAKE } from '../helpers.ts';

/** The spec's own `set` tiles, verbatim, plus the two tiles they name that are not built in. */
const SET_TILES = {
  'rotten-plank': { look: 'plank', leave: { set: { here: 'gap' } } },
  gap: { look: 'gap', enter: { effect: 'death' as const } },
  lever: { walkable: false, poke: { signal: 'clunk', set: { D: 'floor' } } },
  'lock-panel': { look: 'panel', enter: { set: { D: 'wall' } } },
  'ice-2': { look: 'ice', leave: { set: { here: 'ice-1' } } },
  'ice-1': { look: 'cracked-ice', leave: { set: { here: 'hole' } } },
  hole: { enter: { effect: 'death' as const } },
  gate: { walkable: false },
};

/** Some of SET_TILES: a world may only name glyphs it draws, so each takes the tiles it uses. */
function tiles(...names: (keyof typeof SET_TILES)[]) {
  return Object.fromEntries(names.map((n) => [n, SET_TILES[n]]));
}

const leverWorld = env({
  format: '1.1',
  map: ['######', '#AD.G#', '#l####', '######'],
  legend: { l: 'lever', D: 'gate' },
  tiles: tiles('lever', 'gate'),
});

describe('tiles that change the world', () => {
  it('a lever poked opens the gate for the rest of the episode, and the change is observed', () => {
    const r = play(leverWorld, 'E,poke-S,E,E,E');
    expect(r.trace.positions).toEqual([7, 7, 7, 8, 9, 10]);
    expect(r.trace.observations[1].signal).toBe('bump');
    expect(r.trace.observations[2].signal).toBe('clunk');
    expect(r.trace.observations[2].changes).toEqual([{ x: 2, y: 1, look: 'floor' }]);
    expect(r.trace.observations[3].changes).toEqual([]);
    expect(r.outcome).toBe('goal');
    expect(r.return).toBe(-5 + 10);
  });
  it('poking the lever again changes nothing more', () => {
    const r = play(leverWorld, 'poke-S,poke-S');
    expect(r.trace.observations[2].changes).toEqual([]);
  });
  it('a plank gives way behind the agent: stepping back kills', () => {
    const w = env({
      map: ['######', '#AppG#', '######'],
      legend: { p: 'rotten-plank' },
      tiles: tiles('rotten-plank', 'gap'),
    });
    const r = play(w, 'E,E,W');
    expect(r.trace.observations[2].changes).toEqual([{ x: 2, y: 1, look: 'gap' }]);
    expect(r.outcome).toBe('death');
    expect(play(w, 'E,E,E').outcome).toBe('goal');
  });
  it('a bump does not leave the cell, so the plank holds', () => {
    const w = env({
      map: ['#####', '#ApG#', '#####'],
      legend: { p: 'rotten-plank' },
      tiles: tiles('rotten-plank', 'gap'),
    });
    const r = play(w, 'E,N,W,E');
    expect(r.trace.observations[2].changes).toEqual([]);
    expect(r.trace.observations[3].changes).toEqual([{ x: 2, y: 1, look: 'gap' }]);
    expect(r.outcome).toBe('death');
  });
  it('a panel locks the only door for good: alive, but the goal is out of reach', () => {
    const w = env({
      map: ['######', '#APDG#', '######'],
      legend: { P: 'lock-panel', D: 'floor' },
      tiles: tiles('lock-panel'),
      maxSteps: 6,
    });
    const r = play(w, 'E,E,E,E,E,E');
    expect(r.trace.observations[1].changes).toEqual([{ x: 3, y: 1, look: 'wall' }]);
    expect(r.trace.positions.slice(1)).toEqual([8, 8, 8, 8, 8, 8]);
    expect(r.outcome).toBe('truncated');
  });
  it('ice that holds twice is a chain of tiles: the third crossing kills', () => {
    const w = env({
      map: ['#####', '#AiG#', '#####'],
      legend: { i: 'ice-2' },
      tiles: tiles('ice-2', 'ice-1', 'hole'),
    });
    const r = play(w, 'E,W,E,W,E');
    expect(r.trace.observations[2].changes).toEqual([{ x: 2, y: 1, look: 'cracked-ice' }]);
    expect(r.trace.observations[4].changes).toEqual([{ x: 2, y: 1, look: 'hole' }]);
    expect(r.outcome).toBe('death');
  });
  it('changes in one step apply in the order leave, enter: the enter change wins', () => {
    const w = env({
      map: ['#####', '#ABZ#', '#####'],
      legend: { B: 'trigger', Z: 'floor' },
      tiles: {
        start: { look: 'floor', leave: { set: { Z: 'wall' } } },
        trigger: { look: 'floor', enter: { set: { Z: 'lava' } } },
      },
    });
    const r = play(w, 'E');
    expect(r.trace.observations[1].changes).toEqual([{ x: 3, y: 1, look: 'lava' }]);
  });
  it('a cell that becomes lava under the agent does nothing until entered again', () => {
    const w = env({
      map: ['#####', '#AT.#', '#####'],
      legend: { T: 'melt' },
      tiles: { melt: { look: 'floor', enter: { set: { here: 'lava' } } } },
    });
    const r = play(w, 'E,E,W');
    expect(r.trace.observations[1].alive).toBe(true);
    expect(r.trace.observations[2].cues).toEqual([{ dir: 'W', signal: 'warm' }]);
    expect(r.outcome).toBe('death');
  });
  it('a new episode starts from the world as drawn', () => {
    const ep = new Episode(leverWorld);
    ep.reset(1);
    ep.step('poke-S');
    ep.reset(1, { episode: 1 });
    expect(ep.step('E').observation.signal).toBe('bump');
  });
});

describe('theories', () => {
  const lake = env(SMALL_LAKE as never);
  it('one draw decides every role: lake=thin makes the shore splash and the deep ice kill', () => {
    const thin = play(lake, 'E,E', { truth: { lake: 'thin' } });
    expect(thin.trace.observations[1].signal).toBe('splash');
    expect(thin.outcome).toBe('death');
    const thick = play(lake, 'E,E,E,E,S', { truth: { lake: 'thick' } });
    expect(thick.trace.observations[1].signal).toBe(null);
    expect(thick.outcome).toBe('goal');
  });
  it('truths name theories T=HYPOTHESIS, and a hypothesis that does not exist is refused', () => {
    expect(parseTruthAssignments(lake, ['lake=thin'])).toEqual({ lake: 'thin' });
    expect(() => parseTruthAssignments(lake, ['lake=slushy'])).toThrow(/not a hypothesis of theory "lake"/);
    expect(() => parseTruthAssignments(lake, ['lake@2,1=thin'])).toThrow(/is a theory/);
  });
  it('draws each theory from its own stream, in proportion to its prior', () => {
    let thin = 0;
    for (let seed = 0; seed < 2000; seed++) if (drawEpisodeTruth(lake, seed).lake === 'thin') thin++;
    expect(thin / 2000).toBeGreaterThan(0.37);
    expect(thin / 2000).toBeLessThan(0.43);
  });
  it('the belief learns the theory at the shore and knows the deep ice from it', () => {
    const b = new Belief(lake);
    const deep = 1 * 7 + 3;
    expect(b.trapProbability(deep)).toBeCloseTo(0.4, 12);
    const ep = new Episode(lake);
    ep.reset(0, { truth: { lake: 'thin' } });
    const step = ep.step('E');
    b.observeTransition(8, 'E', step.observation, step.reward);
    expect(b.posterior().lake).toEqual({ thin: 1, thick: 0 });
    expect(b.trapProbability(deep)).toBe(1);
  });
});

/** The best discounted return over every action sequence up to `depth` steps, by replaying each from reset. */
function bruteForceValue(spec: EnvSpec, truth: Truth, depth: number): number {
  let best = -Infinity;
  const ep = new Episode(spec);
  const walk = (prefix: Action[]): void => {
    ep.reset(0, { truth });
    let total = 0;
    let discount = 1;
    let ended = false;
    for (const a of prefix) {
      const r = ep.step(a);
      total += discount * r.reward;
      discount *= spec.gamma;
      ended = r.terminated;
    }
    if (ended || prefix.length === depth) {
      best = Math.max(best, total);
      return;
    }
    for (const a of spec.actions) walk([...prefix, a]);
  };
  walk([]);
  return best;
}

describe('planning with changes as state', () => {
  it("value iteration's start value is the brute-force optimum on the lever world", () => {
    const truth = {};
    const v = valueIteration(compileWorld(leverWorld, truth)).values[leverWorld.start!];
    expect(v).toBeCloseTo(bruteForceValue(leverWorld, truth, 5), 9);
  });
  it('the oracle pulls the lever and walks through the gate', () => {
    const run = runAgent(leverWorld, oracleAgent, {}, { seed: 3, trace: true });
    expect(run.traces[0].actions).toEqual(['poke-S', 'E', 'E', 'E']);
    expect(run.episodes[0].outcome).toBe('goal');
  });
  it('the oracle leaves a berry behind a plank that would give way on the way back', () => {
    // Planning as if the plank held, the berry (+10) and back is worth more than the goal straight away;
    // with the plank gone behind the agent, the berry is a dead end.
    const w = env({
      map: ['########', '#G..Apb#', '########'],
      legend: { p: 'rotten-plank', b: 'berry' },
      tiles: { ...tiles('rotten-plank', 'gap'), berry: { enter: { reward: 10 } } },
      actions: ['N', 'E', 'S', 'W'],
      gamma: 0.9,
    });
    const run = runAgent(w, oracleAgent, {}, { seed: 0, trace: true });
    expect(run.traces[0].actions).toEqual(['W', 'W', 'W']);
    const v = valueIteration(compileWorld(w, {})).values[w.start!];
    expect(v).toBeCloseTo(bruteForceValue(w, {}, 6), 9);
    expect(v).toBeCloseTo(-1 - 0.9 + 0.81 * 9, 9);
  });
  it('bayes-optimal plans a world that changes: it pulls the lever as the oracle does', () => {
    const run = runAgent(leverWorld, bayesOptimalAgent, {}, { seed: 0, trace: true });
    expect(run.traces[0].actions).toEqual(['poke-S', 'E', 'E', 'E']);
  });
});

describe('points of no return in a world that changes', () => {
  const kindsOf = (spec: EnvSpec) => analyseIrreversibility(compileWorld(spec, {})).kinds;
  it('a panel that locks the only door is a dead end, though nothing there kills', () => {
    // The panel P walls up the door D on entry; a detour south reaches the door without the panel.
    const panel = {
      format: '1.1' as const,
      legend: { P: 'lock-panel', D: 'floor' },
      tiles: tiles('lock-panel'),
    };
    const w = env({ ...panel, map: ['#######', '#AP.DG#', '#.#.###', '#...###', '#######'] });
    const k = kindsOf(w);
    const at = (x: number, y: number) => k[y * w.width + x];
    expect(at(2, 1)).toBe('dead-end');
    // Beyond the panel is reached through it (door locked) or by the detour (door open): not lost.
    expect(at(3, 1)).toBe('safe');
    expect(at(1, 1)).toBe('safe');
    expect(at(4, 1)).toBe('safe');
    // Without the detour the cell beyond the panel is only reached with the door locked.
    const noDetour = env({ ...panel, map: ['#######', '#AP.DG#', '#.#####', '#######'] });
    expect(kindsOf(noDetour)[1 * 7 + 3]).toBe('dead-end');
  });
  it('the planks of a bridge that gives way behind the agent are points of no return', () => {
    const w = env({
      map: ['#######', '#A.ppG#', '#######'],
      legend: { p: 'rotten-plank' },
      tiles: tiles('rotten-plank', 'gap'),
    });
    const k = kindsOf(w);
    // Standing on the first plank the way back is still whole; on the second the first is a gap.
    expect(k[1 * 7 + 3]).toBe('safe');
    expect(k[1 * 7 + 4]).toBe('no-return');
    expect(k[1 * 7 + 2]).toBe('safe');
  });
  it('a gate a lever opens is judged in the world opened, not as the wall it was', () => {
    const k = kindsOf(leverWorld);
    expect(k[1 * 6 + 2]).toBe('safe');
    expect(k[1 * 6 + 3]).toBe('safe');
    expect(k[2 * 6 + 1]).toBe('wall');
  });
});
