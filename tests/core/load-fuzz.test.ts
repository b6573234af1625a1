/**
 * Property tests of the loader (fast-check, fixed seeds so a failure replays exactly):
 * (a) arbitrary JSON values and arbitrary strings never make it throw anything but EnvLoadError;
 * (b) mutations of valid files never do either, and every issue has a message and, from text, a line and
 *     column inside the text; whatever loads is a self-consistent EnvSpec;
 * (c) generated valid worlds always load, with the size, cells, start and unknowns they were built with,
 *     and generated valid theory worlds (format 1.1) with the roles and hypotheses they were built with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnvLoadError } from '../../src/core/errors.ts';
import { loadEnvironmentText } from '../../src/core/load.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { validateEnvironment } from '../../src/core/validate.ts';
import { SNAKE_CORRIDOR } from '../fixtures/spec-examples.ts';
import { BUILTIN_TILE_NAMES, SPEC_FIELDS } from '../helpers.ts';

const SOURCE = 'fuzz/world.json';

/** What every EnvLoadError must carry; `text` when it came from text (then every issue has a position). */
function checkError(e: unknown, source: string, text?: string): void {
  if (!(e instanceof EnvLoadError)) throw e;
  if (e.file !== source) throw new Error(`error names ${e.file}, not ${source}`);
  if (e.issues.length === 0) throw new Error('EnvLoadError without issues');
  if (!e.message.includes(source)) throw new Error(`message does not name the file: ${e.message}`);
  const lines = text?.split('\n');
  for (const issue of e.issues) {
    if (typeof issue.message !== 'string' || issue.message.trim() === '')
      throw new Error(`empty message in ${JSON.stringify(issue)}`);
    if (typeof issue.path !== 'string') throw new Error(`path is not a string in ${JSON.stringify(issue)}`);
    if (lines === undefined) continue;
    const { line, column } = issue;
    if (!Number.isInteger(line) || line! < 1 || line! > lines.length)
      throw new Error(`bad line in ${JSON.stringify(issue)} (text has ${lines.length} lines)`);
    if (!Number.isInteger(column) || column! < 1 || column! > lines[line! - 1].length + 1)
      throw new Error(
        `bad column in ${JSON.stringify(issue)} (line ${line} has ${lines[line! - 1].length} chars)`,
      );
  }
}

