/** The pure half of the renderer (frame → what to draw), the generated tiles and the charts' paths. */
import { describe, expect, it } from 'vitest';
import { environments } from '../../environments/index.ts';
import { extentOf, linePath } from '../../src/app/charts.ts';
import { formatNumber } from '../../src/app/dom.ts';
import { RunStore } from '../../src/app/run-store.ts';
import { describeStep } from '../../src/app/step-text.ts';
import { AGENT_COLOURS, heatColour, tileStyle, variantColour } from '../../src/render/palette.ts';
import {
  agentPose,
  cueMarks,
  frameEvents,
  heatCells,
  heatStyle,
  noReturnMarks,
  pastEndings,
  planPath,
  pokeMark,
  posteriorBars,
  recentPath,
  truthBadges,
} from '../../src/render/scene.ts';
import { paintTerrain, paintTile, terrainCellSize, type Paint2D } from '../../src/render/terrain.ts';
import { CELL_KINDS } from '../../src/worker/session/protocol.ts';
import { Session } from '../../src/worker/session/runner.ts';
import { describeSpec } from '../../src/worker/session/world-info.ts';

function playStore(
  world: string,
  agent: string,
  options: Record<string, string | number> = {},
  truth = {},
): RunStore {
  const s = new Session(
    9000,
    environments.get(world)!,
    { world: { builtin: world }, agent, options, seed: 1, episodes: 1, truth },
    null,
  );
  const store = new RunStore(s.info);
  while (!store.done) store.apply(s.advance(1e6, 1e9, () => 0));
  return store;
}

describe('scene: frame → display list', () => {
  const store = playStore(
    'rotten-plank',
    'scripted',
    { actions: 'E,E,poke-E,E,E' },
    { 'plank@4,8': 'sound-plank' },
  );
  const world = store.info.world;
  const f = store.frames;

  it('places the agent, tweening moves but not jumps', () => {
    const start = agentPose(f, world.width, 0, 0, 1);
    expect(start).toMatchObject({ x: 1.5, y: 8.5, state: 'alive', facing: -1 });
    const half = agentPose(f, world.width, 0, 1, 0.5);
    expect(half.x).toBeCloseTo(2);
    expect(half.facing).toBe(1);
    expect(agentPose(f, world.width, 0, 1, 1).x).toBe(2.5);
  });

  it('shows the poke with the signal heard, and the events of each step', () => {
    const poke = pokeMark(f, world, 3)!;
    expect(poke).toMatchObject({ dir: 'E', signal: 'knock', hurt: false, x0: 3.5, x1: 4.5 });
    expect(pokeMark(f, world, 2)).toBeNull();
    expect(frameEvents(f, 3)).toEqual([]);
    expect(recentPath(f, world.width, 0, 3, 24)).toEqual([1.5, 8.5, 2.5, 8.5, 3.5, 8.5, 3.5, 8.5]);
  });

  it('words the step for the event line', () => {
    expect(describeStep(f, world, 0, 0)).toBe('Start.');
    expect(describeStep(f, world, 3, 3)).toBe(
      `Step 3: poke-E · poked E, heard “knock” · reward ${formatNumber(f.reward[3])}.`,
    );
  });

  it('heat: painted on unknown cells only, coloured along the ramp, transparent where the agent is sure', () => {
    const cells = heatCells(world);
    expect(Array.from(cells)).toEqual(world.keys.flatMap((k) => k.cells));
    expect(heatStyle(0)).toEqual({ colour: 0, alpha: 0 });
    expect(heatStyle(NaN).alpha).toBe(0);
    const low = heatStyle(0.001);
    const high = heatStyle(1);
    const [r, g, b] = heatColour(1 / 255);
    expect(low.colour).toBe((r << 16) | (g << 8) | b);
    expect(high.colour).toBe(0x6a176e);
    expect(low.alpha).toBeLessThan(high.alpha);
    expect(heatColour(0)).toEqual([252, 255, 164]);
    expect(heatColour(1)).toEqual([106, 23, 110]);
  });

  it('posterior bars: one segment per variant with probability, as wide as it', () => {
    const post = new Float32Array(world.variantCount);
    for (const k of world.keys) {
      post[k.offset] = 0.75;
      post[k.offset + 1] = 0.25;
    }
    const bars = posteriorBars(world, post);
    expect(bars).toHaveLength(world.keys.length * 2);
    expect(bars[0].w + bars[1].w).toBeCloseTo(0.84);
    expect(bars[1].colour).toBe(variantColour({ effect: 'death', walkable: true }));
  });

  it('true world badges, points of no return, plan, past endings and trail', () => {
    const badges = truthBadges(world, store.episodes[0].truth);
    expect(badges).toHaveLength(5);
    expect(badges.find((b) => b.x === 4)!.deadly).toBe(false);
    const kinds = new Uint8Array(world.width * world.height).fill(CELL_KINDS.indexOf('safe'));
    kinds[5] = CELL_KINDS.indexOf('trap');
    kinds[6] = CELL_KINDS.indexOf('dead-end');
    expect(noReturnMarks(kinds, CELL_KINDS, world.width).map((m) => m.kind)).toEqual(['trap', 'dead-end']);
    expect(planPath(Int32Array.from([14, 15]), world.width)).toEqual([1.5, 1.5, 2.5, 1.5]);
    const ends = pastEndings(
      [{ start: 0, count: 3, end: { outcome: 'death' } }],
      1,
      Int32Array.from([1, 2, 3]),
      13,
    );
    expect(ends).toEqual([{ x: 3, y: 0, kind: 'death', colour: '#5D6270' }]);
  });

  it('cues come with their direction and signal name', () => {
    const cave = playStore(
      'dark-cave',
      'scripted',
      { actions: 'E,E,wait,wait,wait,wait,wait,wait' },
      { gap: 'chasm' },
    );
    let found = false;
    for (let i = 0; i < cave.frames.length && !found; i++) {
      const cues = cueMarks(cave.frames, cave.info.world, i);
      if (cues.length > 0) {
        found = true;
        expect(cues[0].signal).toBe('draft');
        expect('NESW').toContain(cues[0].dir);
      }
    }
    expect(found).toBe(true);
    expect(cueMarks(cave.frames, cave.info.world, 0)).toEqual([]);
  });
});

