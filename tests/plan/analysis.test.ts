/**
 * `trapworld analyze` on small worlds whose answers can be worked out by hand: which questions a world
 * lets an agent settle safely, only at risk, or never, with the cheapest test, the points of no return
 * per hypothesis, and the three values (oracle, exact Bayes-optimal, never taking a risk).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environments } from '../../environments/index.ts';
import { analyzeWorld, DEFAULT_ANALYSIS, type Analysis } from '../../src/plan/analysis.ts';
import { HypothesisPlanner } from '../../src/plan/hypothesis-planner.ts';
import { trapworld } from '../cli/run-cli.ts';
import { env, LOCK_PANEL, SMALL_LAKE } from '../helpers.ts';

const question = (a: Analysis, id: string) => a.questions.find((q) => q.id === id)!;

/** Heaven or hell behind two identical doors: one draw decides which is which. */
const DOORS = {
  format: '1.1' as const,
  map: ['#####', '#LAR#', '#####'],
  legend: { L: { theory: 'doors', role: 'left' }, R: { theory: 'doors', role: 'right' } },
  tiles: {
    heaven: { look: 'door', enter: { effect: 'goal' as const } },
    hell: { look: 'door', enter: { effect: 'death' as const } },
  },
  rewards: { step: -1, goal: 10, death: -10 },
  theories: {
    doors: {
      hypotheses: {
        'left-heaven': { prior: 0.5, tiles: { left: 'heaven', right: 'hell' } },
        'right-heaven': { prior: 0.5, tiles: { left: 'hell', right: 'heaven' } },
      },
    },
  },
};

/** A snake that hisses when poked (harmlessly) if alive, on the only way to the goal. */
const SNAKE = {
  map: ['######', '#A.sG#', '######'],
  legend: { s: { unknown: 'snake' } },
  tiles: {
    'live-snake': { look: 'snake', enter: { effect: 'death' as const }, poke: { signal: 'hiss' } },
    'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
  },
  unknowns: { snake: { scope: 'each' as const, prior: { 'live-snake': 0.3, 'dead-snake': 0.7 } } },
};

describe('analyze: which questions a world lets an agent settle', () => {
  it('two indistinguishable doors: learnable only at risk, by opening one (risk 0.5)', () => {
    const a = analyzeWorld(env(DOORS));
    expect(a.hypotheses).toBe(2);
    expect(a.enumerated).toBe(true);
    const q = question(a, 'doors');
    expect(q.values).toEqual(['left-heaven', 'right-heaven']);
    expect(q.learnable).toBe('at-risk');
    expect(q.test!.risk).toBeCloseTo(0.5, 12);
    expect(q.test!.actions).toHaveLength(1);
    expect(['E', 'W']).toContain(q.test!.actions[0]);
    // Each hypothesis's hell door is its point of no return.
    expect(a.pointsOfNoReturn).toEqual([
      { truth: { doors: 'left-heaven' }, cells: [[3, 1]] },
      { truth: { doors: 'right-heaven' }, cells: [[1, 1]] },
    ]);
    // The oracle walks into heaven (-1 + 10); anyone else gambles, or waits forever.
    expect(a.values.oracle).toBeCloseTo(9, 9);
    expect(a.values.bayesOptimal).toBeCloseTo(0.5 * 9 + 0.5 * -11, 9);
  });

  it('a sealed cell: no observation in the episode tells its variants apart', () => {
    const a = analyzeWorld(
      env({
        map: ['#######', '#A...G#', '#######', '#s#####', '#######'],
        legend: { s: { unknown: 'vault' } },
        tiles: { gold: { look: 'vault', poke: { signal: 'clink' } }, dust: { look: 'vault' } },
        unknowns: { vault: { scope: 'each', prior: { gold: 0.5, dust: 0.5 } } },
      }),
    );
    expect(question(a, 'vault@1,3')).toEqual({
      id: 'vault@1,3',
      values: ['gold', 'dust'],
      learnable: 'never',
      test: null,
    });
  });

  it('a pokeable snake: learnable safely by walking up and poking it', () => {
    const a = analyzeWorld(env(SNAKE));
    const q = question(a, 'snake@3,1');
    expect(q.learnable).toBe('safely');
    expect(q.test).toEqual({ actions: ['E', 'poke-E'], risk: 0, cost: 2 });
    // Never taking a risk: poke, then cross only a dead snake; the oracle walks straight in when it can.
    expect(a.values.pessimist).toBeCloseTo(a.values.bayesOptimal!, 9);
    expect(a.values.pessimist).toBeLessThan(a.values.oracle);
  });

  it('a poke that may bite is a test at risk, with the bite as its risk', () => {
    const biting = {
      ...SNAKE,
      tiles: {
        ...SNAKE.tiles,
        'live-snake': { ...SNAKE.tiles['live-snake'], poke: { signal: 'hiss', risk: 0.1 } },
      },
    };
    const q = question(analyzeWorld(env(biting)), 'snake@3,1');
    expect(q.learnable).toBe('at-risk');
    expect(q.test!.actions).toEqual(['E', 'poke-E']);
    expect(q.test!.risk).toBeCloseTo(0.3 * 0.1, 12);
  });

  it('a theory learnt safely at its survivable end: a splash at the shore tells thin from thick', () => {
    const a = analyzeWorld(env({ ...SMALL_LAKE, map: [...SMALL_LAKE.map] }));
    const q = question(a, 'lake');
    expect(q.learnable).toBe('safely');
    expect(q.test!.actions).toEqual(['E']);
    expect(q.test!.cost).toBeCloseTo(0.4 * 6 + 0.6 * 1, 9);
  });

  it('a panel that locks the only door: a point of no return that does not kill', () => {
    const a = analyzeWorld(env(LOCK_PANEL));
    const locking = a.pointsOfNoReturn.find((p) => p.truth['panel@2,1'] === 'locking-panel')!;
    expect(locking.cells).toContainEqual([2, 1]);
    // Poking it first is safe; stepping on it is the risk of being locked in.
    expect(question(a, 'panel@2,1')).toMatchObject({ learnable: 'safely', test: { actions: ['poke-E'] } });
  });

  it("its Bayes-optimal value is the exact planner's, and it sits between never-risk and the oracle", () => {
    for (const file of [DOORS, SNAKE, { ...SMALL_LAKE, map: [...SMALL_LAKE.map] }]) {
      const spec = env(file as never);
      const a = analyzeWorld(spec);
      const planner = new HypothesisPlanner(spec, { maxHypotheses: 4096, maxNodes: 100_000 });
      expect(a.values.bayesOptimal).toBeCloseTo(planner.value(planner.root), 8);
      expect(a.values.pessimist).toBeLessThanOrEqual(a.values.bayesOptimal! + 1e-9);
      expect(a.values.bayesOptimal!).toBeLessThanOrEqual(a.values.oracle + 1e-9);
    }
  });

  it('past its budget it samples hypotheses and stops searching, and says so', () => {
    const a = analyzeWorld(env(SNAKE), { ...DEFAULT_ANALYSIS, maxHypotheses: 1, maxNodes: 2 });
    expect(a.enumerated).toBe(false);
    expect(a.sampled).toBe(1);
    expect(a.explored).toBe(false);
    expect(a.values.bayesOptimal).toBeNull();
  });
});