/** What every loaded EnvSpec must satisfy, whatever file it came from. */
function checkSpec(spec: EnvSpec): void {
  const fail = (what: string): never => {
    throw new Error(`inconsistent spec: ${what}`);
  };
  if (!(spec.width >= 1 && spec.height >= 1)) fail(`size ${spec.width}x${spec.height}`);
  if (spec.cells.length !== spec.width * spec.height) fail(`${spec.cells.length} cells`);
  spec.cells.forEach((cell, i) => {
    if (cell.theory !== null) {
      const t = spec.theories.find((v) => v.id === cell.theory);
      const role = t?.roles.find((r) => r.name === cell.role);
      if (!role)
        fail(`cell ${i} names role "${cell.role}" of theory "${cell.theory}" that the spec does not hold`);
      if (!role!.cells.includes(i)) fail(`role ${cell.theory}.${cell.role} does not list cell ${i}`);
      if (cell.tile !== null || cell.unknown !== null) fail(`theory cell ${i} also has a tile or unknown`);
    } else if (cell.unknown === null) {
      if (cell.tile === null || !spec.tiles.has(cell.tile)) fail(`cell ${i} has tile ${cell.tile}`);
    } else {
      const u = spec.unknowns.find((v) => v.id === cell.unknown);
      if (!u) fail(`cell ${i} names unknown "${cell.unknown}" that spec.unknowns does not hold`);
      if (!u!.cells.includes(i)) fail(`unknown ${cell.unknown} does not list cell ${i}`);
    }
  });
  for (const u of spec.unknowns) {
    const sum = u.prior.reduce((s, v) => s + v.p, 0);
    if (Math.abs(sum - 1) > 1e-9) fail(`prior of ${u.id} sums to ${sum}`);
    for (const v of u.prior)
      if (spec.tiles.get(v.tile)?.look !== u.look) fail(`variant ${v.tile} of ${u.id}`);
  }
  for (const t of spec.theories) {
    const sum = t.hypotheses.reduce((s, h) => s + h.p, 0);
    if (t.hypotheses.length === 0 || Math.abs(sum - 1) > 1e-9) fail(`priors of theory ${t.id} sum to ${sum}`);
    for (const r of t.roles) {
      if (r.cells.length === 0) fail(`role ${t.id}.${r.name} is drawn nowhere`);
      for (const h of t.hypotheses)
        if (spec.tiles.get(h.tiles[r.name])?.look !== r.look) fail(`tile of ${t.id}.${r.name} in ${h.name}`);
    }
  }
  for (const t of spec.tiles.values())
    for (const { target, tile } of [...t.enter.set, ...(t.leave?.set ?? []), ...t.poke.set]) {
      if (!spec.tiles.has(tile)) fail(`set tile ${tile} of ${t.name}`);
      if (target !== 'here' && !spec.cells.some((c) => c.glyph === target))
        fail(`set target ${target} of ${t.name}`);
    }
  if (spec.start !== null && spec.cells[spec.start]?.tile !== 'start') fail(`start ${spec.start}`);
  if (!(spec.gamma >= 0 && spec.gamma <= 1)) fail(`gamma ${spec.gamma}`);
  if (!(spec.slip >= 0 && spec.slip < 1)) fail(`slip ${spec.slip}`);
  if (!(Number.isInteger(spec.maxSteps) && spec.maxSteps > 0)) fail(`maxSteps ${spec.maxSteps}`);
  if (spec.actions.length === 0) fail('no actions');
  for (const t of spec.tiles.values())
    for (const to of [t.enter.to, t.leave?.to])
      if (to != null && spec.cells.filter((c) => c.glyph === to).length !== 1)
        fail(`destination ${to} of ${t.name}`);
}

/** Loads text: returns the spec or undefined; rethrows anything that is not a well-formed EnvLoadError. */
function tryText(text: string, source = SOURCE): EnvSpec | undefined {
  try {
    const spec = loadEnvironmentText(text, source);
    checkSpec(spec);
    return spec;
  } catch (e) {
    checkError(e, source, text);
    return undefined;
  }
}

function tryValue(value: unknown, source = SOURCE): EnvSpec | undefined {
  try {
    const spec = validateEnvironment(value, source);
    checkSpec(spec);
    return spec;
  } catch (e) {
    checkError(e, source);
    return undefined;
  }
}

const FIELDS = [...SPEC_FIELDS, 'format', 'theories'];

describe('(a) arbitrary input only ever throws EnvLoadError', () => {
  it('arbitrary JSON values, as text and as objects (seed 101)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        tryText(JSON.stringify(v));
        tryValue(v);
      }),
      { seed: 101, numRuns: 2000 },
    );
  });

  it('arbitrary objects with the real field names and arbitrary JSON values (seed 102)', () => {
    const field = fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 }));
    const nearly = fc.dictionary(field, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 10 });
    fc.assert(
      fc.property(nearly, fc.constantFrom(0, 2), (v, indent) => {
        tryText(JSON.stringify(v, null, indent));
        tryValue(v);
      }),
      { seed: 102, numRuns: 2000 },
    );
  });

  it('arbitrary strings, including lone surrogates and control characters (seed 103)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 })),
        (s) => {
          tryText(s);
        },
      ),
      { seed: 103, numRuns: 2000 },
    );
  });

  it('arbitrary sequences of JSON tokens, comments and junk (seed 104)', () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      ' ',
      '\n',
      '\r\n',
      '\t',
      '"name"',
      '"map"',
      '"x"',
      '"A.G"',
      '"gamma"',
      '"tiles"',
      '"legend"',
      '"unknowns"',
      '"prior"',
      '"__proto__"',
      '"',
      '\\',
      '\\u12',
      '0',
      '-1',
      '1e400',
      '0.5',
      '01',
      'true',
      'null',
      'NaN',
      '//',
      '/*',
      '*/',
      '\uFEFF',
      '\u2028',
      '\ud800',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        tryText(tokens.join(''));
      }),
      { seed: 104, numRuns: 2000 },
    );
  });
});

