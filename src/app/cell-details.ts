/**
 * One cell of a pane's map in words, as its tooltip shows it and the screen reader says it: where it is
 * and what it looks like, its tile or what the unknown on it may be (with the agent's belief then),
 * P(trap), its value in the true world and whether the agent stands there.
 */
import type { ViewAnalysis } from '../render/view-frame.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { formatNumber, percent } from './dom.ts';
import type { RunStore } from './run-store.ts';

/** The run a cell is described in: the pane's store at the frame it shows. */
export interface CellContext {
  store: RunStore | null;
  /** The global frame shown (-1: none yet). */
  frame: number;
  /** Whether the pane is a person playing. */
  human: boolean;
  /** Episode e's values in its true world, if they arrived. */
  values(store: RunStore, episode: number): ViewAnalysis | null;
}

/** Cell c's details, a line per fact. */
export function describeCell(world: WorldInfo, c: number, ctx: CellContext): string {
  const x = c % world.width;
  const y = Math.floor(c / world.width);
  const lines = [`(${x}, ${y}) ${world.looks[world.cellLook[c]]}`];
  const t = world.cellTile[c];
  const { store, frame } = ctx;
  const meta = store && frame >= 0 ? store.episodeOf(frame) : null;
  if (t >= 0) {
    const tile = world.tiles[t];
    lines.push(tile.description || tile.name);
  } else {
    const key = world.keys.find((k) => k.cells.includes(c));
    if (key) {
      // A theory's hypotheses name the tile they put on this cell.
      const group = key.groups.find((g) => g.cells.includes(c));
      const options = key.variants.map((v, i) =>
        !group || group.tiles[i] === v ? v : `${v} (${group.tiles[i]})`,
      );
      lines.push(`unknown ${key.key}: ${options.join(' or ')}`);
      if (store && meta) {
        const post = store.posterior.valueAt(frame, meta.start);
        if (post) lines.push(key.variants.map((v, i) => `${v} ${percent(post[key.offset + i])}`).join(' · '));
      }
    }
  }
  if (store && meta && t < 0) {
    const trap = store.trap.valueAt(frame, meta.start);
    if (trap) lines.push(`P(trap) ${percent(trap[c])}`);
  }
  if (store && meta) {
    const a = ctx.values(store, meta.episode);
    if (a && Number.isFinite(a.values[c])) lines.push(`value in the true world ${formatNumber(a.values[c])}`);
    if (store.frames.pos[frame] === c) lines.push(ctx.human ? 'you are here' : 'the agent is here');
  }
  return lines.join('\n');
}
