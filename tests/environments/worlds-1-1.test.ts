/**
 * The built-in format 1.1 worlds (theories and tiles that change the world), pinned with scripted action
 * lists under each truth. Every expected number is worked out by hand from the rules, as in
 * worlds.test.ts: each action costs rewards.step (-1); entering the goal adds +30, a death -100, a
 * tile's own enter reward its amount; a trap that leaves the agent alive (stuck, or a goal sealed off)
 * runs on to maxSteps (100), so it costs -100 in all. All four worlds use gamma 0.99, so the discounted
 * return of an n-step walk into the goal is goalPath(n) = -(1 - 0.99^n)/0.01 + 30·0.99^(n-1), a reward x
 * on step k adds x·0.99^(k-1), and 100 steps that only cost -1 each are worth -(1 - 0.99^100)/0.01.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scriptedAgent } from '../../agents/scripted.ts';
import { environments } from '../../environments/index.ts';
import { Belief } from '../../src/bayes/belief.ts';
import { Episode } from '../../src/core/episode.ts';
import { parseOptions } from '../../src/core/options.ts';
import { runAgent } from '../../src/core/run.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { truthKeys, type Truth } from '../../src/core/truth.ts';
import { compileWorld } from '../../src/core/world.ts';
import { analyseIrreversibility } from '../../src/plan/irreversibility.ts';
import { valueIteration } from '../../src/plan/solve.ts';

const ENV_DIR = new URL('../../environments/', import.meta.url);

const WORLDS = ['frozen-lake-theory', 'lock-panel', 'collapsing-bridge', 'lever-gate'];

function env(name: string): EnvSpec {
  const spec = environments.get(name);
  if (!spec) throw new Error(`no environment "${name}"`);
  return spec;
}

/** `n` copies of an action, for building action lists. */
const rep = (action: string, n: number): string[] => Array<string>(n).fill(action);

/** The discounted return of an n-step walk that ends in the goal, every step costing -1 (gamma 0.99). */
const goalPath = (n: number): number => -(1 - 0.99 ** n) / 0.01 + 30 * 0.99 ** (n - 1);

/** 100 steps at -1 each, discounted: an agent alive but cut off from the goal until maxSteps. */
const LOST = -(1 - 0.99 ** 100) / 0.01;

/** Plays an action list with the scripted agent and returns the first episode with its trace. */
function play(name: string, actions: string[], truth?: Truth) {
  const spec = env(name);
  const run = runAgent(spec, scriptedAgent, parseOptions(scriptedAgent, [`actions=${actions.join(',')}`]), {
    seed: 1,
    truth,
    trace: true,
  });
  const trace = run.traces[0];
  const last = trace.positions[trace.positions.length - 1];
  return {
    ...run.episodes[0],
    trace,
    final: { x: last % spec.width, y: Math.floor(last / spec.width) },
    signals: trace.observations.slice(1).map((o) => o.signal),
    /** The looks that changed after each step (step k at index k - 1). */
    changes: trace.observations.slice(1).map((o) => o.changes),
  };
}

/** The optimal discounted return from the start when the truth is known (what the oracle gets). */
function oracleValue(name: string, truth: Truth): number {
  const spec = env(name);
  return valueIteration(compileWorld(spec, truth)).values[spec.start!];
}

