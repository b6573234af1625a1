/**
 * Every example of the environment format page (docs: /work/shared/spec/environment-format.md) loads and
 * means what the page says: the whole snake-corridor file, the `unknowns` snippet, the defaults of the
 * fields table, the built-in glyphs and tiles, `$schema`, and custom tiles shadowing built-in ones.
 */
import { describe, expect, it } from 'vitest';
import { EnvLoadError } from '../../src/core/errors.ts';
import { ACTIONS } from '../../src/core/format.ts';
import { loadEnvironmentText } from '../../src/core/load.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { requireStart, validateEnvironment } from '../../src/core/validate.ts';
// The "Unknowns" snippet, verbatim from the format page; the 1.1 snippets are in format-1-1.test.ts.
import { SNAKE_CORRIDOR, UNKNOWNS_SNIPPET } from '../fixtures/spec-examples.ts';
import { BUILTIN_TILE_NAMES } from '../helpers.ts';

/** A small valid file around the snippet: two snakes (each) and three ice cells (all). */
const UNKNOWNS_FILE = `{
  "name": "snakes-and-ice",
  "map": [
    "#######",
    "#AsiiG#",
    "#.s.i.#",
    "#######"
  ],
  "legend": { "s": { "unknown": "snake" }, "i": { "unknown": "ice" } },
  "tiles": {
    "live-snake": { "look": "snake", "enter": { "effect": "death" } },
    "dead-snake": { "look": "snake" },
    "thin-ice": { "look": "ice", "enter": { "effect": "death" } },
    "thick-ice": { "look": "ice" }
  },
  ${UNKNOWNS_SNIPPET}
}`;

const at = (spec: EnvSpec, x: number, y: number) => spec.cells[y * spec.width + x];

function load(text: string, source = 'test.json'): EnvSpec {
  return loadEnvironmentText(text, source);
}

/** A minimal file with the given extra fields. */
function minimal(extra: Record<string, unknown> = {}, map: string[] = ['A.G']): string {
  return JSON.stringify({ name: 'minimal', map, ...extra }, null, 2);
}

describe('the whole-file example (snake-corridor)', () => {
  const spec = load(SNAKE_CORRIDOR, 'environments/snake-corridor.json');

  it('has the size, name, texts and source of the file', () => {
    expect(spec.width).toBe(9);
    expect(spec.height).toBe(3);
    expect(spec.cells).toHaveLength(27);
    expect(spec.name).toBe('snake-corridor');
    expect(spec.title).toBe('Snake in the corridor');
    expect(spec.description).toBe('A coiled snake blocks the corridor. Alive or dead? Poke it first.');
    expect(spec.source).toBe('environments/snake-corridor.json');
  });

  it('starts at x=1, y=1 (index 10) and requireStart agrees', () => {
    expect(spec.start).toBe(10);
    expect(requireStart(spec)).toBe(10);
    expect(at(spec, 1, 1)).toEqual({ glyph: 'A', tile: 'start', unknown: null, theory: null, role: null });
  });

  it('resolves every glyph of the map', () => {
    expect(at(spec, 0, 0)).toEqual({ glyph: '#', tile: 'wall', unknown: null, theory: null, role: null });
    expect(at(spec, 2, 1)).toEqual({ glyph: '.', tile: 'floor', unknown: null, theory: null, role: null });
    expect(at(spec, 7, 1)).toEqual({ glyph: 'G', tile: 'goal', unknown: null, theory: null, role: null });
    expect(at(spec, 4, 1)).toEqual({ glyph: 's', tile: null, unknown: 'snake', theory: null, role: null });
    const glyphs = spec.cells.map((c) => c.glyph).join('');
    expect(glyphs).toBe('##########A..s..G##########');
  });

  it('has one unknown, snake, covering only x=4, y=1, scope each, priors 0.5 / 0.5', () => {
    expect(spec.unknowns).toHaveLength(1);
    const [snake] = spec.unknowns;
    expect(snake.id).toBe('snake');
    expect(snake.scope).toBe('each');
    expect(snake.cells).toEqual([13]);
    expect(snake.look).toBe('snake');
    expect(snake.prior).toEqual([
      { tile: 'live-snake', p: 0.5 },
      { tile: 'dead-snake', p: 0.5 },
    ]);
  });

  it('defines the two snake tiles as written, with defaults for the rest', () => {
    const live = spec.tiles.get('live-snake')!;
    expect(live).toMatchObject({
      name: 'live-snake',
      look: 'snake',
      walkable: true,
      enter: { effect: 'death', reward: 0, to: null, signal: null },
      leave: null,
      oneWay: null,
      poke: { signal: 'hiss', risk: 0.02, riskEffect: 'death' },
      near: null,
    });
    const dead = spec.tiles.get('dead-snake')!;
    expect(dead).toMatchObject({
      look: 'snake',
      walkable: true,
      enter: { effect: 'pass', reward: 0, to: null, signal: null },
      poke: { signal: 'thud', risk: 0, riskEffect: 'death' },
      near: null,
    });
  });

  it('has the rewards, gamma and maxSteps of the file and defaults for the rest', () => {
    expect(spec.rewards).toEqual({ step: -1, goal: 10, death: -100, bump: 0 });
    expect(spec.hiddenReward).toEqual({ death: 0, stuck: 0 });
    expect(spec.gamma).toBe(0.95);
    expect(spec.maxSteps).toBe(100);
    expect(spec.slip).toBe(0);
    expect(spec.actions).toEqual(['N', 'E', 'S', 'W', 'poke-N', 'poke-E', 'poke-S', 'poke-W', 'wait']);
  });

  it('loads the same from the parsed object (TypeScript module path) as from text', () => {
    const fromObject = validateEnvironment(JSON.parse(SNAKE_CORRIDOR), 'environments/snake-corridor.json');
    expect(fromObject).toEqual(spec);
  });
});

