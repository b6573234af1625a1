/**
 * The panes' grid: one PaneView per agent, laid out in one or two columns, with the cell size chosen so
 * the world fits the window (on a phone, the width of the screen and about half its height).
 */
import type { WorldInfo } from '../worker/session/world-info.ts';
import { PaneView, type PaneHooks } from './pane.ts';

export class PaneGrid {
  readonly panes: PaneView[] = [];
  /** CSS pixels per cell (0 until the first layout). */
  private cell = 0;

  constructor(
    private readonly host: HTMLElement,
    private readonly hooks: PaneHooks,
  ) {}

  /** Adds panes (showing `world`) until there are `count`. */
  async grow(count: number, world: WorldInfo): Promise<void> {
    while (this.panes.length < count) {
      const pane = new PaneView(this.panes.length, this.hooks);
      this.panes.push(pane);
      this.host.append(pane.element);
      await pane.init();
      pane.setWorld(world, Math.max(2, this.cell));
    }
  }

  shrink(count: number): void {
    while (this.panes.length > count) this.panes.pop()!.destroy();
  }

  /**
   * Sizes the panes' canvases to the window, repainting the terrain if the size changed (or `force`,
   * for a new world). Returns whether it repainted.
   */
  layout(world: WorldInfo, force: boolean): boolean {
    const n = Math.max(1, this.panes.length);
    const width = this.host.clientWidth || 900;
    const phone = window.innerWidth < 700;
    const cols = n === 1 || width < 700 ? 1 : 2;
    this.host.style.setProperty('--cols', String(cols));
    // Room for the pane's border and the stage's padding.
    const paneW = (width - 12 * (cols - 1)) / cols - (phone ? 12 : 22);
    const maxH = phone
      ? Math.max(160, window.innerHeight * 0.45)
      : Math.max(220, window.innerHeight * (n <= cols ? 0.6 : 0.36));
    const cell = Math.max(2, Math.min(56, Math.floor(Math.min(paneW / world.width, maxH / world.height))));
    if (cell === this.cell && !force) return false;
    this.cell = cell;
    for (const p of this.panes) p.setWorld(world, cell);
    return true;
  }
}
