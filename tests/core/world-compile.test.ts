/**
 * Compiled worlds share one template per spec and pack their cell arrays into one buffer: pin that
 * worlds of one spec never see each other's cells, and that the packed views do not overlap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { environments } from '../../environments/index.ts';
import { packedArrays } from '../../src/core/packed.ts';
import { createStream } from '../../src/core/rng.ts';
import { drawTruth } from '../../src/core/truth.ts';
import { cloneWorld, compileWorld, Rare, setCellTile, type World } from '../../src/core/world.ts';

const spec = environments.get('snake-corridor')!;
const snakeCell = spec.cells.findIndex((c) => c.unknown !== null);
const key = `snake@${snakeCell % spec.width},${Math.floor(snakeCell / spec.width)}`;
const truth = (tile: string) => ({ [key]: tile });

describe('packedArrays', () => {
  it('gives zeroed, aligned views that do not overlap', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(0, 1, 2, 3), fc.nat(40)), { maxLength: 8 }), (parts) => {
        const types = [Float64Array, Int32Array, Uint8Array, Int8Array] as const;
        const views = packedArrays(parts.map(([t, n]) => [types[t], n] as const));
        views.forEach((v, i) => {
          expect(v.length).toBe(parts[i][1]);
          expect(v.byteOffset % 8).toBe(0);
          expect([...v].every((x) => x === 0)).toBe(true);
        });
        views.forEach((v, i) => v.fill(i + 1));
        views.forEach((v, i) => expect([...v].every((x) => x === i + 1)).toBe(true));
      }),
    );
  });
});

describe('compileWorld', () => {
  it('compiles each truth into its own cells, whatever was compiled before', () => {
    const dead = compileWorld(spec, truth('dead-snake'));
    const live = compileWorld(spec, truth('live-snake'));
    const deadAgain = compileWorld(spec, truth('dead-snake'));
    expect(dead.tileNames[snakeCell]).toBe('dead-snake');
    expect(live.tileNames[snakeCell]).toBe('live-snake');
    expect(live.enterEffect[snakeCell]).not.toBe(dead.enterEffect[snakeCell]);
    expect(deadAgain.enterEffect[snakeCell]).toBe(dead.enterEffect[snakeCell]);
  });

  it('worlds and their clones never share cells', () => {
    const a = compileWorld(spec, truth('dead-snake'));
    const b = compileWorld(spec, truth('dead-snake'));
    const c = cloneWorld(a);
    const before = b.enterEffect[snakeCell];
    setCellTile(a, snakeCell, a.tiles.get('live-snake')!);
    expect(b.enterEffect[snakeCell]).toBe(before);
    expect(c.enterEffect[snakeCell]).toBe(before);
    expect(c.tileNames[snakeCell]).toBe('dead-snake');
    expect(compileWorld(spec, truth('dead-snake')).enterEffect[snakeCell]).toBe(before);
  });
});

describe('compileWorld templates', () => {
  it('a world is the same whichever truths were compiled before it (property)', () => {
    const env = environments.get('pit-field')!;
    const keys = drawTruth(env, createStream(0, 'world'));
    const variants = (k: string) => env.unknowns.find((u) => k === u.id || k.startsWith(`${u.id}@`))!.prior;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 2, maxLength: 4 }), (seeds) => {
        const truths = seeds.map((seed) => drawTruth(env, createStream(seed, 'world')));
        for (const t of truths) compileWorld(env, t); // warm the template with other truths first
        const last = truths[truths.length - 1];
        const fresh = compileWorld(structuredClone(env), last); // a new spec object: a new template
        const again = compileWorld(env, last);
        for (const field of Object.keys(fresh) as (keyof typeof fresh)[]) {
          const a = again[field];
          const b = fresh[field];
          if (ArrayBuffer.isView(a))
            expect(Array.from(a as Float64Array)).toEqual(Array.from(b as Float64Array));
          else if (field !== 'tiles') expect(a).toEqual(b);
        }
      }),
      { numRuns: 20 },
    );
    expect(Object.keys(keys).every((k) => variants(k).length > 1)).toBe(true);
  });
});

describe('World.rare', () => {
  /** The bits a cell's `rare` must hold, read off the arrays it summarises. */
  const expected = (w: World, c: number) =>
    (w.leaveTo[c] >= 0 ? Rare.leaves : 0) |
    (w.oneWay[c] >= 0 ? Rare.oneWay : 0) |
    (w.leaveSet[c] >= 0 ? Rare.leaveSet : 0) |
    (w.enterSet[c] >= 0 ? Rare.enterSet : 0) |
    (w.pokeRisk[c] > 0 || w.pokeSet[c] >= 0 ? Rare.poke : 0);

  it('says, for every cell of every built-in world, which rare rules the step must look up', () => {
    let flagged = 0;
    for (const env of environments.all()) {
      const w = compileWorld(env, drawTruth(env, createStream(0, 'world')));
      for (let c = 0; c < w.cellCount; c++) {
        expect(w.rare[c], `${env.name} cell ${c}`).toBe(expected(w, c));
        if (w.rare[c] !== 0) flagged++;
      }
    }
    expect(flagged).toBeGreaterThan(0);
  });

  it('follows every tile put into a cell, in a world and its clone (property)', () => {
    const env = environments.get('lever-gate')!;
    const base = compileWorld(env, drawTruth(env, createStream(0, 'world')));
    const tiles = base.tileList;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.cellCount - 1), fc.nat(tiles.length - 1)), { maxLength: 30 }),
        (puts) => {
          const w = cloneWorld(base);
          for (const [c, t] of puts) setCellTile(w, c, tiles[t]);
          for (let c = 0; c < w.cellCount; c++) expect(w.rare[c]).toBe(expected(w, c));
        },
      ),
      { numRuns: 50 },
    );
  });
});
