/**
 * The per-cell overlays, the P(trap) heatmap over the trail, composited on the CPU into one RGBA image
 * with a texel per cell (premultiplied alpha). The view draws it together with the terrain in a single
 * full-map pass (pixi-map.ts): with software WebGL every full-canvas pass costs several milliseconds,
 * and separate heat and trail layers made a 128×128 map miss 60 fps. No pixi here, so it is unit-tested.
 */
import type { WorldInfo } from '../worker/session/world-info.ts';
import { heatCells, heatStyle } from './scene.ts';
import type { ViewFrame } from './view-frame.ts';

/** Opacity of a visited cell. */
const TRAIL_ALPHA = 0.22;

/** Writes colour 0xRRGGBB at `alpha` (0-1) into texel `c` of `out`, premultiplied. */
function paint(out: Uint8Array, c: number, colour: number, alpha: number): void {
  const a = Math.round(alpha * 255);
  out[c * 4] = Math.round((((colour >> 16) & 255) * a) / 255);
  out[c * 4 + 1] = Math.round((((colour >> 8) & 255) * a) / 255);
  out[c * 4 + 2] = Math.round(((colour & 255) * a) / 255);
  out[c * 4 + 3] = a;
}

export class CellOverlay {
  /** The composited image, `width × height` texels, row by row: what the view uploads. */
  readonly pixels: Uint8Array;
  private readonly heat: Uint8Array;
  private readonly trail: Uint8Array;
  private readonly unknownCells: Int32Array;
  private readonly visited: Uint8Array;
  private heatOn = false;
  private trailOn = false;
  private dirty = true;
  /** The run, episode start and frame the trail shows. */
  private shown = { run: -1, start: -1, frame: -1 };

  constructor(
    world: WorldInfo,
    private readonly trailColour: number,
  ) {
    const n = world.width * world.height;
    this.pixels = new Uint8Array(n * 4);
    this.heat = new Uint8Array(n * 4);
    this.trail = new Uint8Array(n * 4);
    this.visited = new Uint8Array(n);
    this.unknownCells = heatCells(world);
  }

  /** Which layers are shown. */
  setVisible(heat: boolean, trail: boolean): void {
    if (heat === this.heatOn && trail === this.trailOn) return;
    this.heatOn = heat;
    this.trailOn = trail;
    this.dirty = true;
  }

  /** Recolours the unknown cells from a belief's P(trap) per cell. */
  recolourHeat(trap: Float32Array): void {
    for (const c of this.unknownCells) {
      const { colour, alpha } = heatStyle(trap[c]);
      paint(this.heat, c, colour, alpha);
    }
    this.dirty = true;
  }

  /** The cells visited from the episode's start to `v.frame`: extended going forward, redone on a jump back. */
  showTrail(
    v: Pick<ViewFrame, 'runKey' | 'start' | 'frame'> & { frames: Pick<ViewFrame['frames'], 'pos'> },
  ): void {
    const st = this.shown;
    let from = st.frame + 1;
    if (!(st.run === v.runKey && st.start === v.start && v.frame >= st.frame)) {
      this.visited.fill(0);
      this.trail.fill(0);
      this.dirty = true;
      from = v.start;
    }
    const pos = v.frames.pos;
    for (let i = from; i <= v.frame; i++) {
      const c = pos[i];
      if (this.visited[c]) continue;
      this.visited[c] = 1;
      paint(this.trail, c, this.trailColour, TRAIL_ALPHA);
      this.dirty = true;
    }
    this.shown = { run: v.runKey, start: v.start, frame: v.frame };
  }

  /** Composites the visible layers (heat over trail) if anything changed; true when `pixels` changed. */
  flush(): boolean {
    if (!this.dirty) return false;
    this.dirty = false;
    const { pixels, heat, trail } = this;
    if (this.heatOn && this.trailOn)
      for (let i = 0; i < pixels.length; i += 4) {
        const keep = 255 - heat[i + 3];
        for (let k = 0; k < 4; k++) pixels[i + k] = heat[i + k] + Math.round((trail[i + k] * keep) / 255);
      }
    else if (this.heatOn) pixels.set(heat);
    else if (this.trailOn) pixels.set(trail);
    else pixels.fill(0);
    return true;
  }
}
