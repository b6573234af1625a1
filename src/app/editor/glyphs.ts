/**
 * What the glyphs of the editor's map mean: the tile, unknown or theory each draws (from the legend,
 * else the built-in glyphs), what the agent sees of it, the brushes a person paints with, and a glyph
 * still free for a new legend entry. Read only from the document, as far as it says; no DOM here.
 */
import { BUILTIN_GLYPHS, BUILTIN_TILES } from '../../core/builtins.ts';
import type { Doc } from './document.ts';
import { isObject } from './json.ts';

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

/** Whether a glyph's meaning is the start tile (there can be only one start). */
export function isStart(m: GlyphMeaning): boolean {
  return m.kind === 'tile' && m.name === 'start';
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

const GLYPH_POOL = 'abcdefhijklmnopqrstuwxyzBCDEFHIJKLMNPQRSTUVWXYZ0123456789$%&*+=?@!';

/** A glyph that neither the legend nor the built-ins use, preferring `hint`'s first letter. */
export function freeGlyph(doc: Doc, hint = ''): string {
  const legend = isObject(doc.legend) ? doc.legend : {};
  const used = (g: string) => Object.hasOwn(legend, g) || Object.hasOwn(BUILTIN_GLYPHS, g);
  for (const g of [hint.slice(0, 1), hint.slice(0, 1).toUpperCase(), ...GLYPH_POOL])
    if (g && !used(g)) return g;
  for (let code = 0x3b1; ; code++) if (!used(String.fromCodePoint(code))) return String.fromCodePoint(code);
}
