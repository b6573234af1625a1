/**
 * The panes' grid: one PaneView per agent, laid out in one or two columns, with the cell size chosen so
 * the world fits the window.
 */
import type { WorldInfo } from '../worker/session/world-info.ts';
import { PaneView } from './pane.ts';
import type { RunStore } from './run-store.ts';

export class PaneGrid {
  readonly panes: PaneView[] = [];
  /** CSS pixels per cell (0 until the first layout). */
  private cell = 0;

  constructor(
    private readonly host: HTMLElement,
    private readonly requestKinds: (store: RunStore, episode: number) => void,
  ) {}

  /** Adds panes (showing `world`) until there are `count`. */
  async grow(count: number, world: WorldInfo): Promise<void> {
    while (this.panes.length < count) {
      const pane = new PaneView(this.panes.length);
      pane.requestKinds = this.requestKinds;
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
    const cols = n === 1 || width < 700 ? 1 : 2;
    this.host.style.setProperty('--cols', String(cols));
    const paneW = (width - 12 * (cols - 1)) / cols - 22;
    const maxH = Math.max(220, window.innerHeight * (n <= cols ? 0.6 : 0.36));
    const cell = Math.max(2, Math.min(56, Math.floor(Math.min(paneW / world.width, maxH / world.height))));
    if (cell === this.cell && !force) return false;
    this.cell = cell;
    for (const p of this.panes) p.setWorld(world, cell);
    return true;
  }
}