describe('the unknowns example', () => {
  const spec = load(UNKNOWNS_FILE);

  it('loads snake (each, 0.3 / 0.7) and ice (all, 0.5 / 0.5) over the cells drawn with their glyphs', () => {
    expect(spec.width).toBe(7);
    expect(spec.height).toBe(4);
    const snake = spec.unknowns.find((u) => u.id === 'snake')!;
    const ice = spec.unknowns.find((u) => u.id === 'ice')!;
    expect(snake.scope).toBe('each');
    expect(snake.prior).toEqual([
      { tile: 'live-snake', p: 0.3 },
      { tile: 'dead-snake', p: 0.7 },
    ]);
    expect(snake.look).toBe('snake');
    expect(snake.cells).toEqual([7 + 2, 14 + 2]);
    expect(ice.scope).toBe('all');
    expect(ice.prior).toEqual([
      { tile: 'thin-ice', p: 0.5 },
      { tile: 'thick-ice', p: 0.5 },
    ]);
    expect(ice.look).toBe('ice');
    expect(ice.cells).toEqual([7 + 3, 7 + 4, 14 + 4]);
    expect(at(spec, 4, 2)).toEqual({ glyph: 'i', tile: null, unknown: 'ice', theory: null, role: null });
  });

  it('defaults scope to each', () => {
    const text = UNKNOWNS_FILE.replace('"scope": "each", ', '');
    expect(text).not.toContain('"each"');
    expect(load(text).unknowns.find((u) => u.id === 'snake')!.scope).toBe('each');
  });
});

describe('defaults from the fields table', () => {
  const spec = load(minimal());

  it('rewards step -1, goal 10, death -100, bump 0', () => {
    expect(spec.rewards).toEqual({ step: -1, goal: 10, death: -100, bump: 0 });
  });

  it('hiddenReward death 0, stuck 0', () => {
    expect(spec.hiddenReward).toEqual({ death: 0, stuck: 0 });
  });

  it('gamma 0.95, maxSteps 200, slip 0, all nine actions in the documented order', () => {
    expect(spec.gamma).toBe(0.95);
    expect(spec.maxSteps).toBe(200);
    expect(spec.slip).toBe(0);
    expect(spec.actions).toEqual([...ACTIONS]);
    expect(spec.actions).toHaveLength(9);
  });

  it('title defaults to the name, description to empty, no unknowns', () => {
    expect(spec.title).toBe('minimal');
    expect(spec.description).toBe('');
    expect(spec.unknowns).toEqual([]);
  });

  it('a partial rewards object keeps the defaults for the missing fields', () => {
    const s = load(minimal({ rewards: { goal: 1 }, hiddenReward: { stuck: -5 } }));
    expect(s.rewards).toEqual({ step: -1, goal: 1, death: -100, bump: 0 });
    expect(s.hiddenReward).toEqual({ death: 0, stuck: -5 });
  });

  it('every optional field given explicitly is kept', () => {
    const explicit = {
      title: 'T',
      description: 'D',
      rewards: { step: 0, goal: 0, death: 0, bump: -1 },
      hiddenReward: { death: -50, stuck: -20 },
      gamma: 1,
      maxSteps: 1,
      actions: ['N', 'wait'],
      slip: 0.25,
    };
    expect(load(minimal(structuredClone(explicit)))).toMatchObject(explicit);
  });

  it('gamma 0 and slip 0 are allowed (the closed ends of their ranges)', () => {
    const s = load(minimal({ gamma: 0, slip: 0 }));
    expect(s.gamma).toBe(0);
    expect(s.slip).toBe(0);
    expect(load(minimal({ slip: 0.999 })).slip).toBe(0.999);
  });

  it('a tile with no fields is a walkable, passable tile that looks like its name', () => {
    const s = load(minimal({ legend: { t: 'plain' }, tiles: { plain: {} } }, ['At']));
    expect(s.tiles.get('plain')).toEqual({
      name: 'plain',
      look: 'plain',
      walkable: true,
      enter: { effect: 'pass', reward: 0, to: null, signal: null, set: [] },
      leave: null,
      oneWay: null,
      poke: { signal: 'nothing', risk: 0, riskEffect: 'death', set: [] },
      near: null,
      description: '',
    });
    expect(at(s, 1, 0).tile).toBe('plain');
  });

  it('near.p defaults to 1 and poke.riskEffect to death', () => {
    const s = load(
      minimal({ legend: { t: 'cue' }, tiles: { cue: { near: { signal: 'hum' }, poke: { risk: 0.5 } } } }, [
        'At',
      ]),
    );
    expect(s.tiles.get('cue')!.near).toEqual({ signal: 'hum', p: 1 });
    expect(s.tiles.get('cue')!.poke).toEqual({
      signal: 'nothing',
      risk: 0.5,
      riskEffect: 'death',
      set: [],
    });
  });
});

