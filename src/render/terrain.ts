/**
 * Generated tile textures: every look painted with canvas 2D (base colour plus its pattern), once per
 * world into one image that the pixi view shows as a single sprite. The legend's swatches use the same
 * painter, so the legend always matches the map. Pure with respect to the context it is given.
 */
import type { WorldInfo } from '../worker/session/world-info.ts';
import { tileStyle, type TileStyle } from './palette.ts';

/** The part of CanvasRenderingContext2D the painter uses (a recording stub in unit tests). */
export type Paint2D = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'lineCap'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'globalAlpha'
  | 'fillRect'
  | 'strokeRect'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'arc'
  | 'closePath'
  | 'fill'
  | 'stroke'
  | 'fillText'
  | 'strokeText'
  | 'save'
  | 'restore'
  | 'quadraticCurveTo'
  | 'rect'
  | 'clip'
>;

function arrow(ctx: Paint2D, x: number, y: number, s: number, dir: 'N' | 'E' | 'S' | 'W'): void {
  const c = s / 2;
  const pts: Record<string, [number, number][]> = {
    N: [
      [c, s * 0.18],
      [s * 0.8, s * 0.62],
      [s * 0.2, s * 0.62],
    ],
    S: [
      [c, s * 0.82],
      [s * 0.8, s * 0.38],
      [s * 0.2, s * 0.38],
    ],
    E: [
      [s * 0.82, c],
      [s * 0.38, s * 0.2],
      [s * 0.38, s * 0.8],
    ],
    W: [
      [s * 0.18, c],
      [s * 0.62, s * 0.2],
      [s * 0.62, s * 0.8],
    ],
  };
  ctx.beginPath();
  pts[dir].forEach(([px, py], i) => (i === 0 ? ctx.moveTo(x + px, y + py) : ctx.lineTo(x + px, y + py)));
  ctx.closePath();
  ctx.fill();
}

/** Paints one tile of the given style into the square (x, y, s). */
export function paintTile(ctx: Paint2D, style: TileStyle, x: number, y: number, s: number): void {
  ctx.fillStyle = style.base;
  ctx.fillRect(x, y, s, s);
  // Patterns stay inside their cell (hatching would otherwise bleed into the cells painted before).
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, s, s);
  ctx.clip();
  paintPattern(ctx, style, x, y, s);
  ctx.restore();
}

