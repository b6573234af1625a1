/**
 * The frame stream: sessions play exactly the trajectories of `runAgent` (same hashes, returns, deaths),
 * batches reassemble into the same record on the app's side whatever their size, and belief tracks
 * reproduce every snapshot while storing only what changed.
 */
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import { hashTrajectory } from '../../src/core/hash.ts';
import { loadEnvironmentText } from '../../src/core/load.ts';
import { defaultOptions } from '../../src/core/options.ts';
import { runAgent } from '../../src/core/run.ts';
import { RunStore } from '../../src/app/run-store.ts';
import { openSession, sessionApi } from '../../src/worker/session.ts';
import { KEY_EVERY, TrackDecoder, TrackEncoder } from '../../src/worker/session/belief-tracks.ts';
import type { SessionConfig } from '../../src/worker/session/protocol.ts';
import { Session } from '../../src/worker/session/runner.ts';
import { describeWorld } from '../../src/worker/session/world-info.ts';
import { world128Text } from '../e2e/fixtures/world-128.ts';

let nextId = 1000;
const now = () => performance.now();

function play(config: SessionConfig, maxSteps = 1_000_000): { session: Session; store: RunStore } {
  const env =
    'builtin' in config.world
      ? environments.get(config.world.builtin)!
      : loadEnvironmentText(config.world.text, config.world.source);
  const session = new Session(nextId++, env, config, null);
  const store = new RunStore(session.info);
  for (let guard = 0; !store.done && guard < 100_000; guard++)
    store.apply(session.advance(maxSteps, 1e9, now));
  return { session, store };
}

const SKIP = new Set(['scripted', 'bayes-optimal']);

describe('sessions play the same trajectories as runAgent', () => {
  const worlds = [
    'rotten-plank',
    'snake-corridor',
    'thin-ice',
    'dark-cave',
    'one-way-doors',
    'pit-field',
    'cliff-walking',
  ];
  for (const world of worlds)
    for (const def of agents.all().filter((a) => !SKIP.has(a.name)))
      it(`${world} × ${def.name}`, () => {
        const env = environments.get(world)!;
        const options = defaultOptions(def);
        const seed = 7;
        const ref = runAgent(env, def, options, { seed, episodes: 3, trace: true });
        const { session, store } = play(
          { world: { builtin: world }, agent: def.name, options, seed, episodes: 3, truth: {} },
          5,
        );
        expect(store.episodes).toHaveLength(3);
        ref.episodes.forEach((r, e) => {
          const end = store.episodes[e].end!;
          expect(end.hash).toBe(hashTrajectory(ref.traces[e]));
          expect(end).toMatchObject({
            outcome: r.outcome,
            return: r.return,
            steps: r.steps,
            pokes: r.pokes,
            deaths: r.deaths,
          });
          expect(end.discountedReturn).toBeCloseTo(r.discountedReturn, 12);
          expect(store.episodes[e].truth).toEqual(r.truth);
          // The app's copy holds the same trajectory as the worker's record.
          const t = store.trajectory(e);
          expect(t.positions).toEqual(ref.traces[e].positions);
          expect(t.rewards).toEqual(ref.traces[e].rewards);
          expect(session.trajectory(e).actions).toEqual(ref.traces[e].actions);
        });
      });

  it('honours a fixed truth and the scripted agent (episodes that end without a final step)', () => {
    const env = environments.get('rotten-plank')!;
    const truth = { 'plank@6,8': 'rotten-plank' };
    const def = agents.get('scripted')!;
    const options = { actions: 'E,E,E,poke-E' };
    const ref = runAgent(env, def, options, { seed: 3, episodes: 4, truth, trace: true });
    // Batches of one step: the episode end arrives in a batch with no frames.
    const { store } = play(
      { world: { builtin: 'rotten-plank' }, agent: 'scripted', options, seed: 3, episodes: 4, truth },
      1,
    );
    expect(store.episodes.map((m) => m.end!.hash)).toEqual(ref.traces.map((t) => hashTrajectory(t)));
    expect(store.episodes.map((m) => m.end!.outcome)).toEqual([
      'truncated',
      'truncated',
      'truncated',
      'truncated',
    ]);
    expect(store.episodes[0].truth['plank@6,8']).toBe('rotten-plank');
  });
});

