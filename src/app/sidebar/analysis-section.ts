/**
 * Learnability of the loaded world (`trapworld analyze`, computed in the worker on request): for each
 * question, whether it can be settled safely, only at risk, or never, with the cheapest test, and the
 * values of the oracle, the exact Bayes-optimal agent and the agent that never takes a risk.
 */
import type { Analysis } from '../../plan/analysis.ts';
import type { AnalysisResult } from '../../worker/session.ts';
import { formatNumber, h, replaceChildren } from '../dom.ts';
import type { SidebarContext } from './context.ts';

const SHOWN = 24;

export class AnalysisSection {
  readonly element = h('section', { attrs: { 'aria-labelledby': 'analysis-heading' } });
  private readonly output = h('div', { id: 'analysis-output', attrs: { 'aria-live': 'polite' } });
  /** Which world the output is about: a result for an older world is dropped. */
  private worldKey = '';

  constructor(private readonly analyze: () => Promise<AnalysisResult>) {}

  render(ctx: SidebarContext): void {
    this.worldKey = ctx.world ? `${ctx.world.name}\u0000${ctx.world.source}` : '';
    this.output.replaceChildren();
    const button = h('button', {
      id: 'analyze',
      text: 'Analyze this world',
      attrs: { type: 'button', disabled: ctx.world === null },
      on: { click: () => void this.run(button as HTMLButtonElement) },
    });
    replaceChildren(
      this.element,
      h('h3', { id: 'analysis-heading', text: 'What can be learnt here' }),
      h('p', {
        class: 'description',
        text: 'Which unknowns and theories an agent can settle safely, only at risk, or never, and the cheapest test for each.',
      }),
      button,
      this.output,
    );
  }

  private async run(button: HTMLButtonElement): Promise<void> {
    const key = this.worldKey;
    button.disabled = true;
    this.output.replaceChildren(h('p', { text: 'Analyzing…' }));
    const result = await this.analyze();
    if (key !== this.worldKey) return;
    button.disabled = false;
    this.output.replaceChildren(
      ...(result.ok ? this.table(result.analysis) : [h('p', { class: 'error', text: result.error })]),
    );
  }

  private table(a: Analysis): HTMLElement[] {
    const rows = a.questions
      .slice(0, SHOWN)
      .map((q) =>
        h(
          'tr',
          { attrs: { 'data-learnable': q.learnable } },
          h('td', { text: q.id }),
          h('td', { text: q.learnable }),
          h('td', { text: q.test ? formatNumber(q.test.risk, 3) : '–' }),
          h('td', { text: q.test ? q.test.actions.join(' ') : 'no observation tells them apart' }),
        ),
      );
    const v = a.values;
    return [
      h('p', {
        text: `${a.hypotheses} hypotheses${a.enumerated ? '' : ` (${a.sampled} sampled)`}, ${a.nodes} belief states${a.explored ? '' : ' (search stopped at its budget)'}.`,
      }),
      h(
        'table',
        { class: 'analysis' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['question', 'learnable', 'risk', 'cheapest test'].map((t) =>
              h('th', { text: t, attrs: { scope: 'col' } }),
            ),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
      ...(a.questions.length > SHOWN
        ? [h('p', { text: `… and ${a.questions.length - SHOWN} more (trapworld analyze lists all)` })]
        : []),
      h('p', {
        text: `Expected discounted return: oracle ${formatNumber(v.oracle)}, Bayes-optimal ${v.bayesOptimal === null ? 'beyond the budget' : formatNumber(v.bayesOptimal)}, never taking a risk ${formatNumber(v.pessimist)}.`,
      }),
    ];
  }
}