describe('the format 1.1 worlds', () => {
  it.each(WORLDS)(
    '%s: registered, a 1.1 JSON file with the schema, documented in the fixed sections',
    (name) => {
      const spec = env(name);
      expect(spec.source).toBe(`environments/${name}.json`);
      expect(spec.description).toMatch(/^What it shows: .+ Traps: .+ Rewards: .+ Termination: .+/s);
      expect(spec.start).not.toBeNull();
      const raw = JSON.parse(readFileSync(new URL(`${name}.json`, ENV_DIR), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(raw.format).toBe('1.1');
      expect(raw.$schema).toBe('../public/environment.schema.json');
      expect(raw.name).toBe(name);
      expect(typeof raw.title).toBe('string');
      // Small enough to read at a glance and for the exact planners.
      expect(spec.width).toBeLessThanOrEqual(12);
      expect(spec.height).toBeLessThanOrEqual(8);
      expect([spec.gamma, spec.maxSteps, spec.rewards.step, spec.rewards.goal]).toEqual([0.99, 100, -1, 30]);
    },
  );

  it('each uses what 1.1 adds: a theory or a set', () => {
    const raw = (name: string) => readFileSync(new URL(`${name}.json`, ENV_DIR), 'utf8');
    expect(env('frozen-lake-theory').theories).toHaveLength(1);
    for (const name of ['lock-panel', 'collapsing-bridge', 'lever-gate']) expect(raw(name)).toMatch(/"set":/);
  });

  it('the hand-worked discounted values used below', () => {
    expect(goalPath(7)).toBeCloseTo(21.45, 2);
    expect(goalPath(17)).toBeCloseTo(9.84, 2);
    expect(LOST).toBeCloseTo(-63.4, 2);
  });
});

describe('frozen-lake-theory (a theory links the shore to the deep ice)', () => {
  // Start (1,1); shore ice e (2,1); deep ice d (3..6,1); floor (7,1); goal (8,1). The long way: S×5 down
  // the west shore to (1,6), E×7 to (8,6), N×5 to (8,1). Thin (0.4): the shore splashes (-5), deep ice
  // drowns. Thick (0.6): both hold.
  const name = 'frozen-lake-theory';
  const thin: Truth = { lake: 'thin' };
  const thick: Truth = { lake: 'thick' };
  const longWay = [...rep('S', 5), ...rep('E', 7), ...rep('N', 5)];

  it('one truth key, the theory, decides the shore cell and the four deep cells', () => {
    const spec = env(name);
    expect(truthKeys(spec)).toEqual(['lake']);
    const [lake] = spec.theories;
    expect(lake.roles.map((r) => [r.name, r.look, r.cells])).toEqual([
      ['shore', 'shore-ice', [1 * 10 + 2]],
      ['deep', 'ice', [13, 14, 15, 16]],
    ]);
    expect(lake.hypotheses.map((h) => [h.name, h.p])).toEqual([
      ['thin', 0.4],
      ['thick', 0.6],
    ]);
    const names = (t: Truth) => compileWorld(spec, t).tileNames.slice(12, 17);
    expect(names(thin)).toEqual(['thin-shore', ...rep('thin-deep', 4)]);
    expect(names(thick)).toEqual(['thick-shore', ...rep('thick-deep', 4)]);
  });

  it('thick: straight across in 7 steps, -7 + 30 = 23 (discounted goalPath(7) ≈ 21.45)', () => {
    const r = play(name, rep('E', 7), thick);
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 23, 7]);
    expect(r.discountedReturn).toBeCloseTo(goalPath(7), 9);
    // Thick shore ice says nothing.
    expect(r.signals[0]).toBe(null);
  });

  it('thin: the shore splashes (-1 - 5), the first deep ice drowns (-1 - 100): -107', () => {
    const r = play(name, rep('E', 7), thin);
    expect(r.signals[0]).toBe('splash');
    expect(r.trace.rewards).toEqual([-6, -101]);
    expect([r.outcome, r.return, r.steps]).toEqual(['death', -107, 2]);
    expect(r.final).toEqual({ x: 3, y: 1 });
  });

  it('the long way never touches the ice: 17 steps, 13, in either truth', () => {
    for (const truth of [thin, thick]) {
      const r = play(name, longWay, truth);
      expect([r.outcome, r.return, r.steps]).toEqual(['goal', 13, 17]);
      expect(r.discountedReturn).toBeCloseTo(goalPath(17), 9);
    }
  });

  it('the experiment: step on the shore; on a splash walk back and go the long way: 19 steps, 6', () => {
    // E (splash, -6), W back to the start, then the 17-step long way: -19 - 5 + 30 = 6;
    // discounted goalPath(19) - 5 ≈ 2.65.
    const r = play(name, ['E', 'W', ...longWay], thin);
    expect(r.signals[0]).toBe('splash');
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 6, 19]);
    expect(r.discountedReturn).toBeCloseTo(goalPath(19) - 5, 9);
    expect(r.discountedReturn).toBeCloseTo(2.65, 2);
  });

  it('poking tells nothing: every ice tile answers "nothing" under both hypotheses', () => {
    // poke-E at the shore from the start; E onto the shore, poke-E at the deep ice.
    for (const truth of [thin, thick]) {
      expect(play(name, ['poke-E'], truth).signals).toEqual(['nothing']);
      expect(play(name, ['E', 'poke-E'], truth).signals.at(-1)).toBe('nothing');
    }
  });

  it('the belief learns the theory at the shore and with it the deep ice', () => {
    const spec = env(name);
    const b = new Belief(spec);
    const deep = 1 * 10 + 3;
    expect(b.trapProbability(deep)).toBeCloseTo(0.4, 12);
    for (const [truth, hypothesis, pDeath] of [
      [thin, { thin: 1, thick: 0 }, 1],
      [thick, { thin: 0, thick: 1 }, 0],
    ] as const) {
      b.reset();
      const ep = new Episode(spec);
      ep.reset(0, { truth });
      const step = ep.step('E');
      b.observeTransition(spec.start!, 'E', step.observation, step.reward);
      expect(b.posterior().lake).toEqual(hypothesis);
      expect(b.trapProbability(deep)).toBe(pDeath);
    }
  });

  it('the oracle values: thin the long way (goalPath(17)), thick straight across (goalPath(7))', () => {
    expect(oracleValue(name, thin)).toBeCloseTo(goalPath(17), 9);
    expect(oracleValue(name, thick)).toBeCloseTo(goalPath(7), 9);
    // Under the prior: crossing blindly 0.6·23 + 0.4·(-107) = -29, the long way 13, the experiment
    // 0.6·23 + 0.4·6 = 16.2: the experiment is worth doing.
    expect(0.6 * 23 + 0.4 * -107).toBeCloseTo(-29, 9);
    expect(0.6 * 23 + 0.4 * 6).toBeGreaterThan(13);
  });
});