describe('built-in glyphs and tiles', () => {
  const spec = load(minimal({}, ['#.AG~O><^v']));

  it('maps every built-in glyph to its tile', () => {
    expect(spec.cells.map((c) => c.tile)).toEqual([
      'wall',
      'floor',
      'start',
      'goal',
      'lava',
      'pit',
      'one-way-E',
      'one-way-W',
      'one-way-N',
      'one-way-S',
    ]);
    expect(spec.cells.every((c) => c.unknown === null)).toBe(true);
    expect(spec.start).toBe(2);
  });

  it('floor: walkable, passable, poke shows nothing', () => {
    expect(spec.tiles.get('floor')).toMatchObject({
      look: 'floor',
      walkable: true,
      enter: { effect: 'pass' },
      poke: { signal: 'nothing', risk: 0 },
      near: null,
      oneWay: null,
    });
  });

  it('wall: not walkable, poke signal "solid"', () => {
    expect(spec.tiles.get('wall')).toMatchObject({ walkable: false, poke: { signal: 'solid', risk: 0 } });
  });

  it('start: floor that looks like floor', () => {
    expect(spec.tiles.get('start')).toMatchObject({
      look: 'floor',
      walkable: true,
      enter: { effect: 'pass' },
    });
  });

  it('goal: entering it is the goal effect', () => {
    expect(spec.tiles.get('goal')).toMatchObject({ walkable: true, enter: { effect: 'goal' } });
  });

  it('lava: enter death, near "warm" (always perceived)', () => {
    expect(spec.tiles.get('lava')).toMatchObject({
      walkable: true,
      enter: { effect: 'death' },
      near: { signal: 'warm', p: 1 },
    });
  });

  it('pit: enter stuck, poke "hollow"', () => {
    expect(spec.tiles.get('pit')).toMatchObject({
      walkable: true,
      enter: { effect: 'stuck' },
      poke: { signal: 'hollow', risk: 0 },
    });
  });

  it('one-way tiles: ^ N, > E, v S, < W, with distinct looks', () => {
    for (const d of ['N', 'E', 'S', 'W'] as const) {
      const t = spec.tiles.get(`one-way-${d}`)!;
      expect(t.oneWay).toBe(d);
      expect(t.walkable).toBe(true);
      expect(t.enter.effect).toBe('pass');
    }
    const looks = new Set(['N', 'E', 'S', 'W'].map((d) => spec.tiles.get(`one-way-${d}`)!.look));
    expect(looks.size).toBe(4);
  });

  it('every built-in tile exists even when the map does not draw it', () => {
    const s = load(minimal({}, ['A']));
    for (const name of [...BUILTIN_TILE_NAMES, 'start']) expect(s.tiles.has(name), name).toBe(true);
  });

  it('a legend entry overrides a built-in glyph', () => {
    const s = load(minimal({ legend: { '#': 'floor', '.': 'lava' } }, ['A#.']));
    expect(s.cells.map((c) => c.tile)).toEqual(['start', 'floor', 'lava']);
  });

  it('a legend may give another glyph to a built-in tile, including start', () => {
    const s = load(minimal({ legend: { S: 'start', x: 'wall' } }, ['.Sx']));
    expect(s.start).toBe(1);
    expect(s.cells[2].tile).toBe('wall');
  });

  it('any single Unicode code point can be a glyph', () => {
    const s = load(minimal({ legend: { '🐍': 'lava', é: 'wall' } }, ['A🐍é', '...']));
    expect(s.width).toBe(3);
    expect(s.height).toBe(2);
    expect(s.cells.slice(0, 3).map((c) => c.tile)).toEqual(['start', 'lava', 'wall']);
  });
});