describe('tiles and palette', () => {
  it('gives every built-in look its own colour-and-pattern style, and unknown looks a fallback', () => {
    const looks = new Set<string>();
    for (const e of environments.all()) for (const t of e.tiles.values()) looks.add(t.look);
    const styles = [...looks].map((l) => tileStyle(l));
    const signatures = styles.map((s) => `${s.base}/${s.fg}/${s.pattern}/${s.label}`);
    expect(new Set(signatures).size).toBe(signatures.length);
    expect(tileStyle('A-prime').label).toBe('A′');
    expect(tileStyle('mystery-tile').pattern).toBe('letter');
    expect(new Set(AGENT_COLOURS).size).toBe(AGENT_COLOURS.length);
  });

  it('paints every cell once into the terrain image, clipped to its cell', () => {
    const calls: string[] = [];
    const ctx = new Proxy({} as Record<string, unknown>, {
      get:
        (_t, prop: string) =>
        (...args: unknown[]) =>
          calls.push(`${prop}(${args.join(',')})`),
      set: () => true,
    }) as unknown as Paint2D;
    const world = describeSpec(environments.get('snake-corridor')!, null);
    paintTerrain(ctx, world, 16);
    expect(
      calls.filter((c) => c.startsWith('fillRect(') && c.endsWith(',16,16)')).length,
    ).toBeGreaterThanOrEqual(27);
    expect(calls.filter((c) => c.startsWith('clip(')).length).toBe(27);
    calls.length = 0;
    paintTile(ctx, tileStyle('lava'), 0, 0, 32);
    expect(calls.some((c) => c.startsWith('quadraticCurveTo'))).toBe(true);
    expect(terrainCellSize({ width: 128, height: 128 }, 4, 1)).toBe(4);
    expect(terrainCellSize({ width: 128, height: 128 }, 40, 2)).toBe(16);
  });
});

describe('charts', () => {
  const box = { width: 300, height: 120, left: 30, right: 10, top: 10, bottom: 20 };
  it('draws short series point by point, with gaps for NaN', () => {
    const s = { colour: '#000', label: 'a', values: [0, 1, NaN, 3], length: 4 };
    const ext = extentOf([s]);
    expect(ext).toEqual({ xMax: 3, yMin: 0, yMax: 3 });
    expect(linePath(s, box, ext)).toBe('M30.0 100.0L116.7 70.0M290.0 10.0');
  });

  it('reduces long series to min and max per pixel column', () => {
    const values = Float64Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 500) * 10);
    const s = { colour: '#000', label: 'a', values, length: values.length };
    const d = linePath(s, box, extentOf([s]));
    expect(d.split(/[ML]/).length - 1).toBeLessThanOrEqual(2 * 260);
    expect(d).toContain('10.0'); // the maximum survives
  });
});
