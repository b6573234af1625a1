/**
 * The pixi.js view of one pane: the only module that imports pixi. Static terrain is painted once per
 * world (and size) into one texture, one sprite. The heatmap and the trail are particle layers with one
 * quad per unknown cell and per visited cell (recoloured or extended when the belief or the position
 * changes, never rebuilt per frame), so their cost follows the cells they mark rather than the map's
 * area: with software rendering, every full-map layer costs as much as the terrain. The plan, bars and
 * markers are small Graphics rebuilt only when their source changes (keys below), and the agent is moved,
 * not redrawn. Rendering happens only when the app asks (no ticker of its own).
 */
import {
  Application,
  Container,
  Graphics,
  Particle,
  ParticleContainer,
  Sprite,
  Text,
  Texture,
  type TextStyleOptions,
} from 'pixi.js';
import { CELL_KINDS, type WorldInfo } from '../worker/session.ts';
import { hexToNumber } from './palette.ts';
import {
  agentPose,
  cueMarks,
  heardSignal,
  heatCells,
  heatStyle,
  noReturnMarks,
  pastEndings,
  planPath,
  pokeMark,
  posteriorBars,
  recentPath,
  truthBadges,
  type FrameSource,
} from './scene.ts';
import { paintTerrain, terrainCellSize } from './terrain.ts';

export interface ViewOverlays {
  heat: boolean;
  bars: boolean;
  plan: boolean;
  trail: boolean;
  noReturn: boolean;
  truth: boolean;
}

export interface ViewFrame {
  frames: FrameSource;
  /** Global index of the episode's first frame and of the frame shown (-1: nothing computed yet). */
  start: number;
  frame: number;
  /** 0-1: how far the move into `frame` has progressed (1 when paused). */
  phase: number;
  episode: number;
  /** A key that changes whenever the run changes (a new session). */
  runKey: number;
  trap: { key: number; values: Float32Array } | null;
  posterior: { key: number; values: Float32Array } | null;
  plan: { key: number; cells: Int32Array } | null;
  truth: Record<string, string> | null;
  kinds: Uint8Array | null;
  episodes: readonly { start: number; count: number; end: { outcome: string } | null }[];
}

/** Particle layers here change rarely: their buffers are re-uploaded on `update()`, not every frame. */
const STATIC = { position: false, rotation: false, vertex: false, uvs: false, color: false };

/** Smallest cell (CSS pixels) on which posterior bars are drawn in the map. */
export const MIN_BAR_CELL = 10;

const LABEL: TextStyleOptions = {
  fontFamily: 'system-ui, sans-serif',
  fontSize: 13,
  fontWeight: '700',
  fill: '#111111',
  stroke: { color: '#ffffff', width: 4, join: 'round' },
};

export class WorldView {
  readonly app: Application;
  private world: WorldInfo | null = null;
  private cell = 1;
  private readonly root = new Container();
  private terrain: Sprite | null = null;
  private readonly heat = new ParticleContainer<Particle>({ dynamicProperties: STATIC });
  private heatOf: Int32Array = new Int32Array(0);
  private readonly trail = new ParticleContainer<Particle>({ dynamicProperties: STATIC });
  private visited = new Uint8Array(0);
  private readonly noReturn = new Graphics();
  private readonly truth = new Graphics();
  private readonly bars = new Graphics();
  private readonly plan = new Graphics();
  private readonly path = new Graphics();
  private readonly past = new Graphics();
  private readonly agent = new Graphics();
  private readonly poke = new Graphics();
  private readonly pokeLabel = new Text({ text: '', style: LABEL });
  private readonly cueLabel = new Text({ text: '', style: { ...LABEL, fontSize: 12, fontStyle: 'italic' } });
  private readonly keys = new Map<string, unknown>();
  private colour = 0x0072b2;
  private trailState = { run: -1, start: -1, frame: -1 };
  /** Milliseconds spent in the last update + render (for the frame-time readout). */
  lastMs = 0;

