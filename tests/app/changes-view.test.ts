/**
 * Format 1.1 in the app's record and renderer: sessions record the cells a `set` changed with each frame
 * (and the record survives slicing into batches), the scene replays them for any frame of an episode, and
 * a theory's posterior is drawn per cell by the tile each hypothesis puts there.
 */
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../src/app/run-store.ts';
import { changedLooks, posteriorBars, worstTile } from '../../src/render/scene.ts';
import { variantColour } from '../../src/render/palette.ts';
import { Session } from '../../src/worker/session/runner.ts';
import { describeSpec } from '../../src/worker/session/world-info.ts';
import { env, SMALL_LAKE } from '../helpers.ts';

const plankWorld = env({
  format: '1.1',
  map: ['#####', '#ApG#', '#...#', '#####'],
  legend: { p: 'rotten-plank' },
  tiles: {
    'rotten-plank': { look: 'plank', leave: { set: { here: 'gap' } } },
    gap: { look: 'gap', enter: { effect: 'death' } },
  },
});

let nextId = 1;

/** Plays a scripted action list in a session, streaming its frames in batches of `batch` steps. */
function record(spec: typeof plankWorld, actions: string, batch: number) {
  const session = new Session(
    nextId++,
    spec,
    {
      world: { text: '', source: 'test-world.json' },
      agent: 'scripted',
      options: { actions },
      seed: 1,
      episodes: 1,
      truth: {},
    },
    null,
  );
  const store = new RunStore(session.info);
  for (let guard = 0; !store.done && guard < 1000; guard++) store.apply(session.advance(batch, 1e9, () => 0));
  return { session, store };
}

describe('changed cells in the app', () => {
  it('knows the looks a change can bring in, even when the map never shows them', () => {
    const world = describeSpec(plankWorld, null);
    expect(world.looks).toContain('gap');
    expect(plankWorld.cells.some((c) => c.tile === 'gap')).toBe(false);
  });

  it('records the plank turning into a gap on the step that leaves it, and replays it for every frame', () => {
    const plank = 1 * 5 + 2;
    for (const batch of [1, 2, 100]) {
      const { session, store } = record(plankWorld, 'E,S,W', batch);
      const gap = session.info.world.looks.indexOf('gap');
      const f = store.frames;
      expect(f.length).toBe(4);
      // Frame 1 stands on the plank; the move S (into frame 2) leaves it and breaks it.
      expect(Array.from(f.changes.subarray(f.changeStart[2], f.changeStart[3]))).toEqual([plank, gap]);
      expect(f.changeStart[2]).toBe(f.changeStart[1]);
      expect([...changedLooks(f, 0, 0)]).toEqual([]);
      expect([...changedLooks(f, 0, 1)]).toEqual([]);
      expect([...changedLooks(f, 0, 2)]).toEqual([[plank, gap]]);
      expect([...changedLooks(f, 0, 3)]).toEqual([[plank, gap]]);
      // The app's copy is the worker's, whatever the batch size.
      expect(Array.from(f.changes.subarray(0, f.changeLength))).toEqual(
        Array.from(session.frames.changes.subarray(0, session.frames.changeLength)),
      );
    }
  });

  it('starts every episode from the map: changes of an earlier episode are not replayed', () => {
    const session = new Session(
      nextId++,
      plankWorld,
      {
        world: { text: '', source: 'test-world.json' },
        agent: 'scripted',
        options: { actions: 'E,S' },
        seed: 1,
        episodes: 2,
        truth: {},
      },
      null,
    );
    const store = new RunStore(session.info);
    for (let guard = 0; !store.done && guard < 1000; guard++) store.apply(session.advance(100, 1e9, () => 0));
    const second = store.episodes[1]!;
    expect([...changedLooks(store.frames, second.start, second.start)]).toEqual([]);
    expect(changedLooks(store.frames, second.start, second.start + second.count - 1).size).toBe(1);
  });
});

describe('theory posteriors in the app', () => {
  const lake = env({ ...SMALL_LAKE, map: [...SMALL_LAKE.map] });
  const world = describeSpec(lake, null);
  const key = world.keys.find((k) => k.key === 'lake')!;
  const tile = (name: string) => world.tiles.find((t) => t.name === name)!;

  it('is one key over the hypotheses, with a group of cells per role', () => {
    expect(key.variants).toEqual(['thin', 'thick']);
    expect(key.groups.map((g) => g.tiles)).toEqual([
      ['thin-shore', 'thick-shore'],
      ['thin-deep', 'thick-deep'],
    ]);
    expect(key.groups[0].cells).toEqual([1 * 7 + 2]);
    expect(key.groups[1].cells).toEqual([1 * 7 + 3, 1 * 7 + 4]);
  });

  it('colours a hypothesis cell by cell by the tile it puts there', () => {
    const post = new Float32Array(world.variantCount);
    post[key.offset] = 1; // thin for certain
    const bars = posteriorBars(world, post);
    const at = (cell: number) => bars.find((r) => Math.floor(r.y) * 7 + Math.floor(r.x) === cell)!.colour;
    expect(at(1 * 7 + 2)).toBe(variantColour(tile('thin-shore')));
    expect(at(1 * 7 + 3)).toBe(variantColour(tile('thin-deep')));
    expect(at(1 * 7 + 3)).not.toBe(at(1 * 7 + 2));
  });

  it('counts a hypothesis as deadly when any of its roles kills', () => {
    expect(worstTile(world.tiles, key, 0)!.name).toBe('thin-deep');
    expect(worstTile(world.tiles, key, 1)!.effect).toBe('pass');
  });
});
