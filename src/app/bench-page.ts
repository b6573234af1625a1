/**
 * Bench results: drop (or pick) the results.jsonl of a whole `trapworld bench` run and see it as the
 * bench's own report shows it: the headline, one table per world (outcomes, rates with 95% intervals,
 * returns, regret) and the Vega-Lite figures, all computed in the worker from the same summary code.
 */
import type { BenchReport } from '../worker/session/bench-results.ts';
import { h } from './dom.ts';

export class BenchPage {
  private readonly output: HTMLElement;
  private readonly status: HTMLElement;

  constructor(
    host: HTMLElement,
    private readonly report: (text: string) => Promise<BenchReport>,
  ) {
    const input = h('input', {
      id: 'bench-file',
      class: 'visually-hidden',
      attrs: { type: 'file', accept: '.jsonl,.json,application/json,text/plain' },
      on: {
        change: () => {
          const f = input.files?.[0];
          if (f) void f.text().then((t) => this.load(t, f.name));
          input.value = '';
        },
      },
    });
    this.status = h('p', { id: 'bench-status', class: 'description', attrs: { role: 'status' } });
    this.output = h('div', { id: 'bench-output' });
    host.append(
      h('h2', { id: 'bench-heading', text: 'Bench results', attrs: { tabindex: -1 } }),
      h('p', {
        class: 'description',
        text: 'The results of a whole trapworld bench run: drop its results.jsonl anywhere on the page (npm run bench writes bench-out/default/results.jsonl), or pick it. Nothing leaves your browser.',
      }),
      h(
        'div',
        { class: 'dropzone' },
        h('label', { class: 'button', attrs: { for: 'bench-file' }, text: 'Open results.jsonl…' }),
        input,
        h('div', { text: 'or drop it anywhere on the page' }),
      ),
      this.status,
      this.output,
    );
  }

  async load(text: string, name: string): Promise<void> {
    this.status.textContent = `Reading ${name}…`;
    this.output.replaceChildren();
    const r = await this.report(text);
    if (!r.ok) {
      this.status.textContent = `${name} cannot be shown: ${r.error}.`;
      this.status.classList.add('error');
      return;
    }
    this.status.classList.remove('error');
    this.status.textContent = `${name}: ${r.headline}${r.skipped.length > 0 ? ` Left out: ${r.skipped.join(', ')}.` : ''}`;
    const figure = (f: { title: string; svg: string }) => {
      const fig = h('figure', { class: 'bench-figure' }, h('figcaption', { text: f.title }));
      // Vega's own SVG (text escaped by vega); parsed as SVG, never as HTML, so nothing in it runs.
      const doc = new DOMParser().parseFromString(f.svg, 'image/svg+xml');
      const svg = doc.documentElement;
      if (svg.nodeName.toLowerCase() === 'svg') {
        // One image with one name: the marks' own roles would each need a text alternative, and the
        // numbers are in the table beside it.
        for (const el of svg.querySelectorAll('*'))
          for (const a of [...el.attributes])
            if (a.name === 'role' || a.name.startsWith('aria-')) el.removeAttribute(a.name);
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', f.title);
        fig.append(document.importNode(svg, true));
      }
      return fig;
    };
    const nav = h(
      'nav',
      { class: 'bench-nav', attrs: { 'aria-label': 'Worlds in these results' } },
      ...r.worlds.map((w) => h('a', { text: w.environment, attrs: { href: `#bench-${w.environment}` } })),
    );
    this.output.replaceChildren(
      h('p', { class: 'description', text: r.note }),
      nav,
      ...(r.overview ? [figure(r.overview)] : []),
      ...r.worlds.map((w) =>
        h(
          'section',
          { class: 'bench-world', attrs: { 'aria-labelledby': `bench-${w.environment}` } },
          h('h3', { id: `bench-${w.environment}`, text: w.environment }),
          h(
            'div',
            {
              class: 'table-wrap',
              attrs: { tabindex: 0, role: 'region', 'aria-label': `Summary of ${w.environment}` },
            },
            h(
              'table',
              { class: 'compare bench-table' },
              h(
                'thead',
                {},
                h('tr', {}, ...r.columns.map((c) => h('th', { text: c, attrs: { scope: 'col' } }))),
              ),
              h(
                'tbody',
                {},
                ...w.rows.map((cells) =>
                  h(
                    'tr',
                    {},
                    h('th', { text: cells[0], attrs: { scope: 'row' } }),
                    ...cells.slice(1).map((c) => h('td', { text: c })),
                  ),
                ),
              ),
            ),
          ),
          h('div', { class: 'figures' }, ...w.figures.map(figure)),
        ),
      ),
      ...(r.failures.length > 0
        ? [
            h('h3', { text: 'Failed and refused runs' }),
            h(
              'ul',
              { class: 'failures' },
              ...r.failures.map((f) =>
                h('li', {
                  text: `${f.environment} · ${f.label} · seed ${f.seed}, episode ${f.episode}: ${f.error}`,
                }),
              ),
            ),
          ]
        : []),
    );
  }
}
