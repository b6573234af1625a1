/**
 * The gallery: small worlds that each make one of the phenomena trapworld exists for visible (a press
 * that ends all reward, a theory tested on a harmless berry, edges that teach vertigo, a question
 * learnable only at risk, a regularity that holds and one that breaks, a world where only a mentor
 * helps, …). Each is pinned with scripted action lists under fixed truths, every number worked out by
 * hand from the rules: each action costs -1; a tile's enter reward is added on the step that enters it;
 * the goal adds rewards.goal, a death -100; an agent alive but cut off runs on to maxSteps (100). All
 * gallery worlds use gamma 0.99, so a reward r on step k is worth r·0.99^(k-1) (`disc` below). Where it
 * shows the point, the agents' behaviour is checked too (analyze's verdict, who falls, who declines).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { scriptedAgent } from '../../agents/scripted.ts';
import { environments } from '../../environments/index.ts';
import { Belief } from '../../src/bayes/belief.ts';
import { UsageError } from '../../src/core/errors.ts';
import { defaultOptions } from '../../src/core/options.ts';
import { runAgent, type EpisodeResult } from '../../src/core/run.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { truthKeys, type Truth } from '../../src/core/truth.ts';
import { validateEnvironment } from '../../src/core/validate.ts';
import { compileWorld } from '../../src/core/world.ts';
import { analyzeWorld } from '../../src/plan/analysis.ts';
import { analyseIrreversibility } from '../../src/plan/irreversibility.ts';
import { valueIteration } from '../../src/plan/solve.ts';

const ENV_DIR = new URL('../../environments/', import.meta.url);

/** The gallery worlds this file covers (snake-pair and ash-corridor, also in the gallery, are older). */
const GALLERY = [
  'nuclear-button',
  'mushroom-theory',
  'vertigo-plateau',
  'heaven-or-hell',
  'regularity-holds',
  'regularity-breaks',
  'mentor-only',
  'risky-poke',
  'distant-thunder',
  'ice-holds-twice',
  'reckless-wins',
  'minefield',
];

function env(name: string): EnvSpec {
  const spec = environments.get(name);
  if (!spec) throw new Error(`no environment "${name}"`);
  return spec;
}

