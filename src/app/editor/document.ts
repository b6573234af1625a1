/**
 * The world editor's document: the world file itself, as plain JSON (what Export saves), and the pure
 * operations on its entries (a new world, adding, renaming and removing tiles, unknowns and theories).
 * The map's grid is map-grid.ts, what its glyphs mean glyphs.ts, JSON paths json.ts. No DOM here:
 * tests/app/editor.test.ts covers it. Nothing here second-guesses the loader.
 */
import { BUILTIN_TILES } from '../../core/builtins.ts';
import { freeGlyph } from './glyphs.ts';
import { isObject, renameKey, setPath, type JsonObject } from './json.ts';

/** A world file as JSON. `map` is the only field the painting tools need to be well formed. */
export type Doc = JsonObject;

/** The file's text as the editor saves it: two-space JSON, one map row per line, a final newline. */
export function docText(doc: Doc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
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
  if (isObject(doc.tiles) && Object.hasOwn(doc.tiles, from)) doc.tiles = renameKey(doc.tiles, from, to);
  const legend = isObject(doc.legend) ? doc.legend : {};
  for (const [g, v] of Object.entries(legend)) if (v === from) legend[g] = to;
  if (isObject(doc.unknowns))
    for (const u of Object.values(doc.unknowns))
      if (isObject(u) && isObject(u.prior) && Object.hasOwn(u.prior, from))
        u.prior = renameKey(u.prior, from, to);
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

/** Renames a glyph of the legend, and the map's cells drawn with it. */
export function renameGlyph(doc: Doc, from: string, to: string): void {
  doc.legend = renameKey(isObject(doc.legend) ? doc.legend : {}, from, to);
  if (Array.isArray(doc.map))
    doc.map = doc.map.map((r) =>
      typeof r === 'string'
        ? Array.from(r)
            .map((c) => (c === from ? to : c))
            .join('')
        : r,
    );
}

/** The legend entry's field that names an unknown or a theory. */
const LEGEND_FIELD = { unknowns: 'unknown', theories: 'theory' } as const;

/** Renames an unknown or a theory (its legend entries follow). */
export function renameHidden(doc: Doc, kind: 'unknowns' | 'theories', from: string, to: string): void {
  if (from === to) return;
  const o = doc[kind];
  if (!isObject(o) || !Object.hasOwn(o, from)) return;
  doc[kind] = renameKey(o, from, to);
  const field = LEGEND_FIELD[kind];
  if (isObject(doc.legend))
    for (const v of Object.values(doc.legend)) if (isObject(v) && v[field] === from) v[field] = to;
}

/** Removes an entry of `tiles`, `unknowns`, `theories` or `legend` (and the field if left empty). */
export function removeEntry(doc: Doc, kind: 'tiles' | 'unknowns' | 'theories' | 'legend', key: string): void {
  setPath(doc, [kind, key], undefined);
}

/** Removes an unknown or a theory, and the legend's glyphs that draw it. */
export function removeHidden(doc: Doc, kind: 'unknowns' | 'theories', id: string): void {
  removeEntry(doc, kind, id);
  const field = LEGEND_FIELD[kind];
  for (const [g, v] of Object.entries(isObject(doc.legend) ? doc.legend : {}))
    if (isObject(v) && v[field] === id) removeEntry(doc, 'legend', g);
}