  private constructor(app: Application) {
    this.app = app;
    app.stage.addChild(this.root);
  }

  static async create(host: HTMLElement, width: number, height: number): Promise<WorldView> {
    const app = new Application();
    await app.init({
      width,
      height,
      preference: 'webgl',
      preserveDrawingBuffer: true,
      antialias: false,
      autoStart: false,
      sharedTicker: false,
      background: '#16181f',
      resolution: Math.min(2, globalThis.devicePixelRatio || 1),
      autoDensity: true,
    });
    host.appendChild(app.canvas);
    app.canvas.setAttribute('role', 'img');
    return new WorldView(app);
  }

  get canvas(): HTMLCanvasElement {
    return this.app.canvas;
  }

  get renderer(): string {
    return this.app.renderer.name;
  }

  /** Shows a world at `cell` CSS pixels per cell: paints the terrain (the only full repaint). */
  setWorld(world: WorldInfo, cell: number, colour: string): void {
    this.world = world;
    this.cell = cell;
    this.colour = hexToNumber(colour);
    this.keys.clear();
    this.trailState = { run: -1, start: -1, frame: -1 };
    const w = world.width * cell;
    const h = world.height * cell;
    this.app.renderer.resize(w, h);
    this.root.removeChildren();
    this.terrain?.destroy({ texture: true, textureSource: true });

    const px = terrainCellSize(world, cell, this.app.renderer.resolution);
    const canvas = document.createElement('canvas');
    canvas.width = world.width * px;
    canvas.height = world.height * px;
    paintTerrain(canvas.getContext('2d')!, world, px);
    this.terrain = new Sprite(Texture.from(canvas));
    this.terrain.width = w;
    this.terrain.height = h;

    // One heat quad per unknown cell, recoloured when the belief changes.
    this.heatOf = heatCells(world);
    this.heat.particleChildren = Array.from(this.heatOf, (c) => this.cellParticle(c, 0, 0));
    this.heat.update();
    this.visited = new Uint8Array(world.width * world.height);
    this.trail.particleChildren = [];
    this.trail.update();

    this.root.addChild(
      this.terrain,
      this.trail,
      this.heat,
      this.noReturn,
      this.truth,
      this.bars,
      this.plan,
      this.path,
      this.past,
      this.poke,
      this.agent,
      this.pokeLabel,
      this.cueLabel,
    );
    for (const g of [
      this.noReturn,
      this.truth,
      this.bars,
      this.plan,
      this.path,
      this.past,
      this.poke,
      this.agent,
    ])
      g.clear();
    this.pokeLabel.text = '';
    this.cueLabel.text = '';
  }

  private cellParticle(c: number, colour: number, alpha: number): Particle {
    const s = this.cell;
    return new Particle({
      texture: Texture.WHITE,
      x: (c % this.world!.width) * s,
      y: Math.floor(c / this.world!.width) * s,
      scaleX: s,
      scaleY: s,
      tint: colour,
      alpha,
    });
  }

  /** Whether `key` differs from last time (and remembers it). */
  private changed(name: string, key: unknown): boolean {
    if (this.keys.get(name) === key) return false;
    this.keys.set(name, key);
    return true;
  }

