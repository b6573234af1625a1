/**
 * The agent's layer: its marker (moved every frame, redrawn only when its look changes), the last steps
 * of its path, the stick it pokes with, and the labels for what it poked and heard.
 */
import { Graphics, Text, type TextStyleOptions } from 'pixi.js';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { traceCross, tracePolyline } from './pixi-shapes.ts';
import { agentPose, cueMarks, heardSignal, pokeMark, recentPath } from './scene.ts';
import type { ViewFrame } from './view-frame.ts';

const LABEL: TextStyleOptions = {
  fontFamily: 'system-ui, sans-serif',
  fontSize: 13,
  fontWeight: '700',
  fill: '#111111',
  stroke: { color: '#ffffff', width: 4, join: 'round' },
};

export class AgentLayer {
  readonly path = new Graphics();
  readonly marker = new Graphics();
  readonly poke = new Graphics();
  readonly pokeLabel = new Text({ text: '', style: LABEL });
  readonly cueLabel = new Text({ text: '', style: { ...LABEL, fontSize: 12, fontStyle: 'italic' } });
  private world: WorldInfo | null = null;
  private cell = 1;
  private colour = 0;
  /** What the marker was last drawn as (state, facing, sizes), so it is redrawn only when that changes. */
  private look: string | null = null;
  /** The map's zoom: labels keep their size on screen, and the halo shows only while cells are small. */
  private zoom = 1;

  setZoom(zoom: number): void {
    this.zoom = zoom;
    this.pokeLabel.scale.set(1 / zoom);
    this.cueLabel.scale.set(1 / zoom);
  }

  setWorld(world: WorldInfo, cell: number, colour: number): void {
    this.world = world;
    this.cell = cell;
    this.colour = colour;
    this.look = null;
    for (const g of [this.path, this.marker, this.poke]) g.clear();
    this.pokeLabel.text = '';
    this.cueLabel.text = '';
  }

  update(v: ViewFrame, showPath: boolean): void {
    const world = this.world!;
    const s = this.cell;
    const has = v.frame >= 0;
    this.path.visible = has && showPath;
    this.marker.visible = has;
    this.poke.visible = false;
    // Text is rasterised again whenever it changes, so it is set once per frame, and only if different.
    let pokeText = '';
    let cueText = '';
    if (has) {
      const pts = recentPath(v.frames, world.width, v.start, v.frame, 24).map((q) => q * s);
      const g = this.path.clear();
      if (pts.length >= 4)
        tracePolyline(g, pts).stroke({
          width: Math.max(1, s * 0.1),
          color: this.colour,
          alpha: 0.55,
          join: 'round',
          cap: 'round',
        });
      this.drawMarker(v, s);
      [pokeText, cueText] = this.drawPoke(v, world, s);
    }
    if (this.pokeLabel.text !== pokeText) this.pokeLabel.text = pokeText;
    if (this.cueLabel.text !== cueText) this.cueLabel.text = cueText;
    this.pokeLabel.visible = pokeText !== '';
    this.cueLabel.visible = cueText !== '';
  }

  private drawMarker(v: ViewFrame, s: number): void {
    const pose = agentPose(v.frames, this.world!.width, v.start, v.frame, v.phase);
    const r = Math.max(4, s * 0.32);
    const look = `${pose.state}/${pose.facing}/${r}/${s}/${this.zoom}`;
    if (look !== this.look) {
      this.look = look;
      const g = this.marker.clear();
      if (pose.state === 'dead') {
        g.circle(0, 0, r).fill({ color: 0x555555 }).stroke({ width: 2, color: 0xffffff });
        traceCross(g, 0, 0, r * 0.5).stroke({ width: Math.max(1.5, r * 0.25), color: 0xffffff });
      } else {
        g.circle(0, 0, r)
          .fill({ color: this.colour })
          .stroke({ width: Math.max(1.5, r * 0.18), color: 0xffffff });
        if (pose.facing >= 0) {
          const dx = [0, 1, 0, -1][pose.facing];
          const dy = [-1, 0, 1, 0][pose.facing];
          g.circle(dx * r * 0.45, dy * r * 0.45, Math.max(1.2, r * 0.22)).fill(0xffffff);
        }
        if (pose.state === 'stuck')
          g.circle(0, 0, r * 1.35).stroke({ width: Math.max(1.5, r * 0.2), color: 0xe69f00 });
        if (pose.state === 'goal')
          g.circle(0, 0, r * 1.4).stroke({ width: Math.max(1.5, r * 0.2), color: 0x009e73 });
      }
      // On a big map the agent is a few pixels wide: a halo makes it easy to find.
      if (s * this.zoom < 10) {
        g.circle(0, 0, r * 2.4).stroke({ width: 3, color: 0xffffff, alpha: 0.9 });
        g.circle(0, 0, r * 2.4).stroke({ width: 1.5, color: pose.state === 'dead' ? 0x555555 : this.colour });
      }
    }
    this.marker.position.set(pose.x * s, pose.y * s);
  }

  /** Draws the stick and places the labels; returns the poke and cue label texts. */
  private drawPoke(v: ViewFrame, world: WorldInfo, s: number): [string, string] {
    let pokeText = '';
    let cueText = '';
    const poke = pokeMark(v.frames, world, v.frame);
    if (poke) {
      // The stick reaches out during the first half of the step and draws back during the second.
      const reach = 0.35 + 0.55 * Math.sin(Math.PI * Math.min(1, Math.max(0.15, v.phase)));
      const g = this.poke.clear();
      const x1 = poke.x0 + (poke.x1 - poke.x0) * reach;
      const y1 = poke.y0 + (poke.y1 - poke.y0) * reach;
      g.moveTo(poke.x0 * s, poke.y0 * s)
        .lineTo(x1 * s, y1 * s)
        .stroke({ width: Math.max(2, s * 0.1), color: 0x7a4a1e, cap: 'round' });
      g.circle(poke.x1 * s, poke.y1 * s, Math.max(4, s * 0.42)).stroke({
        width: Math.max(1.5, s * 0.07),
        color: poke.hurt ? 0xd55e00 : 0xffffff,
        alpha: 0.9,
      });
      this.poke.visible = true;
      pokeText = `${poke.signal}!`;
      if (this.pokeLabel.text !== pokeText) this.pokeLabel.text = pokeText;
      this.placeLabel(this.pokeLabel, poke.x1 * s, poke.y1 * s - Math.max(8, s * 0.6));
    }
    const cues = cueMarks(v.frames, world, v.frame);
    const heard = heardSignal(v.frames, world, v.frame);
    const words = [...cues.map((c) => `${c.signal} (${c.dir})`), ...(heard ? [heard] : [])];
    if (words.length > 0) {
      cueText = words.join(', ');
      if (this.cueLabel.text !== cueText) this.cueLabel.text = cueText;
      const pose = agentPose(v.frames, world.width, v.start, v.frame, 1);
      this.placeLabel(this.cueLabel, pose.x * s, pose.y * s + Math.max(10, s * 0.7));
    }
    return [pokeText, cueText];
  }

  /** Centres a label at (x, y), kept inside the map. */
  private placeLabel(t: Text, x: number, y: number): void {
    const w = this.world!.width * this.cell;
    const h = this.world!.height * this.cell;
    t.anchor.set(0.5, 0.5);
    t.position.set(
      Math.min(w - t.width / 2 - 2, Math.max(t.width / 2 + 2, x)),
      Math.min(h - 10, Math.max(10, y)),
    );
  }
}