describe('$schema, shadowing and other accepted forms', () => {
  it('$schema is accepted and ignored', () => {
    const withSchema = load(minimal({ $schema: 'https://example.com/anything.json' }));
    const without = load(minimal());
    expect(withSchema).toEqual(without);
    expect(Object.values(withSchema)).not.toContain('https://example.com/anything.json');
  });

  it('a custom tile shadows the built-in tile of the same name, also for its built-in glyph', () => {
    const s = load(
      minimal(
        {
          tiles: {
            wall: { walkable: true, poke: { signal: 'creak' } },
            lava: { look: 'lava', enter: { effect: 'stuck' }, near: { signal: 'hot', p: 0.5 } },
          },
        },
        ['A#~'],
      ),
    );
    expect(s.cells[1].tile).toBe('wall');
    expect(s.tiles.get('wall')).toMatchObject({ walkable: true, poke: { signal: 'creak' } });
    expect(s.tiles.get('lava')).toMatchObject({
      enter: { effect: 'stuck' },
      near: { signal: 'hot', p: 0.5 },
    });
    // The other built-ins are untouched.
    expect(s.tiles.get('pit')).toMatchObject({ enter: { effect: 'stuck' }, poke: { signal: 'hollow' } });
  });

  it('a shadowed start still counts as the start', () => {
    const s = load(minimal({ tiles: { start: { look: 'pad' } } }));
    expect(s.start).toBe(0);
    expect(s.tiles.get('start')!.look).toBe('pad');
  });

  it('teleport and leave destinations drawn exactly once, one-way tiles, near cues and poke risks load', () => {
    const s = load(
      minimal(
        {
          legend: { t: 'portal', j: 'jump', X: 'landing', Y: 'floor', c: 'cue', f: 'fang' },
          tiles: {
            portal: { enter: { effect: 'teleport', to: 'X', reward: -2, signal: 'whoosh' } },
            jump: { leave: { to: 'Y', reward: 5 } },
            landing: {},
            cue: { look: 'floor', near: { signal: 'hum', p: 0.25 } },
            fang: { walkable: false, poke: { signal: 'hiss', risk: 0.1, riskEffect: 'stuck' }, oneWay: 'E' },
          },
        },
        ['AtjXYcf', '.......'],
      ),
    );
    expect(s.tiles.get('portal')!.enter).toEqual({
      effect: 'teleport',
      reward: -2,
      to: 'X',
      signal: 'whoosh',
      set: [],
    });
    expect(s.tiles.get('jump')!.leave).toEqual({ to: 'Y', reward: 5, set: [] });
    expect(s.tiles.get('cue')!.near).toEqual({ signal: 'hum', p: 0.25 });
    expect(s.tiles.get('fang')!.poke).toEqual({
      signal: 'hiss',
      risk: 0.1,
      riskEffect: 'stuck',
      set: [],
    });
    expect(s.tiles.get('fang')!.oneWay).toBe('E');
  });

  it('a map without a start loads (it can be solved) but cannot be run', () => {
    const s = load(minimal({}, ['..G']));
    expect(s.start).toBeNull();
    expect(() => requireStart(s)).toThrow(EnvLoadError);
  });

  it('an unknown with a single variant of probability 1 loads', () => {
    const s = load(
      minimal({ legend: { u: { unknown: 'one' } }, unknowns: { one: { prior: { lava: 1 } } } }, ['Au']),
    );
    expect(s.unknowns[0]).toMatchObject({
      id: 'one',
      scope: 'each',
      prior: [{ tile: 'lava', p: 1 }],
      cells: [1],
    });
  });

  it('an unknown whose variants look the same through defaults (start looks like floor) loads', () => {
    const s = load(
      minimal({ legend: { u: { unknown: 'u' } }, unknowns: { u: { prior: { floor: 0.5, start: 0.5 } } } }, [
        'Au',
      ]),
    );
    expect(s.unknowns[0].look).toBe('floor');
  });

  it('whitespace, CRLF line endings and any key order are fine', () => {
    const text = '\r\n  {  "map" : [ "A.G" ] ,\r\n\t"name":"crlf"  }  \r\n';
    const s = load(text);
    expect(s.name).toBe('crlf');
    expect(s.width).toBe(3);
  });
});