describe('lock-panel (a panel that seals the only door)', () => {
  // Start (1,1); panel P (2,1); corridor (3,1) (4,1) down to (4,2); door D (5,2); goal room x 6..7;
  // goal (7,2). The loop south: (1,2) (1,3) (1,4) (2,4) (3,4) (4,4) (4,3) back up to (4,2).
  // Locking (0.3): entering P turns D into wall. Loose (0.7): nothing.
  const name = 'lock-panel';
  const locking: Truth = { panel: 'locking-panel' };
  const loose: Truth = { panel: 'loose-panel' };
  const overPanel = ['E', 'E', 'E', 'S', 'E', 'E', 'E'];
  const roundPanel = ['S', 'S', 'S', 'E', 'E', 'E', 'N', 'N', 'E', 'E', 'E'];
  const door = { x: 5, y: 2 };

  it('loose: over the panel in 7 steps, 23, and the door stays a door', () => {
    const r = play(name, overPanel, loose);
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 23, 7]);
    expect(r.changes.flat()).toEqual([]);
  });

  it('locking: stepping on the panel turns the door into wall at once', () => {
    const r = play(name, overPanel, locking);
    expect(r.changes[0]).toEqual([{ ...door, look: 'wall' }]);
    expect(r.changes.slice(1).flat()).toEqual([]);
    // E, E, E, S to (4,2); the three E moves bump where the door was.
    expect(r.signals).toEqual([null, null, null, null, 'bump', 'bump', 'bump']);
    expect(r.final).toEqual({ x: 4, y: 2 });
  });

  it('locking: alive but sealed off, the agent only pays steps until maxSteps: -100', () => {
    const r = play(name, [...overPanel.slice(0, 4), ...rep('E', 96)], locking);
    expect([r.outcome, r.return, r.steps, r.performance]).toEqual(['truncated', -100, 100, -100]);
    expect(r.trace.observations.at(-1)!.alive).toBe(true);
    expect(r.discountedReturn).toBeCloseTo(LOST, 9);
    // Back off the panel and round the loop does not help: the door is wall from that side too.
    // E onto the panel, W back to the start, the loop to (4,2) (8 moves), then E bumps.
    const back = play(name, ['E', 'W', ...roundPanel.slice(0, 8), 'E'], locking);
    expect(back.final).toEqual({ x: 4, y: 2 });
    expect(back.signals.at(-1)).toBe('bump');
  });

  it('round the panel: 11 steps, 19, in either truth', () => {
    for (const truth of [locking, loose]) {
      const r = play(name, roundPanel, truth);
      expect([r.outcome, r.return, r.steps]).toEqual(['goal', 19, 11]);
      expect(r.discountedReturn).toBeCloseTo(goalPath(11), 9);
      expect(r.changes.flat()).toEqual([]);
    }
  });

  it('poking the panel is safe and tells, without changing anything: tap (loose) or click (locking)', () => {
    const l = play(name, ['poke-E', ...overPanel], loose);
    expect(l.signals[0]).toBe('tap');
    expect(l.changes[0]).toEqual([]);
    // poke, then over the panel: 8 steps, 22.
    expect([l.outcome, l.return]).toEqual(['goal', 22]);
    const c = play(name, ['poke-E', ...roundPanel], locking);
    expect(c.signals[0]).toBe('click');
    // poke, then round it: 12 steps, 18.
    expect([c.outcome, c.return]).toEqual(['goal', 18]);
    expect(c.discountedReturn).toBeCloseTo(goalPath(12), 9);
  });

  it('the locking panel is a dead end, though nothing kills; the loose one is safe', () => {
    const spec = env(name);
    const panel = 1 * spec.width + 2;
    expect(analyseIrreversibility(compileWorld(spec, locking)).kinds[panel]).toBe('dead-end');
    expect(analyseIrreversibility(compileWorld(spec, loose)).kinds[panel]).toBe('safe');
  });

  it('oracle values: round the panel when it locks, over it when loose; poking first beats both blind plans', () => {
    expect(oracleValue(name, locking)).toBeCloseTo(goalPath(11), 9);
    expect(oracleValue(name, loose)).toBeCloseTo(goalPath(7), 9);
    // Under the prior (0.3 locking), discounted: over blindly 0.7·goalPath(7) + 0.3·LOST ≈ -4.0, round
    // goalPath(11) ≈ 16.67, poke first 0.7·goalPath(8) + 0.3·goalPath(12) ≈ 18.82.
    const blind = 0.7 * goalPath(7) + 0.3 * LOST;
    const poke = 0.7 * goalPath(8) + 0.3 * goalPath(12);
    expect(blind).toBeCloseTo(-4.0, 1);
    expect(poke).toBeCloseTo(18.82, 2);
    expect(poke).toBeGreaterThan(goalPath(11));
  });
});

