/**
 * What the app's worker serves beyond sessions (src/worker/session/app-api.ts and friends): a person's
 * play session plays the same trajectory as the scripted agent, the editor's validation is the
 * loader's, the values overlay is `trapworld solve`, decisions are recorded for "Why", and a bench's
 * results.jsonl becomes the report's tables and figures.
 */
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { scriptedAgent } from '../../agents/scripted.ts';
import { environments } from '../../environments/index.ts';
import { encodeRun } from '../../src/bench/rows.ts';
import { EnvLoadError } from '../../src/core/errors.ts';
import { ACTIONS } from '../../src/core/format.ts';
import { hashTrajectory } from '../../src/core/hash.ts';
import { loadEnvironmentText } from '../../src/core/load.ts';
import { defaultOptions } from '../../src/core/options.ts';
import { runAgent } from '../../src/core/run.ts';
import { parseTruthAssignments } from '../../src/core/truth.ts';
import { compileWorld } from '../../src/core/world.ts';
import { greedyActions, valueGrid, valueIteration } from '../../src/plan/solve.ts';
import { RunStore } from '../../src/app/run-store.ts';
import { buildRecord } from '../../src/app/record.ts';
import { runJob } from '../../src/worker/batch.ts';
import { appApi, episodeAnalysis, validateWorld } from '../../src/worker/session/app-api.ts';
import { benchReport, parseResults } from '../../src/worker/session/bench-results.ts';
import { HUMAN } from '../../src/worker/session/protocol.ts';
import { Session } from '../../src/worker/session/runner.ts';

describe('a person playing (Play yourself)', () => {
  it('plays the same trajectory, return and hash as the scripted agent with the same actions', () => {
    const world = 'snake-corridor';
    const env = environments.get(world)!;
    const config = { world: { builtin: world }, agent: HUMAN, options: {}, seed: 5, episodes: 1, truth: {} };
    const { open, first } = appApi.openHuman(config);
    expect(open.ok).toBe(true);
    if (!open.ok) return;
    const store = new RunStore(open.info);
    store.apply(first!);
    expect(store.frames.length).toBe(1);
    const actions = ['E', 'E', 'poke-E', 'wait', 'W'];
    for (const a of actions) store.apply(appApi.humanAct(open.info.session, a));
    expect(store.frames.length).toBe(6);
    expect(() => appApi.humanAct(open.info.session, 'fly')).toThrow(/not an action of this world/);
    const ref = runAgent(
      env,
      scriptedAgent,
      { actions: actions.join(',') },
      { seed: 5, episodes: 1, trace: true },
    );
    const t = store.trajectory(0);
    expect(
      hashTrajectory({
        ...t,
        actions: t.actions.map((a) => ACTIONS[a]),
      }),
    ).toBe(
      hashTrajectory({
        actions: ref.traces[0].actions,
        positions: ref.traces[0].positions.slice(0, 6),
        rewards: ref.traces[0].rewards.slice(0, 5),
      }),
    );
    appApi.closeHuman(open.info.session);
  });

  it('exports a person’s run as the scripted agent with their actions', () => {
    const env = environments.get('snake-corridor')!;
    const truth = parseTruthAssignments(env, ['snake=dead-snake']);
    const config = {
      world: { builtin: 'snake-corridor' },
      agent: HUMAN,
      options: {},
      seed: 2,
      episodes: 1,
      truth,
    };
    const { open, first } = appApi.openHuman(config);
    if (!open.ok) throw new Error('did not open');
    const store = new RunStore(open.info);
    store.apply(first!);
    for (const a of 'E,E,E,E,E,E'.split(',')) store.apply(appApi.humanAct(open.info.session, a));
    expect(store.done).toBe(true);
    const record = buildRecord(
      {
        world: { kind: 'builtin', name: 'snake-corridor' },
        panes: [{ agent: HUMAN, options: {} }],
        seed: 2,
        episodes: 1,
        truth,
      },
      [store],
    );
    expect(record.runs[0].agent).toBe('scripted');
    expect(record.runs[0].options).toEqual({ actions: 'E,E,E,E,E,E' });
    const ref = runAgent(env, scriptedAgent, { actions: 'E,E,E,E,E,E' }, { seed: 2, truth, trace: true });
    expect(record.runs[0].episodes[0].hash).toBe(hashTrajectory(ref.traces[0]));
  });
});