const EVERYTHING = JSON.stringify(
  {
    name: 'everything',
    title: 'Every feature',
    description: 'teleports, jumps, one-way tiles, cues, risky pokes, two unknowns',
    map: ['#########', '#A.t.s.X#', '#~O>.i.Y#', '#j<^v.iG#', '#########'],
    legend: {
      t: 'portal',
      j: 'jump',
      X: 'landing',
      Y: 'floor',
      s: { unknown: 'snake' },
      i: { unknown: 'ice' },
    },
    tiles: {
      portal: { enter: { effect: 'teleport', to: 'X', reward: -1, signal: 'whoosh' } },
      jump: { look: 'floor', leave: { to: 'Y', reward: 5 } },
      landing: { near: { signal: 'hum', p: 0.5 } },
      'live-snake': {
        look: 'snake',
        enter: { effect: 'death' },
        poke: { signal: 'hiss', risk: 0.1, riskEffect: 'death' },
      },
      'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
      'thin-ice': { look: 'ice', enter: { effect: 'stuck' } },
      'thick-ice': { look: 'ice', walkable: true, oneWay: 'E' },
    },
    unknowns: {
      snake: { scope: 'each', prior: { 'live-snake': 0.3, 'dead-snake': 0.7 } },
      ice: { scope: 'all', prior: { 'thin-ice': 0.5, 'thick-ice': 0.5 }, description: 'one freeze' },
    },
    rewards: { step: -1, goal: 10, death: -100, bump: -2 },
    hiddenReward: { death: -50, stuck: -10 },
    gamma: 0.9,
    maxSteps: 50,
    actions: ['N', 'E', 'S', 'W', 'poke-N', 'poke-E', 'poke-S', 'poke-W', 'wait'],
    slip: 0.1,
  },
  null,
  2,
);

/** A format 1.1 base: a theory of two roles, and tiles that change the world. */
const CHANGING = JSON.stringify(
  {
    name: 'changing',
    format: '1.1',
    map: ['#########', '#Aeddp.D#', '#.e2l.kG#', '#########'],
    legend: {
      e: { theory: 'lake', role: 'shore' },
      d: { theory: 'lake', role: 'deep' },
      p: 'rotten-plank',
      2: 'ice-2',
      l: 'lever',
      k: 'lock-panel',
      D: 'wall',
    },
    tiles: {
      'thin-shore': { look: 'shore-ice', enter: { reward: -5, signal: 'splash' } },
      'thick-shore': { look: 'shore-ice' },
      'thin-deep': { look: 'ice', enter: { effect: 'death' } },
      'thick-deep': { look: 'ice', leave: { set: { here: 'thin-deep' } } },
      'rotten-plank': { look: 'plank', leave: { set: { here: 'gap' } } },
      gap: { look: 'gap', enter: { effect: 'death' } },
      lever: { walkable: false, poke: { signal: 'clunk', set: { D: 'floor' } } },
      'lock-panel': { look: 'panel', enter: { set: { D: 'wall', here: 'floor' } } },
      'ice-2': { look: 'ice', leave: { set: { here: 'ice-1' } } },
      'ice-1': { look: 'cracked-ice', leave: { to: 'D', set: { here: 'pit' } } },
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
  },
  null,
  2,
);

const ENV_DIR = fileURLToPath(new URL('../../environments/', import.meta.url));
const SHIPPED = readdirSync(ENV_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readFileSync(`${ENV_DIR}${f}`, 'utf8'));
const BASES = [SNAKE_CORRIDOR, EVERYTHING, CHANGING, ...SHIPPED];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Slot {
  parent: Json[] | { [k: string]: Json };
  key: string | number;
}

/** Every place a value sits in `root`, depth first. */
function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const walk = (v: Json): void => {
    if (Array.isArray(v))
      v.forEach((c, i) => {
        out.push({ parent: v, key: i });
        walk(c);
      });
    else if (v !== null && typeof v === 'object')
      for (const [k, c] of Object.entries(v)) {
        out.push({ parent: v, key: k });
        walk(c);
      }
  };
  walk(root);
  return out;
}