describe('every built-in world', () => {
  it('describes itself and runs in a session', () => {
    for (const env of environments.all()) {
      const d = describeWorld({ builtin: env.name });
      expect(d.ok, env.name).toBe(true);
      if (!d.ok) continue;
      expect(d.world.cellLook).toHaveLength(env.width * env.height);
      expect(d.world.variantCount).toBe(d.world.keys.reduce((n, k) => n + k.variants.length, 0));
      const { store } = play({
        world: { builtin: env.name },
        agent: 'random',
        options: {},
        seed: 1,
        episodes: 1,
        truth: {},
      });
      expect(store.episodes[0].end, env.name).not.toBeNull();
    }
  });
});

describe('frame batches', () => {
  it('span many short episodes in one message and reassemble identically at any batch size', () => {
    const config: SessionConfig = {
      world: { builtin: 'big-64' },
      agent: 'random',
      options: {},
      seed: 2,
      episodes: 60,
      truth: {},
    };
    const big = play(config, 1_000_000);
    const small = play(config, 13);
    expect(big.store.stats.batches).toBe(1);
    expect(small.store.stats.batches).toBeGreaterThan(10);
    expect(small.store.frames.length).toBe(big.store.frames.length);
    expect(Array.from(small.store.frames.pos.subarray(0, small.store.frames.length))).toEqual(
      Array.from(big.store.frames.pos.subarray(0, big.store.frames.length)),
    );
    expect(small.store.episodes.map((m) => m.end?.hash)).toEqual(big.store.episodes.map((m) => m.end?.hash));
    expect(small.store.episodes.map((m) => [m.start, m.count])).toEqual(
      big.session.episodes.map((m) => [m.start, m.count]),
    );
  });

  it('carries cues, signals and events per frame', () => {
    const { store, session } = play(
      {
        world: { builtin: 'dark-cave' },
        agent: 'random',
        options: {},
        seed: 5,
        episodes: 5,
        truth: { gap: 'chasm' },
      },
      3,
    );
    const f = store.frames;
    let cues = 0;
    for (let i = 0; i < f.length; i++) cues += f.cueStart[i + 1] - f.cueStart[i];
    expect(cues).toBeGreaterThan(0);
    expect(Array.from(f.cues.subarray(0, f.cueLength))).toEqual(
      Array.from(session.frames.cues.subarray(0, session.frames.cueLength)),
    );
    const draft = session.info.world.signals.indexOf('draft');
    expect(draft).toBeGreaterThan(0);
    expect(Array.from(f.cues.subarray(0, f.cueLength)).every((c) => c >> 2 === draft)).toBe(true);
  });

  it('reports loader errors and bad configurations as data, located', () => {
    const bad = describeWorld({
      text: '{\n  "name": "x",\n  "map": ["A.G"],\n  "rewards": { "step": "no" }\n}\n',
      source: 'bad.json',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join('\n')).toMatch(/^bad\.json:4:\d+: rewards\.step/m);
    const syntax = describeWorld({ text: '{ "name": "x", ', source: 'cut.json' });
    expect(syntax.ok).toBe(false);
    const noStart = describeWorld({ text: '{ "name": "x", "map": ["..G"] }', source: 'nostart.json' });
    expect(!noStart.ok && noStart.errors[0]).toMatch(/no start/);
    expect(
      openSession({
        world: { builtin: 'rotten-plank' },
        agent: 'nobody',
        options: {},
        seed: 1,
        episodes: 1,
        truth: {},
      }).ok,
    ).toBe(false);
    const badTruth = openSession({
      world: { builtin: 'rotten-plank' },
      agent: 'random',
      options: {},
      seed: 1,
      episodes: 1,
      truth: { plank: 'lava' },
    });
    expect(!badTruth.ok && badTruth.errors[0]).toMatch(/not a variant/);
  });

  it('serves sessions through the API object (open, advance, episode frames, points of no return, close)', () => {
    const opened = sessionApi.openSession({
      world: { builtin: 'one-way-doors' },
      agent: 'prober',
      options: { budget: 0.001, watchLengths: '1,2,4' },
      seed: 1,
      episodes: 2,
      truth: {},
    });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const id = opened.info.session;
    const store = new RunStore(opened.info);
    while (!store.done) store.apply(sessionApi.advanceSession(id, 1000, 50));
    const again = sessionApi.episodeFrames(id, 1);
    expect(again.parts[0].count).toBe(store.episodes[1].count);
    expect(Array.from(again.columns.pos)).toEqual(
      Array.from(
        store.frames.pos.subarray(store.episodes[1].start, store.episodes[1].start + store.episodes[1].count),
      ),
    );
    const kinds = sessionApi.irreversibility(id, 0);
    expect(kinds).toHaveLength(opened.info.world.width * opened.info.world.height);
    expect(sessionApi.trajectories(id)).toHaveLength(2);
    sessionApi.closeSession(id);
    expect(() => sessionApi.advanceSession(id, 1, 1)).toThrow(/no session/);
  });
});

describe('belief tracks', () => {
  it('reproduce every vector exactly, storing keyframes and deltas only when something changed', () => {
    // Seeded pseudo-random vectors with sparse changes (seed 11).
    let s = 11;
    const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const size = 50;
    const enc = new TrackEncoder(size);
    const dec = new TrackDecoder(size);
    const truth: Float32Array[] = [];
    let v = new Float32Array(size).map(() => rand());
    for (let frame = 0; frame < 400; frame++) {
      if (frame % 100 === 0 || rand() < 0.3) {
        v = v.slice();
        const n = rand() < 0.1 ? 40 : 1 + Math.floor(rand() * 3);
        for (let k = 0; k < n; k++) v[Math.floor(rand() * size)] = rand();
      }
      if (frame === 250) v = v.map(() => NaN); // an agent that stops showing some values
      truth.push(v);
      const entry = enc.push(frame, v, frame % 100 === 0);
      if (entry) dec.add(entry);
    }
    expect(enc.entries.length).toBeLessThan(400);
    let run = 0;
    for (const e of enc.entries) {
      run = e.index === null ? 0 : run + 1;
      expect(run).toBeLessThanOrEqual(KEY_EVERY);
    }
    // Forward, backward and random access all agree with what was pushed.
    const order = [
      ...Array(400).keys(),
      ...[...Array(400).keys()].reverse(),
      ...Array.from({ length: 300 }, () => Math.floor(rand() * 400)),
    ];
    for (const f of order) expect(Array.from(dec.valueAt(f)!)).toEqual(Array.from(truth[f]));
    // Not before the episode start given.
    expect(dec.valueAt(150, 200)).toBeNull();
  });

  it('keep a 128×128 belief small: a few bytes per step instead of 64 KB', () => {
    const text = world128Text();
    const { session, store } = play(
      {
        world: { text, source: 'generated-128.json' },
        agent: 'greedy-mean',
        options: {},
        seed: 1,
        episodes: 1,
        truth: {},
      },
      100_000,
    );
    const steps = store.frames.length;
    expect(steps).toBeGreaterThan(50);
    const trapBytes = store.trap.bytes();
    const naive = steps * 128 * 128 * 4;
    expect(trapBytes).toBeLessThan(naive / 20);
    // The reconstructed map at the last frame equals the agent's own last snapshot.
    const last = session.trap.entries.length;
    expect(last).toBe(store.trap.entries.length);
    const reconstructed = store.trap.valueAt(steps - 1)!.slice();
    const firstKey = store.trap.valueAt(0)!.slice();
    expect(reconstructed.length).toBe(128 * 128);
    expect(Array.from(reconstructed).some((p, i) => p !== firstKey[i])).toBe(true);
  }, 120_000);
});