function paintPattern(ctx: Paint2D, style: TileStyle, x: number, y: number, s: number): void {
  ctx.fillStyle = style.fg;
  ctx.strokeStyle = style.fg;
  ctx.lineWidth = Math.max(1, s / 12);
  ctx.lineCap = 'round';
  switch (style.pattern) {
    case 'plain':
      ctx.lineWidth = Math.max(0.5, s / 32);
      ctx.strokeRect(x + 0.5, y + 0.5, s - 1, s - 1);
      break;
    case 'bricks': {
      const h = s / 3;
      ctx.lineWidth = Math.max(0.5, s / 20);
      for (let r = 0; r < 3; r++) {
        ctx.beginPath();
        ctx.moveTo(x, y + r * h);
        ctx.lineTo(x + s, y + r * h);
        const off = r % 2 === 0 ? s / 2 : s / 4;
        ctx.moveTo(x + off, y + r * h);
        ctx.lineTo(x + off, y + (r + 1) * h);
        if (r % 2 === 1) {
          ctx.moveTo(x + off + s / 2, y + r * h);
          ctx.lineTo(x + off + s / 2, y + (r + 1) * h);
        }
        ctx.stroke();
      }
      break;
    }
    case 'waves':
      for (let r = 1; r <= 2; r++) {
        const yy = y + (r * s) / 3;
        ctx.beginPath();
        ctx.moveTo(x + s * 0.1, yy);
        ctx.quadraticCurveTo(x + s * 0.3, yy - s * 0.14, x + s * 0.5, yy);
        ctx.quadraticCurveTo(x + s * 0.7, yy + s * 0.14, x + s * 0.9, yy);
        ctx.stroke();
      }
      break;
    case 'hole':
      ctx.beginPath();
      ctx.arc(x + s / 2, y + s / 2, s * 0.34, 0, Math.PI * 2);
      ctx.fill();
      break;
    case 'star': {
      ctx.beginPath();
      for (let i = 0; i < 10; i++) {
        const r = i % 2 === 0 ? s * 0.36 : s * 0.15;
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const px = x + s / 2 + r * Math.cos(a);
        const py = y + s / 2 + r * Math.sin(a);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
      ctx.closePath();
      ctx.fill();
      break;
    }
    case 'coil':
      ctx.lineWidth = Math.max(1, s / 8);
      ctx.beginPath();
      ctx.arc(x + s / 2, y + s / 2, s * 0.3, 0.3, Math.PI * 1.9);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(x + s / 2, y + s / 2, s * 0.14, Math.PI, Math.PI * 2.7);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(x + s * 0.8, y + s * 0.38, s * 0.07, 0, Math.PI * 2);
      ctx.fill();
      break;
    case 'hatch':
      ctx.lineWidth = Math.max(0.5, s / 16);
      ctx.beginPath();
      for (let k = -1; k <= 2; k++) {
        ctx.moveTo(x + (k * s) / 2, y + s);
        ctx.lineTo(x + ((k + 2) * s) / 2, y);
      }
      ctx.stroke();
      break;
    case 'dots':
      for (const [dx, dy] of [
        [0.25, 0.3],
        [0.7, 0.22],
        [0.5, 0.6],
        [0.2, 0.78],
        [0.8, 0.72],
      ]) {
        ctx.beginPath();
        ctx.arc(x + dx * s, y + dy * s, s * 0.08, 0, Math.PI * 2);
        ctx.fill();
      }
      break;
    case 'planks':
      ctx.lineWidth = Math.max(0.5, s / 16);
      ctx.beginPath();
      for (const f of [0.33, 0.66]) {
        ctx.moveTo(x + f * s, y);
        ctx.lineTo(x + f * s, y + s);
      }
      ctx.stroke();
      break;
    case 'cracks':
      ctx.lineWidth = Math.max(0.5, s / 18);
      ctx.beginPath();
      ctx.moveTo(x + s * 0.15, y + s * 0.3);
      ctx.lineTo(x + s * 0.45, y + s * 0.45);
      ctx.lineTo(x + s * 0.55, y + s * 0.8);
      ctx.moveTo(x + s * 0.45, y + s * 0.45);
      ctx.lineTo(x + s * 0.85, y + s * 0.35);
      ctx.stroke();
      break;
    case 'bars':
      ctx.lineWidth = Math.max(1, s / 9);
      ctx.beginPath();
      for (const f of [0.22, 0.5, 0.78]) {
        ctx.moveTo(x + f * s, y + s * 0.12);
        ctx.lineTo(x + f * s, y + s * 0.88);
      }
      ctx.moveTo(x + s * 0.12, y + s * 0.3);
      ctx.lineTo(x + s * 0.88, y + s * 0.3);
      ctx.stroke();
      break;
    case 'arrow-N':
    case 'arrow-E':
    case 'arrow-S':
    case 'arrow-W':
      arrow(ctx, x, y, s, style.pattern.slice(-1) as 'N' | 'E' | 'S' | 'W');
      break;
    case 'letter':
      ctx.fillStyle = style.fg;
      ctx.font = `bold ${Math.round(s * 0.55)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(style.label, x + s / 2, y + s / 2 + s * 0.04);
      break;
  }
}

/** Marks a cell that hides an unknown (what the agent is unsure of) with a small "?" tab. */
export function paintUnknownMark(ctx: Paint2D, x: number, y: number, s: number): void {
  if (s < 8) return;
  const r = s * 0.2;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.beginPath();
  ctx.arc(x + s - r - 1, y + r + 1, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#222';
  ctx.font = `bold ${Math.round(r * 1.5)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('?', x + s - r - 1, y + r + 1.5);
}

/** Paints the whole map at `cell` pixels per cell: the static layer, drawn once per world and size. */
export function paintTerrain(ctx: Paint2D, world: WorldInfo, cell: number): void {
  const styles = world.looks.map((l) => tileStyle(l));
  for (let c = 0; c < world.width * world.height; c++) paintCell(ctx, world, c, cell, -1, styles);
}

/**
 * Repaints one cell at `cell` pixels per cell: with look index `look`, or as the map drew it when `look`
 * is -1 (a changed cell shows its new look and is no longer unknown; scrubbing back restores it).
 */
export function paintCell(
  ctx: Paint2D,
  world: WorldInfo,
  c: number,
  cell: number,
  look: number,
  styles?: readonly TileStyle[],
): void {
  const x = (c % world.width) * cell;
  const y = Math.floor(c / world.width) * cell;
  const l = look >= 0 ? look : world.cellLook[c];
  paintTile(ctx, styles ? styles[l] : tileStyle(world.looks[l]), x, y, cell);
  if (look < 0 && world.cellUnknown[c] >= 0) paintUnknownMark(ctx, x, y, cell);
}

/** Pixels per cell for the terrain image: sharp on small maps, at most 2048 pixels a side on big ones. */
export function terrainCellSize(
  world: { width: number; height: number },
  displayCell: number,
  dpr = 1,
): number {
  const want = Math.ceil(displayCell * dpr);
  const cap = Math.floor(2048 / Math.max(world.width, world.height));
  return Math.max(2, Math.min(64, want, cap));
}
