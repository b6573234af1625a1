/**
 * Every rejection the environment format page lists (section "Errors") and the other ways a file can
 * break the format: each must throw one EnvLoadError naming the file, with an issue at the right JSON path
 * or map position, a line and column when loaded from text, and a message that says what was expected.
 *
 * The tests in the describe block "loader bugs" fail on the loader as first committed (2a3674e); each
 * states the input, what happens and what should.
 */
import { describe, expect, it } from 'vitest';
import { EnvLoadError, type EnvIssue } from '../../src/core/errors.ts';
import { loadEnvironmentText } from '../../src/core/load.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { requireStart, validateEnvironment } from '../../src/core/validate.ts';

const SOURCE = 'worlds/bad-world.json';

/** Loads text that must be rejected; checks what every rejection must have and returns the error. */
function loadError(text: string, source = SOURCE): EnvLoadError {
  let caught: unknown;
  try {
    loadEnvironmentText(text, source);
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected loading to throw').toBeInstanceOf(EnvLoadError);
  const err = caught as EnvLoadError;
  expect(err.file).toBe(source);
  expect(err.name).toBe('EnvLoadError');
  expect(err.issues.length).toBeGreaterThan(0);
  const lines = text.split('\n');
  for (const issue of err.issues) {
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.line, `issue ${issue.path} has a line`).toBeGreaterThanOrEqual(1);
    expect(issue.line!).toBeLessThanOrEqual(lines.length);
    expect(issue.column, `issue ${issue.path} has a column`).toBeGreaterThanOrEqual(1);
    expect(issue.column!).toBeLessThanOrEqual(lines[issue.line! - 1].length + 1);
  }
  // The error text names the file, with line and column, once per issue.
  const messageLines = err.message.split('\n');
  expect(messageLines).toHaveLength(err.issues.length);
  err.issues.forEach((issue, i) =>
    expect(messageLines[i].startsWith(`${source}:${issue.line}:${issue.column}: `)).toBe(true),
  );
  return err;
}

