/** The per-cell overlay image (heatmap over trail) the view uploads as one texture. */
import { describe, expect, it } from 'vitest';
import { environments } from '../../environments/index.ts';
import { CellOverlay } from '../../src/render/cell-overlay.ts';
import { heatStyle } from '../../src/render/scene.ts';
import { describeSpec } from '../../src/worker/session/world-info.ts';

const world = describeSpec(environments.get('snake-corridor')!, null);
const n = world.width * world.height;
const snake = world.keys[0].cells[0];
const TRAIL = 0x0072b2;

/** A trail frame: positions `pos`, shown up to `frame`. */
const at = (pos: number[], frame: number, runKey = 1) => ({
  frames: { pos: Int32Array.from(pos) },
  runKey,
  start: 0,
  frame,
});
const texel = (o: CellOverlay, c: number) => Array.from(o.pixels.subarray(c * 4, c * 4 + 4));
const lit = (o: CellOverlay) => {
  let k = 0;
  for (let c = 0; c < n; c++) if (o.pixels[c * 4 + 3] > 0) k++;
  return k;
};

describe('CellOverlay', () => {
  it('paints P(trap) on unknown cells only, premultiplied', () => {
    const o = new CellOverlay(world, TRAIL);
    o.setVisible(true, false);
    const trap = new Float32Array(n).fill(1);
    trap[snake] = 0.5;
    o.recolourHeat(trap);
    expect(o.flush()).toBe(true);
    expect(lit(o)).toBe(world.keys[0].cells.length);
    const { colour, alpha } = heatStyle(0.5);
    const a = Math.round(alpha * 255);
    expect(texel(o, snake)).toEqual([
      Math.round((((colour >> 16) & 255) * a) / 255),
      Math.round((((colour >> 8) & 255) * a) / 255),
      Math.round(((colour & 255) * a) / 255),
      a,
    ]);
    expect(o.flush()).toBe(false);
  });

  it('extends the trail going forward and redoes it on a jump back or another run', () => {
    const o = new CellOverlay(world, TRAIL);
    o.setVisible(false, true);
    const pos = [10, 11, 12, 11, 13];
    o.showTrail(at(pos, 2));
    o.flush();
    expect(lit(o)).toBe(3);
    o.showTrail(at(pos, 4));
    o.flush();
    expect(lit(o)).toBe(4);
    o.showTrail(at(pos, 1));
    o.flush();
    expect(lit(o)).toBe(2);
    o.showTrail(at(pos, 1));
    expect(o.flush()).toBe(false);
    o.showTrail(at([20, 21], 0, 2));
    o.flush();
    expect(lit(o)).toBe(1);
    expect(texel(o, 20)[3]).toBeGreaterThan(0);
  });

  it('composites the heat over the trail, and clears what is hidden', () => {
    const o = new CellOverlay(world, TRAIL);
    const trap = new Float32Array(n);
    trap[snake] = 1;
    o.recolourHeat(trap);
    o.showTrail(at([snake], 0));
    o.setVisible(true, true);
    o.flush();
    const both = texel(o, snake);
    o.setVisible(true, false);
    o.flush();
    const heat = texel(o, snake);
    o.setVisible(false, true);
    o.flush();
    const trail = texel(o, snake);
    for (let k = 0; k < 4; k++)
      expect(both[k]).toBe(heat[k] + Math.round((trail[k] * (255 - heat[3])) / 255));
    expect(both[3]).toBeGreaterThan(heat[3]);
    o.setVisible(false, false);
    o.flush();
    expect(lit(o)).toBe(0);
  });
});
