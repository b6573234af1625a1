/**
 * The world editor's document: the world file itself, as plain JSON (what Export saves), and the pure
 * operations the editor performs on it (painting cells, filling, resizing, adding, renaming and removing
 * tiles, unknowns and theories). No DOM here: tests/app/editor.test.ts covers it. Values a person typed
 * that the format refuses (a word where a number belongs) are kept as typed, so the loader's own error
 * can be shown next to the field; nothing here second-guesses the loader.
 */
import { BUILTIN_GLYPHS, BUILTIN_TILES } from '../../core/builtins.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A world file as JSON. `map` is the only field the painting tools need to be well formed. */
export type Doc = JsonObject;

export type PathPart = string | number;

/** A JSON path as the loader writes it in its errors: `tiles.snake.enter`, `map[3]`. */
export function pathText(path: readonly PathPart[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

export function isObject(v: Json | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function getPath(doc: Json, path: readonly PathPart[]): Json | undefined {
  let v: Json | undefined = doc;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? v[p as number] : (v as JsonObject)[p as string];
  }
  return v;
}

/**
 * Sets (or with `undefined` deletes) the value at `path`, creating objects on the way; objects left
 * empty by a deletion are removed too, so a cleared field leaves no `"enter": {}` behind.
 */
export function setPath(doc: JsonObject, path: readonly PathPart[], value: Json | undefined): void {
  if (path.length === 0) return;
  const parents: JsonObject[] = [doc];
  let o: JsonObject = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const k = String(path[i]);
    let next = o[k];
    if (!isObject(next)) {
      if (value === undefined) return;
      next = {};
      o[k] = next;
    }
    o = next;
    parents.push(o);
  }
  const last = String(path[path.length - 1]);
  if (value === undefined) delete o[last];
  else o[last] = value;
  if (value !== undefined) return;
  for (let i = parents.length - 1; i > 0; i--) {
    if (Object.keys(parents[i]).length > 0) break;
    delete parents[i - 1][String(path[i - 1])];
  }
}

/** The file's text as the editor saves it: two-space JSON, one map row per line, a final newline. */
export function docText(doc: Doc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The map as rows of glyphs (code points), or null when `map` is not a list of strings. */
export function mapRows(doc: Doc): string[][] | null {
  const map = doc.map;
  if (!Array.isArray(map) || !map.every((r) => typeof r === 'string')) return null;
  return (map as string[]).map((r) => Array.from(r));
}

export function mapSize(rows: readonly string[][]): { width: number; height: number } {
  return { width: rows.reduce((w, r) => Math.max(w, r.length), 0), height: rows.length };
}

/** What a glyph draws, as far as the document says (null fields where it does not say). */
export interface GlyphMeaning {
  glyph: string;
  kind: 'tile' | 'unknown' | 'theory' | 'undefined';
  /** The tile drawn (a known cell), or the unknown's or theory's id. */
  name: string;
  /** For a theory cell: its role. */
  role?: string;
  /** What the agent sees. */
  look: string | null;
}

function tileLook(doc: Doc, tile: string): string | null {
  const tiles = isObject(doc.tiles) ? doc.tiles : {};
  const def = tiles[tile];
  if (isObject(def)) return typeof def.look === 'string' ? def.look : tile;
  if (Object.hasOwn(BUILTIN_TILES, tile)) {
    const b = BUILTIN_TILES[tile];
    return b.look ?? tile;
  }
  return null;
}

export function glyphMeaning(doc: Doc, glyph: string): GlyphMeaning {
  const legend = isObject(doc.legend) ? doc.legend : {};
  const entry = Object.hasOwn(legend, glyph) ? legend[glyph] : undefined;
  if (entry === undefined) {
    const builtin = BUILTIN_GLYPHS[glyph];
    if (builtin) return { glyph, kind: 'tile', name: builtin, look: tileLook(doc, builtin) };
    return { glyph, kind: 'undefined', name: glyph, look: null };
  }
  if (typeof entry === 'string') return { glyph, kind: 'tile', name: entry, look: tileLook(doc, entry) };
  if (isObject(entry) && typeof entry.unknown === 'string') {
    const u = isObject(doc.unknowns) ? doc.unknowns[entry.unknown] : undefined;
    const first = isObject(u) && isObject(u.prior) ? Object.keys(u.prior)[0] : undefined;
    return { glyph, kind: 'unknown', name: entry.unknown, look: first ? tileLook(doc, first) : null };
  }
  if (isObject(entry) && typeof entry.theory === 'string' && typeof entry.role === 'string') {
    const t = isObject(doc.theories) ? doc.theories[entry.theory] : undefined;
    const hyps = isObject(t) && isObject(t.hypotheses) ? Object.values(t.hypotheses) : [];
    const first = hyps.find(isObject);
    const tile = first && isObject(first.tiles) ? first.tiles[entry.role] : undefined;
    return {
      glyph,
      kind: 'theory',
      name: entry.theory,
      role: entry.role,
      look: typeof tile === 'string' ? tileLook(doc, tile) : null,
    };
  }
  return { glyph, kind: 'undefined', name: glyph, look: null };
}

/** A brush: a glyph to paint, with what it draws. */
export interface Brush extends GlyphMeaning {
  label: string;
}

const BUILTIN_BRUSH_ORDER = ['#', '.', 'A', 'G', '~', 'O', '>', '<', '^', 'v'];

/** The glyphs a person can paint: the built-in ones, then the legend's. */
export function brushes(doc: Doc): Brush[] {
  const legend = isObject(doc.legend) ? doc.legend : {};
  const glyphs = [...BUILTIN_BRUSH_ORDER.filter((g) => !Object.hasOwn(legend, g)), ...Object.keys(legend)];
  return glyphs.map((g) => {
    const m = glyphMeaning(doc, g);
    const label =
      m.kind === 'unknown'
        ? `unknown ${m.name}`
        : m.kind === 'theory'
          ? `theory ${m.name}, role ${m.role}`
          : m.kind === 'undefined'
            ? `${g} (undefined)`
            : m.name;
    return { ...m, label };
  });
}

/** The cells (index y * width + x) of a rectangle between two cells, corners included. */
export function rectCells(a: number, b: number, width: number): number[] {
  const x0 = Math.min(a % width, b % width);
  const x1 = Math.max(a % width, b % width);
  const y0 = Math.min(Math.floor(a / width), Math.floor(b / width));
  const y1 = Math.max(Math.floor(a / width), Math.floor(b / width));
  const out: number[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) out.push(y * width + x);
  return out;
}

/** The cells on a straight line from a to b (Bresenham): a fast stroke leaves no gaps. */
export function lineCells(a: number, b: number, width: number): number[] {
  let x0 = a % width;
  let y0 = Math.floor(a / width);
  const x1 = b % width;
  const y1 = Math.floor(b / width);
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  const out: number[] = [];
  for (;;) {
    out.push(y0 * width + x0);
    if (x0 === x1 && y0 === y1) return out;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x0 += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y0 += sy;
    }
  }
}

/** The cells of the same glyph connected to `start` (4-neighbourhood). */
export function floodCells(rows: readonly string[][], start: number, width: number): number[] {
  const height = rows.length;
  const at = (c: number) => rows[Math.floor(c / width)]?.[c % width];
  const target = at(start);
  if (target === undefined) return [];
  const seen = new Uint8Array(width * height);
  const out: number[] = [];
  const stack = [start];
  seen[start] = 1;
  while (stack.length > 0) {
    const c = stack.pop()!;
    out.push(c);
    const x = c % width;
    const y = Math.floor(c / width);
    for (const [nx, ny] of [
      [x + 1, y],
      [x - 1, y],
      [x, y + 1],
      [x, y - 1],
    ]) {
      if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
      const n = ny * width + nx;
      if (seen[n] || at(n) !== target) continue;
      seen[n] = 1;
      stack.push(n);
    }
  }
  return out;
}

/** Whether painting `glyph` draws the start tile (there can be only one start). */
function drawsStart(doc: Doc, glyph: string): boolean {
  const m = glyphMeaning(doc, glyph);
  return m.kind === 'tile' && m.name === 'start';
}

/**
 * Paints `glyph` on `cells` of the map (in place, on an immer draft). Painting a start moves it: the old
 * start becomes floor. Returns the cells whose glyph changed (the old start included).
 */
export function paint(doc: Doc, cells: readonly number[], glyph: string): number[] {
  const rows = mapRows(doc);
  if (!rows || rows.length === 0 || cells.length === 0) return [];
  const { width } = mapSize(rows);
  let targets = cells;
  const changed: number[] = [];
  if (drawsStart(doc, glyph)) {
    // One start: the last cell of the stroke.
    targets = [cells[cells.length - 1]];
    rows.forEach((row, y) =>
      row.forEach((g, x) => {
        const c = y * width + x;
        if (c !== targets[0] && drawsStart(doc, g)) {
          row[x] = '.';
          changed.push(c);
        }
      }),
    );
  }
  for (const c of targets) {
    const y = Math.floor(c / width);
    const x = c % width;
    const row = rows[y];
    if (!row || x >= row.length || row[x] === glyph) continue;
    row[x] = glyph;
    changed.push(c);
  }
  if (changed.length === 0) return changed;
  const map = doc.map as string[];
  const dirtyRows = new Set(changed.map((c) => Math.floor(c / width)));
  for (const y of dirtyRows) map[y] = rows[y].join('');
  return changed;
}

/** Resizes the map to `width × height`, keeping its top-left part and filling new cells with `fill`. */
export function resizeMap(doc: Doc, width: number, height: number, fill = '.'): void {
  const rows = mapRows(doc) ?? [];
  const out: string[] = [];
  for (let y = 0; y < height; y++) {
    const row = rows[y] ?? [];
    let s = '';
    for (let x = 0; x < width; x++) s += row[x] ?? fill;
    out.push(s);
  }
  doc.map = out;
}

/** A new, valid world: a walled room with a start and a goal. */
export function blankWorld(width = 12, height = 8, name = 'my-world'): Doc {
  const map: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    for (let x = 0; x < width; x++)
      row += x === 0 || y === 0 || x === width - 1 || y === height - 1 ? '#' : '.';
    map.push(row);
  }
  const at = (x: number, y: number, g: string) => {
    map[y] = map[y].slice(0, x) + g + map[y].slice(x + 1);
  };
  at(1, 1, 'A');
  at(width - 2, height - 2, 'G');
  return {
    format: '1.1',
    name,
    title: 'My world',
    description: 'What it shows: … Traps: … Rewards: … Termination: …',
    map,
    rewards: { step: -1, goal: 10, death: -100 },
    gamma: 0.95,
    maxSteps: 100,
  };
}

