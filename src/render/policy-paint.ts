/**
 * Painting `trapworld solve`'s optimal policy and values into a canvas (no pixi: unit-tested with a
 * recording context). Arrows point the optimal moves of a cell; ties show several arrows. A poke is a
 * short stick towards its target, waiting a dot. Values are written when a cell has room for them.
 */
import type { WorldInfo } from '../worker/session/world-info.ts';
import type { Paint2D } from './terrain.ts';
import type { ViewAnalysis } from './view-frame.ts';

const DX = [0, 1, 0, -1];
const DY = [-1, 0, 1, 0];

/** The action codes (ACTIONS order) set in a policy cell's bits. */
export function policyActions(bits: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < 9; k++) if (bits & (1 << k)) out.push(k);
  return out;
}

/**
 * The optimal actions worth drawing: none where every action is as good (a dead end, a trap: nothing to
 * choose), the optimal moves where there are some (a poke that ties with them changes nothing), else the
 * optimal pokes, else waiting.
 */
export function shownActions(bits: number, allowed: number): number {
  let n = 0;
  for (let k = 0; k < 9; k++) if (bits & (1 << k)) n++;
  if (n >= allowed) return 0;
  if (bits & 0b1111) return bits & 0b1111;
  if (bits & 0b11110000) return bits & 0b11110000;
  return bits;
}

/** A value as the overlay writes it: short (one decimal, or none past 100). */
export function valueLabel(v: number): string {
  if (!Number.isFinite(v)) return '';
  const r = Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 10) / 10;
  return String(r === 0 ? 0 : r);
}

export function paintPolicy(ctx: Paint2D, world: WorldInfo, a: ViewAnalysis, px: number): void {
  const showValues = px >= 26;
  for (let c = 0; c < world.width * world.height; c++) {
    const x0 = (c % world.width) * px;
    const y0 = Math.floor(c / world.width) * px;
    const cx = x0 + px / 2;
    const cy = y0 + px / 2 + (showValues ? px * 0.12 : 0);
    const bits = shownActions(a.policy[c], world.actions.length);
    if (bits !== 0) {
      const len = px * (showValues ? 0.26 : 0.34);
      for (const k of policyActions(bits)) {
        if (k < 4) arrow(ctx, cx, cy, DX[k], DY[k], len, px);
        else if (k < 8) stick(ctx, cx, cy, DX[k - 4], DY[k - 4], len, px);
        else dot(ctx, cx, cy, px);
      }
    }
    if (showValues && Number.isFinite(a.values[c])) {
      const text = valueLabel(a.values[c]);
      ctx.font = `600 ${Math.round(px * 0.24)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.lineWidth = Math.max(2, px * 0.08);
      ctx.strokeStyle = 'rgba(255,255,255,0.92)';
      ctx.fillStyle = '#111111';
      // Outlined text stays legible on any tile.
      ctx.strokeText(text, x0 + px / 2, y0 + px * 0.22);
      ctx.fillText(text, x0 + px / 2, y0 + px * 0.22);
    }
  }
}

function arrow(ctx: Paint2D, cx: number, cy: number, dx: number, dy: number, len: number, px: number): void {
  const tipX = cx + dx * len;
  const tipY = cy + dy * len;
  const head = Math.max(2.5, px * 0.14);
  // A dark shaft and head with a light edge, so the arrow reads on light and dark tiles.
  for (const [style, width] of [
    ['rgba(255,255,255,0.9)', Math.max(2.5, px * 0.11)],
    ['#1d1f24', Math.max(1.2, px * 0.055)],
  ] as const) {
    ctx.strokeStyle = style;
    ctx.lineWidth = width;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(cx - dx * len * 0.35, cy - dy * len * 0.35);
    ctx.lineTo(tipX, tipY);
    ctx.moveTo(tipX, tipY);
    ctx.lineTo(tipX - dx * head - dy * head * 0.8, tipY - dy * head - dx * head * 0.8);
    ctx.moveTo(tipX, tipY);
    ctx.lineTo(tipX - dx * head + dy * head * 0.8, tipY - dy * head + dx * head * 0.8);
    ctx.stroke();
  }
}

function stick(ctx: Paint2D, cx: number, cy: number, dx: number, dy: number, len: number, px: number): void {
  ctx.strokeStyle = '#7a4a1e';
  ctx.lineWidth = Math.max(1.5, px * 0.08);
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(cx, cy);
  ctx.lineTo(cx + dx * len * 1.3, cy + dy * len * 1.3);
  ctx.stroke();
}

function dot(ctx: Paint2D, cx: number, cy: number, px: number): void {
  ctx.fillStyle = '#1d1f24';
  ctx.beginPath();
  ctx.arc(cx, cy, Math.max(1.5, px * 0.07), 0, Math.PI * 2);
  ctx.fill();
}
