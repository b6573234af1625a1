/**
 * The pixi.js view of one pane. Only src/render imports pixi, in the pixi-*.ts files: this one composes
 * the layers. The terrain is painted once per world (and size) into one texture and drawn with the
 * heatmap and the trail (composited per cell in cell-overlay.ts) in one full-map pass (pixi-map.ts);
 * the plan, bars and other marks are small Graphics rebuilt only when their source changes (keys below,
 * pixi-marks.ts), and the agent is moved, not redrawn (pixi-agent.ts). Rendering happens only when the
 * app asks (no ticker of its own).
 */
import { Application, Container, Graphics } from 'pixi.js';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { hexToNumber } from './palette.ts';
import { AgentLayer } from './pixi-agent.ts';
import { CellOverlay } from './cell-overlay.ts';
import { MapLayer } from './pixi-map.ts';
import {
  drawExperiments,
  drawGhosts,
  drawInspect,
  drawNoReturn,
  drawPastEndings,
  drawPlan,
  drawPosteriorBars,
  drawTruthBadges,
} from './pixi-marks.ts';
import { PolicyLayer } from './pixi-policy.ts';
import { FIT, type Viewport } from './viewport.ts';
import { changedLooks } from './scene.ts';
import { paintCell, paintTerrain, terrainCellSize } from './terrain.ts';
import type { ViewFrame, ViewOverlays } from './view-frame.ts';

/** Smallest cell (CSS pixels) on which posterior bars are drawn in the map. */
export const MIN_BAR_CELL = 10;

export class WorldView {
  readonly app: Application;
  private world: WorldInfo | null = null;
  private cell = 1;
  private readonly root = new Container();
  private readonly map = new MapLayer();
  private overlay: CellOverlay | null = null;
  private readonly noReturn = new Graphics();
  private readonly truth = new Graphics();
  private readonly bars = new Graphics();
  private readonly plan = new Graphics();
  private readonly experiments = new Graphics();
  private readonly ghosts = new Graphics();
  private readonly past = new Graphics();
  private readonly inspect = new Graphics();
  private readonly policy = new PolicyLayer();
  private readonly agent = new AgentLayer();
  /** Everything drawn above the terrain, bottom to top. */
  private readonly layers: Container[] = [
    this.policy.sprite,
    this.noReturn,
    this.truth,
    this.bars,
    this.ghosts,
    this.plan,
    this.experiments,
    this.agent.path,
    this.past,
    this.agent.poke,
    this.agent.marker,
    this.agent.pokeLabel,
    this.agent.cueLabel,
    this.inspect,
  ];
  private readonly keys = new Map<string, unknown>();
  /** The terrain image, kept to repaint the cells a format-1.1 `set` changed, at `terrainPx` per cell. */
  private terrain: CanvasRenderingContext2D | null = null;
  private terrainPx = 1;
  /** Changed cells painted on the terrain now: cell → look index. */
  private painted = new Map<number, number>();
  private colour = 0x0072b2;
  private viewport: Viewport = FIT;
  private inspected = -1;
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
    const w = world.width * cell;
    const h = world.height * cell;
    this.app.renderer.resize(w, h);
    this.root.removeChildren();

    const px = terrainCellSize(world, cell, this.app.renderer.resolution);
    const canvas = document.createElement('canvas');
    canvas.width = world.width * px;
    canvas.height = world.height * px;
    this.terrain = canvas.getContext('2d')!;
    this.terrainPx = px;
    this.painted = new Map();
    paintTerrain(this.terrain, world, px);
    this.overlay = new CellOverlay(world, this.colour);
    const base = this.map.setWorld(canvas, this.overlay.pixels, world, { width: w, height: h });

