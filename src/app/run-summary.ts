/** The sentence above the panes saying what is being run: world, seed, episodes and the truth. */
import type { WorldInfo } from '../worker/session/world-info.ts';
import { h } from './dom.ts';
import type { RunConfig } from './state.ts';
import { compressTruth } from './url.ts';

export function updateRunSummary(summary: HTMLElement, world: WorldInfo, config: RunConfig): void {
  const fixed = compressTruth(world, config.truth);
  const truth =
    world.unknowns.length === 0
      ? 'no unknowns'
      : fixed.length === 0
        ? 'truth drawn from the priors'
        : `truth ${fixed.join(', ')}${world.keys.some((k) => config.truth[k.key] === undefined) ? ' (the rest drawn from the priors)' : ''}`;
  const key = `${world.title}/${config.seed}/${config.episodes}/${truth}`;
  if (summary.dataset.key === key) return;
  summary.dataset.key = key;
  summary.replaceChildren(
    h('strong', { text: world.title }),
    ` · seed ${config.seed} · ${config.episodes} episode${config.episodes === 1 ? '' : 's'} · ${truth}`,
  );
}
