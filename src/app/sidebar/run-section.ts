/** The run's seed (typed, or a new random one) and its number of episodes. */
import { h } from '../dom.ts';
import { MAX_EPISODES, type RunConfig } from '../state.ts';
import type { SidebarActions } from './context.ts';

/**
 * A number input that dispatches on change only what `accept` takes (it returns null for the rest),
 * marking what it rejects as invalid instead.
 */
function numberInput(
  id: string,
  attrs: Record<string, string | number>,
  accept: (text: string) => number | null,
  onValue: (v: number) => void,
): HTMLInputElement {
  const input: HTMLInputElement = h('input', {
    id,
    attrs: { type: 'number', ...attrs },
    on: {
      change: () => {
        const v = accept(input.value);
        input.setAttribute('aria-invalid', String(v === null));
        if (v !== null) onValue(v);
      },
    },
  });
  return input;
}

/** A labelled field taking an equal share of its row. */
function field(label: string, input: HTMLInputElement): HTMLElement {
  return h(
    'label',
    { class: 'field', attrs: { for: input.id }, style: { flex: '1' } },
    h('span', { text: label }),
    input,
  );
}

export class RunSection {
  readonly element = h('section', { attrs: { 'aria-labelledby': 'run-heading' } });
  private readonly seedInput: HTMLInputElement;
  private readonly episodesInput: HTMLInputElement;

  constructor(actions: SidebarActions) {
    this.seedInput = numberInput(
      'seed',
      { step: 1, inputmode: 'numeric' },
      (text) => {
        const v = Number(text);
        return text.trim() !== '' && Number.isSafeInteger(v) ? v : null;
      },
      (seed) => actions.dispatch({ type: 'setSeed', seed }),
    );
    this.episodesInput = numberInput(
      'episodes',
      { min: 1, max: MAX_EPISODES, step: 1 },
      (text) => {
        const v = Number(text);
        return Number.isInteger(v) && v >= 1 && v <= MAX_EPISODES ? v : null;
      },
      (episodes) => actions.dispatch({ type: 'setEpisodes', episodes }),
    );
    this.element.append(
      h('h3', { id: 'run-heading', text: 'Run' }),
      h('div', { class: 'row' }, field('Seed', this.seedInput), field('Episodes', this.episodesInput)),
      h('button', {
        id: 'new-seed',
        text: 'New seed',
        attrs: { type: 'button' },
        on: { click: () => actions.dispatch({ type: 'setSeed', seed: actions.newSeed() }) },
      }),
    );
  }

  /** Shows the configured values, except in a field being edited. */
  update(config: Pick<RunConfig, 'seed' | 'episodes'>): void {
    if (document.activeElement !== this.seedInput && this.seedInput.value !== String(config.seed))
      this.seedInput.value = String(config.seed);
    if (document.activeElement !== this.episodesInput && this.episodesInput.value !== String(config.episodes))
      this.episodesInput.value = String(config.episodes);
  }
}