    this.agent.setWorld(world, cell, this.colour);
    this.policy.setWorld(world, px, { width: w, height: h });
    this.root.addChild(base, ...this.layers);
    for (const g of [
      this.noReturn,
      this.truth,
      this.bars,
      this.plan,
      this.experiments,
      this.ghosts,
      this.past,
    ])
      g.clear();
    this.inspected = -1;
    this.inspect.clear();
    this.setViewport(this.viewport);
  }

  /** Zoom and pan (viewport.ts): the map is scaled about the canvas's top-left corner. */
  setViewport(v: Viewport): void {
    this.viewport = v;
    this.root.scale.set(v.zoom);
    this.root.position.set(-v.x * v.zoom, -v.y * v.zoom);
    this.agent.setZoom(v.zoom);
  }

  viewportNow(): Viewport {
    return this.viewport;
  }

  /** Outlines cell `c` (the keyboard's inspection cursor), or nothing for -1. */
  setInspect(c: number): void {
    if (c === this.inspected || !this.world) return;
    this.inspected = c;
    drawInspect(this.inspect, c, this.world.width, this.cell);
  }

  /** Which overlay layers are drawn now (for tests and the debugging hooks). */
  visibleLayers(): Record<string, boolean> {
    return {
      heat: this.overlay !== null && this.overlayVisible.heat,
      trail: this.overlay !== null && this.overlayVisible.trail,
      noReturn: this.noReturn.visible,
      truth: this.truth.visible,
      bars: this.bars.visible,
      plan: this.plan.visible,
      experiments: this.experiments.visible,
      ghosts: this.ghosts.visible,
      values: this.policy.sprite.visible,
      agent: this.agent.marker.visible,
    };
  }

  private readonly overlayVisible = { heat: false, trail: false };

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

    if (has && this.changed('changes', `${v.runKey}/${v.start}/${v.frames.changeStart[v.frame + 1]}`))
      this.repaintChanges(world, changedLooks(v.frames, v.start, v.frame));

    // P(trap) heatmap and trail: the heat is recoloured only when the belief entry changes, and the
    // overlay texture is uploaded only when a texel changed.
    const overlay = this.overlay!;
    const heat = overlays.heat && has && v.trap !== null;
    const trail = overlays.trail && has;
    overlay.setVisible(heat, trail);
    this.overlayVisible.heat = heat;
    this.overlayVisible.trail = trail;
    if (heat && this.changed('heat', `${v.runKey}/${v.trap!.key}`)) overlay.recolourHeat(v.trap!.values);
    if (trail) overlay.showTrail(v);
    if (overlay.flush()) this.map.upload();

    this.noReturn.visible = overlays.noReturn && v.kinds !== null;
    if (this.noReturn.visible && this.changed('noReturn', v.kinds))
      drawNoReturn(this.noReturn, v.kinds!, world.width, s);

    this.truth.visible = overlays.truth && v.truth !== null;
    if (this.truth.visible && this.changed('truth', v.truth)) drawTruthBadges(this.truth, world, v.truth!, s);

    this.policy.sprite.visible = overlays.values && v.analysis !== null;
    if (this.policy.sprite.visible && this.changed('values', v.analysis)) this.policy.draw(v.analysis!);

    // Bars need room: below MIN_BAR_CELL pixels a cell cannot show them legibly (the pane lists them).
    this.bars.visible =
      overlays.bars && has && v.posterior !== null && s * this.viewport.zoom >= MIN_BAR_CELL;
    if (this.bars.visible && this.changed('bars', `${v.runKey}/${v.posterior!.key}`))
      drawPosteriorBars(this.bars, world, v.posterior!.values, s);

    this.plan.visible = overlays.plan && has && v.plan !== null && v.plan.cells.length > 1;
    if (this.plan.visible && this.changed('plan', `${v.runKey}/${v.plan!.key}`))
      drawPlan(this.plan, v.plan!.cells, world.width, s, this.colour);

    this.experiments.visible = overlays.plan && has && v.experiment !== null && v.experiment.cells.length > 0;
    if (this.experiments.visible && this.changed('experiments', `${v.runKey}/${v.experiment!.key}`))
      drawExperiments(this.experiments, v.experiment!.cells, world.width, s, this.colour);

    this.ghosts.visible = has && v.ghosts.length > 0;
    if (this.ghosts.visible && this.changed('ghosts', v.ghosts))
      drawGhosts(this.ghosts, v.ghosts, world.width, s);

    if (this.changed('past', `${v.runKey}/${v.episode}`)) drawPastEndings(this.past, v, world.width, s);

    this.agent.update(v, overlays.trail);
    this.lastMs = performance.now() - t0;
  }

  /** Brings the terrain to `now` (the cells changed by the frame shown), repainting only what differs. */
  private repaintChanges(world: WorldInfo, now: Map<number, number>): void {
    const ctx = this.terrain!;
    let dirty = false;
    for (const [cell] of this.painted)
      if (!now.has(cell)) {
        paintCell(ctx, world, cell, this.terrainPx, -1);
        dirty = true;
      }
    for (const [cell, look] of now)
      if (this.painted.get(cell) !== look) {
        paintCell(ctx, world, cell, this.terrainPx, look);
        dirty = true;
      }
    this.painted = now;
    if (dirty) this.map.refreshTerrain();
  }

  render(): void {
    const t0 = performance.now();
    this.app.render();
    this.lastMs += performance.now() - t0;
  }

  destroy(): void {
    this.map.destroy();
    this.policy.destroy();
    this.app.destroy({ removeView: true }, { children: true, texture: true, textureSource: true });
  }
}
