/**
 * Format version 1.1 (format page, "Version 1.1: theories and worlds that change"): the page's theory and
 * set snippets load, verbatim, inside small worlds and mean what the page says; every 1.1 error the page
 * lists is refused at its JSON path, with a line and column; a shape error in one tile or theory does
 * not cascade into unrelated errors; version 1 files keep loading, with or without `"format"`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvLoadError, type EnvIssue } from '../../src/core/errors.ts';
import { loadEnvironmentText } from '../../src/core/load.ts';
import { cellLook, type EnvSpec } from '../../src/core/spec.ts';
import { validateEnvironment } from '../../src/core/validate.ts';
import { trapworld } from '../cli/run-cli.ts';
import {
  SET_TILES_SNIPPET,
  SNAKE_CORRIDOR,
  THEORY_LAKE_SNIPPET,
  UNKNOWNS_SNIPPET,
} from '../fixtures/spec-examples.ts';

const SOURCE = 'worlds/v1-1.json';

function load(text: string): EnvSpec {
  return loadEnvironmentText(text, SOURCE);
}

/** Loads text that must be rejected; every issue has a line and column inside the text. */
function loadError(text: string): EnvLoadError {
  let caught: unknown;
  try {
    load(text);
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected loading to throw').toBeInstanceOf(EnvLoadError);
  const err = caught as EnvLoadError;
  const lines = text.split('\n');
  for (const issue of err.issues) {
    expect(issue.line, `issue ${issue.path} has a line`).toBeGreaterThanOrEqual(1);
    expect(issue.line!).toBeLessThanOrEqual(lines.length);
    expect(issue.column!).toBeGreaterThanOrEqual(1);
    expect(issue.column!).toBeLessThanOrEqual(lines[issue.line! - 1].length + 1);
    expect(err.message).toContain(`${SOURCE}:${issue.line}:${issue.column}: ${issue.path}: ${issue.message}`);
  }
  return err;
}

/** The one issue at `path`. */
function issueAt(err: EnvLoadError, path: string): EnvIssue {
  const found = err.issues.filter((i) => i.path === path);
  expect(found, `one issue at ${path}; got ${JSON.stringify(err.issues)}`).toHaveLength(1);
  return found[0];
}

/** 1-based line and column of `needle` in `text`, searching after `after` when given. */
function pos(text: string, needle: string, after?: string): { line: number; column: number } {
  const from = after === undefined ? 0 : text.indexOf(after);
  expect(from).toBeGreaterThanOrEqual(0);
  const offset = text.indexOf(needle, from + (after?.length ?? 0));
  expect(offset, `"${needle}" occurs in the text`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

const text = (obj: unknown): string => JSON.stringify(obj, null, 2);

/** The lake snippet, verbatim, in a small world: two shore cells, five deep cells. */
const LAKE_FILE = `{
  "name": "frozen-lake",
  "format": "1.1",
  "map": [
    "#######",
    "#Aeddd#",
    "#.eddG#",
    "#######"
  ],
${THEORY_LAKE_SNIPPET}
}`;

/**
 * The set snippet, verbatim, in a small world. The snippet's "ice-1" turns into "hole", which the
 * snippet does not define, so the world adds a "hole" tile inside the same `tiles` object.
 */
const HOLE = '  "hole":         { "look": "hole", "enter": { "effect": "stuck" } }\n';
const SET_FILE_WITHOUT_HOLE = `{
  "name": "changing-world",
  "format": "1.1",
  "map": [
    "#########",
    "#Ap2l.DG#",
    "#..k....#",
    "#########"
  ],
  "legend": { "p": "rotten-plank", "2": "ice-2", "l": "lever", "k": "lock-panel", "D": "wall" },
${SET_TILES_SNIPPET}
}`;
const SET_FILE = SET_FILE_WITHOUT_HOLE.replace(/\n}\n}$/, `,\n${HOLE}}\n}`);

type Loose = Record<string, unknown>;
type Hypothesis = { prior: unknown; tiles: Loose } & Loose;
type Theory = { hypotheses: Record<string, Hypothesis> } & Loose;
/** The lake world as the rejection cases edit it: any field may be replaced, added or deleted. */
interface LakeFile {
  map: string[];
  legend: Loose;
  tiles: Record<string, Loose>;
  theories: Record<string, Theory>;
  [field: string]: unknown;
}

/** The lake world as an object, for the rejection cases. */
function lake(): LakeFile {
  return JSON.parse(LAKE_FILE) as LakeFile;
}

describe('version 1 files and the format field', () => {
  it('the whole-file example loads the same with "format": "1", "format": "1.1" and without', () => {
    const plain = load(SNAKE_CORRIDOR);
    for (const version of ['1', '1.1']) {
      const withFormat = SNAKE_CORRIDOR.replace('"name"', `"format": "${version}",\n  "name"`);
      expect(withFormat).toContain(`"format": "${version}"`);
      expect(load(withFormat)).toEqual(plain);
    }
    expect(plain.theories).toEqual([]);
    expect(plain.cells.every((c) => c.theory === null && c.role === null)).toBe(true);
  });

  it('the unknowns snippet loads inside a 1.1 file beside a theory', () => {
    const t = `{
  "name": "snakes-and-lake",
  "format": "1.1",
  "map": ["AsiedG"],
  "legend": {
    "s": { "unknown": "snake" }, "i": { "unknown": "ice" },
    "e": { "theory": "lake", "role": "shore" }, "d": { "theory": "lake", "role": "deep" }
  },
  "tiles": {
    "live-snake": { "look": "snake", "enter": { "effect": "death" } }, "dead-snake": { "look": "snake" },
    "thin-ice": { "look": "ice" }, "thick-ice": { "look": "ice" },
    "a": { "look": "x" }, "b": { "look": "x" }
  },
  "theories": { "lake": { "hypotheses": {
    "h1": { "prior": 0.5, "tiles": { "shore": "a", "deep": "b" } },
    "h2": { "prior": 0.5, "tiles": { "shore": "b", "deep": "a" } }
  } } },
  ${UNKNOWNS_SNIPPET}
}`;
    const spec = load(t);
    expect(spec.unknowns.map((u) => [u.id, u.cells])).toEqual([
      ['snake', [1]],
      ['ice', [2]],
    ]);
    expect(spec.theories[0].roles).toEqual([
      { name: 'shore', look: 'x', cells: [3] },
      { name: 'deep', look: 'x', cells: [4] },
    ]);
  });

  it('another format version, or a number, is refused at format, listing the versions', () => {
    for (const bad of ['2', 1.1, '1.0']) {
      const t = text({ format: bad, name: 'x', map: ['A'] });
      expect(issueAt(loadError(t), 'format')).toMatchObject({
        message: `expected one of "1", "1.1", got ${typeof bad === 'string' ? `"${bad}"` : bad}`,
        ...pos(t, '"format"'),
      });
    }
  });
});

describe('the theory example (the lake)', () => {
  const spec = load(LAKE_FILE);

  it('has one theory with its description, roles in the order written, and their cells row-major', () => {
    expect(spec.theories).toEqual([
      {
        id: 'lake',
        description: "All the lake's ice formed in the same frost.",
        roles: [
          { name: 'shore', look: 'shore-ice', cells: [9, 16] },
          { name: 'deep', look: 'ice', cells: [10, 11, 12, 17, 18] },
        ],
        hypotheses: [
          { name: 'thin', p: 0.4, tiles: { shore: 'thin-shore', deep: 'thin-deep' } },
          { name: 'thick', p: 0.6, tiles: { shore: 'thick-shore', deep: 'thick-deep' } },
        ],
      },
    ]);
  });

  it('draws role cells as hidden cells of the theory, seen with the role look', () => {
    expect(spec.cells[9]).toEqual({ glyph: 'e', tile: null, unknown: null, theory: 'lake', role: 'shore' });
    expect(spec.cells[18]).toEqual({ glyph: 'd', tile: null, unknown: null, theory: 'lake', role: 'deep' });
    expect(spec.cells[8]).toEqual({ glyph: 'A', tile: 'start', unknown: null, theory: null, role: null });
    expect(cellLook(spec, 9)).toBe('shore-ice');
    expect(cellLook(spec, 10)).toBe('ice');
    expect(spec.unknowns).toEqual([]);
  });

  it('keeps the tiles as written', () => {
    expect(spec.tiles.get('thin-shore')!.enter).toEqual({
      effect: 'pass',
      reward: -5,
      to: null,
      signal: 'splash',
      set: [],
    });
    expect(spec.tiles.get('thin-deep')!.enter.effect).toBe('death');
  });

  it('loads the same from the parsed object (TypeScript module path)', () => {
    expect(validateEnvironment(JSON.parse(LAKE_FILE), SOURCE)).toEqual(spec);
  });

  it('hypotheses and roles keep the order of the text, even when their names are digits', () => {
    const t = `{
  "name": "digits",
  "map": ["A21"],
  "legend": { "1": { "theory": "t", "role": "1" }, "2": { "theory": "t", "role": "2" } },
  "theories": { "t": { "hypotheses": {
    "9": { "prior": 0.5, "tiles": { "2": "floor", "1": "lava" } },
    "3": { "prior": 0.5, "tiles": { "1": "lava", "2": "start" } }
  } } }
}`;
    const [theory] = load(t).theories;
    expect(theory.hypotheses.map((h) => h.name)).toEqual(['9', '3']);
    expect(theory.roles).toEqual([
      { name: '2', look: 'floor', cells: [1] },
      { name: '1', look: 'lava', cells: [2] },
    ]);
  });

  it('three hypotheses, a role drawn by two glyphs and a theory beside another load', () => {
    const file = lake();
    file.theories.lake.hypotheses = {
      thin: { prior: 0.25, tiles: { shore: 'thin-shore', deep: 'thin-deep' } },
      mixed: { prior: 0.25, tiles: { shore: 'thick-shore', deep: 'thin-deep' } },
      thick: { prior: 0.5, tiles: { shore: 'thick-shore', deep: 'thick-deep' } },
    };
    file.legend.f = { theory: 'lake', role: 'shore' };
    file.legend.w = { theory: 'wind', role: 'gust' };
    file.theories.wind = {
      hypotheses: {
        calm: { prior: 1, tiles: { gust: 'floor' } },
        gusty: { prior: 0, tiles: { gust: 'start' } },
      },
    };
    file.map = ['#######', '#Aeddf#', '#.wddG#', '#######'];
    const s = load(text(file));
    expect(s.theories.map((t) => t.id)).toEqual(['lake', 'wind']);
    expect(s.theories[0].roles[0].cells).toEqual([9, 12]);
    expect(s.theories[0].hypotheses.map((h) => h.name)).toEqual(['thin', 'mixed', 'thick']);
    expect(s.theories[1].roles).toEqual([{ name: 'gust', look: 'floor', cells: [16] }]);
  });
});

describe('the set example (tiles that change the world)', () => {
  const spec = load(SET_FILE);

  it('loads each change list in written order, with leave.to null for a leave that only sets', () => {
    expect(spec.tiles.get('rotten-plank')!.leave).toEqual({
      to: null,
      reward: 0,
      set: [{ target: 'here', tile: 'gap' }],
    });
    expect(spec.tiles.get('gap')!.enter.effect).toBe('death');
    expect(spec.tiles.get('lever')).toMatchObject({
      walkable: false,
      poke: { signal: 'clunk', risk: 0, riskEffect: 'death', set: [{ target: 'D', tile: 'floor' }] },
    });
    expect(spec.tiles.get('lock-panel')!.enter).toEqual({
      effect: 'pass',
      reward: 0,
      to: null,
      signal: null,
      set: [{ target: 'D', tile: 'wall' }],
    });
    expect(spec.tiles.get('ice-2')!.leave!.set).toEqual([{ target: 'here', tile: 'ice-1' }]);
    expect(spec.tiles.get('ice-1')!.leave!.set).toEqual([{ target: 'here', tile: 'hole' }]);
    expect(spec.tiles.get('lock-panel')!.leave).toBeNull();
    expect(spec.tiles.get('floor')!.enter.set).toEqual([]);
    expect(spec.tiles.get('floor')!.poke.set).toEqual([]);
  });

  it('a set may name several glyphs and here, kept in the order written (digit glyphs too)', () => {
    // Written as text: a JavaScript object literal would already list "1" and "2" before "here".
    const t = `{
  "name": "order",
  "map": ["Ax12"],
  "legend": { "x": "switch", "1": "floor", "2": "floor" },
  "tiles": { "switch": { "enter": { "set": { "here": "wall", "2": "lava", "1": "pit" } } } }
}`;
    const want = [
      { target: 'here', tile: 'wall' },
      { target: '2', tile: 'lava' },
      { target: '1', tile: 'pit' },
    ];
    expect(load(t).tiles.get('switch')!.enter.set).toEqual(want);
    expect(
      load(text({ name: 'o', map: ['A'], tiles: { s: { poke: { set: {} } } } })).tiles.get('s')!.poke.set,
    ).toEqual([]);
  });

  it('a leave with both to and set loads', () => {
    const t = text({
      name: 'both',
      map: ['AjX'],
      legend: { j: 'jump', X: 'floor' },
      tiles: { jump: { leave: { to: 'X', reward: 1, set: { here: 'lava' } } } },
    });
    expect(load(t).tiles.get('jump')!.leave).toEqual({
      to: 'X',
      reward: 1,
      set: [{ target: 'here', tile: 'lava' }],
    });
  });
});

describe('1.1 errors, each at its JSON path with line and column', () => {
  it('a role missing from a hypothesis: theories.lake.hypotheses.thick.tiles.deep', () => {
    const file = lake();
    delete file.theories.lake.hypotheses.thick.tiles.deep;
    const t = text(file);
    const err = loadError(t);
    expect(err.issues).toHaveLength(1);
    expect(issueAt(err, 'theories.lake.hypotheses.thick.tiles.deep')).toMatchObject({
      message:
        'missing role "deep": every hypothesis gives a tile for every role (hypothesis "thin" gives one)',
      // A missing field is located at the object that lacks it.
      ...pos(t, '{', '"thick": {\n          "prior": 0.6,\n          "tiles": '),
    });
  });

  it('a hypothesis naming a role the others do not have: the others miss it, and no cell draws it', () => {
    const file = lake();
    file.theories.lake.hypotheses.thick.tiles.middle = 'thick-deep';
    const err = loadError(text(file));
    expect(err.issues.map((i) => [i.path, i.message])).toEqual([
      [
        'theories.lake.hypotheses.thin.tiles.middle',
        'missing role "middle": every hypothesis gives a tile for every role (hypothesis "thick" gives one)',
      ],
      [
        'theories.lake.hypotheses.thin.tiles.middle',
        'role "middle" of theory "lake" is drawn nowhere: no cell of the map is drawn as { "theory": "lake", "role": "middle" }',
      ],
    ]);
  });

  it('a tile naming no tile kind: theories.lake.hypotheses.thin.tiles.deep', () => {
    const file = lake();
    file.theories.lake.hypotheses.thin.tiles.deep = 'thin-deeep';
    const t = text(file);
    const err = loadError(t);
    expect(err.issues).toHaveLength(1);
    expect(issueAt(err, 'theories.lake.hypotheses.thin.tiles.deep')).toMatchObject({
      message: 'unknown tile "thin-deeep" (not built in and not in "tiles")',
      ...pos(t, '"deep"', '"thin": {'),
    });
  });

  it('looks that differ within a role: at the first hypothesis whose tile looks different', () => {
    const file = lake();
    file.tiles['thick-deep'].look = 'water';
    const t = text(file);
    const err = loadError(t);
    expect(err.issues).toHaveLength(1);
    expect(issueAt(err, 'theories.lake.hypotheses.thick.tiles.deep')).toMatchObject({
      message:
        'role "deep" must look the same in every hypothesis so they cannot be told apart by sight, got looks "ice" (thin), "water" (thick)',
      ...pos(t, '"deep"', '"thick": {'),
    });
  });

  it('priors that do not sum to 1: theories.lake.hypotheses', () => {
    const file = lake();
    file.theories.lake.hypotheses.thick.prior = 0.5;
    const t = text(file);
    const err = loadError(t);
    expect(err.issues).toHaveLength(1);
    expect(issueAt(err, 'theories.lake.hypotheses')).toMatchObject({
      message: 'priors must sum to 1, they sum to 0.9',
      ...pos(t, '"hypotheses"'),
    });
  });

  it('priors off by 1e-10 pass (tolerance 1e-9)', () => {
    const file = lake();
    file.theories.lake.hypotheses.thick.prior = 0.6 + 1e-10;
    expect(() => load(text(file))).not.toThrow();
  });

  it('no hypotheses: theories.lake.hypotheses, and nothing else about the theory', () => {
    const file = lake();
    file.theories.lake.hypotheses = {};
    const err = loadError(text(file));
    expect(err.issues).toHaveLength(1);
    expect(issueAt(err, 'theories.lake.hypotheses').message).toBe('expected at least one hypothesis');
  });

  it('a hypothesis with no roles: at its tiles', () => {
    const file = lake();
    file.theories.lake.hypotheses = { only: { prior: 1, tiles: {} } };
    const err = loadError(text(file));
    expect(issueAt(err, 'theories.lake.hypotheses.only.tiles').message).toBe(
      'expected at least one role (role name → tile name)',
    );
    expect(err.issues).toHaveLength(1);
  });

  it('a legend entry naming a theory that does not exist: legend.e.theory', () => {
    const file = lake();
    file.legend.e = { theory: 'pond', role: 'shore' };
    file.map[2] = '#.dddG#';
    const t = text(file);
    const err = loadError(t);
    expect(issueAt(err, 'legend.e.theory')).toMatchObject({
      message: 'theory "pond" is not declared in "theories"',
      ...pos(t, '"theory"'),
    });
    // The lake's shore is now drawn nowhere: that is a second, real, error.
    expect(issueAt(err, 'theories.lake.hypotheses.thin.tiles.shore').message).toMatch(/drawn nowhere/);
  });

  it('a legend entry naming a role that does not exist: legend.e.role', () => {
    const file = lake();
    file.legend.f = { theory: 'lake', role: 'beach' };
    const t = text(file);
    const err = loadError(t);
    expect(err.issues).toHaveLength(1);
    expect(issueAt(err, 'legend.f.role')).toMatchObject({
      message: 'theory "lake" has no role "beach" (its roles: "shore", "deep")',
      ...pos(t, '"role": "beach"'),
    });
  });

  it('a theory that no cell draws: theories.lake', () => {
    const file = lake();
    file.map = ['#####', '#A.G#', '#####'];
    const t = text(file);
    const err = loadError(t);
    expect(err.issues).toHaveLength(1);
    expect(issueAt(err, 'theories.lake')).toMatchObject({
      message:
        'theory "lake" is drawn nowhere: no cell of the map is drawn as one of its roles (a legend entry { "theory": "lake", "role": … })',
      ...pos(t, '"lake"', '"theories"'),
    });
  });

  it('a role that no cell draws: at the role in the first hypothesis', () => {
    const file = lake();
    file.map = ['#####', '#AeG#', '#####'];
    const t = text(file);
    const err = loadError(t);
    expect(err.issues).toHaveLength(1);
    expect(issueAt(err, 'theories.lake.hypotheses.thin.tiles.deep')).toMatchObject({
      message:
        'role "deep" of theory "lake" is drawn nowhere: no cell of the map is drawn as { "theory": "lake", "role": "deep" }',
      ...pos(t, '"deep"', '"thin": {'),
    });
  });

  it('a set glyph that the map does not draw: tiles.lever.poke.set.D', () => {
    const t = SET_FILE.replace('.DG', '.#G');
    const err = loadError(t);
    expect(err.issues.map((i) => i.path)).toEqual(['tiles.lever.poke.set.D', 'tiles.lock-panel.enter.set.D']);
    expect(issueAt(err, 'tiles.lever.poke.set.D')).toMatchObject({
      message: '"D" is not drawn in the map (a set names glyphs of the map, or "here" for the cell itself)',
      ...pos(t, '"D"', '"lever": '),
    });
  });

  it('a set tile that names no tile kind: the snippet without "hole" is refused at tiles.ice-1.leave.set.here', () => {
    const t = SET_FILE_WITHOUT_HOLE;
    const err = loadError(t);
    expect(err.issues).toHaveLength(1);
    expect(issueAt(err, 'tiles.ice-1.leave.set.here')).toMatchObject({
      message: 'unknown tile "hole" (not built in and not in "tiles")',
      ...pos(t, '"here"', '"ice-1"'),
    });
  });

  it('a leave with neither to nor set is refused at leave.to', () => {
    const t = text({
      name: 'x',
      map: ['Aj'],
      legend: { j: 'jump' },
      tiles: { jump: { leave: { reward: 2 } } },
    });
    expect(issueAt(loadError(t), 'tiles.jump.leave.to').message).toBe(
      'missing required field: a leave needs "to" (the glyph of the destination cell) or "set" (the cells it changes)',
    );
  });

  it('unknown fields in a theory, a hypothesis and a theory legend entry are refused, naming the field', () => {
    const file = lake();
    file.theories.lake.descripton = 'typo';
    file.theories.lake.hypotheses.thin.prio = 0.4;
    const t = text(file);
    const err = loadError(t);
    expect(issueAt(err, 'theories.lake.descripton')).toMatchObject({
      message: 'unknown field "descripton"',
      ...pos(t, '"descripton"'),
    });
    expect(issueAt(err, 'theories.lake.hypotheses.thin.prio').message).toBe('unknown field "prio"');
    // The theory is damaged: its own cross-checks (and the legend's references to it) are not run.
    expect(err.issues).toHaveLength(2);

    const entry = lake();
    entry.legend.e = { theory: 'lake', rol: 'shore' };
    const t2 = text(entry);
    const err2 = loadError(t2);
    expect(issueAt(err2, 'legend.e.rol')).toMatchObject({
      message: 'unknown field "rol"',
      ...pos(t2, '"rol"'),
    });
    expect(issueAt(err2, 'legend.e.role').message).toMatch(/missing required field/);
    expect(err2.issues.map((i) => i.path).sort()).toEqual(['legend.e.role', 'legend.e.rol'].sort());
  });

  it('wrong shapes say what was expected', () => {
    const file = lake();
    file.theories.lake.hypotheses.thin.prior = 1.5;
    file.theories.lake.hypotheses.thick.tiles.deep = 7;
    file.tiles.lever = { poke: { set: { D: '' } } };
    const err = loadError(text(file));
    expect(issueAt(err, 'theories.lake.hypotheses.thin.prior').message).toBe(
      'expected a number at most 1, got 1.5',
    );
    expect(issueAt(err, 'theories.lake.hypotheses.thick.tiles.deep').message).toBe(
      'expected a string, got 7',
    );
    expect(issueAt(err, 'tiles.lever.poke.set.D').message).toBe('expected a tile name, got an empty string');
    expect(err.issues).toHaveLength(3);
  });

  it('a theory legend entry that is not an object or string says all three shapes', () => {
    const file = lake();
    file.legend.e = ['lake', 'shore'];
    expect(issueAt(loadError(text(file)), 'legend.e').message).toBe(
      'expected a tile name, { "unknown": id } or { "theory": id, "role": r }, got an array',
    );
  });

  it('validate on the command line refuses a bad 1.1 file with exit code 2 and the JSON path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-11-'));
    const file = join(dir, 'bad-lake.json');
    const bad = lake();
    bad.theories.lake.hypotheses.thin.tiles.deep = 'thin-deeep';
    const t = text(bad);
    writeFileSync(file, t);
    const r = trapworld(['validate', file]);
    expect(r.code).toBe(2);
    const { line, column } = pos(t, '"deep"', '"thin": {');
    expect(r.stderr).toContain(
      `${file}:${line}:${column}: theories.lake.hypotheses.thin.tiles.deep: unknown tile "thin-deeep"`,
    );
    writeFileSync(join(dir, 'lake.json'), LAKE_FILE);
    expect(trapworld(['validate', join(dir, 'lake.json')]).code).toBe(0);
  });
});

