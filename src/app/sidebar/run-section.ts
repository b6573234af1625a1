/** The run's seed (typed, or a new random one) and its number of episodes. */
import { h } from '../dom.ts';
import { isSeed, MAX_EPISODES, MAX_SEED, type RunConfig } from '../state.ts';
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
  problem: string,
): { input: HTMLInputElement; error: HTMLElement } {
  const error = h('span', { id: `${id}-error`, class: 'option-error', attrs: { 'aria-live': 'polite' } });
  const input: HTMLInputElement = h('input', {
    id,
    attrs: { type: 'number', 'aria-describedby': `${id}-error`, ...attrs },
    on: {
      change: () => {
        const v = accept(input.value);
        input.setAttribute('aria-invalid', String(v === null));
        error.textContent = v === null ? problem : '';
        if (v !== null) onValue(v);
      },
    },
  });
  return { input, error };
}

/** A labelled field taking an equal share of its row, with the message for what it refuses. */
function field(label: string, f: { input: HTMLInputElement; error: HTMLElement }): HTMLElement {
  return h(
    'div',
    { class: 'field', style: { flex: '1' } },
    h('label', { attrs: { for: f.input.id }, text: label }),
    f.input,
    f.error,
  );
}

export class RunSection {
  readonly element = h('section', { attrs: { 'aria-labelledby': 'run-heading' } });
  private readonly seedInput: HTMLInputElement;
  private readonly episodesInput: HTMLInputElement;
  private readonly seedError: HTMLElement;
  private readonly episodesError: HTMLElement;

  constructor(actions: SidebarActions) {
    const seed = numberInput(
      'seed',
      { step: 1, min: 0, max: MAX_SEED, inputmode: 'numeric' },
      (text) => {
        const v = Number(text);
        return text.trim() !== '' && isSeed(v) ? v : null;
      },
      (v) => actions.dispatch({ type: 'setSeed', seed: v }),
      `A seed is a whole number from 0 to ${MAX_SEED} (as trapworld run --seed takes); this one is not used.`,
    );
    const episodes = numberInput(
      'episodes',
      { min: 1, max: MAX_EPISODES, step: 1 },
      (text) => {
        const v = Number(text);
        return Number.isInteger(v) && v >= 1 && v <= MAX_EPISODES ? v : null;
      },
      (v) => actions.dispatch({ type: 'setEpisodes', episodes: v }),
      `Episodes: a whole number from 1 to ${MAX_EPISODES}.`,
    );
    this.seedInput = seed.input;
    this.seedError = seed.error;
    this.episodesInput = episodes.input;
    this.episodesError = episodes.error;
    this.element.append(
      h('h3', { id: 'run-heading', text: 'Run' }),
      h('div', { class: 'row top' }, field('Seed', seed), field('Episodes', episodes)),
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
    if (document.activeElement !== this.seedInput && this.seedInput.value !== String(config.seed)) {
      this.seedInput.value = String(config.seed);
      this.seedInput.setAttribute('aria-invalid', 'false');
      this.seedError.textContent = '';
    }
    if (
      document.activeElement !== this.episodesInput &&
      this.episodesInput.value !== String(config.episodes)
    ) {
      this.episodesInput.value = String(config.episodes);
      this.episodesInput.setAttribute('aria-invalid', 'false');
      this.episodesError.textContent = '';
    }
  }
}