/** Makes sure the document says it is format 1.1 (after `$schema`, if any, so it reads first). */
export function asFormat11(doc: Doc): Doc {
  if (doc.format === '1.1') return doc;
  const out: Doc = {};
  if ('$schema' in doc) out.$schema = doc.$schema;
  out.format = '1.1';
  for (const [k, v] of Object.entries(doc)) if (k !== '$schema' && k !== 'format') out[k] = v;
  return out;
}

const GLYPH_POOL = 'abcdefhijklmnopqrstuwxyzBCDEFHIJKLMNPQRSTUVWXYZ0123456789$%&*+=?@!';

/** A glyph that neither the legend nor the built-ins use, preferring `hint`'s first letter. */
export function freeGlyph(doc: Doc, hint = ''): string {
  const legend = isObject(doc.legend) ? doc.legend : {};
  const used = (g: string) => Object.hasOwn(legend, g) || Object.hasOwn(BUILTIN_GLYPHS, g);
  for (const g of [hint.slice(0, 1), hint.slice(0, 1).toUpperCase(), ...GLYPH_POOL])
    if (g && !used(g)) return g;
  for (let code = 0x3b1; ; code++) if (!used(String.fromCodePoint(code))) return String.fromCodePoint(code);
}

/** A name not yet used among `taken`, from `base` (`base`, `base-2`, …). */
export function freeName(base: string, taken: (name: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}-${i}`)) return `${base}-${i}`;
}

function objectAt(doc: Doc, key: string): JsonObject {
  let o = doc[key];
  if (!isObject(o)) {
    o = {};
    doc[key] = o;
  }
  return o;
}

const tileTaken = (doc: Doc) => (n: string) =>
  Object.hasOwn(BUILTIN_TILES, n) || (isObject(doc.tiles) && Object.hasOwn(doc.tiles, n));

/** Adds a tile kind (and a glyph to paint it with); returns its name. */
export function addTile(doc: Doc, base = 'tile'): string {
  const name = freeName(base, tileTaken(doc));
  objectAt(doc, 'tiles')[name] = { look: name };
  objectAt(doc, 'legend')[freeGlyph(doc, name)] = name;
  return name;
}

/**
 * Adds an unknown with two new tiles that look alike, one harmless and one deadly that a poke tells
 * apart, and a glyph for it: a working unknown to start from. Returns its id.
 */
export function addUnknown(doc: Doc, base = 'unknown'): string {
  const id = freeName(base, (n) => isObject(doc.unknowns) && Object.hasOwn(doc.unknowns, n));
  const safe = freeName(`safe-${id}`, tileTaken(doc));
  const tiles = objectAt(doc, 'tiles');
  tiles[safe] = { look: id, poke: { signal: 'thud' } };
  const trap = freeName(`deadly-${id}`, tileTaken(doc));
  tiles[trap] = { look: id, enter: { effect: 'death' }, poke: { signal: 'creak' } };
  objectAt(doc, 'unknowns')[id] = { scope: 'each', prior: { [safe]: 0.5, [trap]: 0.5 } };
  objectAt(doc, 'legend')[freeGlyph(doc, id)] = { unknown: id };
  return id;
}

/**
 * Adds a theory (format 1.1) with two hypotheses and two roles, a survivable hint and a deadly cell,
 * with their tiles and a glyph per role. Returns its id.
 */
export function addTheory(doc: Doc, base = 'theory'): string {
  const id = freeName(base, (n) => isObject(doc.theories) && Object.hasOwn(doc.theories, n));
  const tiles = objectAt(doc, 'tiles');
  const name = (s: string) => freeName(`${id}-${s}`, tileTaken(doc));
  const hintA = name('hint-a');
  tiles[hintA] = { look: `${id}-hint`, enter: { signal: 'splash' } };
  const hintB = name('hint-b');
  tiles[hintB] = { look: `${id}-hint` };
  const deadly = name('deadly');
  tiles[deadly] = { look: id, enter: { effect: 'death' } };
  const safe = name('safe');
  tiles[safe] = { look: id };
  objectAt(doc, 'theories')[id] = {
    hypotheses: {
      dangerous: { prior: 0.5, tiles: { hint: hintA, danger: deadly } },
      harmless: { prior: 0.5, tiles: { hint: hintB, danger: safe } },
    },
  };
  const legend = objectAt(doc, 'legend');
  legend[freeGlyph(doc, 'h')] = { theory: id, role: 'hint' };
  legend[freeGlyph(doc, id)] = { theory: id, role: 'danger' };
  return id;
}

/** Renames a tile everywhere the file names it (legend, priors, hypotheses, `set` lists). */
export function renameTile(doc: Doc, from: string, to: string): void {
  if (from === to) return;
  const tiles = isObject(doc.tiles) ? doc.tiles : null;
  if (tiles && Object.hasOwn(tiles, from)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(tiles)) out[k === from ? to : k] = v;
    doc.tiles = out;
  }
  const legend = isObject(doc.legend) ? doc.legend : {};
  for (const [g, v] of Object.entries(legend)) if (v === from) legend[g] = to;
  if (isObject(doc.unknowns))
    for (const u of Object.values(doc.unknowns))
      if (isObject(u) && isObject(u.prior) && Object.hasOwn(u.prior, from)) {
        const prior: JsonObject = {};
        for (const [k, v] of Object.entries(u.prior)) prior[k === from ? to : k] = v;
        u.prior = prior;
      }
  if (isObject(doc.theories))
    for (const t of Object.values(doc.theories))
      if (isObject(t) && isObject(t.hypotheses))
        for (const hyp of Object.values(t.hypotheses))
          if (isObject(hyp) && isObject(hyp.tiles))
            for (const [role, v] of Object.entries(hyp.tiles)) if (v === from) hyp.tiles[role] = to;
  if (isObject(doc.tiles))
    for (const t of Object.values(doc.tiles)) {
      if (!isObject(t)) continue;
      for (const part of ['enter', 'leave', 'poke']) {
        const p = t[part];
        if (isObject(p) && isObject(p.set))
          for (const [g, v] of Object.entries(p.set)) if (v === from) p.set[g] = to;
      }
    }
}

/** Renames an unknown or a theory (its legend entries follow). */
export function renameHidden(doc: Doc, kind: 'unknowns' | 'theories', from: string, to: string): void {
  if (from === to) return;
  const o = doc[kind];
  if (!isObject(o) || !Object.hasOwn(o, from)) return;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) out[k === from ? to : k] = v;
  doc[kind] = out;
  const field = kind === 'unknowns' ? 'unknown' : 'theory';
  if (isObject(doc.legend))
    for (const v of Object.values(doc.legend)) if (isObject(v) && v[field] === from) v[field] = to;
}

/** Removes an entry of `tiles`, `unknowns`, `theories` or `legend` (and the field if left empty). */
export function removeEntry(doc: Doc, kind: 'tiles' | 'unknowns' | 'theories' | 'legend', key: string): void {
  setPath(doc, [kind, key], undefined);
}

/** Parses `G=floor, here=gap` (a `set`); null when a part is not GLYPH=TILE. */
export function parseSet(text: string): JsonObject | null {
  const out: JsonObject = {};
  for (const part of text.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq <= 0 || eq === p.length - 1) return null;
    out[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
  }
  return out;
}

export function formatSet(set: Json | undefined): string {
  if (!isObject(set)) return '';
  return Object.entries(set)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

/** A number field's text as the file should hold it: a number when it is one, else the text as typed. */
export function numberValue(text: string): Json | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : t;
}