/** Validates an object that must be rejected (the TypeScript-module path: no text, so no line). */
function validateError(raw: unknown, source = SOURCE): EnvLoadError {
  let caught: unknown;
  try {
    validateEnvironment(raw, source);
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected validation to throw').toBeInstanceOf(EnvLoadError);
  const err = caught as EnvLoadError;
  expect(err.file).toBe(source);
  for (const issue of err.issues) expect(issue.message.length).toBeGreaterThan(0);
  return err;
}

/** The one issue at `path` (and map row/column when given). */
function issueAt(err: EnvLoadError, path: string, mapRow?: number, mapColumn?: number): EnvIssue {
  const found = err.issues.filter(
    (i) =>
      i.path === path &&
      (mapRow === undefined || i.mapRow === mapRow) &&
      (mapColumn === undefined || i.mapColumn === mapColumn),
  );
  expect(found, `one issue at ${path}; got ${JSON.stringify(err.issues)}`).toHaveLength(1);
  return found[0];
}

/** 1-based line and column of `needle` in `text`, searching after `after` when given. */
function pos(text: string, needle: string, after?: string): { line: number; column: number } {
  const from = after === undefined ? 0 : text.indexOf(after);
  expect(from, `"${after}" occurs in the text`).toBeGreaterThanOrEqual(0);
  const offset = text.indexOf(needle, from + (after?.length ?? 0));
  expect(offset, `"${needle}" occurs in the text`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

function text(obj: Record<string, unknown>): string {
  return JSON.stringify(obj, null, 2);
}

/** A small valid world with one unknown, used as the base of most rejection cases. */
function world(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'base-world',
    map: ['#####', '#AsG#', '#####'],
    legend: { s: { unknown: 'snake' } },
    tiles: {
      'live-snake': { look: 'snake', enter: { effect: 'death' }, poke: { signal: 'hiss', risk: 0.02 } },
      'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
    },
    unknowns: { snake: { scope: 'each', prior: { 'live-snake': 0.5, 'dead-snake': 0.5 } } },
    ...extra,
  };
}

function load(t: string): EnvSpec {
  return loadEnvironmentText(t, SOURCE);
}

it('the base world itself loads', () => {
  expect(load(text(world())).unknowns[0].cells).toEqual([7]);
});

describe('map', () => {
  it('ragged rows: the short row is reported by row, at the row in the text', () => {
    const t = text({ name: 'ragged', map: ['A..', '..', '...'] });
    const issue = issueAt(loadError(t), 'map[1]');
    expect(issue).toMatchObject({ mapRow: 1, ...pos(t, '".."') });
    expect(issue.mapColumn).toBeUndefined();
    expect(issue.message).toMatch(/2 cells/);
    expect(issue.message).toMatch(/row 0 has 3/);
  });

  it('ragged rows: a longer row is reported too, and every ragged row at once', () => {
    const t = text({ name: 'ragged', map: ['A..', '....', '.', '...'] });
    const err = loadError(t);
    expect(issueAt(err, 'map[1]').message).toMatch(/4 cells but row 0 has 3/);
    expect(issueAt(err, 'map[2]').message).toMatch(/1 cells? but row 0 has 3/);
    expect(issueAt(err, 'map[2]')).toMatchObject({ mapRow: 2, ...pos(t, '"."') });
  });

  it('an unknown glyph is reported with its row and column, in the map and in the text', () => {
    const t = '{\n  "name": "x",\n  "map": [\n    "A..",\n    ".?."\n  ]\n}';
    const issue = issueAt(loadError(t), 'map[1]', 1, 1);
    expect(issue).toMatchObject({ mapRow: 1, mapColumn: 1, line: 5, column: 7 });
    expect(issue.message).toContain('"?"');
    expect(issue.message).toMatch(/x=1, y=1/);
    expect(issue.message).toMatch(/not built in and not in the legend/);
    expect(loadError(t).message).toContain(`${SOURCE}:5:7: map row 1, column 1:`);
  });

  it('every unknown glyph is reported', () => {
    const t = text({ name: 'x', map: ['A?', '!G'] });
    const err = loadError(t);
    expect(issueAt(err, 'map[0]', 0, 1).message).toContain('"?"');
    expect(issueAt(err, 'map[1]', 1, 0).message).toContain('"!"');
  });

  it('a glyph the legend names is not unknown, a lower-case look-alike of a built-in glyph is', () => {
    expect(() => load(text({ name: 'x', map: ['Ag'], legend: { g: 'goal' } }))).not.toThrow();
    const issue = issueAt(loadError(text({ name: 'x', map: ['Ag'] })), 'map[0]', 0, 1);
    expect(issue.message).toContain('"g"');
  });

  it('a missing, empty or mistyped map says what was expected', () => {
    let t = text({ name: 'x' });
    expect(issueAt(loadError(t), 'map')).toMatchObject({ line: 1, column: 1 });
    expect(issueAt(loadError(t), 'map').message).toMatch(/missing required field.*array/);
    t = text({ name: 'x', map: [] });
    expect(issueAt(loadError(t), 'map')).toMatchObject({
      message: 'expected at least one row',
      ...pos(t, '"map"'),
    });
    t = text({ name: 'x', map: ['A', ''] });
    expect(issueAt(loadError(t), 'map[1]')).toMatchObject({
      message: 'expected a non-empty row',
      ...pos(t, '""'),
    });
    t = text({ name: 'x', map: 'A.G' });
    expect(issueAt(loadError(t), 'map').message).toMatch(/expected an array, got "A.G"/);
    t = text({ name: 'x', map: ['A', 7] });
    expect(issueAt(loadError(t), 'map[1]')).toMatchObject({
      message: 'expected a string, got 7',
      ...pos(t, '7'),
    });
  });
});

describe('start', () => {
  it('no start: loads (it can be solved) but requireStart rejects it, naming the file', () => {
    const spec = load(text({ name: 'no-start', map: ['..G'] }));
    expect(spec.start).toBeNull();
    let caught: unknown;
    try {
      requireStart(spec);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(EnvLoadError);
    const err = caught as EnvLoadError;
    expect(err.file).toBe(SOURCE);
    expect(err.message).toContain(SOURCE);
    const issue = issueAt(err, 'map');
    expect(issue.message).toMatch(/no start/);
    expect(issue.message).toMatch(/exactly one start/);
    expect(issue.message).toContain('"A"');
  });

  it('two starts: refused at load, at the second start, naming both cells by x, y and line:column', () => {
    const t = '{\n  "name": "two-starts",\n  "map": [\n    "#####",\n    "#A.A#",\n    "#.G.#"\n  ]\n}';
    const err = loadError(t);
    const issue = issueAt(err, 'map[1]', 1, 3);
    expect(issue).toMatchObject({ line: 5, column: 9 });
    expect(issue.message).toBe(
      '2 start cells, x=1, y=1 (5:7) and x=3, y=1 (5:9): the map needs exactly one start (glyph "A")',
    );
    expect(err.message).toBe(`${SOURCE}:5:9: map row 1, column 3: ${issue.message}`);
  });

  it('two starts drawn with different glyphs (A and a legend glyph for start) are two starts', () => {
    const t = text({ name: 'two-starts', map: ['A.S'], legend: { S: 'start' } });
    const issue = issueAt(loadError(t), 'map[0]', 0, 2);
    expect(issue.message).toMatch(/^2 start cells, x=0, y=0 \(\d+:\d+\) and x=2, y=0 \(\d+:\d+\)/);
  });

  it('three starts: one issue naming all three', () => {
    const issue = issueAt(loadError(text({ name: 'x', map: ['AA', 'A.'] })), 'map[0]', 0, 1);
    expect(issue.message).toMatch(/^3 start cells, x=0, y=0 \(.*\), x=1, y=0 \(.*\) and x=0, y=1 \(.*\):/);
  });

  it('two starts in a TypeScript module (no text): named by x, y only', () => {
    const issue = issueAt(validateError({ name: 'x', map: ['A.A'] }), 'map[0]', 0, 2);
    expect(issue.line).toBeUndefined();
    expect(issue.message).toBe(
      '2 start cells, x=0, y=0 and x=2, y=0: the map needs exactly one start (glyph "A")',
    );
  });
});

describe('unknowns', () => {
  const withPrior = (prior: Record<string, unknown>) =>
    world({ unknowns: { snake: { scope: 'each', prior } } });

  it('a prior off by 1e-10 passes (tolerance 1e-9)', () => {
    expect(() => load(text(withPrior({ 'live-snake': 0.5, 'dead-snake': 0.5 - 1e-10 })))).not.toThrow();
    expect(() => load(text(withPrior({ 'live-snake': 0.5, 'dead-snake': 0.5 + 1e-10 })))).not.toThrow();
    // Floating-point sums that are not exactly 1 pass too.
    expect(0.7 + 0.2 + 0.1).not.toBe(1);
    const s = load(
      text(
        world({
          tiles: { a: { look: 'q' }, b: { look: 'q' }, c: { look: 'q' } },
          unknowns: { snake: { prior: { a: 0.7, b: 0.2, c: 0.1 } } },
        }),
      ),
    );
    expect(s.unknowns[0].prior.map((v) => v.p)).toEqual([0.7, 0.2, 0.1]);
  });

  it('a prior off by 1e-6 is rejected at unknowns.snake.prior, saying it must sum to 1 and what it sums to', () => {
    const t = text(withPrior({ 'live-snake': 0.5, 'dead-snake': 0.5 - 1e-6 }));
    const issue = issueAt(loadError(t), 'unknowns.snake.prior');
    expect(issue).toMatchObject(pos(t, '"prior"', '"unknowns"'));
    expect(issue.message).toMatch(/sum to 1/);
    expect(issue.message).toMatch(/0\.99999/);
  });

  it('a prior summing to more than 1, or far less, is rejected', () => {
    expect(
      issueAt(
        loadError(text(withPrior({ 'live-snake': 0.5, 'dead-snake': 0.5 + 1e-6 }))),
        'unknowns.snake.prior',
      ).message,
    ).toMatch(/sum to 1/);
    expect(
      issueAt(loadError(text(withPrior({ 'live-snake': 0.3, 'dead-snake': 0.3 }))), 'unknowns.snake.prior')
        .message,
    ).toMatch(/sum to 1, they sum to 0\.6/);
    // 0.6 + 0.3 is 0.8999999999999999 in floating point; the message shows what the author wrote.
    expect(
      issueAt(loadError(text(withPrior({ 'live-snake': 0.6, 'dead-snake': 0.3 }))), 'unknowns.snake.prior')
        .message,
    ).toBe('probabilities must sum to 1, they sum to 0.9');
    expect(
      issueAt(
        loadError(text(withPrior({ 'live-snake': 0.5, 'dead-snake': 0.5 + 1e-6 }))),
        'unknowns.snake.prior',
      ).message,
    ).toBe('probabilities must sum to 1, they sum to 1.000001');
  });

  it('a probability outside [0, 1] or not a number is rejected at the tile', () => {
    let t = text(withPrior({ 'live-snake': 1.5, 'dead-snake': -0.5 }));
    let err = loadError(t);
    expect(issueAt(err, 'unknowns.snake.prior.live-snake')).toMatchObject({
      message: 'expected a number at most 1, got 1.5',
      ...pos(t, '"live-snake"', '"prior"'),
    });
    expect(issueAt(err, 'unknowns.snake.prior.dead-snake').message).toBe(
      'expected a number at least 0, got -0.5',
    );
    t = text(withPrior({ 'live-snake': '0.5', 'dead-snake': 0.5 }));
    err = loadError(t);
    expect(issueAt(err, 'unknowns.snake.prior.live-snake').message).toBe('expected a number, got "0.5"');
  });

  it('an empty prior is rejected', () => {
    expect(issueAt(loadError(text(withPrior({}))), 'unknowns.snake.prior').message).toMatch(
      /at least one tile/,
    );
  });

  it('a prior naming a tile that does not exist is rejected at that tile', () => {
    const t = text(withPrior({ 'live-snake': 0.5, 'ghost-snake': 0.5 }));
    const issue = issueAt(loadError(t), 'unknowns.snake.prior.ghost-snake');
    expect(issue).toMatchObject(pos(t, '"ghost-snake"'));
    expect(issue.message).toMatch(/unknown tile "ghost-snake"/);
  });

  it('variants with different looks are rejected, naming the looks', () => {
    const w = world();
    (w.tiles as Record<string, { look: string }>)['dead-snake'].look = 'corpse';
    const t = text(w);
    const issue = issueAt(loadError(t), 'unknowns.snake.prior');
    expect(issue).toMatchObject(pos(t, '"prior"', '"unknowns"'));
    expect(issue.message).toMatch(/one look/);
    expect(issue.message).toContain('"snake"');
    expect(issue.message).toContain('"corpse"');
  });

  it('different looks through the default look (the tile name) are rejected too', () => {
    const t = text(world({ tiles: { a: {}, b: {} }, unknowns: { snake: { prior: { a: 0.5, b: 0.5 } } } }));
    expect(issueAt(loadError(t), 'unknowns.snake.prior').message).toMatch(/"a", "b"/);
  });

  it('a missing prior and a bad scope say what was expected', () => {
    let t = text(world({ unknowns: { snake: { scope: 'each' } } }));
    expect(issueAt(loadError(t), 'unknowns.snake.prior').message).toMatch(/missing required field/);
    t = text(
      world({ unknowns: { snake: { scope: 'some', prior: { 'live-snake': 0.5, 'dead-snake': 0.5 } } } }),
    );
    const issue = issueAt(loadError(t), 'unknowns.snake.scope');
    expect(issue).toMatchObject(pos(t, '"scope"'));
    expect(issue.message).toBe('expected one of "each", "all", got "some"');
  });
});

describe('destinations named by glyph: leave.to and teleport (enter.to)', () => {
  const portal = (map: string[], legend: Record<string, unknown> = {}) =>
    text({
      name: 'portals',
      map,
      legend: { t: 'portal', ...legend },
      tiles: { portal: { enter: { effect: 'teleport', to: 'X' } } },
    });
  const jump = (map: string[], legend: Record<string, unknown> = {}) =>
    text({
      name: 'jumps',
      map,
      legend: { j: 'jump', ...legend },
      tiles: { jump: { leave: { to: 'X', reward: 5 } } },
    });

  it('teleport.to drawn once loads', () => {
    expect(load(portal(['AtX'], { X: 'floor' })).tiles.get('portal')!.enter.to).toBe('X');
    expect(load(jump(['AjX'], { X: 'floor' })).tiles.get('jump')!.leave).toEqual({
      to: 'X',
      reward: 5,
      set: [],
    });
  });

  it('teleport.to drawn zero times is rejected at tiles.portal.enter.to', () => {
    const t = portal(['At.']);
    const issue = issueAt(loadError(t), 'tiles.portal.enter.to');
    expect(issue).toMatchObject(pos(t, '"to"'));
    expect(issue.message).toBe('"X" must be drawn exactly once in the map, it is drawn 0 times');
  });

  it('teleport.to drawn twice is rejected', () => {
    const t = portal(['AtX', 'X..'], { X: 'floor' });
    expect(issueAt(loadError(t), 'tiles.portal.enter.to').message).toMatch(/exactly once.*drawn 2 times/);
  });

  it('leave.to drawn zero times is rejected at tiles.jump.leave.to', () => {
    const t = jump(['Aj.']);
    const issue = issueAt(loadError(t), 'tiles.jump.leave.to');
    expect(issue).toMatchObject(pos(t, '"to"'));
    expect(issue.message).toMatch(/"X" must be drawn exactly once.*0 times/);
  });

  it('leave.to drawn twice is rejected', () => {
    const t = jump(['AjX', '.X.'], { X: 'floor' });
    expect(issueAt(loadError(t), 'tiles.jump.leave.to').message).toMatch(/exactly once.*drawn 2 times/);
  });

  it('a destination may be a built-in glyph drawn once (G) but not one drawn twice (#)', () => {
    const t = text({
      name: 'x',
      map: ['AtG'],
      legend: { t: 'portal' },
      tiles: { portal: { leave: { to: 'G' } } },
    });
    expect(() => load(t)).not.toThrow();
    const t2 = text({
      name: 'x',
      map: ['#At#'],
      legend: { t: 'portal' },
      tiles: { portal: { leave: { to: '#' } } },
    });
    expect(issueAt(loadError(t2), 'tiles.portal.leave.to').message).toMatch(/drawn 2 times/);
  });

  it('teleport without "to", and "to" without teleport, are rejected', () => {
    let t = text({
      name: 'x',
      map: ['At'],
      legend: { t: 'p' },
      tiles: { p: { enter: { effect: 'teleport' } } },
    });
    expect(issueAt(loadError(t), 'tiles.p.enter').message).toMatch(/needs "to"/);
    t = text({
      name: 'x',
      map: ['AtX'],
      legend: { t: 'p', X: 'floor' },
      tiles: { p: { enter: { effect: 'death', to: 'X' } } },
    });
    expect(issueAt(loadError(t), 'tiles.p.enter.to').message).toMatch(/only used with effect "teleport"/);
  });

  it('leave without "to" (and without "set") says the field is missing', () => {
    const t = text({ name: 'x', map: ['At'], legend: { t: 'p' }, tiles: { p: { leave: { reward: 1 } } } });
    expect(issueAt(loadError(t), 'tiles.p.leave.to').message).toMatch(/missing required field/);
  });
});

describe('numbers out of range', () => {
  const cases: [string, unknown, RegExp][] = [
    ['maxSteps', -1, /^expected a number greater than 0, got -1$/],
    ['maxSteps', -100, /greater than 0/],
    ['maxSteps', 0, /^expected a number greater than 0, got 0$/],
    ['maxSteps', 2.5, /expected (an )?int(eger)?, got 2\.5/],
    ['maxSteps', '100', /^expected a number, got "100"$/],
    ['gamma', -0.01, /^expected a number at least 0, got -0.01$/],
    ['gamma', 1.01, /^expected a number at most 1, got 1.01$/],
    ['gamma', 2, /^expected a number at most 1, got 2$/],
    ['gamma', null, /^expected a number, got null$/],
    ['slip', 1, /^expected a number less than 1, got 1$/],
    ['slip', 1.5, /less than 1/],
    ['slip', -0.1, /^expected a number at least 0, got -0.1$/],
  ];
  for (const [field, value, message] of cases) {
    it(`${field} ${JSON.stringify(value)} is rejected at ${field}, saying what was expected`, () => {
      const t = text({ name: 'x', map: ['A'], [field]: value });
      const issue = issueAt(loadError(t), field);
      expect(issue).toMatchObject(pos(t, `"${field}"`));
      expect(issue.message).toMatch(message);
    });
  }

  it('the limits themselves: maxSteps 1, gamma 0 and 1, slip 0 load', () => {
    expect(load(text({ name: 'x', map: ['A'], maxSteps: 1, gamma: 0, slip: 0 })).maxSteps).toBe(1);
    expect(load(text({ name: 'x', map: ['A'], gamma: 1 })).gamma).toBe(1);
  });

  it('tile numbers: poke risk above 1, negative near p, non-numeric rewards', () => {
    const t = text({
      name: 'x',
      map: ['At'],
      legend: { t: 'p' },
      tiles: { p: { poke: { risk: 1.5 }, near: { signal: 'hum', p: -0.1 }, enter: { reward: 'lots' } } },
      rewards: { step: '1' },
    });
    const err = loadError(t);
    expect(issueAt(err, 'tiles.p.poke.risk').message).toBe('expected a number at most 1, got 1.5');
    expect(issueAt(err, 'tiles.p.near.p').message).toBe('expected a number at least 0, got -0.1');
    expect(issueAt(err, 'tiles.p.enter.reward').message).toBe('expected a number, got "lots"');
    expect(issueAt(err, 'rewards.step')).toMatchObject({
      message: 'expected a number, got "1"',
      ...pos(t, '"step"'),
    });
  });

  it('numbers too large for a double (1e400) are rejected, not taken as Infinity', () => {
    const t = '{"name": "x", "map": ["A"], "gamma": 1e400, "rewards": {"goal": 1e400}}';
    const err = loadError(t);
    expect(issueAt(err, 'gamma').message).toMatch(/expected a number, got Infinity/);
    expect(issueAt(err, 'rewards.goal').message).toMatch(/expected a number, got Infinity/);
  });

  it('NaN and Infinity from a TypeScript module are rejected too', () => {
    const err = validateError({ name: 'x', map: ['A'], gamma: Number.NaN, rewards: { step: Infinity } });
    expect(issueAt(err, 'gamma').message).toMatch(/NaN/);
    expect(issueAt(err, 'rewards.step').message).toMatch(/Infinity/);
    expect(err.issues.every((i) => i.line === undefined)).toBe(true);
  });
});

describe('JSON syntax', () => {
  it('a syntax error is reported with its line and column', () => {
    const t = '{\n  "name": "x",\n  "map": ["A"]\n  "gamma": 1\n}';
    const err = loadError(t);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toEqual({
      path: '',
      message: 'JSON syntax error: comma expected',
      line: 4,
      column: 3,
    });
    expect(err.message).toBe(`${SOURCE}:4:3: (top level): JSON syntax error: comma expected`);
  });

  it('lines and columns count CRLF files the same way', () => {
    const t = '{\r\n  "name": "x",\r\n  "map": ["A"]\r\n  "gamma": 1\r\n}';
    expect(loadError(t).issues[0]).toMatchObject({ line: 4, column: 3 });
  });

  it('a missing colon, an unterminated string, a bare word, single quotes', () => {
    expect(loadError('{\n  "name" "x"\n}').issues[0]).toMatchObject({
      message: 'JSON syntax error: colon expected',
      line: 2,
      column: 10,
    });
    expect(loadError('{\n  "name": "x,\n  "map": []\n}').issues[0]).toMatchObject({ line: 2 });
    expect(loadError('{\n  "name": "x",\n  "map": [A]\n}').issues[0]).toMatchObject({ line: 3, column: 11 });
    expect(loadError("{\n  'name': 'x'\n}").issues[0]).toMatchObject({ line: 2, column: 3 });
  });

  it('a truncated file is reported at its end', () => {
    const t = '{\n  "name": "x",\n  "map": ["A"';
    const issue = loadError(t).issues[0];
    expect(issue.message).toMatch(/^JSON syntax error: /);
    expect(t.split('\n')[2]).toHaveLength(13);
    expect(issue).toMatchObject({ line: 3, column: 14 });
  });

  it('an empty or blank file is a syntax error at its end', () => {
    expect(loadError('').issues[0]).toMatchObject({ path: '', line: 1, column: 1 });
    expect(loadError('').issues[0].message).toMatch(/^JSON syntax error: value expected$/);
    expect(loadError('  \n  ').issues[0]).toMatchObject({ line: 2, column: 3 });
  });

  it('text after the value is rejected', () => {
    const t = '{"name": "x", "map": ["A"]}\n{}';
    expect(loadError(t).issues[0]).toMatchObject({
      message: 'JSON syntax error: end of file expected',
      line: 2,
      column: 1,
    });
  });

  it('JSON5 and JavaScript extras are rejected: NaN, hex, leading zeros, unquoted keys', () => {
    expect(loadError('{"name": "x", "map": ["A"], "gamma": NaN}').issues[0].message).toMatch(
      /^JSON syntax error/,
    );
    expect(loadError('{"name": "x", "map": ["A"], "maxSteps": 0x10}').issues[0].message).toMatch(
      /^JSON syntax error/,
    );
    expect(loadError('{"name": "x", "map": ["A"], "maxSteps": 010}').issues[0].message).toMatch(
      /^JSON syntax error/,
    );
    expect(loadError('{name: "x", "map": ["A"]}').issues[0].message).toMatch(/^JSON syntax error/);
  });

  it('a line comment is rejected at the comment', () => {
    const t = '{\n  // the corridor\n  "name": "x",\n  "map": ["A"]\n}';
    expect(loadError(t).issues[0]).toEqual({
      path: '',
      message: 'JSON syntax error: invalid comment token',
      line: 2,
      column: 3,
    });
  });

  it('a block comment is rejected at the comment', () => {
    const t = '{\n  "name": "x", /* c */\n  "map": ["A"]\n}';
    expect(loadError(t).issues[0]).toMatchObject({
      message: 'JSON syntax error: invalid comment token',
      line: 2,
      column: 16,
    });
  });

  it('a trailing comma in an object is rejected, said so, at the comma', () => {
    const t = '{\n  "name": "x",\n  "map": ["A"],\n}';
    expect(loadError(t).issues[0]).toMatchObject({
      message: 'JSON syntax error: trailing comma before "}" (JSON allows none)',
      line: 3,
      column: 15,
    });
  });

  it('a trailing comma in an array is rejected, said so, at the comma', () => {
    const t = '{\n  "name": "x",\n  "map": ["A",]\n}';
    expect(loadError(t).issues[0]).toMatchObject({
      message: 'JSON syntax error: trailing comma before "]" (JSON allows none)',
      line: 3,
      column: 14,
    });
  });

  it("a missing value that is not after a comma keeps the parser's words", () => {
    const t = '{\n  "name": "x",\n  "map": [}\n}';
    expect(loadError(t).issues[0].message).toMatch(
      /^JSON syntax error: (value expected|close bracket expected)/,
    );
  });

  it('a comment or trailing comma is rejected even when the rest of the file is a valid world', () => {
    const valid = text(world());
    expect(() => load(valid)).not.toThrow();
    loadError(`// header\n${valid}`);
    loadError(valid.replace('"#####"\n', '"#####",\n'));
    loadError(valid.replace(/\n}$/, ',\n}'));
  });

  it('a non-object top level says an object was expected', () => {
    for (const t of ['[]', 'null', '42', '"snake-corridor"', 'true']) {
      const issue = issueAt(loadError(t), '');
      expect(issue.message).toMatch(/^expected an object, got /);
      expect(issue).toMatchObject({ line: 1, column: 1 });
    }
  });
});

describe('duplicate keys', () => {
  it('a repeated top-level key is rejected at the second occurrence', () => {
    const t = '{\n  "name": "x",\n  "map": ["A"],\n  "name": "y"\n}';
    const err = loadError(t);
    expect(err.issues).toEqual([{ path: '', message: 'duplicate key "name"', line: 4, column: 3 }]);
  });

  it('a repeated nested key is rejected at its object', () => {
    const t = '{\n  "name": "x",\n  "map": ["A"],\n  "rewards": { "step": 1,\n    "step": 2 }\n}';
    expect(loadError(t).issues).toEqual([
      { path: 'rewards', message: 'duplicate key "step"', line: 5, column: 5 },
    ]);
  });

  it('repeated tiles, unknowns and prior entries are rejected (each one would silently overwrite)', () => {
    const t =
      '{"name": "x", "map": ["As"], "legend": {"s": {"unknown": "u"}},\n' +
      ' "tiles": {"a": {"look": "q"}, "a": {"look": "r"}},\n' +
      ' "unknowns": {"u": {"prior": {"a": 0.5, "a": 0.5}}}}';
    const err = loadError(t);
    expect(issueAt(err, 'tiles')).toMatchObject({ message: 'duplicate key "a"', ...pos(t, '"a"', '"q"}') });
    expect(err.issues.filter((i) => i.path === 'unknowns.u.prior')).toEqual([
      // Whichever copy of "a" was meant, the prior sums to 0.5: that is reported too.
      expect.objectContaining({ message: 'probabilities must sum to 1, they sum to 0.5' }),
      { path: 'unknowns.u.prior', message: 'duplicate key "a"', ...pos(t, '"a"', '0.5') },
    ]);
    expect(pos(t, '"a"', '0.5')).toEqual({ line: 3, column: 41 });
  });

  it('errors that hold whichever copy was meant are still reported beside the duplicate', () => {
    const t =
      '{"name": "x", "map": ["As"], "legend": {"s": {"unknown": "u"}},\n' +
      ' "unknowns": {"u": {"prior": {"lava": 0.5, "floor": 0.5, "floor": 0.5}}}}';
    const messages = loadError(t).issues.map((i) => `${i.path}: ${i.message}`);
    expect(messages).toContain('unknowns.u.prior: duplicate key "floor"');
    expect(messages.some((m) => /^unknowns\.u\.prior: .*look/.test(m))).toBe(true);
  });

  it('errors that depend on which copy was meant are left to the duplicate', () => {
    // With the first copy gamma is 2 (wrong), with the last 0.9 (fine): only the duplicate is reported.
    const t = '{"name": "x", "map": ["A"], "gamma": 2, "gamma": 0.9}';
    expect(loadError(t).issues.map((i) => i.message)).toEqual(['duplicate key "gamma"']);
  });

  it('the rest of the file is still checked, and every error is listed in file order', () => {
    const t = '{\n  "name": "x",\n  "gamma": 2,\n  "map": ["A"],\n  "name": "y",\n  "slip": -1\n}';
    expect(loadError(t).issues).toEqual([
      expect.objectContaining({ path: 'gamma', line: 3 }),
      { path: '', message: 'duplicate key "name"', line: 5, column: 3 },
      expect.objectContaining({ path: 'slip', line: 6 }),
    ]);
  });

  it('a key repeated in sibling objects is not a duplicate', () => {
    expect(() => load(text(world()))).not.toThrow();
  });
});

describe('unknown fields', () => {
  it('a typo in a tile field ("walkabel") is reported at the field, naming it', () => {
    const t = '{\n  "name": "x",\n  "map": ["A"],\n  "tiles": {\n    "t": { "walkabel": false }\n  }\n}';
    const err = loadError(t);
    expect(err.issues).toEqual([
      { path: 'tiles.t.walkabel', message: 'unknown field "walkabel"', line: 5, column: 12 },
    ]);
  });

  const typos: [string, Record<string, unknown>, string][] = [
    ['top level', { gama: 0.9 }, 'gama'],
    ['rewards', { rewards: { stpe: -1 } }, 'rewards.stpe'],
    ['hiddenReward', { hiddenReward: { deaht: -1 } }, 'hiddenReward.deaht'],
    ['enter', { tiles: { live: { enter: { efect: 'death' } } } }, 'tiles.live.enter.efect'],
    ['leave', { tiles: { live: { leave: { to: 'A', rewrad: 1 } } } }, 'tiles.live.leave.rewrad'],
    ['poke', { tiles: { live: { poke: { sigal: 'hiss' } } } }, 'tiles.live.poke.sigal'],
    ['near', { tiles: { live: { near: { signal: 'x', prob: 0.5 } } } }, 'tiles.live.near.prob'],
    ['tile', { tiles: { live: { oneway: 'N' } } }, 'tiles.live.oneway'],
    [
      'unknown',
      { unknowns: { snake: { scope: 'each', prior: { 'live-snake': 1 }, priors: {} } } },
      'unknowns.snake.priors',
    ],
  ];
  for (const [where, extra, path] of typos) {
    it(`a typo in ${where} is reported at ${path}`, () => {
      const t = text(world(extra));
      const key = path.split('.').at(-1)!;
      const issue = issueAt(loadError(t), path);
      expect(issue.message).toBe(`unknown field "${key}"`);
      expect(issue).toMatchObject(pos(t, `"${key}"`));
    });
  }

  it('several unknown fields in one object are each reported at their own key', () => {
    const t = text({ name: 'x', map: ['A'], colour: 'red', size: 3 });
    const err = loadError(t);
    expect(issueAt(err, 'colour')).toMatchObject(pos(t, '"colour"'));
    expect(issueAt(err, 'size')).toMatchObject(pos(t, '"size"'));
  });

  it('an unknown effect, direction or risk effect lists the allowed values', () => {
    const t = text(
      world({
        tiles: { live: { enter: { effect: 'explode' }, oneWay: 'NE', poke: { riskEffect: 'pass' } } },
      }),
    );
    const err = loadError(t);
    expect(issueAt(err, 'tiles.live.enter.effect').message).toBe(
      'expected one of "pass", "death", "stuck", "goal", "teleport", got "explode"',
    );
    expect(issueAt(err, 'tiles.live.oneWay').message).toBe('expected one of "N", "E", "S", "W", got "NE"');
    expect(issueAt(err, 'tiles.live.poke.riskEffect').message).toBe(
      'expected one of "death", "stuck", got "pass"',
    );
  });

  it('wrong types in a tile say what was expected', () => {
    const t = text(world({ tiles: { live: { walkable: 'no', look: '', near: { p: 0.5 } } } }));
    const err = loadError(t);
    expect(issueAt(err, 'tiles.live.walkable').message).toBe('expected true or false, got "no"');
    expect(issueAt(err, 'tiles.live.look').message).toMatch(/>=1 character|at least|empty/i);
    expect(issueAt(err, 'tiles.live.near.signal').message).toMatch(/missing required field/);
  });
});

describe('legend', () => {
  it('a legend naming an undeclared tile is rejected at the legend entry', () => {
    const t = text({ name: 'x', map: ['Aq'], legend: { q: 'quicksand' } });
    const issue = issueAt(loadError(t), 'legend.q');
    expect(issue).toMatchObject(pos(t, '"q"', '"legend"'));
    expect(issue.message).toBe('unknown tile "quicksand" (not built in and not in "tiles")');
  });

  it('a legend naming an undeclared unknown is rejected at legend.<glyph>.unknown', () => {
    const t = text({ name: 'x', map: ['As'], legend: { s: { unknown: 'snake' } } });
    const issue = issueAt(loadError(t), 'legend.s.unknown');
    expect(issue).toMatchObject(pos(t, '"unknown"'));
    expect(issue.message).toBe('unknown "snake" is not declared in "unknowns"');
  });

  it('a legend key that is not a single glyph is rejected', () => {
    const t = text({ name: 'x', map: ['A'], legend: { ab: 'wall', '': 'floor' } });
    const err = loadError(t);
    expect(issueAt(err, 'legend.ab').message).toMatch(/single glyph.*"ab"/);
    expect(issueAt(err, 'legend.').message).toMatch(/single glyph/);
  });

  it('a legend value that is neither a tile name, { "unknown": id } nor { "theory": id, "role": r } says so', () => {
    const t = text({ name: 'x', map: ['A'], legend: { a: 5, b: '', c: { unknown: '' } } });
    const err = loadError(t);
    expect(issueAt(err, 'legend.a').message).toBe(
      'expected a tile name, { "unknown": id } or { "theory": id, "role": r }, got 5',
    );
    expect(issueAt(err, 'legend.b').message).toMatch(
      /expected a tile name|expected string to have >=1 characters/,
    );
    expect(err.issues.some((i) => i.path.startsWith('legend.c'))).toBe(true);
  });
});

describe('name', () => {
  for (const bad of [
    'Snake-Corridor',
    'snake_corridor',
    'snake corridor',
    '-snake',
    'snake-',
    'snake--corridor',
    '',
    'snäke',
  ]) {
    it(`name ${JSON.stringify(bad)} is rejected, asking for kebab-case`, () => {
      const t = text({ name: bad, map: ['A'] });
      const issue = issueAt(loadError(t), 'name');
      expect(issue).toMatchObject(pos(t, '"name"'));
      expect(issue.message).toMatch(/kebab-case/);
      expect(issue.message).toContain(`got ${JSON.stringify(bad)}`);
    });
  }

  it('kebab-case names with digits load', () => {
    for (const good of ['a', 'x1', '3x3', 'sutton-barto-4-1'])
      expect(load(text({ name: good, map: ['A'] })).name).toBe(good);
  });

  it('a missing or non-string name says it is required', () => {
    expect(issueAt(loadError(text({ map: ['A'] })), 'name').message).toBe(
      'missing required field (expected a string)',
    );
    expect(issueAt(loadError(text({ name: 7, map: ['A'] })), 'name').message).toBe(
      'expected a string, got 7',
    );
  });
});

describe('actions', () => {
  it('an unknown action name is rejected at its index, listing the nine actions', () => {
    const t = text({ name: 'x', map: ['A'], actions: ['N', 'jump'] });
    const issue = issueAt(loadError(t), 'actions[1]');
    expect(issue).toMatchObject(pos(t, '"jump"'));
    expect(issue.message).toBe(
      'expected one of "N", "E", "S", "W", "poke-N", "poke-E", "poke-S", "poke-W", "wait", got "jump"',
    );
  });

  it('lower-case and long direction names are not actions', () => {
    const err = loadError(text({ name: 'x', map: ['A'], actions: ['n', 'north', 'poke-n'] }));
    expect(err.issues.map((i) => i.path)).toEqual(['actions[0]', 'actions[1]', 'actions[2]']);
  });

  it('an empty list, a repeated action and a string are rejected', () => {
    expect(issueAt(loadError(text({ name: 'x', map: ['A'], actions: [] })), 'actions').message).toMatch(/1/);
    expect(
      issueAt(loadError(text({ name: 'x', map: ['A'], actions: ['N', 'N'] })), 'actions').message,
    ).toMatch(/repeat/);
    expect(issueAt(loadError(text({ name: 'x', map: ['A'], actions: 'N' })), 'actions').message).toBe(
      'expected an array, got "N"',
    );
  });

  it('a subset in any order loads as written', () => {
    expect(load(text({ name: 'x', map: ['A'], actions: ['wait', 'poke-E', 'S'] })).actions).toEqual([
      'wait',
      'poke-E',
      'S',
    ]);
  });
});

describe('the error names the file', () => {
  it('every line of the message starts with the source given to the loader', () => {
    const source = 'C:\\Users\\me\\worlds\\my world.json';
    const err = loadError(text({ name: 'Bad', map: ['A?'], gamma: 3 }), source);
    expect(err.file).toBe(source);
    for (const line of err.message.split('\n')) expect(line.startsWith(`${source}:`)).toBe(true);
  });

  it('validateEnvironment (no text) names the file without a line', () => {
    const err = validateError({ name: 'x', map: ['A', '..'] }, 'environments/module.ts');
    expect(err.message).toBe('environments/module.ts: map row 1: row has 2 cells but row 0 has 1');
    expect(err.issues[0].line).toBeUndefined();
  });

  it('syntax errors, duplicate keys and validation errors all name the file', () => {
    for (const t of ['{', '{"name": "x", "name": "y", "map": ["A"]}', '{"name": "x", "map": ["A."," "]}'])
      expect(loadError(t, 'named.json').message).toMatch(/^named\.json:\d+:\d+: /);
  });
});

describe('several independent errors are reported at once', () => {
  it('shape errors: every bad field in one error', () => {
    const t =
      '{\n  "name": "Bad Name",\n  "map": ["A"],\n  "gamma": 2,\n  "slip": 1,\n  "maxSteps": 0,\n  "walkabel": true\n}';
    const err = loadError(t);
    expect(err.issues.length).toBeGreaterThan(1);
    expect(err.issues.map((i) => [i.path, i.line])).toEqual(
      expect.arrayContaining([
        ['name', 2],
        ['gamma', 4],
        ['slip', 5],
        ['maxSteps', 6],
        ['walkabel', 7],
      ]),
    );
    expect(err.issues).toHaveLength(5);
  });

  it('cross-field errors: ragged row, unknown glyph, undeclared tile, bad prior, bad destination in one error', () => {
    const t = text({
      name: 'many-problems',
      map: ['A.sq?', '..', 'tt...'],
      legend: { s: { unknown: 'snake' }, q: 'quicksand', t: 'portal' },
      tiles: {
        portal: { enter: { effect: 'teleport', to: 'Z' } },
        'live-snake': { look: 'snake' },
        'dead-snake': { look: 'corpse' },
      },
      unknowns: { snake: { prior: { 'live-snake': 0.5, 'dead-snake': 0.4 } } },
    });
    const err = loadError(t);
    expect(err.issues.length).toBeGreaterThan(1);
    expect(issueAt(err, 'map[1]').mapRow).toBe(1);
    expect(issueAt(err, 'map[0]', 0, 4).message).toContain('"?"');
    expect(issueAt(err, 'legend.q').message).toMatch(/quicksand/);
    expect(issueAt(err, 'tiles.portal.enter.to').message).toMatch(/0 times/);
    const prior = err.issues.filter((i) => i.path === 'unknowns.snake.prior').map((i) => i.message);
    expect(prior).toEqual(
      expect.arrayContaining([expect.stringMatching(/sum to 1/), expect.stringMatching(/one look/)]),
    );
  });
});

/**
 * Loader bugs found while writing these tests. Each test states the input, what happens and what should.
 */
describe('loader bugs', () => {
  /** A loaded spec must be self-consistent: every unknown cell belongs to a declared unknown. */
  function expectConsistent(spec: EnvSpec): void {
    for (const [i, cell] of spec.cells.entries()) {
      if (cell.unknown === null) {
        expect(spec.tiles.has(cell.tile!), `cell ${i} tile ${cell.tile}`).toBe(true);
      } else {
        const u = spec.unknowns.find((v) => v.id === cell.unknown);
        expect(
          u,
          `cell ${i} names unknown "${cell.unknown}", which spec.unknowns does not hold`,
        ).toBeDefined();
        expect(u!.cells).toContain(i);
      }
    }
  }

  // Regression 1 (fixed; validate.ts, legend check `entry.unknown in unknownDefs`): `in` also sees Object.prototype,
  // so a legend entry { "unknown": "toString" } with no such unknown declared is accepted and the spec
  // has a cell whose unknown does not exist (cellLook and the truth draw then crash later).
  for (const id of ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__']) {
    it(`regression 1: a legend entry { "unknown": "${id}" } with no such unknown declared is rejected`, () => {
      const t = text({ name: 'x', map: ['As'], legend: { s: { unknown: id } } });
      const issue = issueAt(loadError(t), 'legend.s.unknown');
      expect(issue.message).toBe(`unknown "${id}" is not declared in "unknowns"`);
    });
  }

  // Regression 2 (fixed; zod record parse of "__proto__" keys): zod's record builds its output with
  // `out[key] = value`, so a "__proto__" key of legend, tiles, unknowns or prior is not kept: it
  // replaces the object's prototype (or is ignored) and is silently dropped from the file.
  it('regression 2a: an unknown declared as "__proto__" is either kept or rejected, never left dangling', () => {
    const t =
      '{"name": "x", "map": ["As"], "legend": {"s": {"unknown": "__proto__"}},' +
      ' "unknowns": {"__proto__": {"prior": {"floor": 1}}}}';
    let spec: EnvSpec | undefined;
    try {
      spec = loadEnvironmentText(t, SOURCE);
    } catch (e) {
      expect(e).toBeInstanceOf(EnvLoadError);
      expect((e as EnvLoadError).issues.some((i) => i.path.startsWith('unknowns.__proto__'))).toBe(true);
    }
    if (spec) expectConsistent(spec);
  });

  it('regression 2b: a tile declared as "__proto__" is either defined or rejected at tiles.__proto__', () => {
    const t =
      '{"name": "x", "map": ["At"], "legend": {"t": "__proto__"}, "tiles": {"__proto__": {"look": "odd"}}}';
    let spec: EnvSpec | undefined;
    try {
      spec = loadEnvironmentText(t, SOURCE);
    } catch (e) {
      expect(e).toBeInstanceOf(EnvLoadError);
      // Today: `legend.t: unknown tile "__proto__" (not built in and not in "tiles")`, though it is in "tiles".
      expect((e as EnvLoadError).issues.map((i) => i.path)).toContain('tiles.__proto__');
    }
    if (spec) expect(spec.tiles.get('__proto__')?.look).toBe('odd');
  });

  it('regression 2c: a legend key "__proto__" is rejected at legend.__proto__, not silently ignored', () => {
    const t = '{"name": "x", "map": ["A"], "legend": {"__proto__": "wall"}}';
    // Was: loads; the entry is silently ignored. Now every "__proto__" key is refused as reserved.
    expect(issueAt(loadError(t), 'legend.__proto__').message).toMatch(/"__proto__" is reserved/);
  });

  it('regression 2d: a prior entry "__proto__" is rejected at that entry, not dropped', () => {
    const t =
      '{"name": "x", "map": ["As"], "legend": {"s": {"unknown": "u"}}, "unknowns": {"u": {"prior": {"__proto__": 1}}}}';
    // Was: `unknowns.u.prior: expected at least one tile`, though the prior names one.
    expect(issueAt(loadError(t), 'unknowns.u.prior.__proto__').message).toMatch(/"__proto__" is reserved/);
  });

  // Regression 3 (fixed; load.ts, jsonc-parser's recursive descent and the recursive nodeValue): deeply nested JSON
  // overflows the stack and throws RangeError instead of EnvLoadError. From about 8000 levels parseTree
  // overflows; from about 2000 levels (a 4 kB file) the recursive nodeValue does.
  for (const [what, t] of [
    ['100000 unclosed [', '['.repeat(100_000)],
    ['20000 closed [ ]', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
    ['50000 nested objects', '{"a":'.repeat(50_000)],
    [
      '3000 nested arrays in a field (jsonc-parser copes, nodeValue in load.ts overflows)',
      `{"name": "x", "map": ["A"], "description": ${'['.repeat(3_000)}${']'.repeat(3_000)}}`,
    ],
  ] as const) {
    it(`regression 3: ${what} throws EnvLoadError, not RangeError`, () => {
      let caught: unknown;
      try {
        loadEnvironmentText(t, SOURCE);
      } catch (e) {
        caught = e;
      }
      expect((caught as Error)?.name).toBe('EnvLoadError');
      expect(caught).toBeInstanceOf(EnvLoadError);
    });
  }

  // Regression 4 (fixed; load.ts, makeLocator: `node.offset + 1 + mapColumn`): the text column of a map position
  // assumes one UTF-16 unit per glyph and no escapes, so after an escape sequence or an astral-plane
  // glyph (emoji) it points at the wrong character. Columns are UTF-16 units everywhere else.
  it('regression 4a: an unknown glyph after an escape sequence is located at the glyph in the text', () => {
    const t = '{\n  "name": "x",\n  "map": ["A\\u002e?"]\n}';
    expect(t.split('\n')[2]).toBe('  "map": ["A\\u002e?"]');
    const issue = issueAt(loadError(t), 'map[0]', 0, 2);
    expect(
      t
        .split('\n')[2]
        .slice(issue.column! - 1)
        .startsWith('?'),
    ).toBe(true);
    // Today: column 14 (the "u" of the escape); the "?" is at column 19.
    expect(issue).toMatchObject({ line: 3, column: 19 });
  });

  it('regression 4b: an unknown glyph after an emoji glyph is located at the glyph in the text', () => {
    const t = '{\n  "name": "x",\n  "legend": {"🐍": "lava"},\n  "map": ["A🐍?"]\n}';
    const issue = issueAt(loadError(t), 'map[0]', 0, 2);
    const line = t.split('\n')[3];
    expect(line.slice(issue.column! - 1).startsWith('?')).toBe(true);
    // Today: column 14 (the second half of the emoji); the "?" is at column 15.
    expect(issue).toMatchObject({ line: 4, column: 15 });
  });

  // Regression 5 (fixed; validate.ts zodIssueMessage, case invalid_union): a typo inside a legend entry object is not
  // reported at the field like every other unknown field; the union error hides it.
  it('regression 5: a typo in a legend entry ({ "unknwn": "snake" }) is reported at the field, naming it', () => {
    const t = text(world({ legend: { s: { unknwn: 'snake' } } }));
    // Today: `legend.s: expected a tile name or { "unknown": id }, got an object`.
    const issue = issueAt(loadError(t), 'legend.s.unknwn');
    expect(issue.message).toBe('unknown field "unknwn"');
    expect(issue).toMatchObject(pos(t, '"unknwn"'));
  });
});
