/**
 * The zoom gestures of the maps that zoom and pan (a pane's map, the editor's): Ctrl/⌘ + wheel (and a
 * trackpad's pinch) zooms about the pointer while the plain wheel keeps scrolling the page, and two
 * fingers zoom about their middle as they spread while moving them together pans. The arithmetic is
 * viewport.ts's; this is the part both maps would otherwise write again (with the arrow keys' steps of
 * their keyboard cursors).
 */
import { panBy, zoomAt, type Viewport } from './viewport.ts';

/**
 * Zooms by Ctrl/⌘ + wheel over `target`, about the pointer's point of `canvas()` (no zoom, and the page
 * scrolls, while there is no canvas).
 */
export function listenWheelZoom(
  target: HTMLElement,
  canvas: () => HTMLElement | null | undefined,
  zoomBy: (factor: number, px: number, py: number) => void,
): void {
  target.addEventListener(
    'wheel',
    (e) => {
      const c = canvas();
      if (!(e.ctrlKey || e.metaKey) || !c) return;
      e.preventDefault();
      const r = c.getBoundingClientRect();
      zoomBy(Math.exp(-e.deltaY * 0.0025), e.clientX - r.left, e.clientY - r.top);
    },
    { passive: false },
  );
}

/** The cell step of each arrow key, as [dx, dy] (the maps' keyboard cursor). */
export const ARROW_MOVES: Readonly<Record<string, readonly [number, number]>> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

/** Two fingers on the screen: their distance apart and their middle (client pixels). */
export interface Pinch {
  d: number;
  x: number;
  y: number;
}

/** The pinch of the first two pointers down (by pointer id, in client pixels). */
export function pinchOf(pointers: ReadonlyMap<number, { x: number; y: number }>): Pinch {
  const [a, b] = [...pointers.values()];
  return { d: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * The viewport after the fingers moved from `from` to `to`: zoomed by how much they spread, about their
 * middle, then panned by how far that middle moved. `rect` is the canvas's box, `w × h` its size.
 */
export function pinchViewport(
  v: Viewport,
  from: Pinch,
  to: Pinch,
  rect: { left: number; top: number },
  w: number,
  h: number,
): Viewport {
  const zoomed = from.d > 0 ? zoomAt(v, to.d / from.d, to.x - rect.left, to.y - rect.top, w, h) : v;
  return panBy(zoomed, to.x - from.x, to.y - from.y, w, h);
}