describe('the editor’s validation', () => {
  it('is the loader’s: the same issues and lines as trapworld validate', () => {
    const text = JSON.stringify({ name: 'x', map: ['A.q', 'G'], gamma: 3 }, null, 2);
    const v = validateWorld(text, 'x.json');
    let expected: string[] = [];
    try {
      loadEnvironmentText(text, 'x.json');
    } catch (e) {
      expected = (e as EnvLoadError).message.split('\n');
    }
    expect(v.formatted).toEqual(expected);
    expect(v.issues.some((i) => i.mapRow === 0 && i.mapColumn === 2)).toBe(true);
    expect(v.world).toBeNull();
  });

  it('says a valid world without a start cannot be run, and describes a runnable one', () => {
    const none = validateWorld(JSON.stringify({ name: 'x', map: ['..G'] }), 'x.json');
    expect(none.issues).toEqual([]);
    expect(none.world).toBeNull();
    expect(none.notes.join(' ')).toMatch(/start/);
    const ok = validateWorld(JSON.stringify({ name: 'x', map: ['A.G'] }), 'x.json');
    expect(ok.world?.width).toBe(3);
  });

  it('opens built-in worlds as files and file worlds as they were written', () => {
    const r = appApi.worldFile({ builtin: 'thin-ice' });
    expect(r.ok && r.source).toBe('thin-ice.json');
    const text = '{ "name": "mine", "map": ["A.G"] }';
    expect(appApi.worldFile({ text, source: 'mine.json' })).toEqual({ ok: true, text, source: 'mine.json' });
  });
});

describe('values and policy of an episode’s true world', () => {
  it('are `trapworld solve`’s values and greedy actions', () => {
    const env = environments.get('rotten-plank')!;
    const truth = parseTruthAssignments(env, ['plank=sound-plank', 'plank@6,8=rotten-plank']);
    const a = episodeAnalysis({ builtin: 'rotten-plank' }, truth);
    const solution = valueIteration(compileWorld(env, truth), { gamma: env.gamma });
    valueGrid(solution)
      .flat()
      .forEach((v, c) =>
        v === null ? expect(a.values[c]).toBeNaN() : expect(a.values[c]).toBeCloseTo(v, 9),
      );
    const start = env.start!;
    expect(a.policy[start]).toBe(greedyActions(solution, start).reduce((b, k) => b | (1 << k), 0));
    expect(a.policy[start]).not.toBe(0);
    expect(a.error).toBeNull();
  });
});

describe('decisions for "Why"', () => {
  it('are recorded when they change, copied, with the frame they first show at', () => {
    const def = agents.get('prober')!;
    const s = new Session(
      42,
      environments.get('rotten-plank')!,
      {
        world: { builtin: 'rotten-plank' },
        agent: 'prober',
        options: defaultOptions(def),
        seed: 1,
        episodes: 1,
        truth: {},
      },
      null,
    );
    const store = new RunStore(s.info);
    while (!store.done) store.apply(s.advance(3, 1e9, () => 0));
    expect(store.decisions.length).toBeGreaterThan(0);
    expect(store.decisions.map((d) => d.frame)).toEqual(s.decisions.map((d) => d.frame));
    for (const d of store.decisions) {
      expect(d.decision.candidates.filter((c) => c.chosen)).toHaveLength(1);
      // The decision made at step k is shown from frame k + 1 on (after the action it chose).
      expect(d.frame).toBe(store.episodes[0].start + d.decision.step + 1);
    }
    const first = store.decisions[0];
    expect(store.decisionAt(first.frame, 0)).toBe(first);
    expect(store.decisionAt(first.frame - 1, 0)).toBeNull();
  });
});

describe('bench results in the app', () => {
  const lines = ['snake-corridor', 'thin-ice'].flatMap((environment) =>
    ['random', 'pessimist'].flatMap((agent) =>
      [0, 1, 2].map(
        (seed) => encodeRun(runJob({ environment, agent, options: {}, seed, episodes: 2 })).lines,
      ),
    ),
  );

  it('reads complete runs, and says what it left out', () => {
    const text = `${lines.join('')}{"environment":"thin-ice","agent":"random","options":{},"seed":9,"episode":0`;
    const { rows, skipped } = parseResults(text);
    expect(rows).toHaveLength(2 * 2 * 3 * 2);
    expect(skipped).toEqual(['1 line that is not a result row']);
    const again = parseResults(lines.join('') + lines[0]);
    expect(again.rows).toHaveLength(24);
    expect(again.skipped).toEqual(['1 repeated run (first copy kept)']);
  });

  it('gives the report’s tables and Vega-Lite figures as SVG', async () => {
    const r = await benchReport(lines.join(''));
    if (!r.ok) throw new Error(r.error);
    expect(r.worlds.map((w) => w.environment)).toEqual(['snake-corridor', 'thin-ice']);
    expect(r.worlds[0].rows.map((row) => row[0])).toEqual(['pessimist', 'random']);
    expect(r.columns[0]).toBe('agent');
    expect(r.overview?.svg).toMatch(/^<svg/);
    for (const w of r.worlds) expect(w.figures.length).toBeGreaterThanOrEqual(2);
    expect(await benchReport('not a results file')).toEqual({
      ok: false,
      error:
        'no complete runs in this file (1 line that is not a result row): expected the results.jsonl that trapworld bench writes',
    });
  });
});