const get = (s: Slot): Json => (s.parent as Record<string | number, Json>)[s.key];
const set = (s: Slot, v: Json): void => {
  (s.parent as Record<string | number, Json>)[s.key] = v;
};

function retype(v: Json): Json {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.length;
  if (typeof v === 'boolean') return v ? 1 : 'false';
  if (v === null) return 0;
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  return Object.values(v);
}

type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'replace'; pick: number; value: Json }
  | { kind: 'retype'; pick: number }
  | { kind: 'number'; pick: number; value: number }
  | { kind: 'rename'; pick: number; at: number; char: string }
  | { kind: 'glyph'; pick: number; at: number; glyph: string }
  | { kind: 'swap'; a: number; b: number; c: number; d: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'indent'; indent: number | string };

const GLYPHS = [
  '#',
  '.',
  'A',
  'G',
  '~',
  'O',
  '>',
  '<',
  '^',
  'v',
  's',
  'i',
  'X',
  'Y',
  't',
  'j',
  '?',
  '🐍',
  '"',
  '\\',
  ' ',
];
const pick = fc.nat({ max: 10_000 });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick }),
  fc.record({
    kind: fc.constant('replace' as const),
    pick,
    value: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  }),
  fc.record({ kind: fc.constant('retype' as const), pick }),
  fc.record({
    kind: fc.constant('number' as const),
    pick,
    value: fc.oneof(
      fc.constantFrom(
        0,
        -0,
        -1,
        1,
        2,
        0.5,
        1 - 1e-6,
        1 + 1e-6,
        1e-10,
        2.5,
        -100,
        1e308,
        Number.MAX_SAFE_INTEGER + 2,
      ),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
    ),
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    pick,
    at: fc.nat(20),
    char: fc.string({ minLength: 1, maxLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('glyph' as const),
    pick,
    at: fc.nat(40),
    glyph: fc.oneof(fc.constantFrom(...GLYPHS), fc.string({ minLength: 0, maxLength: 2, unit: 'binary' })),
  }),
  fc.record({ kind: fc.constant('swap' as const), a: pick, b: pick, c: pick, d: pick }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ minLength: 1, maxLength: 6, unit: 'binary' }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('indent' as const),
    indent: fc.constantFrom<number | string>(0, 1, 4, '\t', ' \r\n'),
  }),
);