  update(v: ViewFrame, overlays: ViewOverlays): void {
    const t0 = performance.now();
    const world = this.world;
    if (!world) return;
    const s = this.cell;
    const has = v.frame >= 0;

    // P(trap) heatmap: recoloured only when the belief entry changes.
    this.heat.visible = overlays.heat && has && v.trap !== null;
    if (this.heat.visible && this.changed('heat', `${v.runKey}/${v.trap!.key}`)) {
      const particles = this.heat.particleChildren;
      const trap = v.trap!.values;
      for (let i = 0; i < particles.length; i++) {
        const { colour, alpha } = heatStyle(trap[this.heatOf[i]]);
        particles[i].tint = colour;
        particles[i].alpha = alpha;
      }
      this.heat.update();
    }

    // Trail: visited cells of this episode, extended while playing forward, rebuilt on a jump back.
    this.trail.visible = overlays.trail && has;
    if (this.trail.visible) this.updateTrail(v);

    this.noReturn.visible = overlays.noReturn && v.kinds !== null;
    if (this.noReturn.visible && this.changed('noReturn', v.kinds)) {
      const g = this.noReturn.clear();
      for (const m of noReturnMarks(v.kinds!, CELL_KINDS, world.width)) {
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

    this.truth.visible = overlays.truth && v.truth !== null;
    if (this.truth.visible && this.changed('truth', v.truth)) {
      const g = this.truth.clear();
      const r = Math.max(2, s * 0.2);
      for (const b of truthBadges(world, v.truth!)) {
        const cx = b.x * s + r + 1;
        const cy = b.y * s + r + 1;
        g.circle(cx, cy, r)
          .fill({ color: hexToNumber(b.colour) })
          .stroke({ width: 1, color: 0xffffff });
        if (b.deadly && r >= 4)
          g.moveTo(cx - r * 0.5, cy - r * 0.5)
            .lineTo(cx + r * 0.5, cy + r * 0.5)
            .moveTo(cx + r * 0.5, cy - r * 0.5)
            .lineTo(cx - r * 0.5, cy + r * 0.5)
            .stroke({ width: Math.max(1, r * 0.35), color: 0xffffff });
      }
    }

    // Bars need room: below MIN_BAR_CELL pixels a cell cannot show them legibly (the pane lists them).
    this.bars.visible = overlays.bars && has && v.posterior !== null && s >= MIN_BAR_CELL;
    if (this.bars.visible && this.changed('bars', `${v.runKey}/${v.posterior!.key}`)) {
      const g = this.bars.clear();
      for (const r of posteriorBars(world, v.posterior!.values)) {
        g.rect(r.x * s, r.y * s, Math.max(0.5, r.w * s), Math.max(1.5, r.h * s)).fill({
          color: hexToNumber(r.colour),
        });
      }
    }

    this.plan.visible = overlays.plan && has && v.plan !== null && v.plan.cells.length > 1;
    if (this.plan.visible && this.changed('plan', `${v.runKey}/${v.plan!.key}`)) {
      const g = this.plan.clear();
      const pts = planPath(v.plan!.cells, world.width).map((q) => q * s);
      g.moveTo(pts[0], pts[1]);
      for (let i = 2; i < pts.length; i += 2) g.lineTo(pts[i], pts[i + 1]);
      g.stroke({ width: Math.max(1.5, s * 0.08), color: 0xffffff, alpha: 0.9, join: 'round', cap: 'round' });
      g.moveTo(pts[0], pts[1]);
      for (let i = 2; i < pts.length; i += 2) g.lineTo(pts[i], pts[i + 1]);
      g.stroke({ width: Math.max(1, s * 0.045), color: this.colour, alpha: 1, join: 'round', cap: 'round' });
      for (let i = 2; i < pts.length; i += 2)
        g.circle(pts[i], pts[i + 1], Math.max(1.5, s * 0.07)).fill(this.colour);
    }

    if (this.changed('past', `${v.runKey}/${v.episode}`)) {
      const g = this.past.clear();
      for (const m of pastEndings(v.episodes, v.episode, v.frames.pos, world.width)) {
        const cx = (m.x + 0.5) * s;
        const cy = (m.y + 0.5) * s;
        const r = Math.max(3, s * 0.28);
        const stroke = { width: Math.max(1.5, s * 0.08), color: hexToNumber(m.colour), alpha: 0.7 };
        // A cross where an earlier episode died, a ring where it got stuck for good.
        if (m.kind === 'stuck') g.circle(cx, cy, r).stroke(stroke);
        else
          g.moveTo(cx - r, cy - r)
            .lineTo(cx + r, cy + r)
            .moveTo(cx + r, cy - r)
            .lineTo(cx - r, cy + r)
            .stroke(stroke);
      }
    }

    this.path.visible = has && overlays.trail;
    this.agent.visible = has;
    this.poke.visible = false;
    // Text is rasterised again whenever it changes, so it is set once per frame, and only if different.
    let pokeText = '';
    let cueText = '';
    if (has) {
      const pts = recentPath(v.frames, world.width, v.start, v.frame, 24).map((q) => q * s);
      const g = this.path.clear();
      if (pts.length >= 4) {
        g.moveTo(pts[0], pts[1]);
        for (let i = 2; i < pts.length; i += 2) g.lineTo(pts[i], pts[i + 1]);
        g.stroke({
          width: Math.max(1, s * 0.1),
          color: this.colour,
          alpha: 0.55,
          join: 'round',
          cap: 'round',
        });
      }
      this.drawAgent(v, s);
      [pokeText, cueText] = this.drawPoke(v, world, s);
    }
    if (this.pokeLabel.text !== pokeText) this.pokeLabel.text = pokeText;
    if (this.cueLabel.text !== cueText) this.cueLabel.text = cueText;
    this.pokeLabel.visible = pokeText !== '';
    this.cueLabel.visible = cueText !== '';
    this.lastMs = performance.now() - t0;
  }

  private updateTrail(v: ViewFrame): void {
    const st = this.trailState;
    const pos = v.frames.pos;
    let from = st.frame + 1;
    if (!(st.run === v.runKey && st.start === v.start && v.frame >= st.frame)) {
      this.visited.fill(0);
      this.trail.particleChildren.length = 0;
      from = v.start;
    } else if (v.frame === st.frame) return;
    let added = false;
    for (let i = from; i <= v.frame; i++) {
      const c = pos[i];
      if (this.visited[c]) continue;
      this.visited[c] = 1;
      this.trail.particleChildren.push(this.cellParticle(c, this.colour, 0.22));
      added = true;
    }
    if (added || from === v.start) this.trail.update();
    this.trailState = { run: v.runKey, start: v.start, frame: v.frame };
  }

  private drawAgent(v: ViewFrame, s: number): void {
    const pose = agentPose(v.frames, this.world!.width, v.start, v.frame, v.phase);
    const r = Math.max(4, s * 0.32);
    if (this.changed('agentLook', `${pose.state}/${pose.facing}/${r}/${s}`)) {
      const g = this.agent.clear();
      if (pose.state === 'dead') {
        g.circle(0, 0, r).fill({ color: 0x555555 }).stroke({ width: 2, color: 0xffffff });
        g.moveTo(-r * 0.5, -r * 0.5)
          .lineTo(r * 0.5, r * 0.5)
          .moveTo(r * 0.5, -r * 0.5)
          .lineTo(-r * 0.5, r * 0.5)
          .stroke({ width: Math.max(1.5, r * 0.25), color: 0xffffff });
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
      if (s < 10) {
        g.circle(0, 0, r * 2.4).stroke({ width: 3, color: 0xffffff, alpha: 0.9 });
        g.circle(0, 0, r * 2.4).stroke({ width: 1.5, color: pose.state === 'dead' ? 0x555555 : this.colour });
      }
    }
    this.agent.position.set(pose.x * s, pose.y * s);
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

  private placeLabel(t: Text, x: number, y: number): void {
    const w = this.world!.width * this.cell;
    const h = this.world!.height * this.cell;
    t.anchor.set(0.5, 0.5);
    t.position.set(
      Math.min(w - t.width / 2 - 2, Math.max(t.width / 2 + 2, x)),
      Math.min(h - 10, Math.max(10, y)),
    );
  }

  render(): void {
    const t0 = performance.now();
    this.app.render();
    this.lastMs += performance.now() - t0;
  }

  destroy(): void {
    this.app.destroy({ removeView: true }, { children: true, texture: true, textureSource: true });
  }
}
