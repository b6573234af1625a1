/**
 * The sentence above the panes saying what is being run: world, seed, episodes and the truth. A fixed
 * truth is a spoiler (the link of the opening picture fixes the rotten plank): it is only counted here
 * until the user asks to see it.
 */
import type { WorldInfo } from '../worker/session/world-info.ts';
import { h } from './dom.ts';
import type { RunConfig } from './state.ts';
import { compressTruth } from './url.ts';

export function updateRunSummary(
  summary: HTMLElement,
  world: WorldInfo,
  config: RunConfig,
  shown: boolean,
  toggle: () => void,
): void {
  const fixed = compressTruth(world, config.truth);
  const rest = world.keys.some((k) => config.truth[k.key] === undefined);
  const n = Object.keys(config.truth).length;
  const truth =
    world.unknowns.length === 0
      ? 'no unknowns'
      : fixed.length === 0
        ? 'truth drawn from the priors'
        : shown
          ? `truth ${fixed.join(', ')}${rest ? ' (the rest drawn from the priors)' : ''}`
          : `truth fixed for ${n} cell${n === 1 ? '' : 's'}${rest ? ', the rest drawn' : ''} (hidden)`;
  const key = `${world.title}/${config.seed}/${config.episodes}/${truth}`;
  if (summary.dataset.key === key) return;
  summary.dataset.key = key;
  summary.replaceChildren(
    h('strong', { text: world.title }),
    ` · seed ${config.seed} · ${config.episodes} episode${config.episodes === 1 ? '' : 's'} · ${truth}`,
  );
  if (fixed.length > 0)
    summary.append(
      ' ',
      h('button', {
        id: 'reveal-truth',
        class: 'link-button',
        text: shown ? 'Hide the truth' : 'Show the truth',
        attrs: { type: 'button', 'aria-pressed': String(shown) },
        on: { click: toggle },
      }),
    );
}