/** Applies one mutation to file text; structural mutations reformat the file (a text that no longer parses stays as is). */
function mutate(text: string, m: Mutation): string {
  const textOps = ['insert', 'cut', 'truncate'];
  if (textOps.includes(m.kind)) {
    const at = 'at' in m ? m.at % (text.length + 1) : 0;
    if (m.kind === 'insert') return text.slice(0, at) + m.text + text.slice(at);
    if (m.kind === 'cut') return text.slice(0, at) + text.slice(at + m.length);
    return text.slice(0, at);
  }
  let root: Json;
  try {
    root = JSON.parse(text) as Json;
  } catch {
    return text;
  }
  const all = slots(root);
  let indent: number | string = 2;
  switch (m.kind) {
    case 'delete': {
      if (all.length === 0) break;
      const s = all[m.pick % all.length];
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key as string];
      break;
    }
    case 'replace':
      if (all.length > 0) set(all[m.pick % all.length], m.value);
      else root = m.value;
      break;
    case 'retype':
      if (all.length > 0) {
        const s = all[m.pick % all.length];
        set(s, retype(get(s)));
      } else root = retype(root);
      break;
    case 'number': {
      const numbers = all.filter((s) => typeof get(s) === 'number');
      if (numbers.length > 0) set(numbers[m.pick % numbers.length], m.value);
      break;
    }
    case 'rename': {
      const keyed = all.filter((s) => !Array.isArray(s.parent));
      if (keyed.length === 0) break;
      const s = keyed[m.pick % keyed.length];
      const parent = s.parent as Record<string, Json>;
      const old = s.key as string;
      const at = m.at % (old.length + 1);
      const renamed = old.slice(0, at) + m.char + old.slice(at + 1);
      // Rebuild to keep the key order, as an editor typo would.
      const entries = Object.entries(parent).map(([k, v]): [string, Json] => [k === old ? renamed : k, v]);
      for (const k of Object.keys(parent)) delete parent[k];
      for (const [k, v] of entries)
        Object.defineProperty(parent, k, { value: v, enumerable: true, writable: true, configurable: true });
      break;
    }
    case 'glyph':
    case 'swap': {
      const rows = all.filter(
        (s) =>
          Array.isArray(s.parent) &&
          typeof get(s) === 'string' &&
          all.some((p) => get(p) === s.parent && p.key === 'map'),
      );
      if (rows.length === 0) break;
      if (m.kind === 'glyph') {
        const s = rows[m.pick % rows.length];
        const cells = Array.from(get(s) as string);
        const at = m.at % (cells.length + 1);
        cells.splice(at, 1, ...Array.from(m.glyph));
        set(s, cells.join(''));
      } else {
        const r1 = rows[m.a % rows.length];
        const r2 = rows[m.c % rows.length];
        const c1 = Array.from(get(r1) as string);
        const x1 = m.b % c1.length;
        const g1 = c1[x1];
        const c2 = Array.from(get(r2) as string);
        const x2 = m.d % c2.length;
        c1[x1] = c2[x2];
        set(r1, c1.join(''));
        const c2b = Array.from(get(r2) as string);
        c2b[x2] = g1;
        set(r2, c2b.join(''));
      }
      break;
    }
    case 'indent':
      indent = m.indent;
      break;
  }
  return JSON.stringify(root, null, indent) ?? '';
}

describe('(b) mutated valid files only ever throw well-formed EnvLoadErrors', () => {
  it('every base file loads unmutated', () => {
    expect(BASES.length).toBeGreaterThanOrEqual(3);
    for (const base of BASES) expect(tryText(base)).toBeDefined();
  });

  it('one to three mutations of a valid file (seed 201)', () => {
    fc.assert(
      fc.property(
        fc.nat(BASES.length - 1),
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (b, ms) => {
          let text = BASES[b];
          for (const m of ms) text = mutate(text, m);
          tryText(text);
          try {
            const value: unknown = JSON.parse(text);
            tryValue(value);
          } catch (e) {
            if (!(e instanceof SyntaxError)) throw e;
          }
        },
      ),
      { seed: 201, numRuns: 3000 },
    );
  });

  it('truncating a valid file at every offset (exhaustive for the format page example)', () => {
    const whole = SNAKE_CORRIDOR.trimEnd();
    expect(tryText(whole)).toBeDefined();
    for (let at = 0; at < whole.length; at++) {
      const spec = tryText(whole.slice(0, at));
      // Only the whole object parses; any shorter prefix is a syntax error.
      expect(spec, `prefix of length ${at}`).toBeUndefined();
    }
  });

  it('a syntax error from truncation is located at the end of the text (seed 202)', () => {
    fc.assert(
      fc.property(fc.nat(BASES.length - 1), fc.nat(), (b, n) => {
        const base = BASES[b].trimEnd();
        const at = n % base.length;
        const text = base.slice(0, at);
        let caught: unknown;
        try {
          loadEnvironmentText(text, SOURCE);
        } catch (e) {
          caught = e;
        }
        checkError(caught, SOURCE, text);
        const issue = (caught as EnvLoadError).issues[0];
        expect(issue.message).toMatch(/^JSON syntax error: /);
        // The parser may stop at the last complete token; it never points past the end.
        const lines = text.split('\n');
        expect(issue.line!).toBeLessThanOrEqual(lines.length);
      }),
      { seed: 202, numRuns: 300 },
    );
  });
});

