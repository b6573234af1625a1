import type { Action } from '../core/format.ts';
import type { EnvSpec } from '../core/spec.ts';

/** Ties go to moves, then pokes, then waiting: an agent that can get on with it does. */
function rank(action: Action): number {
  return action === 'wait' ? 2 : action.startsWith('poke') ? 1 : 0;
}

/** The best action for these Q-values (in the environment's order); ties by `rank`, then that order. */
export function pickAction(env: EnvSpec, q: ArrayLike<number>): number {
  let best = -Infinity;
  for (let k = 0; k < q.length; k++) if (q[k] > best) best = q[k];
  if (best === -Infinity) return -1;
  const scale = Math.max(1, Math.abs(best));
  let pick = -1;
  env.actions.forEach((a, k) => {
    if (q[k] < best - 1e-9 * scale) return;
    if (pick < 0 || rank(a) < rank(env.actions[pick])) pick = k;
  });
  return pick;
}
