/**
 * What a pane draws as the agent's intent: the way it means to go and the cells its experiments target.
 * Worked out from the recorded run for the frame shown (pure), so the map and the "Why" panel agree on
 * which decision is in force.
 */
import type { CandidateView } from '../core/agent.ts';
import { agentState } from '../render/scene.ts';
import type { ViewFrame } from '../render/view-frame.ts';
import type { EpisodeMeta } from '../worker/session/protocol.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import type { RunStore } from './run-store.ts';

export interface Intent {
  plan: ViewFrame['plan'];
  experiment: ViewFrame['experiment'];
}

/** Nothing intended (nothing computed yet, or an agent that is dead or done). */
export const NO_INTENT: Intent = { plan: null, experiment: null };

/** A row of the "Why" table under the pointer or focus; `key` changes with every new highlight. */
export interface Highlight {
  key: number;
  candidate: CandidateView;
}

/**
 * What the agent intends from where it stands, and the experiments it means to run: the option it
 * chose for its next action (its decision view: the way to each experiment's spot, the cells it
 * targets), or else the plan it recorded, from its own cell on. A plan that no longer passes through
 * the agent's cell is not what it intends now, and a dead or finished agent intends nothing: neither
 * is drawn. A row of the "Why" table under the pointer or focus (`highlight`) is drawn instead.
 */
export function agentIntent(
  store: RunStore,
  world: WorldInfo,
  meta: EpisodeMeta,
  frame: number,
  highlight: Highlight | null,
): Intent {
  const f = store.frames;
  if (agentState(f, meta.start, frame) !== 'alive') return NO_INTENT;
  const pos = f.pos[frame];
  const next = Math.min(frame + 1, meta.start + meta.count - 1);
  const entry = store.decisionAt(next, meta.start);
  const candidate = highlight?.candidate ?? entry?.decision.candidates.find((c) => c.chosen);
  const key = highlight ? -highlight.key : (entry?.frame ?? -1);
  if (candidate && candidate.kind !== 'safe' && candidate.cells && candidate.cells.length > 0) {
    const cells = candidate.cells;
    const at = cells.indexOf(pos);
    const path = [pos];
    for (const c of at >= 0 ? cells.slice(at + 1) : cells) if (c !== path[path.length - 1]) path.push(c);
    const targets =
      candidate.kind === 'experiment'
        ? (candidate.targets ?? [...new Set(cells.filter((c) => world.cellUnknown[c] >= 0))])
        : [];
    return {
      plan: path.length > 1 ? { key: key * 4096 + Math.max(0, at), cells: Int32Array.from(path) } : null,
      experiment: targets.length > 0 ? { key, cells: Int32Array.from(targets) } : null,
    };
  }
  if (highlight) return NO_INTENT;
  const plan = store.planAt(frame, meta.start);
  if (!plan) return NO_INTENT;
  const at = plan.cells.indexOf(pos);
  if (at < 0) return NO_INTENT;
  return {
    plan: { key: -(plan.frame * 4096 + at) - 1e9, cells: at === 0 ? plan.cells : plan.cells.subarray(at) },
    experiment: null,
  };
}
