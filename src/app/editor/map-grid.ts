/**
 * The editor's map as a grid of glyphs: its rows (as code points), its size, the cells a line, a
 * rectangle or a fill covers, and the edits the painting tools make to it (paint, resize). Cells are
 * numbered y * width + x, as everywhere in the app. Pure: tests/app/editor.test.ts covers it.
 */
import type { Doc } from './document.ts';
import { glyphMeaning, isStart } from './glyphs.ts';

/** The most cells a map the editor paints and resizes may have (256 × 256). */
export const MAX_CELLS = 256 * 256;

/** The map as rows of glyphs (code points), or null when `map` is not a list of strings. */
export function mapRows(doc: Doc): string[][] | null {
  const map = doc.map;
  if (!Array.isArray(map) || !map.every((r) => typeof r === 'string')) return null;
  return (map as string[]).map((r) => Array.from(r));
}

export function mapSize(rows: readonly string[][]): { width: number; height: number } {
  return { width: rows.reduce((w, r) => Math.max(w, r.length), 0), height: rows.length };
}

/**
 * The glyph at cell `c` of a map `width` cells wide, as `mapRows(doc)?.[y]?.[x]` reads it, without
 * splitting every row of the map to read one cell.
 */
export function glyphAt(doc: Doc, c: number, width: number): string | undefined {
  const map = doc.map;
  if (!Array.isArray(map) || !map.every((r) => typeof r === 'string')) return undefined;
  const row = map[Math.floor(c / width)] as string | undefined;
  return row === undefined ? undefined : Array.from(row)[c % width];
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

/** The four neighbours' offsets (made once, not once per cell of a fill). */
const NEIGHBOURS = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
] as const;

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
    for (const [dx, dy] of NEIGHBOURS) {
      const nx = x + dx;
      const ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
      const n = ny * width + nx;
      if (seen[n] || at(n) !== target) continue;
      seen[n] = 1;
      stack.push(n);
    }
  }
  return out;
}

/**
 * Paints `glyph` on `cells` of the map (in place, on an immer draft). Painting a start moves it: the old
 * start becomes floor. Returns the cells whose glyph changed (the old start included).
 */
export function paint(doc: Doc, cells: readonly number[], glyph: string): number[] {
  const rows = mapRows(doc);
  if (!rows || rows.length === 0 || cells.length === 0) return [];
  const { width } = mapSize(rows);
  // Whether a glyph draws the start, asked once per glyph rather than once per cell of the map.
  const starts = new Map<string, boolean>();
  const drawsStart = (g: string) => {
    let s = starts.get(g);
    if (s === undefined) starts.set(g, (s = isStart(glyphMeaning(doc, g))));
    return s;
  };
  let targets = cells;
  const changed: number[] = [];
  if (drawsStart(glyph)) {
    // One start: the last cell of the stroke.
    targets = [cells[cells.length - 1]];
    rows.forEach((row, y) =>
      row.forEach((g, x) => {
        const c = y * width + x;
        if (c !== targets[0] && drawsStart(g)) {
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