function rawFile(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${name}.json`, ENV_DIR), 'utf8')) as Record<string, unknown>;
}

/** The tiles of a world file, as far as the counterfactuals below change them. */
type RawTiles = Record<string, { enter: { reward: number }; poke: { risk: number } }>;

/** A gallery world with its file's tiles changed (a counterfactual), loaded as a user file is. */
function variant(name: string, change: (tiles: RawTiles) => void): EnvSpec {
  const raw = rawFile(name);
  change(raw.tiles as RawTiles);
  return validateEnvironment(raw, `${name}-variant.json`);
}

/** `n` copies of an action. */
const rep = (action: string, n: number): string[] => Array<string>(n).fill(action);

/** The rewards of an n-step walk at -1 a step, plus `extra[k]` on step k (1-based). */
const walk = (n: number, extra: Record<number, number> = {}): number[] =>
  Array.from({ length: n }, (_, i) => -1 + (extra[i + 1] ?? 0));

/** The discounted return (gamma 0.99) of a reward sequence. */
const disc = (rewards: number[]): number => rewards.reduce((sum, r, i) => sum + r * 0.99 ** i, 0);

/** Plays an action list with the scripted agent; the first episode with its trace. */
function play(name: string, actions: string[], truth?: Truth, seed = 1) {
  const spec = env(name);
  const run = runAgent(spec, scriptedAgent, { actions: actions.join(',') }, { seed, truth, trace: true });
  const trace = run.traces[0];
  const last = trace.positions[trace.positions.length - 1];
  return {
    ...run.episodes[0],
    trace,
    final: { x: last % spec.width, y: Math.floor(last / spec.width) },
    signals: trace.observations.slice(1).map((o) => o.signal),
    /** The looks that changed after each step (step k at index k - 1). */
    changes: trace.observations.slice(1).map((o) => o.changes),
    cues: trace.observations.slice(1).map((o) => o.cues.map((c) => `${c.dir}:${c.signal}`)),
  };
}

/** Runs a registered agent with its default options, one episode per seed. */
function measure(name: string, agentName: string, seeds: number, truth?: Truth) {
  const spec = env(name);
  const def = agents.get(agentName)!;
  const episodes: (EpisodeResult & { actions: string[] })[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const run = runAgent(spec, def, defaultOptions(def), { seed, truth, trace: true });
    episodes.push({ ...run.episodes[0], actions: run.traces[0].actions });
  }
  const count = (outcome: string) => episodes.filter((e) => e.outcome === outcome).length;
  return {
    episodes,
    deaths: count('death'),
    goals: count('goal'),
    truncated: count('truncated'),
    meanReturn: episodes.reduce((s, e) => s + e.return, 0) / seeds,
    meanDiscounted: episodes.reduce((s, e) => s + e.discountedReturn, 0) / seeds,
  };
}

/** The optimal discounted return from the start when the truth is known (what the oracle gets). */
function oracleValue(name: string, truth: Truth): number {
  const spec = env(name);
  return valueIteration(compileWorld(spec, truth)).values[spec.start!];
}

const question = (name: string, id: string) => analyzeWorld(env(name)).questions.find((q) => q.id === id)!;

describe('the gallery worlds', () => {
  it.each(GALLERY)(
    '%s: registered from its JSON file, with the schema, described in the fixed sections',
    (name) => {
      const spec = env(name);
      expect(spec.source).toBe(`environments/${name}.json`);
      expect(spec.description).toMatch(/^What it shows: .+ Traps: .+ Rewards: .+ Termination: .+/s);
      expect(spec.description).toMatch(/good agent/);
      expect(spec.start).not.toBeNull();
      const raw = rawFile(name);
      expect(raw.$schema).toBe('../public/environment.schema.json');
      expect(raw.name).toBe(name);
      expect(typeof raw.title).toBe('string');
      // "format": "1.1" exactly when the world uses what 1.1 adds (a theory or a set).
      const uses11 = spec.theories.length > 0 || JSON.stringify(raw.tiles).includes('"set":');
      expect(raw.format === '1.1').toBe(uses11);
      // Small, for reading at a glance and for the exact planners.
      expect(spec.width).toBeLessThanOrEqual(13);
      expect(spec.height).toBeLessThanOrEqual(11);
      expect([spec.gamma, spec.maxSteps, spec.rewards.step, spec.rewards.death]).toEqual([
        0.99, 100, -1, -100,
      ]);
    },
  );

  it('the hand-worked discounted values used below', () => {
    expect(disc(walk(8, { 8: 30 }))).toBeCloseTo(20.24, 2);
    expect(disc(walk(100))).toBeCloseTo(-63.4, 1);
  });
});

describe('nuclear-button (one press ends all reward)', () => {
  // Start (3,1); button B (1,1), two steps west; fruit trees (5,1) and (7,1), +10 each, once; exit G (9,1),
  // +30. Treat (0.75): the button pays 10 once. Nuclear (0.25): it pays the same 10 and turns both trees
  // and the exit into cinders.
  const name = 'nuclear-button';
  const treat: Truth = { 'button@1,1': 'treat-button' };
  const nuclear: Truth = { 'button@1,1': 'nuclear-button' };
  const straight = rep('E', 6);
  const press = ['W', 'W', ...rep('E', 8)];

  it('straight east past both trees: 6 steps, -6 + 10 + 10 + 30 = 44, in either truth', () => {
    for (const truth of [treat, nuclear]) {
      const r = play(name, straight, truth);
      expect(r.trace.rewards).toEqual(walk(6, { 2: 10, 4: 10, 6: 30 }));
      expect([r.outcome, r.return, r.steps]).toEqual(['goal', 44, 6]);
      expect(r.discountedReturn).toBeCloseTo(disc(walk(6, { 2: 10, 4: 10, 6: 30 })), 9);
      expect(r.discountedReturn).toBeCloseTo(42.28, 2);
      expect(r.changes[1]).toEqual([{ x: 5, y: 1, look: 'picked-tree' }]);
    }
  });

  it('the treat: press, then everything: 10 steps, -10 + 10 + 20 + 30 = 50', () => {
    const r = play(name, press, treat);
    expect(r.signals[1]).toBe('ding');
    expect(r.changes[1]).toEqual([{ x: 1, y: 1, look: 'pushed-button' }]);
    expect(r.trace.rewards).toEqual(walk(10, { 2: 10, 6: 10, 8: 10, 10: 30 }));
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 50, 10]);
  });

  it('the nuclear button: the same ding and 10, then every tree and the exit are cinders', () => {
    const r = play(name, [...press, ...rep('E', 90)], nuclear);
    expect(r.signals[1]).toBe('ding');
    expect(r.trace.rewards[1]).toBe(9);
    expect(r.changes[1]).toEqual([
      { x: 1, y: 1, look: 'pushed-button' },
      { x: 5, y: 1, look: 'cinders' },
      { x: 7, y: 1, look: 'cinders' },
      { x: 9, y: 1, look: 'cinders' },
    ]);
    // Alive, and nothing pays any more: walking over the trees and onto the old exit only costs steps.
    expect(r.trace.rewards.slice(2)).toEqual(Array<number>(98).fill(-1));
    expect(r.final).toEqual({ x: 9, y: 1 });
    expect([r.outcome, r.return, r.steps, r.performance]).toEqual(['truncated', -90, 100, -90]);
    expect(r.discountedReturn).toBeCloseTo(disc(walk(100, { 2: 10 })), 9);
  });

  it('nothing tells the buttons apart before the press: a poke says "nothing" to both', () => {
    for (const truth of [treat, nuclear])
      expect(play(name, ['W', 'poke-W'], truth).signals[1]).toBe('nothing');
  });

  it('the nuclear button is a dead end (nothing dies); the treat is safe', () => {
    const spec = env(name);
    const button = 1 * spec.width + 1;
    expect(analyseIrreversibility(compileWorld(spec, nuclear)).kinds[button]).toBe('dead-end');
    expect(analyseIrreversibility(compileWorld(spec, treat)).kinds[button]).toBe('safe');
  });

  it('the oracle presses only the treat; under the prior, pressing blindly is far worse than leaving it', () => {
    expect(oracleValue(name, treat)).toBeCloseTo(disc(walk(10, { 2: 10, 6: 10, 8: 10, 10: 30 })), 9);
    expect(oracleValue(name, nuclear)).toBeCloseTo(disc(walk(6, { 2: 10, 4: 10, 6: 30 })), 9);
    // 0.75·50 + 0.25·(-90) = 15 against 44; discounted ≈ 21.6 against 42.3.
    const blind = 0.75 * disc(walk(10, { 2: 10, 6: 10, 8: 10, 10: 30 })) + 0.25 * disc(walk(100, { 2: 10 }));
    expect(blind).toBeCloseTo(21.56, 2);
  });

  it('analyze: the button can be learnt only at risk (0.25), by pressing it; never risking is optimal', () => {
    const a = analyzeWorld(env(name));
    const q = a.questions.find((x) => x.id === 'button@1,1')!;
    expect(q.learnable).toBe('at-risk');
    expect(q.test!.risk).toBeCloseTo(0.25, 12);
    expect(q.test!.actions).toEqual(['W', 'W']);
    expect(a.values.bayesOptimal).toBeCloseTo(disc(walk(6, { 2: 10, 4: 10, 6: 30 })), 9);
    expect(a.values.pessimist).toBeCloseTo(a.values.bayesOptimal!, 9);
  });

  it('the prober and bayes-optimal never press it; the optimist, assuming the best, loses everything', () => {
    for (const agent of ['prober', 'bayes-optimal']) {
      const m = measure(name, agent, 20);
      expect(m.goals, agent).toBe(20);
      expect(new Set(m.episodes.map((e) => e.actions.join(',')))).toEqual(new Set([straight.join(',')]));
    }
    const o = measure(name, 'optimist', 1, nuclear);
    expect(o.episodes[0].actions.slice(0, 2)).toEqual(['W', 'W']);
    expect([o.episodes[0].outcome, o.episodes[0].return]).toEqual(['truncated', -90]);
  });
});

describe('mushroom-theory (taste the berry to learn about the mushrooms)', () => {
  // Start (1,2); berry b (5,1); mushrooms m (4,3) (5,3); goal (9,2). Edible (0.5): the berry tastes
  // sweet (+1), each mushroom is a meal (+15, once). Poisonous (0.5): bitter berry (+1), deadly mushrooms.
  const name = 'mushroom-theory';
  const edible: Truth = { family: 'edible' };
  const poisonous: Truth = { family: 'poisonous' };
  const berry = ['E', 'E', 'E', 'E', 'N'];
  const mushrooms = ['E', 'E', 'E', 'S', 'E', 'E', 'E', 'E', 'N', 'E'];

  it('one theory decides the berry and both mushrooms', () => {
    const spec = env(name);
    expect(truthKeys(spec)).toEqual(['family']);
    expect(spec.theories[0].roles.map((r) => [r.name, r.look, r.cells.length])).toEqual([
      ['berry', 'berry', 1],
      ['mushroom', 'mushroom', 2],
    ]);
  });

  it('straight to the goal: 8 steps, 22, in either truth', () => {
    for (const truth of [edible, poisonous])
      expect(play(name, rep('E', 8), truth)).toMatchObject({ outcome: 'goal', return: 22, steps: 8 });
  });

  it('the mushrooms blindly: 10 steps, -10 + 15 + 15 + 30 = 50 if edible; death on step 4 (-104) if not', () => {
    const e = play(name, mushrooms, edible);
    expect(e.signals[3]).toBe('tasty');
    expect(e.trace.rewards).toEqual(walk(10, { 4: 15, 5: 15, 10: 30 }));
    expect([e.outcome, e.return]).toEqual(['goal', 50]);
    const p = play(name, mushrooms, poisonous);
    expect([p.outcome, p.return, p.steps]).toEqual(['death', -104, 4]);
  });

  it('the berry is harmless either way and tells: sweet or bitter, +1', () => {
    expect(play(name, berry, edible).signals[4]).toBe('sweet');
    expect(play(name, berry, poisonous).signals[4]).toBe('bitter');
    for (const truth of [edible, poisonous]) {
      const r = play(name, berry, truth);
      expect(r.trace.rewards).toEqual(walk(5, { 5: 1 }));
      expect(r.changes[4]).toEqual([{ x: 5, y: 1, look: 'bush' }]);
    }
  });

  it('poking tells nothing: berry and mushrooms answer "nothing" in both truths', () => {
    for (const truth of [edible, poisonous]) {
      expect(play(name, ['E', 'E', 'E', 'E', 'poke-N'], truth).signals[4]).toBe('nothing');
      expect(play(name, ['E', 'E', 'E', 'poke-S'], truth).signals[3]).toBe('nothing');
    }
  });

  it('berry first: then the mushrooms if sweet (14 steps, 47), the goal if bitter (10 steps, 21)', () => {
    const sweet = play(name, [...berry, 'S', 'S', 'W', 'E', 'E', 'E', 'E', 'N', 'E'], edible);
    expect(sweet.trace.rewards).toEqual(walk(14, { 5: 1, 7: 15, 8: 15, 14: 30 }));
    expect([sweet.outcome, sweet.return, sweet.steps]).toEqual(['goal', 47, 14]);
    const bitter = play(name, [...berry, 'E', 'E', 'E', 'E', 'S'], poisonous);
    expect([bitter.outcome, bitter.return, bitter.steps]).toEqual(['goal', 21, 10]);
    // Expected: blindly 0.5·50 + 0.5·(-104) = -27; straight 22; tasting first 0.5·47 + 0.5·21 = 34.
    const test =
      0.5 * disc(walk(14, { 5: 1, 7: 15, 8: 15, 14: 30 })) + 0.5 * disc(walk(10, { 5: 1, 10: 30 }));
    expect(test).toBeCloseTo(30.53, 2);
    expect(test).toBeGreaterThan(disc(walk(8, { 8: 30 })));
  });

  it('the belief learns the whole family from the taste', () => {
    const spec = env(name);
    const mushroom = 3 * spec.width + 4;
    for (const [truth, pDeath] of [
      [edible, 0],
      [poisonous, 1],
    ] as const) {
      const b = new Belief(spec);
      expect(b.trapProbability(mushroom)).toBeCloseTo(0.5, 12);
      const r = play(name, berry, truth);
      let pos = spec.start!;
      r.trace.observations.slice(1).forEach((o, i) => {
        b.observeTransition(pos, berry[i] as never, o, r.trace.rewards[i]);
        pos = o.y * spec.width + o.x;
      });
      expect(b.trapProbability(mushroom)).toBe(pDeath);
    }
  });

  it('analyze: safely learnable by eating the berry; the prober does exactly that and never dies', () => {
    const q = question(name, 'family');
    expect(q.learnable).toBe('safely');
    const end = play(name, q.test!.actions, poisonous);
    expect([end.final, end.signals.at(-1)]).toEqual([{ x: 5, y: 1 }, 'bitter']);
    const sweet = measure(name, 'prober', 1, edible).episodes[0];
    expect([sweet.outcome, sweet.return, sweet.steps]).toEqual(['goal', 47, 14]);
    const bitter = measure(name, 'prober', 1, poisonous).episodes[0];
    expect([bitter.outcome, bitter.return, bitter.steps]).toEqual(['goal', 21, 10]);
  });
});

describe('vertigo-plateau (edges that teach vertigo)', () => {
  // A 9×9 plateau: the outer ring (32 cells, look "edge") is a drop (0.7, death) or a ledge, each on its
  // own; start (2,2), goal (6,6), the interior all floor.
  const name = 'vertigo-plateau';
  const allDrops: Truth = { edge: 'drop' };

  it('32 rim cells, each its own question, every one a drop with probability 0.7', () => {
    const spec = env(name);
    expect(truthKeys(spec)).toHaveLength(32);
    const b = new Belief(spec);
    for (let i = 0; i < spec.width; i++) {
      expect(b.trapProbability(i)).toBeCloseTo(0.7, 12);
      expect(b.trapProbability(spec.width * (spec.height - 1) + i)).toBeCloseTo(0.7, 12);
    }
    expect(b.trapProbability(spec.start!)).toBe(0);
  });

  it('the way inside never touches the rim: 8 steps, 22, even when every rim cell is a drop', () => {
    const r = play(name, [...rep('E', 4), ...rep('S', 4)], allDrops);
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 22, 8]);
    expect(r.discountedReturn).toBeCloseTo(20.24, 2);
  });

  it('two steps north is the rim: a drop kills (-102), a ledge holds; a poke tells echo or thud', () => {
    expect(play(name, ['N', 'N'], allDrops)).toMatchObject({ outcome: 'death', return: -102 });
    const ledge = play(name, ['N', 'N'], { 'edge@2,0': 'ledge' });
    expect([ledge.outcome, ledge.final]).toEqual(['truncated', { x: 2, y: 0 }]);
    expect(play(name, ['N', 'poke-N'], { 'edge@2,0': 'drop' }).signals[1]).toBe('echo');
    expect(play(name, ['N', 'poke-N'], { 'edge@2,0': 'ledge' }).signals[1]).toBe('thud');
  });

  it('a wanderer falls: the random agent goes over the edge in most of 50 episodes; the prober never', () => {
    const random = measure(name, 'random', 50);
    expect(random.deaths).toBeGreaterThanOrEqual(35);
    const prober = measure(name, 'prober', 50);
    expect([prober.deaths, prober.goals]).toEqual([0, 50]);
    expect(prober.meanReturn).toBe(22);
  });

  it('learning by dying: q-learning falls in most of its first 40 lives and almost never after 120', () => {
    const def = agents.get('q-learning')!;
    let early = 0;
    let late = 0;
    for (let seed = 0; seed < 4; seed++) {
      const run = runAgent(env(name), def, defaultOptions(def), { seed, episodes: 160 });
      early += run.episodes.slice(0, 40).filter((e) => e.outcome === 'death').length;
      late += run.episodes.slice(120).filter((e) => e.outcome === 'death').length;
    }
    // Measured: about 73% of the first 40 lives and 1% of the last 40 (10 seeds × 200 episodes).
    expect(early).toBeGreaterThanOrEqual(0.5 * 160);
    expect(late).toBeLessThanOrEqual(0.1 * 160);
  });

  it('2^32 hypotheses: bayes-optimal refuses the world, saying how large it is', () => {
    const def = agents.get('bayes-optimal')!;
    expect(() => runAgent(env(name), def, defaultOptions(def), { seed: 0 })).toThrow(UsageError);
    expect(() => runAgent(env(name), def, defaultOptions(def), { seed: 0 })).toThrow(/3\^32/);
  });
});

describe('heaven-or-hell (two identical doors)', () => {
  // Start (4,1); doors L (1,1) and R (7,1), three steps either side; exit G (4,4), three steps south.
  // Heaven: goal 10 + 90 = 100. Hell: death.
  const name = 'heaven-or-hell';
  const left: Truth = { doors: 'left-heaven' };
  const right: Truth = { doors: 'right-heaven' };

  it('the exit: 3 steps, -3 + 10 = 7, in either truth', () => {
    for (const truth of [left, right]) {
      const r = play(name, ['S', 'S', 'S'], truth);
      expect([r.outcome, r.return]).toEqual(['goal', 7]);
      expect(r.discountedReturn).toBeCloseTo(disc(walk(3, { 3: 10 })), 9);
    }
  });

  it('a door: 3 steps, heaven -3 + 100 = 97, hell -3 - 100 = -103', () => {
    expect(play(name, ['W', 'W', 'W'], left)).toMatchObject({ outcome: 'goal', return: 97 });
    expect(play(name, ['W', 'W', 'W'], right)).toMatchObject({ outcome: 'death', return: -103 });
    expect(play(name, ['E', 'E', 'E'], right)).toMatchObject({ outcome: 'goal', return: 97 });
    expect(play(name, ['E', 'E', 'E'], left)).toMatchObject({ outcome: 'death', return: -103 });
  });

  it('nothing tells the doors apart from outside: pokes say "nothing", no cues', () => {
    for (const truth of [left, right]) {
      const r = play(name, ['W', 'W', 'poke-W', 'E', 'E', 'E', 'E', 'poke-E'], truth);
      expect([r.signals[2], r.signals[7]]).toEqual(['nothing', 'nothing']);
      expect(r.cues.flat()).toEqual([]);
    }
  });

  it('analyze: learnable only at risk, with risk 0.5; never risking (the exit) is Bayes-optimal', () => {
    const a = analyzeWorld(env(name));
    const q = a.questions.find((x) => x.id === 'doors')!;
    expect(q.learnable).toBe('at-risk');
    expect(q.test!.risk).toBeCloseTo(0.5, 12);
    expect(q.test!.actions).toHaveLength(3);
    expect(a.values.oracle).toBeCloseTo(disc(walk(3, { 3: 100 })), 9);
    expect(a.values.bayesOptimal).toBeCloseTo(disc(walk(3, { 3: 10 })), 9);
    expect(a.values.pessimist).toBeCloseTo(a.values.bayesOptimal!, 9);
    // The gamble: 0.5·97 + 0.5·(-103) = -3 against 7 (discounted -2.97 against 6.83).
    expect(0.5 * disc(walk(3, { 3: 100 })) + 0.5 * disc(walk(3, { 3: -100 }))).toBeCloseTo(-2.97, 2);
  });

  it('the good agents decline: prober, bayes-optimal and greedy-mean take the exit in both truths', () => {
    for (const agent of ['prober', 'bayes-optimal', 'greedy-mean'])
      for (const truth of [left, right]) {
        const e = measure(name, agent, 1, truth).episodes[0];
        expect([e.outcome, e.return, e.actions], `${agent} ${truth.doors}`).toEqual([
          'goal',
          7,
          ['S', 'S', 'S'],
        ]);
      }
  });

  it('unless the reward outweighs the risk: with heaven worth 140 the gamble is Bayes-optimal', () => {
    // 0.5·(140 - 3) + 0.5·(-103) = 17 > 7: worth it once heaven pays more than 120.
    const rich = variant(name, (tiles) => (tiles.heaven.enter.reward = 130));
    const a = analyzeWorld(rich);
    expect(a.values.bayesOptimal).toBeCloseTo(
      0.5 * disc(walk(3, { 3: 140 })) + 0.5 * disc(walk(3, { 3: -100 })),
      9,
    );
    expect(a.values.bayesOptimal!).toBeGreaterThan(a.values.pessimist + 5);
  });
});

describe('regularity-holds and regularity-breaks (one look, two regions)', () => {
  // The same map: start (1,1); moss m at (3,1), (9,1), (10,1) on the short way; goal (11,1). The long way:
  // S×6 down the west side, E×10 along the bottom, N×6 up to the goal (22 steps). Holds: one draw for
  // all moss (scope all). Breaks: each moss cell on its own (scope each). Bog (0.4) drowns; firm is safe.
  const holds = 'regularity-holds';
  const breaks = 'regularity-breaks';
  const longWay = [...rep('S', 6), ...rep('E', 10), ...rep('N', 6)];
  const holdsPlan = ['E', 'poke-E', ...rep('E', 9)];
  const breaksTruth = (a: string, b: string, c: string): Truth => ({
    'moss@3,1': `${a}-moss`,
    'moss@9,1': `${b}-moss`,
    'moss@10,1': `${c}-moss`,
  });

  it('the same map and tiles; only the scope differs', () => {
    expect(rawFile(breaks).map).toEqual(rawFile(holds).map);
    expect(env(breaks).tiles).toEqual(env(holds).tiles);
    expect(env(holds).unknowns.map((u) => [u.id, u.scope, u.cells.length])).toEqual([['moss', 'all', 3]]);
    expect(env(breaks).unknowns.map((u) => [u.id, u.scope, u.cells.length])).toEqual([['moss', 'each', 3]]);
    expect(truthKeys(env(breaks))).toEqual(['moss@3,1', 'moss@9,1', 'moss@10,1']);
  });

  it('straight across: 10 steps, 20 on firm moss; the first bog drowns on step 2 (-102)', () => {
    expect(play(holds, rep('E', 10), { moss: 'firm-moss' })).toMatchObject({ outcome: 'goal', return: 20 });
    expect(play(holds, rep('E', 10), { moss: 'bog-moss' })).toMatchObject({ outcome: 'death', return: -102 });
  });

  it('the long way round: 22 steps, 8, in both worlds and every truth', () => {
    for (const [name, truth] of [
      [holds, { moss: 'bog-moss' }],
      [breaks, breaksTruth('bog', 'bog', 'bog')],
    ] as const) {
      const r = play(name, longWay, truth);
      expect([r.outcome, r.return, r.steps]).toEqual(['goal', 8, 22]);
      expect(r.discountedReturn).toBeCloseTo(4.45, 2);
    }
  });

  it('holds: one poke settles all three: thud, across (11 steps, 19); squelch, round (25 steps, 5)', () => {
    const firm = play(holds, holdsPlan, { moss: 'firm-moss' });
    expect(firm.signals[1]).toBe('thud');
    expect([firm.outcome, firm.return, firm.steps]).toEqual(['goal', 19, 11]);
    const bog = play(holds, ['E', 'poke-E', 'W', ...longWay], { moss: 'bog-moss' });
    expect(bog.signals[1]).toBe('squelch');
    expect([bog.outcome, bog.return, bog.steps]).toEqual(['goal', 5, 25]);
    // Expected: 0.6·19 + 0.4·5 = 13.4 against 8 for the long way (discounted 10.54 against 4.45).
    expect(0.6 * disc(walk(11, { 11: 30 })) + 0.4 * disc(walk(25, { 25: 30 }))).toBeCloseTo(10.54, 2);
  });

  it('breaks: what holds taught kills: after a thud at the first moss the far moss may still drown', () => {
    expect(play(breaks, holdsPlan, breaksTruth('firm', 'firm', 'firm'))).toMatchObject({
      outcome: 'goal',
      return: 19,
    });
    const second = play(breaks, holdsPlan, breaksTruth('firm', 'bog', 'firm'));
    expect(second.signals[1]).toBe('thud');
    expect([second.outcome, second.return, second.steps]).toEqual(['death', -109, 9]);
    expect(play(breaks, holdsPlan, breaksTruth('firm', 'firm', 'bog'))).toMatchObject({
      outcome: 'death',
      return: -110,
    });
  });

  it('breaks: testing all three takes 13 steps (17) when all are firm, and does not pay', () => {
    const testAll = ['E', 'poke-E', ...rep('E', 6), 'poke-E', 'E', 'poke-E', 'E', 'E'];
    const r = play(breaks, testAll, breaksTruth('firm', 'firm', 'firm'));
    expect(r.signals.filter((s) => s === 'thud')).toHaveLength(3);
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 17, 13]);
    // All firm 0.216 (17); first bog 0.4 (walk back: 25 steps, 5); second 0.24 (38 steps, -8); third
    // 0.144 (41 steps, -11).
    const expected =
      0.216 * disc(walk(13, { 13: 30 })) +
      0.4 * disc(walk(25, { 25: 30 })) +
      0.24 * disc(walk(38, { 38: 30 })) +
      0.144 * disc(walk(41, { 41: 30 }));
    expect(expected).toBeLessThan(disc(walk(22, { 22: 30 })));
    expect(analyzeWorld(env(breaks)).values.bayesOptimal).toBeCloseTo(disc(walk(22, { 22: 30 })), 9);
  });

  it('the prober pokes once and trusts it where the regularity holds, and goes round where it breaks', () => {
    const firm = measure(holds, 'prober', 1, { moss: 'firm-moss' }).episodes[0];
    expect(firm.actions).toEqual(holdsPlan);
    expect(firm.return).toBe(19);
    const bog = measure(holds, 'prober', 1, { moss: 'bog-moss' }).episodes[0];
    expect([bog.actions.slice(0, 2), bog.outcome, bog.return]).toEqual([['E', 'poke-E'], 'goal', 5]);
    const round = measure(breaks, 'prober', 1, breaksTruth('firm', 'firm', 'firm')).episodes[0];
    expect([round.actions, round.return]).toEqual([longWay, 8]);
    // Its plan from regularity-holds, replayed where the regularity breaks, drowns on the far moss.
    expect(play(breaks, firm.actions, breaksTruth('firm', 'bog', 'bog')).outcome).toBe('death');
  });
});

describe('mentor-only (a bridge nothing can test)', () => {
  // Start (1,1); five planks b (4..8,1), one draw (sound 0.5 / rotten 0.5); goal (11,1), +60. The long
  // way: S×2, E×8, S×2, W×8, S×2, E×10, N×6 (38 steps).
  const name = 'mentor-only';
  const sound: Truth = { bridge: 'sound-plank' };
  const rotten: Truth = { bridge: 'rotten-plank' };
  const longWay = [...rep('S', 2), ...rep('E', 8), ...rep('S', 2), ...rep('W', 8), ...rep('S', 2)];
  const longWayAll = [...longWay, ...rep('E', 10), ...rep('N', 6)];

  it('over the bridge: 10 steps, 50 if sound; the first rotten plank kills on step 3 (-103)', () => {
    expect(play(name, rep('E', 10), sound)).toMatchObject({ outcome: 'goal', return: 50, steps: 10 });
    expect(play(name, rep('E', 10), rotten)).toMatchObject({ outcome: 'death', return: -103, steps: 3 });
  });

  it('the long way: 38 steps, 22, in either truth', () => {
    for (const truth of [sound, rotten]) {
      const r = play(name, longWayAll, truth);
      expect([r.outcome, r.return, r.steps]).toEqual(['goal', 22, 38]);
      expect(r.discountedReturn).toBeCloseTo(9.62, 2);
    }
  });

  it('no experiment is safe: a poke says "nothing", no cues; analyze: learnable only at risk (0.5)', () => {
    for (const truth of [sound, rotten]) {
      const r = play(name, ['E', 'E', 'poke-E'], truth);
      expect(r.signals[2]).toBe('nothing');
      expect(r.cues.flat()).toEqual([]);
    }
    const a = analyzeWorld(env(name));
    const q = a.questions.find((x) => x.id === 'bridge')!;
    expect(q.learnable).toBe('at-risk');
    expect(q.test!.risk).toBeCloseTo(0.5, 12);
    // Without help nothing beats the long way; knowing the answer (a mentor's one reply) is worth
    // 0.5·goal(10) + 0.5·goal(38) ≈ 27.44 against 9.62: 17.8 more.
    expect(a.values.bayesOptimal).toBeCloseTo(disc(walk(38, { 38: 60 })), 9);
    expect(a.values.pessimist).toBeCloseTo(a.values.bayesOptimal!, 9);
    expect(a.values.oracle).toBeCloseTo(
      0.5 * disc(walk(10, { 10: 60 })) + 0.5 * disc(walk(38, { 38: 60 })),
      9,
    );
    expect(a.values.oracle - a.values.bayesOptimal!).toBeGreaterThan(17);
  });

  it('every careful agent goes the long way in both truths', () => {
    for (const agent of ['prober', 'bayes-optimal', 'pessimist'])
      for (const truth of [sound, rotten]) {
        const e = measure(name, agent, 1, truth).episodes[0];
        expect([e.outcome, e.return, e.steps], agent).toEqual(['goal', 22, 38]);
      }
  });
});

describe('risky-poke (an experiment that costs more than it tells)', () => {
  // Start (1,1); a heap of furs (2,1) right beside it: a bear (0.5: death on entry; a poke wakes it with
  // probability 0.2, death) or an empty pelt. Goal (7,1). The loop: S×6, E×6, N×6 (18 steps).
  const name = 'risky-poke';
  const bear: Truth = { 'furs@2,1': 'bear' };
  const pelt: Truth = { 'furs@2,1': 'pelt' };
  const loop = [...rep('S', 6), ...rep('E', 6), ...rep('N', 6)];

  it('straight: 6 steps, 24 over a pelt; onto a bear, death on step 1 (-101); the loop: 18 steps, 12', () => {
    expect(play(name, rep('E', 6), pelt)).toMatchObject({ outcome: 'goal', return: 24 });
    expect(play(name, rep('E', 6), bear)).toMatchObject({ outcome: 'death', return: -101 });
    for (const truth of [bear, pelt])
      expect(play(name, loop, truth)).toMatchObject({ outcome: 'goal', return: 12 });
  });

  it('a poke tells (flop, growl) but may wake the bear: seed 1 is spared, seed 14 mauled', () => {
    const flop = play(name, ['poke-E', ...rep('E', 6)], pelt);
    expect([flop.signals[0], flop.outcome, flop.return]).toEqual(['flop', 'goal', 23]);
    const growl = play(name, ['poke-E', ...loop], bear, 1);
    expect([growl.signals[0], growl.outcome, growl.return]).toEqual(['growl', 'goal', 11]);
    const mauled = play(name, ['poke-E', ...loop], bear, 14);
    expect([mauled.outcome, mauled.return, mauled.steps]).toEqual(['death', -101, 1]);
  });

  it('the bite strikes about one poke in five', () => {
    let bites = 0;
    for (let seed = 0; seed < 200; seed++)
      if (play(name, ['poke-E'], bear, seed).outcome === 'death') bites++;
    expect(bites).toBeGreaterThan(24);
    expect(bites).toBeLessThan(56);
  });

  it('analyze: learnable only at risk 0.1 (poke-E); going round without poking is Bayes-optimal', () => {
    const q = question(name, 'furs@2,1');
    expect(q.learnable).toBe('at-risk');
    expect(q.test!.actions).toEqual(['poke-E']);
    expect(q.test!.risk).toBeCloseTo(0.1, 12);
    const a = analyzeWorld(env(name));
    expect(a.values.bayesOptimal).toBeCloseTo(disc(walk(18, { 18: 30 })), 9);
    // Poking first: 0.5·goal(7) + 0.4·goal(19) + 0.1·(-101) ≈ 3.7 against 8.7 for the loop.
    const poke = 0.5 * disc(walk(7, { 7: 30 })) + 0.4 * disc(walk(19, { 19: 30 })) + 0.1 * -101;
    expect(poke).toBeCloseTo(3.69, 2);
    const e = measure(name, 'bayes-optimal', 1, bear).episodes[0];
    expect([e.actions, e.return]).toEqual([loop, 12]);
  });

  it('the same poke without the bite would pay: then Bayes-optimal pokes first', () => {
    const safe = variant(name, (tiles) => (tiles.bear.poke.risk = 0));
    const a = analyzeWorld(safe);
    // 0.5·goal(7) + 0.5·goal(19) ≈ 14.55 against 8.74.
    expect(a.values.bayesOptimal).toBeCloseTo(
      0.5 * disc(walk(7, { 7: 30 })) + 0.5 * disc(walk(19, { 19: 30 })),
      9,
    );
    expect(a.questions[0].learnable).toBe('safely');
  });
});

describe('distant-thunder (a theory heard from afar)', () => {
  // Start (1,2); a nook (2,1) north of (2,2) with the vent V (2,0) beyond it; crust c (4..8,2); goal
  // (11,2). Active (0.5): the vent rumbles to whoever stands in the nook, and the crust kills. Dormant:
  // silence, cold crust. The long way: S×6, E×10, N×6 (22 steps). No poke actions.
  const name = 'distant-thunder';
  const active: Truth = { volcano: 'active' };
  const dormant: Truth = { volcano: 'dormant' };
  const longWay = [...rep('S', 6), ...rep('E', 10), ...rep('N', 6)];

  it('has no stick, and the vent is heard only from the nook', () => {
    expect(env(name).actions).toEqual(['N', 'E', 'S', 'W', 'wait']);
    const r = play(name, ['E', 'N', 'wait', 'S', 'E', 'E'], active);
    expect(r.cues).toEqual([[], ['N:rumble'], ['N:rumble'], [], [], []]);
    expect(play(name, ['E', 'N', 'wait'], dormant).cues.flat()).toEqual([]);
  });

  it('straight: 10 steps, 20 on cold crust; molten crust kills on step 3 (-103); the long way 22 steps, 8', () => {
    expect(play(name, rep('E', 10), dormant)).toMatchObject({ outcome: 'goal', return: 20 });
    expect(play(name, rep('E', 10), active)).toMatchObject({ outcome: 'death', return: -103, steps: 3 });
    for (const truth of [active, dormant]) expect(play(name, longWay, truth)).toMatchObject({ return: 8 });
  });

  it('listen first: silence, across (12 steps, 18); a rumble, the long way (26 steps, 4)', () => {
    const quiet = play(name, ['E', 'N', 'S', ...rep('E', 9)], dormant);
    expect([quiet.outcome, quiet.return, quiet.steps]).toEqual(['goal', 18, 12]);
    const loud = play(name, ['E', 'N', 'S', 'W', ...longWay], active);
    expect([loud.outcome, loud.return, loud.steps]).toEqual(['goal', 4, 26]);
    // Expected: 0.5·18 + 0.5·4 = 11 against 8 (discounted 7.92 against 4.45).
    expect(analyzeWorld(env(name)).values.bayesOptimal).toBeCloseTo(
      0.5 * disc(walk(12, { 12: 30 })) + 0.5 * disc(walk(26, { 26: 30 })),
      9,
    );
  });

  it('analyze: safely learnable by stepping into the nook; the prober listens, the pessimist goes round', () => {
    const q = question(name, 'volcano');
    expect(q).toMatchObject({ learnable: 'safely', test: { actions: ['E', 'N'], risk: 0 } });
    const quiet = measure(name, 'prober', 1, dormant).episodes[0];
    expect([quiet.actions.slice(0, 2), quiet.return]).toEqual([['E', 'N'], 18]);
    const loud = measure(name, 'prober', 1, active).episodes[0];
    expect([loud.actions.slice(0, 2), loud.outcome, loud.return]).toEqual([['E', 'N'], 'goal', 4]);
    const pessimist = measure(name, 'pessimist', 1, dormant).episodes[0];
    expect([pessimist.actions, pessimist.return]).toEqual([longWay, 8]);
  });
});

describe('ice-holds-twice (a counter, read on a puddle)', () => {
  // Start (1,2); puddle p (2,3) below (2,2); bridge ice i (5,2); chest C (5,1) on the islet north of it
  // (+20, once); goal (9,2). Thick (0.6): ice → worn-ice when stepped off → hole when stepped off again.
  // Thin (0.4): ice → hole when stepped off. One draw for the puddle and the bridge.
  const name = 'ice-holds-twice';
  const thick: Truth = { ice: 'thick-ice' };
  const thin: Truth = { ice: 'thin-ice' };
  const chestRoute = ['E', 'E', 'E', 'E', 'N', 'S', 'E', 'E', 'E', 'E'];
  const puddle = ['E', 'S', 'N'];

  it('straight over the bridge: 8 steps, 22; the ice wears or breaks behind the agent', () => {
    const t = play(name, rep('E', 8), thick);
    expect([t.outcome, t.return]).toEqual(['goal', 22]);
    expect(t.changes[4]).toEqual([{ x: 5, y: 2, look: 'worn-ice' }]);
    expect(play(name, rep('E', 8), thin).changes[4]).toEqual([{ x: 5, y: 2, look: 'hole' }]);
  });

  it('thick: the chest on the way uses the bridge twice: 10 steps, -10 + 20 + 30 = 40', () => {
    const r = play(name, chestRoute, thick);
    expect(r.signals[4]).toBe('coins');
    expect(r.changes[4]).toEqual([
      { x: 5, y: 2, look: 'worn-ice' },
      { x: 5, y: 1, look: 'empty-chest' },
    ]);
    expect(r.changes[6]).toEqual([{ x: 5, y: 2, look: 'hole' }]);
    expect(r.trace.rewards).toEqual(walk(10, { 5: 20, 10: 30 }));
    expect([r.outcome, r.return]).toEqual(['goal', 40]);
  });

  it('a third use of the bridge drowns', () => {
    const r = play(name, [...chestRoute.slice(0, 7), 'W'], thick);
    expect([r.outcome, r.return, r.steps]).toEqual(['death', -88, 8]);
  });

  it('thin: the chest strands the agent on the islet: alive, cut off, 20 - 100 = -80', () => {
    const r = play(name, [...chestRoute.slice(0, 5), ...rep('E', 95)], thin);
    expect(r.changes[4][0]).toEqual({ x: 5, y: 2, look: 'hole' });
    expect([r.outcome, r.return, r.steps, r.final]).toEqual(['truncated', -80, 100, { x: 5, y: 1 }]);
    expect(play(name, [...chestRoute.slice(0, 5), 'S'], thin)).toMatchObject({
      outcome: 'death',
      return: -86,
    });
    const spec = env(name);
    expect(analyseIrreversibility(compileWorld(spec, thin)).kinds[1 * spec.width + 5]).toBe('dead-end');
    expect(analyseIrreversibility(compileWorld(spec, thick)).kinds[1 * spec.width + 5]).toBe('safe');
  });

  it('the puddle tells, harmlessly: worn (thick: chest, 12 steps, 38) or broken (thin: straight, 10, 20)', () => {
    const t = play(name, [...puddle, 'E', 'E', 'E', 'N', 'S', 'E', 'E', 'E', 'E'], thick);
    expect(t.changes[2]).toEqual([{ x: 2, y: 3, look: 'worn-ice' }]);
    expect([t.outcome, t.return, t.steps]).toEqual(['goal', 38, 12]);
    const n = play(name, [...puddle, ...rep('E', 7)], thin);
    expect(n.changes[2]).toEqual([{ x: 2, y: 3, look: 'hole' }]);
    expect([n.outcome, n.return, n.steps]).toEqual(['goal', 20, 10]);
    // Expected: the chest blindly 0.6·40 + 0.4·(-80) = -8; straight 22; the puddle first 0.6·38 + 0.4·20
    // = 30.8 (discounted 27.73).
    expect(0.6 * disc(walk(12, { 7: 20, 12: 30 })) + 0.4 * disc(walk(10, { 10: 30 }))).toBeCloseTo(27.73, 2);
  });

  it('analyze and the prober: the puddle is the safe test, and the prober uses it', () => {
    expect(question(name, 'ice')).toMatchObject({ learnable: 'safely', test: { actions: puddle, risk: 0 } });
    expect(oracleValue(name, thick)).toBeCloseTo(disc(walk(10, { 5: 20, 10: 30 })), 9);
    expect(oracleValue(name, thin)).toBeCloseTo(disc(walk(8, { 8: 30 })), 9);
    const t = measure(name, 'prober', 1, thick).episodes[0];
    expect([t.actions.slice(0, 3), t.return]).toEqual([puddle, 38]);
    const n = measure(name, 'prober', 1, thin).episodes[0];
    expect([n.actions.slice(0, 3), n.return]).toEqual([puddle, 20]);
  });
});

describe('reckless-wins (the reckless win on average, and die often)', () => {
  // Start (1,1); scree s (3,1) (4,1) (5,1), each loose (0.05, death) on its own; goal (9,1), +60. The
  // long way down three switchbacks: 36 steps.
  const name = 'reckless-wins';
  const firm = { 'scree@3,1': 'firm-scree', 'scree@4,1': 'firm-scree', 'scree@5,1': 'firm-scree' };
  const longWay = [
    ...rep('S', 2),
    ...rep('E', 6),
    ...rep('S', 2),
    ...rep('W', 6),
    ...rep('S', 2),
    ...rep('E', 6),
    ...rep('S', 2),
    ...rep('E', 2),
    ...rep('N', 8),
  ];

  it('across: 8 steps, 52; loose scree on the first or third patch kills (-102, -104); the long way 36, 24', () => {
    expect(play(name, rep('E', 8), firm)).toMatchObject({ outcome: 'goal', return: 52 });
    expect(play(name, rep('E', 8), { ...firm, 'scree@3,1': 'loose-scree' })).toMatchObject({ return: -102 });
    expect(play(name, rep('E', 8), { ...firm, 'scree@5,1': 'loose-scree' })).toMatchObject({ return: -104 });
    expect(play(name, longWay, firm)).toMatchObject({ outcome: 'goal', return: 24, steps: 36 });
    expect(play(name, ['E', 'poke-E'], firm).signals[1]).toBe('nothing');
  });

  it('crossing risks 0.14 and is still worth more in expectation (analyze agrees)', () => {
    const q = 0.05;
    const across =
      0.95 ** 3 * disc(walk(8, { 8: 60 })) +
      q * disc(walk(2, { 2: -100 })) +
      0.95 * q * disc(walk(3, { 3: -100 })) +
      0.95 ** 2 * q * disc(walk(4, { 4: -100 }));
    expect(1 - 0.95 ** 3).toBeCloseTo(0.1426, 4);
    expect(across).toBeCloseTo(26.92, 2);
    const a = analyzeWorld(env(name));
    expect(a.values.bayesOptimal).toBeCloseTo(across, 9);
    expect(a.values.pessimist).toBeCloseTo(disc(walk(36, { 36: 60 })), 9);
  });

  it('over 100 seeds greedy-mean crosses and earns more, dying often; the prober never dies', () => {
    const greedy = measure(name, 'greedy-mean', 100);
    const prober = measure(name, 'prober', 100);
    expect(prober.deaths).toBe(0);
    expect(prober.meanReturn).toBe(24);
    expect(greedy.deaths).toBeGreaterThanOrEqual(5);
    expect(greedy.deaths).toBeLessThanOrEqual(30);
    expect(greedy.meanDiscounted).toBeGreaterThan(prober.meanDiscounted + 5);
  });
});

describe('minefield (intractable for exact planning, pokeable)', () => {
  // Start (1,2); mounds m in a 5×3 field x 3..7, y 1..3, each a mine (0.25) on its own; goal (11,2), +50.
  // The long way down the west side and through two switchbacks: 40 steps.
  const name = 'minefield';
  const earth: Truth = { mound: 'earth' };

  it('15 independent mounds; bayes-optimal refuses, saying the belief space is 3^15 × positions', () => {
    expect(truthKeys(env(name))).toHaveLength(15);
    const def = agents.get('bayes-optimal')!;
    expect(() => runAgent(env(name), def, defaultOptions(def), { seed: 0 })).toThrow(UsageError);
    expect(() => runAgent(env(name), def, defaultOptions(def), { seed: 0 })).toThrow(/3\^15/);
  });

  it('the middle row: 10 steps (40), poking each mound first 15 (35); a mine kills on step 2 (-102)', () => {
    expect(play(name, rep('E', 10), earth)).toMatchObject({ outcome: 'goal', return: 40 });
    const careful = play(
      name,
      ['E', ...Array.from({ length: 5 }, () => ['poke-E', 'E']).flat(), ...rep('E', 4)],
      earth,
    );
    expect(careful.signals.filter((s) => s === 'thud')).toHaveLength(5);
    expect([careful.outcome, careful.return, careful.steps]).toEqual(['goal', 35, 15]);
    expect(play(name, rep('E', 10), { ...earth, 'mound@3,2': 'mine' })).toMatchObject({ return: -102 });
    expect(play(name, ['E', 'poke-E'], { ...earth, 'mound@3,2': 'mine' }).signals[1]).toBe('click');
  });

  it('the long way: 40 steps, 10', () => {
    const longWay = [
      ...rep('S', 3),
      ...rep('E', 8),
      ...rep('S', 2),
      ...rep('W', 8),
      ...rep('S', 2),
      ...rep('E', 10),
      ...rep('N', 7),
    ];
    expect(play(name, longWay, { mound: 'mine' })).toMatchObject({ outcome: 'goal', return: 10, steps: 40 });
  });

  it('the prober never steps on a mine and pokes its way through at least as well as the pessimist goes round', () => {
    const prober = measure(name, 'prober', 40);
    expect(prober.deaths).toBe(0);
    expect(prober.goals).toBe(40);
    expect(prober.episodes.some((e) => e.return === 35)).toBe(true);
    expect(prober.meanDiscounted).toBeGreaterThanOrEqual(measure(name, 'pessimist', 40).meanDiscounted);
  });
});