/** A generated valid world with what the loader must recover from it. */
interface Generated {
  file: Record<string, unknown>;
  width: number;
  height: number;
  glyphs: string[];
  start: number;
  unknowns: { id: string; scope: 'each' | 'all'; prior: { tile: string; p: number }[]; glyph: string }[];
}

const LEGEND_GLYPHS = ['a', 'b', 'c', 'd', 'e', 'f', 'h', 'k', 'm', 'n', 'p', 'q', 'r', 'ж', '🐍', '*', '%'];
const BUILTIN_NON_START = ['#', '.', 'G', '~', 'O', '>', '<', '^', 'v'];

const tileDefArb = fc.record(
  {
    look: fc.constantFrom('rock', 'moss', 'sand', 'floor'),
    walkable: fc.boolean(),
    enter: fc.record(
      {
        effect: fc.constantFrom('pass', 'death', 'stuck', 'goal'),
        reward: fc.integer({ min: -100, max: 100 }),
        signal: fc.constantFrom('crunch', 'splash'),
      },
      { requiredKeys: [] },
    ),
    oneWay: fc.constantFrom('N', 'E', 'S', 'W'),
    poke: fc.record(
      {
        signal: fc.constantFrom('tap', 'thud'),
        risk: fc.double({ min: 0, max: 1, noNaN: true }),
        riskEffect: fc.constantFrom('death', 'stuck'),
      },
      { requiredKeys: [] },
    ),
    near: fc.record(
      { signal: fc.constantFrom('warm', 'smell'), p: fc.double({ min: 0.01, max: 1, noNaN: true }) },
      { requiredKeys: ['signal'] },
    ),
    description: fc.string({ maxLength: 10 }),
  },
  { requiredKeys: [] },
);

const generatedArb: fc.Arbitrary<Generated> = fc
  .record({
    width: fc.integer({ min: 1, max: 12 }),
    height: fc.integer({ min: 1, max: 8 }),
    customTiles: fc.array(tileDefArb, { maxLength: 3 }),
    unknowns: fc.array(
      fc.record({
        scope: fc.option(fc.constantFrom('each' as const, 'all' as const), { nil: undefined }),
        weights: fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 1, maxLength: 4 }),
        look: fc.constantFrom('blob', 'mist', 'floor'),
      }),
      { maxLength: 3 },
    ),
    legendExtra: fc.array(fc.nat(), { maxLength: 4 }),
    picks: fc.array(fc.nat(), { minLength: 96, maxLength: 96 }),
    startPick: fc.nat(),
    indent: fc.constantFrom<number | string>(0, 2, '\t'),
    extras: fc.record(
      {
        gamma: fc.double({ min: 0, max: 1, noNaN: true }),
        maxSteps: fc.integer({ min: 1, max: 10_000 }),
        slip: fc.double({ min: 0, max: 0.999, noNaN: true }),
        rewards: fc.record(
          { step: fc.integer({ min: -5, max: 0 }), bump: fc.integer({ min: -5, max: 0 }) },
          { requiredKeys: [] },
        ),
        actions: fc.subarray(['N', 'E', 'S', 'W', 'poke-N', 'poke-E', 'poke-S', 'poke-W', 'wait'], {
          minLength: 1,
        }),
      },
      { requiredKeys: [] },
    ),
  })
  .map((g) => {
    const legend: Record<string, unknown> = {};
    const tiles: Record<string, unknown> = {};
    const unknownsFile: Record<string, unknown> = {};
    const unknowns: Generated['unknowns'] = [];
    const glyphPool = [...BUILTIN_NON_START];
    let nextGlyph = 0;
    const takeGlyph = (): string | undefined => LEGEND_GLYPHS[nextGlyph++];
    g.customTiles.forEach((def, i) => {
      const name = `custom-${i}`;
      tiles[name] = def;
      const glyph = takeGlyph()!;
      legend[glyph] = name;
      glyphPool.push(glyph);
    });
    g.unknowns.forEach((u, i) => {
      const id = `hidden-${i}`;
      const total = u.weights.reduce((s, w) => s + w, 0);
      const prior: { tile: string; p: number }[] = u.weights.map((w, j) => ({
        tile: `${id}-v${j}`,
        p: w / total,
      }));
      for (const { tile } of prior) tiles[tile] = { look: u.look };
      unknownsFile[id] = {
        ...(u.scope ? { scope: u.scope } : {}),
        prior: Object.fromEntries(prior.map((v) => [v.tile, v.p])),
      };
      const glyph = takeGlyph()!;
      legend[glyph] = { unknown: id };
      glyphPool.push(glyph);
      unknowns.push({ id, scope: u.scope ?? 'each', prior, glyph });
    });
    for (const n of g.legendExtra) {
      const glyph = takeGlyph();
      if (glyph === undefined) break;
      legend[glyph] = BUILTIN_TILE_NAMES[n % BUILTIN_TILE_NAMES.length];
      glyphPool.push(glyph);
    }
    const count = g.width * g.height;
    const glyphs = Array.from(
      { length: count },
      (_, i) => glyphPool[g.picks[i % g.picks.length] % glyphPool.length],
    );
    const start = g.startPick % count;
    glyphs[start] = 'A';
    const map = Array.from({ length: g.height }, (_, y) =>
      glyphs.slice(y * g.width, (y + 1) * g.width).join(''),
    );
    const file: Record<string, unknown> = { name: 'generated-world', map, ...g.extras };
    if (Object.keys(legend).length > 0) file.legend = legend;
    if (Object.keys(tiles).length > 0) file.tiles = tiles;
    if (Object.keys(unknownsFile).length > 0) file.unknowns = unknownsFile;
    return { file, width: g.width, height: g.height, glyphs, start, unknowns, indent: g.indent };
  })
  .map(
    ({ indent, ...rest }) =>
      ({ ...rest, text: JSON.stringify(rest.file, null, indent) }) as Generated & { text: string },
  );

