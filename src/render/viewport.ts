/**
 * Zoom and pan of a map, in pure arithmetic (unit-tested without a browser). A map is drawn at `cell`
 * CSS pixels per cell to fill its canvas (zoom 1: the whole map); zooming scales it about a point and
 * panning moves it, and the map always covers the canvas (it never slides out of view). Positions are in
 * CSS pixels of the canvas.
 */
export interface Viewport {
  /** 1 shows the whole map; 2 shows it twice as large. */
  zoom: number;
  /** The canvas point (0, 0) shows this point of the unzoomed map (CSS pixels at zoom 1). */
  x: number;
  y: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 16;

export const FIT: Viewport = { zoom: 1, x: 0, y: 0 };

/** Keeps the map covering a `w × h` canvas (the map at zoom 1 is that size). */
export function clampViewport(v: Viewport, w: number, h: number): Viewport {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom));
  const maxX = w - w / zoom;
  const maxY = h - h / zoom;
  return {
    zoom,
    x: Math.min(maxX, Math.max(0, v.x)),
    y: Math.min(maxY, Math.max(0, v.y)),
  };
}

/** Zooms by `factor` keeping the map point under canvas point (px, py) where it is. */
export function zoomAt(v: Viewport, factor: number, px: number, py: number, w: number, h: number): Viewport {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom * factor));
  const mx = v.x + px / v.zoom;
  const my = v.y + py / v.zoom;
  return clampViewport({ zoom, x: mx - px / zoom, y: my - py / zoom }, w, h);
}

/** Moves the view by (dx, dy) canvas pixels (a drag of the map by that much moves it the other way). */
export function panBy(v: Viewport, dx: number, dy: number, w: number, h: number): Viewport {
  return clampViewport({ zoom: v.zoom, x: v.x - dx / v.zoom, y: v.y - dy / v.zoom }, w, h);
}

/** The cell under canvas point (px, py), or -1 outside the map. */
export function cellAt(
  v: Viewport,
  px: number,
  py: number,
  cell: number,
  width: number,
  height: number,
): number {
  const x = Math.floor((v.x + px / v.zoom) / cell);
  const y = Math.floor((v.y + py / v.zoom) / cell);
  if (x < 0 || y < 0 || x >= width || y >= height) return -1;
  return y * width + x;
}

/** The smallest move that brings cell `c` (with a margin of one cell) fully into view. */
export function revealCell(
  v: Viewport,
  c: number,
  cell: number,
  width: number,
  w: number,
  h: number,
): Viewport {
  const cx = (c % width) * cell;
  const cy = Math.floor(c / width) * cell;
  const viewW = w / v.zoom;
  const viewH = h / v.zoom;
  const margin = Math.min(cell, viewW / 4, viewH / 4);
  let { x, y } = v;
  if (cx - margin < x) x = cx - margin;
  else if (cx + cell + margin > x + viewW) x = cx + cell + margin - viewW;
  if (cy - margin < y) y = cy - margin;
  else if (cy + cell + margin > y + viewH) y = cy + cell + margin - viewH;
  return clampViewport({ zoom: v.zoom, x, y }, w, h);
}

export function sameViewport(a: Viewport, b: Viewport): boolean {
  return a.zoom === b.zoom && a.x === b.x && a.y === b.y;
}
