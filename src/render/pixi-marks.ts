/**
 * The map's overlay marks, drawn into pixi Graphics from the shapes scene.ts computes (in cell units,
 * scaled here by `s` pixels per cell): points of no return, the true world's badges, posterior bars, the
 * plan and where earlier episodes ended. Each clears its Graphics and draws it anew; the view calls them
 * only when their source changed.
 */
import type { Graphics } from 'pixi.js';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { CELL_KINDS } from '../worker/session/protocol.ts';
import { hexToNumber } from './palette.ts';
import { noReturnMarks, pastEndings, planPath, posteriorBars, truthBadges } from './scene.ts';
import { traceCross, tracePolyline } from './pixi-shapes.ts';
import type { Ghost, ViewFrame } from './view-frame.ts';

export function drawNoReturn(g: Graphics, kinds: Uint8Array, width: number, s: number): void {
  g.clear();
  for (const m of noReturnMarks(kinds, CELL_KINDS, width)) {
    const c = hexToNumber(m.colour);
    const inset = Math.max(1, s * 0.08);
    g.rect(m.x * s + inset, m.y * s + inset, s - 2 * inset, s - 2 * inset).stroke({
      width: Math.max(1.5, s * 0.1),
      color: c,
      alpha: 0.95,
    });
    if (m.kind !== 'trap' && s >= 10)
      g.moveTo(m.x * s + inset, (m.y + 1) * s - inset)
        .lineTo((m.x + 1) * s - inset, m.y * s + inset)
        .stroke({ width: Math.max(1, s * 0.06), color: c, alpha: 0.8 });
  }
}

export function drawTruthBadges(
  g: Graphics,
  world: WorldInfo,
  truth: Record<string, string>,
  s: number,
): void {
  g.clear();
  const r = Math.max(2, s * 0.2);
  for (const b of truthBadges(world, truth)) {
    const cx = b.x * s + r + 1;
    const cy = b.y * s + r + 1;
    g.circle(cx, cy, r)
      .fill({ color: hexToNumber(b.colour) })
      .stroke({ width: 1, color: 0xffffff });
    if (b.deadly && r >= 4)
      traceCross(g, cx, cy, r * 0.5).stroke({ width: Math.max(1, r * 0.35), color: 0xffffff });
  }
}

export function drawPosteriorBars(g: Graphics, world: WorldInfo, posterior: Float32Array, s: number): void {
  g.clear();
  for (const r of posteriorBars(world, posterior)) {
    g.rect(r.x * s, r.y * s, Math.max(0.5, r.w * s), Math.max(1.5, r.h * s)).fill({
      color: hexToNumber(r.colour),
    });
  }
}

/** The plan as a white-cased line in the agent's colour with a dot on every cell after the first. */
export function drawPlan(g: Graphics, cells: Int32Array, width: number, s: number, colour: number): void {
  g.clear();
  const pts = planPath(cells, width).map((q) => q * s);
  tracePolyline(g, pts).stroke({
    width: Math.max(1.5, s * 0.08),
    color: 0xffffff,
    alpha: 0.9,
    join: 'round',
    cap: 'round',
  });
  tracePolyline(g, pts).stroke({
    width: Math.max(1, s * 0.045),
    color: colour,
    alpha: 1,
    join: 'round',
    cap: 'round',
  });
  for (let i = 2; i < pts.length; i += 2) g.circle(pts[i], pts[i + 1], Math.max(1.5, s * 0.07)).fill(colour);
}

/** Where earlier episodes of the run ended badly, on the map of episode `v.episode`. */
export function drawPastEndings(
  g: Graphics,
  v: Pick<ViewFrame, 'episodes' | 'episode' | 'frames'>,
  width: number,
  s: number,
): void {
  g.clear();
  for (const m of pastEndings(v.episodes, v.episode, v.frames.pos, width)) {
    const cx = (m.x + 0.5) * s;
    const cy = (m.y + 0.5) * s;
    const r = Math.max(3, s * 0.28);
    const stroke = { width: Math.max(1.5, s * 0.08), color: hexToNumber(m.colour), alpha: 0.7 };
    // A cross where an earlier episode died, a ring where it got stuck for good.
    if (m.kind === 'stuck') g.circle(cx, cy, r).stroke(stroke);
    else traceCross(g, cx, cy, r).stroke(stroke);
  }
}

/** The keyboard's inspection cursor: a thick two-tone square around one cell. */
export function drawInspect(g: Graphics, c: number, width: number, s: number): void {
  g.clear();
  if (c < 0) return;
  const x = (c % width) * s;
  const y = Math.floor(c / width) * s;
  g.rect(x, y, s, s).stroke({ width: Math.max(3, s * 0.12), color: 0x000000, alpha: 0.9 });
  g.rect(x, y, s, s).stroke({ width: Math.max(1.5, s * 0.06), color: 0xffffff });
}

/** The cells an experiment targets: a ring with a short stick pointing at it, in the agent's colour. */
export function drawExperiments(
  g: Graphics,
  cells: Int32Array,
  width: number,
  s: number,
  colour: number,
): void {
  g.clear();
  for (const c of cells) {
    const cx = ((c % width) + 0.5) * s;
    const cy = (Math.floor(c / width) + 0.5) * s;
    const r = Math.max(3, s * 0.36);
    g.circle(cx, cy, r).stroke({ width: Math.max(2.5, s * 0.1), color: 0xffffff, alpha: 0.95 });
    g.circle(cx, cy, r).stroke({ width: Math.max(1.5, s * 0.06), color: colour });
    g.moveTo(cx - r * 1.25, cy - r * 1.25)
      .lineTo(cx - r * 0.55, cy - r * 0.55)
      .stroke({ width: Math.max(1.5, s * 0.07), color: 0x7a4a1e, cap: 'round' });
  }
}

/** Other runs' trajectories on this map: dashed lines in their agents' colours. */
export function drawGhosts(g: Graphics, ghosts: readonly Ghost[], width: number, s: number): void {
  g.clear();
  for (const ghost of ghosts) {
    const pts = planPath(ghost.cells, width).map((q) => q * s);
    if (pts.length < 4) continue;
    // Dashes: every other segment of a path cut into pieces of about half a cell.
    const dash = Math.max(3, s * 0.3);
    let on = true;
    let left = dash;
    for (let i = 2; i < pts.length; i += 2) {
      let x0 = pts[i - 2];
      let y0 = pts[i - 1];
      const x1 = pts[i];
      const y1 = pts[i + 1];
      let len = Math.hypot(x1 - x0, y1 - y0);
      while (len > 0) {
        const step = Math.min(left, len);
        const t = step / len;
        const xm = x0 + (x1 - x0) * t;
        const ym = y0 + (y1 - y0) * t;
        if (on) g.moveTo(x0, y0).lineTo(xm, ym);
        x0 = xm;
        y0 = ym;
        len -= step;
        left -= step;
        if (left <= 0) {
          on = !on;
          left = dash;
        }
      }
    }
    g.stroke({ width: Math.max(2, s * 0.12), color: ghost.colour, alpha: 0.9, cap: 'round' });
  }
}