describe('(c) generated valid worlds load as built', () => {
  it('random maps of built-in and legend glyphs with one A, random tiles and normalised priors (seed 301)', () => {
    fc.assert(
      fc.property(generatedArb, (g) => {
        const { text } = g as Generated & { text: string };
        const spec = loadEnvironmentText(text, SOURCE);
        checkSpec(spec);
        expect(spec.width).toBe(g.width);
        expect(spec.height).toBe(g.height);
        expect(spec.cells).toHaveLength(g.width * g.height);
        expect(spec.cells.map((c) => c.glyph)).toEqual(g.glyphs);
        expect(spec.start).toBe(g.start);
        expect(spec.unknowns.map((u) => u.id)).toEqual(g.unknowns.map((u) => u.id));
        for (const u of g.unknowns) {
          const loaded = spec.unknowns.find((v) => v.id === u.id)!;
          expect(loaded.scope).toBe(u.scope);
          expect(loaded.prior).toEqual(u.prior);
          const cells = g.glyphs.flatMap((glyph, i) => (glyph === u.glyph ? [i] : []));
          expect(loaded.cells).toEqual(cells);
          for (const i of cells)
            expect(spec.cells[i]).toEqual({
              glyph: u.glyph,
              tile: null,
              unknown: u.id,
              theory: null,
              role: null,
            });
        }
        // The object path (a TypeScript module exporting the same object) gives the same spec.
        expect(validateEnvironment(g.file, SOURCE)).toEqual(spec);
      }),
      { seed: 301, numRuns: 700 },
    );
  });
});