describe('trapworld analyze', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trapworld-analyze-'));
  const doors = join(dir, 'doors.json');
  writeFileSync(doors, JSON.stringify({ name: 'doors', ...DOORS }));

  it('prints the spec’s JSON shape', () => {
    const r = trapworld(['analyze', doors, '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a)).toEqual(
      expect.arrayContaining([
        'environment',
        'hypotheses',
        'enumerated',
        'questions',
        'pointsOfNoReturn',
        'values',
      ]),
    );
    expect(a.questions[0]).toMatchObject({ id: 'doors', learnable: 'at-risk', test: { risk: 0.5 } });
    expect(Object.keys(a.values).sort()).toEqual(['bayesOptimal', 'oracle', 'pessimist']);
  });

  it('reads as a table, and refuses a bad budget with exit 2', () => {
    const r = trapworld(['analyze', 'snake-corridor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/snake@4,1\s+at-risk/);
    const bad = trapworld(['analyze', doors, '--max-hypotheses', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-hypotheses');
  });
});

describe('analyze on independent cells (regressions found by the gallery)', () => {
  it('noisy cues from one ash cell say nothing about the next: the far cells are learnable only at risk', () => {
    const a = analyzeWorld(environments.get('ash-corridor')!, {
      maxHypotheses: 4096,
      maxNodes: 20_000,
      maxWork: 5_000_000,
    });
    const q = (id: string) => a.questions.find((x) => x.id === id)!;
    expect(q('ash@3,1').learnable).toBe('safely');
    expect(q('ash@4,1').learnable).toBe('at-risk');
    // Its test steps onto the first ash once it is all but certainly cold.
    expect(q('ash@4,1').test!.actions.filter((x) => x === 'E')).toHaveLength(2);
  });

  it('sampled hypotheses: a poke tells about the cell poked, not about cells the sample happens to correlate', () => {
    const a = analyzeWorld(environments.get('minefield')!);
    expect(a.enumerated).toBe(false);
    for (const question of a.questions.filter((x) => x.learnable === 'safely')) {
      const pokes = question.test!.actions.filter((x) => x.startsWith('poke'));
      // The last action of the test is the poke at the mound asked about.
      expect(question.test!.actions.at(-1)).toBe(pokes.at(-1));
    }
    expect(a.questions.filter((x) => x.learnable === 'safely').length).toBeGreaterThan(3);
  });
});

describe('analyze past its budget', () => {
  it('never-risk is at least the value of walking where no hypothesis harms (vertigo-plateau: the inner way)', () => {
    const a = analyzeWorld(environments.get('vertigo-plateau')!);
    expect(a.enumerated).toBe(false);
    // The 8-step inner way is as good as the oracle's: nothing is gained by going near the rim.
    expect(a.values.pessimist).toBeCloseTo(a.values.oracle, 6);
  });
});
