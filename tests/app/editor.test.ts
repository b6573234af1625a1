/**
 * The world editor's document and history (src/app/editor): painting, filling, moving the start,
 * resizing, adding and renaming tiles, unknowns and theories, undo and redo with immer patches. What the
 * editor builds is checked with the engine's own loader.
 */
import { describe, expect, it } from 'vitest';
import { loadEnvironmentText } from '../../src/core/load.ts';
import {
  addTheory,
  addTile,
  addUnknown,
  asFormat11,
  blankWorld,
  docText,
  renameHidden,
  renameTile,
  type Doc,
} from '../../src/app/editor/document.ts';
import { brushes, freeGlyph, glyphMeaning } from '../../src/app/editor/glyphs.ts';
import { formatSet, numberValue, parseSet, setPath } from '../../src/app/editor/json.ts';
import {
  floodCells,
  lineCells,
  mapRows,
  paint,
  rectCells,
  resizeMap,
} from '../../src/app/editor/map-grid.ts';
import { DocHistory } from '../../src/app/editor/history.ts';

const load = (doc: Doc) => loadEnvironmentText(docText(doc), `${String(doc.name)}.json`);

describe('the editor document', () => {
  it('starts from a valid format-1.1 world', () => {
    const doc = blankWorld(6, 4);
    expect(doc.format).toBe('1.1');
    expect(doc.map).toEqual(['######', '#A...#', '#...G#', '######']);
    const env = load(doc);
    expect(env.start).toBe(1 * 6 + 1);
  });

  it('paints cells; painting a start moves it (there is one)', () => {
    const doc = blankWorld(6, 4);
    expect(paint(doc, [1 * 6 + 2, 2 * 6 + 1], '~')).toEqual([8, 13]);
    expect(doc.map).toEqual(['######', '#A~..#', '#~..G#', '######']);
    expect(paint(doc, [8], '~')).toEqual([]);
    // The old start becomes floor; a stroke of starts keeps only its last cell.
    const changed = paint(doc, [2 * 6 + 2, 2 * 6 + 3], 'A');
    expect(doc.map).toEqual(['######', '#.~..#', '#~.AG#', '######']);
    expect(changed.sort((a, b) => a - b)).toEqual([7, 15]);
    expect(load(doc).start).toBe(2 * 6 + 3);
  });

  it('lines, rectangles and flood fills cover the cells a person expects', () => {
    expect(lineCells(0, 3 * 10 + 3, 10)).toEqual([0, 11, 22, 33]);
    expect(lineCells(5, 1, 10)).toEqual([5, 4, 3, 2, 1]);
    expect(rectCells(2 * 10 + 3, 1 * 10 + 1, 10)).toEqual([11, 12, 13, 21, 22, 23]);
    const rows = mapRows({ map: ['###', '#.#', '#..', '###'] })!;
    expect(floodCells(rows, 1 * 3 + 1, 3).sort((a, b) => a - b)).toEqual([4, 7, 8]);
  });

  it('resizes keeping the top-left part', () => {
    const doc = blankWorld(4, 3);
    resizeMap(doc, 6, 4);
    expect(doc.map).toEqual(['####..', '#AG#..', '####..', '......']);
    resizeMap(doc, 2, 2);
    expect(doc.map).toEqual(['##', '#A']);
  });

  it('adds a working unknown, tile and theory, each with a glyph to paint', () => {
    const doc = blankWorld(8, 4);
    const u = addUnknown(doc);
    const t = addTile(doc, 'mud');
    const th = addTheory(doc);
    const brush = brushes(doc);
    const unknownGlyph = brush.find((b) => b.kind === 'unknown')!.glyph;
    const tileGlyph = brush.find((b) => b.kind === 'tile' && b.name === t)!.glyph;
    const roles = brush.filter((b) => b.kind === 'theory').map((b) => b.role);
    expect(roles.sort()).toEqual(['danger', 'hint']);
    paint(doc, [1 * 8 + 2], unknownGlyph);
    paint(doc, [1 * 8 + 3], tileGlyph);
    for (const b of brush.filter((x) => x.kind === 'theory'))
      paint(doc, [2 * 8 + (b.role === 'hint' ? 2 : 3)], b.glyph);
    const env = load(doc);
    expect(env.unknowns.map((x) => [x.id, x.cells.length, x.prior.length])).toEqual([[u, 1, 2]]);
    expect(env.theories.map((x) => [x.id, x.roles.length, x.hypotheses.length])).toEqual([[th, 2, 2]]);
    expect(glyphMeaning(doc, unknownGlyph)).toMatchObject({ kind: 'unknown', name: u, look: u });
    // New glyphs never collide with the built-in ones or each other.
    const glyphs = brush.map((b) => b.glyph);
    expect(new Set(glyphs).size).toBe(glyphs.length);
    expect(freeGlyph(doc, 'A')).not.toBe('A');
  });

  it('renames a tile, an unknown and a theory everywhere the file names them', () => {
    const doc = blankWorld(8, 4);
    const u = addUnknown(doc, 'snake');
    const glyph = brushes(doc).find((b) => b.kind === 'unknown')!.glyph;
    paint(doc, [10], glyph);
    setPath(doc, ['tiles', 'lever'], { walkable: false, poke: { set: { G: 'deadly-snake' } } });
    renameTile(doc, 'deadly-snake', 'live-snake');
    renameHidden(doc, 'unknowns', u, 'viper');
    const env = load(doc);
    expect(env.unknowns[0].id).toBe('viper');
    expect(env.unknowns[0].prior.map((p) => p.tile)).toEqual(['safe-snake', 'live-snake']);
    expect(env.tiles.get('lever')!.poke.set).toEqual([{ target: 'G', tile: 'live-snake' }]);
  });

  it('keeps what was typed where the format wants a number, for the loader to say what it expected', () => {
    expect(numberValue('0.5')).toBe(0.5);
    expect(numberValue(' ')).toBeUndefined();
    expect(numberValue('high')).toBe('high');
    const doc = blankWorld();
    setPath(doc, ['gamma'], numberValue('high'));
    expect(() => load(doc)).toThrow(/gamma: expected a number, got "high"/);
    // Clearing a field removes it, and the objects it leaves empty.
    setPath(doc, ['tiles', 'x', 'enter', 'reward'], 3);
    setPath(doc, ['tiles', 'x', 'enter', 'reward'], undefined);
    expect(doc.tiles).toBeUndefined();
    expect(parseSet('D=floor, here=gap')).toEqual({ D: 'floor', here: 'gap' });
    expect(parseSet('D floor')).toBeNull();
    expect(formatSet({ D: 'floor', here: 'gap' })).toBe('D=floor, here=gap');
  });

  it('says a version 1 file is format 1.1, first after $schema', () => {
    expect(Object.keys(asFormat11({ $schema: 'x', name: 'a', map: ['A'] }))).toEqual([
      '$schema',
      'format',
      'name',
      'map',
    ]);
  });
});