/** A generated valid theory world (format 1.1) with the theory the loader must recover from it. */
const theoryWorldArb = fc
  .record({
    width: fc.integer({ min: 4, max: 10 }),
    height: fc.integer({ min: 1, max: 6 }),
    roles: fc.integer({ min: 1, max: 2 }),
    weights: fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 2, maxLength: 3 }),
    effects: fc.array(fc.constantFrom('pass', 'death', 'stuck', 'goal'), { minLength: 6, maxLength: 6 }),
    changes: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    looks: fc.constantFrom(['ice', 'ice'], ['shore', 'ice'], ['floor', 'mud']),
    picks: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
    places: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
    format: fc.constantFrom('1.1', undefined),
    indent: fc.constantFrom<number | string>(0, 2, '\t'),
  })
  .map((g) => {
    const roleNames = ['shore', 'deep'].slice(0, g.roles);
    const roleGlyphs = ['e', 'ж'].slice(0, g.roles);
    const total = g.weights.reduce((a, w) => a + w, 0);
    const hypotheses = g.weights.map((w, h) => ({
      name: `h${h}`,
      p: w / total,
      tiles: Object.fromEntries(roleNames.map((r) => [r, `${r}-${h}`])),
    }));
    const tiles: Record<string, unknown> = {};
    hypotheses.forEach((hyp, h) =>
      roleNames.forEach((r, i) => {
        const k = h * 2 + i;
        tiles[`${r}-${h}`] = {
          look: g.looks[i],
          enter: { effect: g.effects[k] },
          ...(g.changes[k] ? { leave: { set: { here: 'floor', '.': 'lava' } } } : {}),
        };
      }),
    );
    const pool = ['#', '.', 'G', ...roleGlyphs];
    const count = g.width * g.height;
    const glyphs = Array.from({ length: count }, (_, i) => pool[g.picks[i % g.picks.length] % pool.length]);
    // One A and at least one cell of every role, at distinct places.
    const free = Array.from({ length: count }, (_, i) => i);
    const take = (n: number) => free.splice(n % free.length, 1)[0];
    glyphs[take(g.places[0])] = 'A';
    roleGlyphs.forEach((glyph, i) => (glyphs[take(g.places[i + 1])] = glyph));
    // A "." is needed for the leave.set target; the first free cell is floor.
    glyphs[free[0]] = '.';
    const map = Array.from({ length: g.height }, (_, y) =>
      glyphs.slice(y * g.width, (y + 1) * g.width).join(''),
    );
    const file: Record<string, unknown> = {
      name: 'theory-world',
      ...(g.format ? { format: g.format } : {}),
      map,
      legend: Object.fromEntries(roleNames.map((r, i) => [roleGlyphs[i], { theory: 'frost', role: r }])),
      tiles,
      theories: {
        frost: {
          hypotheses: Object.fromEntries(
            hypotheses.map((hyp) => [hyp.name, { prior: hyp.p, tiles: hyp.tiles }]),
          ),
        },
      },
    };
    return {
      file,
      text: JSON.stringify(file, null, g.indent),
      glyphs,
      roleNames,
      roleGlyphs,
      hypotheses,
      looks: g.looks,
    };
  });

describe('(c) generated valid theory worlds (format 1.1) load as built', () => {
  it('2-3 hypotheses over 1-2 roles: role cells are the positions of their glyphs (seed 302)', () => {
    fc.assert(
      fc.property(theoryWorldArb, (g) => {
        const spec = loadEnvironmentText(g.text, SOURCE);
        checkSpec(spec);
        expect(spec.cells.map((c) => c.glyph)).toEqual(g.glyphs);
        expect(spec.theories).toHaveLength(1);
        const [theory] = spec.theories;
        expect(theory.id).toBe('frost');
        expect(theory.hypotheses).toEqual(g.hypotheses);
        expect(theory.roles.map((r) => r.name)).toEqual(g.roleNames);
        g.roleNames.forEach((name, i) => {
          const cells = g.glyphs.flatMap((glyph, j) => (glyph === g.roleGlyphs[i] ? [j] : []));
          const role = theory.roles[i];
          expect(role.cells).toEqual(cells);
          expect(role.look).toBe(g.looks[i]);
          for (const j of cells)
            expect(spec.cells[j]).toEqual({
              glyph: g.roleGlyphs[i],
              tile: null,
              unknown: null,
              theory: 'frost',
              role: name,
            });
        });
        expect(spec.start).toBe(g.glyphs.indexOf('A'));
        expect(validateEnvironment(g.file, SOURCE)).toEqual(spec);
      }),
      { seed: 302, numRuns: 500 },
    );
  });
});