describe('no cascades: a shape error is reported alone', () => {
  const snakeWorld = (dead: Record<string, unknown>) =>
    text({
      name: 'snake',
      map: ['AsG'],
      legend: { s: { unknown: 'snake' } },
      tiles: { 'live-snake': { look: 'snake', enter: { effect: 'death' } }, 'dead-snake': dead },
      unknowns: { snake: { prior: { 'live-snake': 0.5, 'dead-snake': 0.5 } } },
    });

  it('an unknown field in an unknown’s variant does not also report "variants must share one look"', () => {
    const t = snakeWorld({ look: 'snake', walkabel: false });
    const err = loadError(t);
    expect(err.issues).toEqual([
      { path: 'tiles.dead-snake.walkabel', message: 'unknown field "walkabel"', ...pos(t, '"walkabel"') },
    ]);
  });

  it('a bad field elsewhere in the variant does not either; a bad look itself is its own error only', () => {
    expect(loadError(snakeWorld({ look: 'snake', poke: { risk: 2 } })).issues.map((i) => i.path)).toEqual([
      'tiles.dead-snake.poke.risk',
    ]);
    // With the look itself broken there is no look to keep; the shape error is still reported.
    const err = loadError(snakeWorld({ look: 5 }));
    expect(issueAt(err, 'tiles.dead-snake.look').message).toBe('expected a string, got 5');
  });

  it('an unknown field in a theory role’s tile does not report looks that differ within the role', () => {
    const file = lake();
    file.tiles['thick-deep'] = { look: 'ice', colour: 'blue' };
    const t = text(file);
    expect(loadError(t).issues).toEqual([
      { path: 'tiles.thick-deep.colour', message: 'unknown field "colour"', ...pos(t, '"colour"') },
    ]);
  });

  it('an error in one theory does not cascade, and the rest of the file is still checked', () => {
    const file = lake();
    file.theories.lake.hypotheses.thin.prior = '0.4';
    file.legend.q = 'quicksand';
    file.map[1] = '#Aeddq#';
    file.theories.wind = { hypotheses: { calm: { prior: 0.5, tiles: { gust: 'floor' } } } };
    file.legend.w = { theory: 'wind', role: 'gust' };
    file.map[2] = '#.ewdG#';
    const err = loadError(text(file));
    expect(err.issues.map((i) => i.path)).toEqual([
      'legend.q',
      'theories.lake.hypotheses.thin.prior',
      'theories.wind.hypotheses',
    ]);
    expect(issueAt(err, 'theories.lake.hypotheses.thin.prior').message).toBe('expected a number, got "0.4"');
    expect(issueAt(err, 'theories.wind.hypotheses').message).toBe('priors must sum to 1, they sum to 0.5');
  });

  it('theories that are not an object: one error, no legend errors about its theories', () => {
    const file = lake();
    (file as Loose).theories = ['lake'];
    const err = loadError(text(file));
    expect(err.issues.map((i) => i.path)).toEqual(['theories']);
  });
});