describe('the editor history (immer patches)', () => {
  it('undoes and redoes edits; a stroke is one step', () => {
    const hist = new DocHistory(blankWorld(6, 4));
    hist.edit((d) => paint(d, [8], '~'), 'stroke:1');
    hist.edit((d) => paint(d, [9], '~'), 'stroke:1');
    hist.seal();
    hist.edit((d) => setPath(d, ['gamma'], 0.5));
    expect(hist.doc.map).toEqual(['######', '#A~~.#', '#...G#', '######']);
    expect(hist.undo()).toBe(true);
    expect(hist.doc.gamma).toBe(0.95);
    expect(hist.undo()).toBe(true);
    expect(hist.doc.map).toEqual(['######', '#A...#', '#...G#', '######']);
    expect(hist.canUndo).toBe(false);
    expect(hist.redo()).toBe(true);
    expect((hist.doc.map as string[])[1]).toBe('#A~~.#');
    // A new edit drops what could be redone.
    hist.edit((d) => setPath(d, ['maxSteps'], 9));
    expect(hist.canRedo).toBe(false);
    // Nothing changed, nothing recorded.
    const v = hist.version;
    expect(hist.edit((d) => paint(d, [8], '~'))).toBeUndefined();
    expect(hist.version).toBe(v);
  });

  it('never changes a document it handed out (immutable)', () => {
    const hist = new DocHistory(blankWorld(6, 4));
    const before = hist.doc;
    hist.edit((d) => paint(d, [8], '~'));
    expect(before.map).toEqual(['######', '#A...#', '#...G#', '######']);
    expect(Object.isFrozen(hist.doc)).toBe(true);
  });
});