describe('collapsing-bridge (planks that give way behind the agent)', () => {
  // Start (1,1); planks (3..6,1) over the chasm (3..6,2); chest (7,1), +40 once; far side (8,1) (8,2)
  // and the corridor (4..8,3); hedge (3,3) between (2,3) on the start's side and (4,3); goal (1,3).
  // Open hedge (0.5): walkable. Thorny (0.5): entering it leaves the agent stuck.
  const name = 'collapsing-bridge';
  const open: Truth = { hedge: 'open-hedge' };
  const thorny: Truth = { hedge: 'thorny-hedge' };
  const toChest = rep('E', 6);
  // From the chest: E (8,1), S, S to (8,3), W×7 through the hedge (3,3) to the goal (1,3).
  const chestToGoal = ['E', 'S', 'S', ...rep('W', 7)];
  // From the start to (2,3), beside the hedge, and poke it.
  const poke = ['E', 'S', 'S', 'poke-E'];

  it('straight to the goal: S, S, 28 (discounted goalPath(2) ≈ 27.71)', () => {
    const r = play(name, ['S', 'S'], open);
    expect([r.outcome, r.return]).toEqual(['goal', 28]);
    expect(r.discountedReturn).toBeCloseTo(goalPath(2), 9);
  });

  it('each plank becomes a gap as the agent steps off it; the chest empties as it is taken', () => {
    const r = play(name, toChest, open);
    // Step 2 stands on (3,1); step 3 leaves it, step 4 leaves (4,1), step 5 (5,1); step 6 leaves (6,1)
    // and enters the chest: changes in the order leave, enter.
    expect(r.changes).toEqual([
      [],
      [],
      [{ x: 3, y: 1, look: 'gap' }],
      [{ x: 4, y: 1, look: 'gap' }],
      [{ x: 5, y: 1, look: 'gap' }],
      [
        { x: 6, y: 1, look: 'gap' },
        { x: 7, y: 1, look: 'empty-chest' },
      ],
    ]);
    expect(r.signals.at(-1)).toBe('coins');
    // Five steps at -1, then -1 + 40 on the chest.
    expect(r.trace.rewards).toEqual([-1, -1, -1, -1, -1, 39]);
  });

  it('walking back over the bridge falls into the gap: -7 + 40 - 100 = -67', () => {
    const r = play(name, [...toChest, 'W'], open);
    expect([r.outcome, r.return, r.steps]).toEqual(['death', -67, 7]);
    expect(r.final).toEqual({ x: 6, y: 1 });
  });

  it('even one step onto the bridge and back leaves a gap behind', () => {
    // E (2,1), E onto the plank (3,1), W back: the plank falls; E again falls in: -4 - 100.
    const r = play(name, ['E', 'E', 'W', 'E'], open);
    expect(r.changes[2]).toEqual([{ x: 3, y: 1, look: 'gap' }]);
    expect([r.outcome, r.return]).toEqual(['death', -104]);
  });

  it('the chest pays once: stepping off and on again only costs a step', () => {
    // E×6 to the chest (+40), E to (8,1), W back onto the empty chest: -8 + 40 = 32.
    const r = play(name, [...toChest, 'E', 'W'], open);
    expect(r.trace.rewards.slice(-3)).toEqual([39, -1, -1]);
    expect(r.return).toBe(32);
  });

  it('open hedge: bridge, chest, back through the hedge: 16 steps, -16 + 40 + 30 = 54', () => {
    const r = play(name, [...toChest, ...chestToGoal], open);
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 54, 16]);
    // goalPath(16) + 40·0.99^5 ≈ 48.99.
    expect(r.discountedReturn).toBeCloseTo(goalPath(16) + 40 * 0.99 ** 5, 9);
  });

  it('thorny hedge: stranded beyond the bridge; the way back through the hedge sticks: -100 + 40 = -60', () => {
    // The same walk: the hedge (3,3) is entered on step 14 and holds the agent; 86 more moves to maxSteps.
    const r = play(name, [...toChest, ...chestToGoal.slice(0, 8), ...rep('W', 86)], thorny);
    expect(r.trace.observations[14].stuck).toBe(true);
    expect(r.final).toEqual({ x: 3, y: 3 });
    expect([r.outcome, r.return, r.steps]).toEqual(['stuck', -60, 100]);
    expect(r.discountedReturn).toBeCloseTo(LOST + 40 * 0.99 ** 5, 9);
    // Waiting on the far side instead is no better: alive, truncated at 100 steps, -60.
    const wait = play(name, [...toChest, 'E', ...rep('wait', 93)], thorny);
    expect([wait.outcome, wait.return, wait.steps]).toEqual(['truncated', -60, 100]);
  });

  it('poking the hedge from the start side tells: rustle (open) or prick (thorny)', () => {
    expect(play(name, poke, open).signals.at(-1)).toBe('rustle');
    expect(play(name, poke, thorny).signals.at(-1)).toBe('prick');
  });

  it('poke first, then on rustle the round trip (21 steps, 49), on prick the goal (5 steps, 25)', () => {
    // After the poke at (2,3): N, N to (2,1), E×5 to the chest (step 11), then back through the hedge.
    const r = play(name, [...poke, 'N', 'N', ...rep('E', 5), ...chestToGoal], open);
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 49, 21]);
    expect(r.discountedReturn).toBeCloseTo(goalPath(21) + 40 * 0.99 ** 10, 9);
    const p = play(name, [...poke, 'W'], thorny);
    expect([p.outcome, p.return, p.steps]).toEqual(['goal', 25, 5]);
  });

  it('through an open hedge both ways is 2 steps longer than bridge and hedge: 22 steps, 48', () => {
    // E, S, S to (2,3); E×6 through the hedge to (8,3); N, N; W onto the chest (step 12); then back.
    const actions = ['E', 'S', 'S', ...rep('E', 6), 'N', 'N', 'W', ...chestToGoal];
    const r = play(name, actions, open);
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 48, 22]);
    // Walked blindly into a thorny hedge on step 4: stuck, 96 more steps, -100.
    const t = play(name, [...actions.slice(0, 4), ...rep('E', 96)], thorny);
    expect([t.outcome, t.return, t.steps]).toEqual(['stuck', -100, 100]);
  });

  it('irreversibility: the bridge is safe with an open hedge, a dead end past its first plank with a thorny one', () => {
    const spec = env(name);
    const planks = [3, 4, 5, 6].map((x) => 1 * spec.width + x);
    const far = [7, 8].map((x) => 1 * spec.width + x);
    const openKinds = analyseIrreversibility(compileWorld(spec, open)).kinds;
    const thornyKinds = analyseIrreversibility(compileWorld(spec, thorny)).kinds;
    expect([...planks, ...far].map((c) => openKinds[c])).toEqual(rep('safe', 6));
    // On the first plank the way back is still whole; from the second on the agent is cut off.
    expect([...planks, ...far].map((c) => thornyKinds[c])).toEqual(['safe', ...rep('dead-end', 5)]);
    expect(thornyKinds[3 * spec.width + 3]).toBe('trap');
  });

  it('oracle values: the round trip when open, the goal alone when thorny; poking first beats the rest', () => {
    expect(oracleValue(name, open)).toBeCloseTo(goalPath(16) + 40 * 0.99 ** 5, 9);
    expect(oracleValue(name, thorny)).toBeCloseTo(goalPath(2), 9);
    // Under the prior (0.5 each), discounted: round trip blindly ≈ 0.5·48.99 + 0.5·(-25.36) ≈ 11.8; the
    // goal alone 27.71; poke first 0.5·(goalPath(21) + 40·0.99^10) + 0.5·goalPath(5) ≈ 32.80.
    const blind = 0.5 * (goalPath(16) + 40 * 0.99 ** 5) + 0.5 * (LOST + 40 * 0.99 ** 5);
    const pokeFirst = 0.5 * (goalPath(21) + 40 * 0.99 ** 10) + 0.5 * goalPath(5);
    expect(blind).toBeCloseTo(11.8, 1);
    expect(pokeFirst).toBeCloseTo(32.8, 1);
    expect(pokeFirst).toBeGreaterThan(goalPath(2));
  });
});

