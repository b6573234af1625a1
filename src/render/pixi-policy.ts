/**
 * The values overlay: `trapworld solve` of the episode's true world drawn on the map, an arrow per
 * optimal move in every cell (a stick for an optimal poke, a dot for waiting) and, where cells are large
 * enough, the cell's value. Painted once per episode with canvas 2D into one texture (thousands of
 * arrows would be thousands of shapes), shown as one sprite.
 */
import { Sprite, Texture } from 'pixi.js';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { paintPolicy } from './policy-paint.ts';
import type { ViewAnalysis } from './view-frame.ts';

export class PolicyLayer {
  readonly sprite = new Sprite();
  private world: WorldInfo | null = null;
  private px = 8;
  private texture: Texture | null = null;

  setWorld(world: WorldInfo, px: number, size: { width: number; height: number }): void {
    this.world = world;
    this.px = Math.max(8, px);
    this.sprite.width = size.width;
    this.sprite.height = size.height;
    this.sprite.visible = false;
  }

  draw(analysis: ViewAnalysis): void {
    const world = this.world;
    if (!world) return;
    const canvas = document.createElement('canvas');
    canvas.width = world.width * this.px;
    canvas.height = world.height * this.px;
    paintPolicy(canvas.getContext('2d')!, world, analysis, this.px);
    const w = this.sprite.width;
    const h = this.sprite.height;
    this.texture?.destroy(true);
    this.texture = Texture.from(canvas);
    this.sprite.texture = this.texture;
    this.sprite.width = w;
    this.sprite.height = h;
  }

  destroy(): void {
    this.texture?.destroy(true);
    this.texture = null;
  }
}
