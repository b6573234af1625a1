/** Small vector shapes that several pixi layers draw: a polyline through points and a diagonal cross. */
import type { Graphics } from 'pixi.js';

/** Traces a path through flat `[x0, y0, x1, y1, …]` points (at least one point); stroke it after. */
export function tracePolyline(g: Graphics, pts: readonly number[]): Graphics {
  g.moveTo(pts[0], pts[1]);
  for (let i = 2; i < pts.length; i += 2) g.lineTo(pts[i], pts[i + 1]);
  return g;
}

/** Traces an × reaching `r` from (cx, cy) along each axis; stroke it after. */
export function traceCross(g: Graphics, cx: number, cy: number, r: number): Graphics {
  return g
    .moveTo(cx - r, cy - r)
    .lineTo(cx + r, cy + r)
    .moveTo(cx + r, cy - r)
    .lineTo(cx - r, cy + r);
}
