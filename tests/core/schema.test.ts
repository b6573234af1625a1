/**
 * public/environment.schema.json: it is exactly what the zod definition generates (so it cannot go
 * stale), it is a valid draft 2020-12 schema, every shipped environment validates against it, and files
 * with the wrong shape are rejected by both the schema (editors, ajv) and the loader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnvLoadError } from '../../src/core/errors.ts';
import { loadEnvironmentText } from '../../src/core/load.ts';
import { environmentSchemaText } from '../../src/core/schema-file.ts';
import { SPEC_FIELDS } from '../helpers.ts';

const ROOT = new URL('../../', import.meta.url);
const SCHEMA_PATH = fileURLToPath(new URL('public/environment.schema.json', ROOT));
const ENV_DIR = fileURLToPath(new URL('environments/', ROOT));
const committed = readFileSync(SCHEMA_PATH, 'utf8');
const schema = JSON.parse(committed) as Record<string, unknown>;

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

function loaderError(text: string): EnvLoadError | undefined {
  try {
    loadEnvironmentText(text, 'schema-test.json');
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(EnvLoadError);
    return e as EnvLoadError;
  }
}

const SNAKE = {
  $schema: '../public/environment.schema.json',
  name: 'snake-corridor',
  title: 'Snake in the corridor',
  description: 'A coiled snake blocks the corridor. Alive or dead? Poke it first.',
  map: ['#########', '#A..s..G#', '#########'],
  legend: { s: { unknown: 'snake' } },
  tiles: {
    'live-snake': { look: 'snake', enter: { effect: 'death' }, poke: { signal: 'hiss', risk: 0.02 } },
    'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
  },
  unknowns: { snake: { scope: 'each', prior: { 'live-snake': 0.5, 'dead-snake': 0.5 } } },
  rewards: { step: -1, goal: 10, death: -100 },
  gamma: 0.95,
  maxSteps: 100,
};

describe('the committed schema file', () => {
  it('equals environmentSchemaText() byte for byte (run `npm run schema` after changing format.ts)', () => {
    expect(committed).toBe(environmentSchemaText());
  });

  it('is a draft 2020-12 schema of an object that allows no unknown fields and requires name and map', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'map']));
    expect(schema.required).toHaveLength(2);
  });

  it('describes every top-level field of the format page (version 1.1 adds format and theories)', () => {
    const properties = Object.keys(schema.properties as object).sort();
    expect(properties).toEqual([...SPEC_FIELDS, 'format', 'theories'].sort());
  });

  it('compiles with ajv in strict mode', () => {
    expect(typeof validate).toBe('function');
    expect(ajv.validateSchema(schema)).toBe(true);
  });
});

describe('valid files validate', () => {
  const files = readdirSync(ENV_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('there are shipped environments to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`environments/${file} validates against the schema and loads`, () => {
      const text = readFileSync(`${ENV_DIR}${file}`, 'utf8');
      const ok = validate(JSON.parse(text));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect(loaderError(text)).toBeUndefined();
    });
  }

  it('the format page example validates', () => {
    expect(validate(SNAKE)).toBe(true);
  });

  it('a minimal file and a file using every field validate', () => {
    expect(validate({ name: 'x', map: ['A'] })).toBe(true);
    expect(
      validate({
        ...SNAKE,
        hiddenReward: { death: -1, stuck: -1 },
        rewards: { step: -1, goal: 1, death: -1, bump: -1 },
        actions: ['N', 'wait'],
        slip: 0.5,
        legend: { s: { unknown: 'snake' }, t: 'portal', X: 'floor' },
        tiles: {
          ...SNAKE.tiles,
          portal: {
            look: 'p',
            walkable: true,
            enter: { effect: 'teleport', to: 'X', reward: 1, signal: 'zap' },
            leave: { to: 'X', reward: 1 },
            oneWay: 'N',
            poke: { signal: 's', risk: 0.5, riskEffect: 'stuck' },
            near: { signal: 'n', p: 0.5 },
            description: 'd',
          },
        },
        unknowns: {
          snake: { scope: 'all', prior: { 'live-snake': 0.5, 'dead-snake': 0.5 }, description: 'd' },
        },
      }),
    ).toBe(true);
  });
});

const LAKE = {
  name: 'frozen-lake',
  format: '1.1',
  map: ['#####', '#AedG', '##D##'],
  legend: { e: { theory: 'lake', role: 'shore' }, d: { theory: 'lake', role: 'deep' }, D: 'wall' },
  tiles: {
    'thin-shore': { look: 'shore-ice', enter: { reward: -5, signal: 'splash' } },
    'thick-shore': { look: 'shore-ice', leave: { set: { here: 'floor' } } },
    'thin-deep': { look: 'ice', enter: { effect: 'death', set: { D: 'floor' } } },
    'thick-deep': { look: 'ice', poke: { signal: 'thud', set: { here: 'floor' } } },
  },
  theories: {
    lake: {
      description: 'one frost',
      hypotheses: {
        thin: { prior: 0.4, tiles: { shore: 'thin-shore', deep: 'thin-deep' } },
        thick: { prior: 0.6, tiles: { shore: 'thick-shore', deep: 'thick-deep' } },
      },
    },
  },
};

describe('format 1.1 files', () => {
  it('a theory world with set changes validates and loads', () => {
    expect(validate(LAKE)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(loaderError(JSON.stringify(LAKE))).toBeUndefined();
  });

  const cases: [string, Record<string, unknown>, string, string][] = [
    ['format "2"', { ...LAKE, format: '2' }, '/format/enum', 'format'],
    [
      'an unknown theory field',
      { ...LAKE, theories: { lake: { ...LAKE.theories.lake, roles: [] } } },
      '/theories/lake/additionalProperties',
      'theories.lake.roles',
    ],
    [
      'a prior above 1',
      {
        ...LAKE,
        theories: { lake: { hypotheses: { h: { prior: 2, tiles: { shore: 'thin-shore' } } } } },
      },
      '/theories/lake/hypotheses/h/prior/maximum',
      'theories.lake.hypotheses.h.prior',
    ],
    [
      'a set tile that is not a string',
      { ...LAKE, tiles: { ...LAKE.tiles, 'thin-deep': { poke: { set: { D: 1 } } } } },
      '/tiles/thin-deep/poke/set/D/type',
      'tiles.thin-deep.poke.set.D',
    ],
    [
      'an unknown field in a theory legend entry',
      { ...LAKE, legend: { ...LAKE.legend, e: { theory: 'lake', role: 'shore', hue: 1 } } },
      '/legend/e/anyOf',
      'legend.e.hue',
    ],
  ];
  for (const [what, file, ajvWhere, loaderPath] of cases) {
    it(`${what}: ajv reports ${ajvWhere}, the loader ${loaderPath}`, () => {
      expect(validate(file)).toBe(false);
      const where = (validate.errors ?? []).map((e) => `${e.instancePath}/${e.keyword}`);
      expect(where).toContain(ajvWhere);
      const err = loaderError(JSON.stringify(file, null, 2));
      expect(err).toBeDefined();
      expect(err!.issues.map((i) => i.path)).toContain(loaderPath);
    });
  }
});

describe('invalid files are rejected by both the schema and the loader', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    // what, file, ajv instancePath plus keyword, loader issue path
    ['an unknown top-level field', { ...SNAKE, walkabel: true }, '/additionalProperties', 'walkabel'],
    ['gamma 2', { ...SNAKE, gamma: 2 }, '/gamma/maximum', 'gamma'],
    ['a missing map', { name: 'no-map' }, '/required', 'map'],
    ['a missing name', { map: ['A'] }, '/required', 'name'],
    ['an empty map', { name: 'x', map: [] }, '/map/minItems', 'map'],
    ['an empty row', { name: 'x', map: ['A', ''] }, '/map/1/minLength', 'map[1]'],
    ['a name that is not kebab-case', { ...SNAKE, name: 'Snake Corridor' }, '/name/pattern', 'name'],
    ['slip 1', { ...SNAKE, slip: 1 }, '/slip/exclusiveMaximum', 'slip'],
    ['gamma -0.5', { ...SNAKE, gamma: -0.5 }, '/gamma/minimum', 'gamma'],
    ['maxSteps 0', { ...SNAKE, maxSteps: 0 }, '/maxSteps/exclusiveMinimum', 'maxSteps'],
    ['maxSteps 2.5', { ...SNAKE, maxSteps: 2.5 }, '/maxSteps/type', 'maxSteps'],
    ['an unknown action', { ...SNAKE, actions: ['N', 'jump'] }, '/actions/1/enum', 'actions[1]'],
    [
      'an unknown tile field',
      { ...SNAKE, tiles: { ...SNAKE.tiles, 'dead-snake': { look: 'snake', walkabel: false } } },
      '/tiles/dead-snake/additionalProperties',
      'tiles.dead-snake.walkabel',
    ],
    [
      'an unknown effect',
      { ...SNAKE, tiles: { t: { enter: { effect: 'explode' } } } },
      '/tiles/t/enter/effect/enum',
      'tiles.t.enter.effect',
    ],
    [
      'a probability above 1',
      { ...SNAKE, unknowns: { snake: { prior: { 'live-snake': 1.5, 'dead-snake': -0.5 } } } },
      '/unknowns/snake/prior/live-snake/maximum',
      'unknowns.snake.prior.live-snake',
    ],
    [
      'a reward that is a string',
      { ...SNAKE, rewards: { step: '-1' } },
      '/rewards/step/type',
      'rewards.step',
    ],
    ['a legend entry of the wrong type', { ...SNAKE, legend: { s: 5 } }, '/legend/s/anyOf', 'legend.s'],
  ];

  for (const [what, file, ajvWhere, loaderPath] of cases) {
    it(`${what}: ajv reports ${ajvWhere}, the loader ${loaderPath}`, () => {
      expect(validate(file)).toBe(false);
      const where = (validate.errors ?? []).map((e) => `${e.instancePath}/${e.keyword}`);
      expect(where).toContain(ajvWhere);
      const err = loaderError(JSON.stringify(file, null, 2));
      expect(err).toBeDefined();
      expect(err!.issues.map((i) => i.path)).toContain(loaderPath);
    });
  }

  it('cross-field rules are the loader’s alone: the schema accepts shapes the loader rejects', () => {
    // Ragged rows, a prior not summing to 1, an undeclared legend tile: valid JSON Schema shapes.
    for (const file of [
      { name: 'x', map: ['A..', '..'] },
      { ...SNAKE, unknowns: { snake: { prior: { 'live-snake': 0.5, 'dead-snake': 0.4 } } } },
      { name: 'x', map: ['Aq'], legend: { q: 'quicksand' } },
    ]) {
      expect(validate(file)).toBe(true);
      expect(loaderError(JSON.stringify(file))).toBeDefined();
    }
  });
});

describe('the schema never rejects what the loader accepts', () => {
  it('random replacements of one field of the example (seed 401)', () => {
    const fields = Object.keys(schema.properties as object);
    const values = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(
        0,
        1,
        0.5,
        0.99,
        2,
        -1,
        100,
        2.5,
        'N',
        ['N'],
        ['E', 'wait'],
        'x',
        'snake',
        { step: -2 },
        {},
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...fields), values, (field, value) => {
        const file = { ...SNAKE, [field]: value };
        const text = JSON.stringify(file);
        if (loaderError(text) === undefined) expect(validate(JSON.parse(text))).toBe(true);
        // And what the schema rejects, the loader rejects.
        if (!validate(JSON.parse(text))) expect(loaderError(text)).toBeDefined();
      }),
      { seed: 401, numRuns: 1500 },
    );
  });
});
