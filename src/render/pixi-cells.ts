/**
 * Per-cell particle layers: the P(trap) heatmap and the trail. Each holds one quad per unknown cell or
 * per visited cell (recoloured or extended when the belief or the position changes, never rebuilt per
 * frame), so their cost follows the cells they mark rather than the map's area: with software rendering,
 * every full-map layer costs as much as the terrain.
 */
import { Particle, ParticleContainer, Texture } from 'pixi.js';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { heatCells, heatStyle } from './scene.ts';
import type { ViewFrame } from './view-frame.ts';

/** Particle layers here change rarely: their buffers are re-uploaded on `update()`, not every frame. */
const STATIC = { position: false, rotation: false, vertex: false, uvs: false, color: false };

/** A quad covering cell `c` of a map `width` cells wide drawn at `cell` pixels per cell. */
function cellParticle(c: number, width: number, cell: number, colour: number, alpha: number): Particle {
  return new Particle({
    texture: Texture.WHITE,
    x: (c % width) * cell,
    y: Math.floor(c / width) * cell,
    scaleX: cell,
    scaleY: cell,
    tint: colour,
    alpha,
  });
}

/** One quad per unknown cell, recoloured when the belief changes. */
export class HeatLayer {
  readonly container = new ParticleContainer<Particle>({ dynamicProperties: STATIC });
  /** The cell under each particle. */
  private cellOf: Int32Array = new Int32Array(0);

  setWorld(world: WorldInfo, cell: number): void {
    this.cellOf = heatCells(world);
    this.container.particleChildren = Array.from(this.cellOf, (c) =>
      cellParticle(c, world.width, cell, 0, 0),
    );
    this.container.update();
  }

  recolour(trap: Float32Array): void {
    const particles = this.container.particleChildren;
    for (let i = 0; i < particles.length; i++) {
      const { colour, alpha } = heatStyle(trap[this.cellOf[i]]);
      particles[i].tint = colour;
      particles[i].alpha = alpha;
    }
    this.container.update();
  }
}

/** Visited cells of this episode: extended while playing forward, rebuilt on a jump back. */
export class TrailLayer {
  readonly container = new ParticleContainer<Particle>({ dynamicProperties: STATIC });
  private visited = new Uint8Array(0);
  private width = 1;
  private cell = 1;
  private colour = 0;
  /** The run, episode start and frame the particles show. */
  private shown = { run: -1, start: -1, frame: -1 };

  setWorld(world: WorldInfo, cell: number, colour: number): void {
    this.width = world.width;
    this.cell = cell;
    this.colour = colour;
    this.shown = { run: -1, start: -1, frame: -1 };
    this.visited = new Uint8Array(world.width * world.height);
    this.container.particleChildren = [];
    this.container.update();
  }

  show(v: Pick<ViewFrame, 'frames' | 'runKey' | 'start' | 'frame'>): void {
    const st = this.shown;
    const pos = v.frames.pos;
    let from = st.frame + 1;
    if (!(st.run === v.runKey && st.start === v.start && v.frame >= st.frame)) {
      this.visited.fill(0);
      this.container.particleChildren.length = 0;
      from = v.start;
    } else if (v.frame === st.frame) return;
    let added = false;
    for (let i = from; i <= v.frame; i++) {
      const c = pos[i];
      if (this.visited[c]) continue;
      this.visited[c] = 1;
      this.container.particleChildren.push(cellParticle(c, this.width, this.cell, this.colour, 0.22));
      added = true;
    }
    if (added || from === v.start) this.container.update();
    this.shown = { run: v.runKey, start: v.start, frame: v.frame };
  }
}