describe('lever-gate (a lever opens the gate on the short way)', () => {
  // Start (1,1); gate D (3,1); corridor (4..7,1); goal (8,1); lever L (2,2) in the wall below (2,1).
  // The long way: S×3 to (1,4), E×7 to (8,4), N×3 to (8,1). Nothing is hidden.
  const name = 'lever-gate';
  const leverWay = ['E', 'poke-S', ...rep('E', 6)];

  it('nothing is hidden', () => {
    expect(truthKeys(env(name))).toEqual([]);
  });

  it('the gate and the lever bump until the lever is pulled', () => {
    // E to (2,1), E into the gate, S into the lever: both bump; poking the gate clangs.
    const r = play(name, ['E', 'E', 'S', 'poke-E']);
    expect(r.signals).toEqual([null, 'bump', 'bump', 'clang']);
    expect(r.final).toEqual({ x: 2, y: 1 });
    expect(r.changes.flat()).toEqual([]);
  });

  it('pulling the lever opens the gate for good: 8 steps, 22 (discounted goalPath(8) ≈ 20.24)', () => {
    const r = play(name, leverWay);
    expect(r.signals[1]).toBe('clunk');
    expect(r.changes[1]).toEqual([
      { x: 3, y: 1, look: 'floor' },
      { x: 2, y: 2, look: 'lever-down' },
    ]);
    expect(r.changes.slice(2).flat()).toEqual([]);
    expect([r.outcome, r.return, r.steps, r.pokes]).toEqual(['goal', 22, 8, 1]);
    expect(r.discountedReturn).toBeCloseTo(goalPath(8), 9);
  });

  it('a pulled lever does nothing more', () => {
    const r = play(name, ['E', 'poke-S', 'poke-S']);
    expect(r.signals).toEqual([null, 'clunk', 'nothing']);
    expect(r.changes[2]).toEqual([]);
  });

  it('pulled from below: S, poke-E, N, E×7: 10 steps, 20', () => {
    const r = play(name, ['S', 'poke-E', 'N', ...rep('E', 7)]);
    expect(r.signals[1]).toBe('clunk');
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 20, 10]);
  });

  it('the long way round: 13 steps, 17 (discounted goalPath(13) ≈ 14.34)', () => {
    const r = play(name, [...rep('S', 3), ...rep('E', 7), ...rep('N', 3)]);
    expect([r.outcome, r.return, r.steps]).toEqual(['goal', 17, 13]);
    expect(r.discountedReturn).toBeCloseTo(goalPath(13), 9);
  });

  it('the optimal value is the lever way, and the cells beyond the gate are judged opened', () => {
    const spec = env(name);
    expect(oracleValue(name, {})).toBeCloseTo(goalPath(8), 9);
    const kinds = analyseIrreversibility(compileWorld(spec, {})).kinds;
    expect(kinds[1 * spec.width + 3]).toBe('safe');
    expect(kinds[1 * spec.width + 4]).toBe('safe');
  });
});
