/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no network) with the summary
 * tables and the plots. Nothing in it depends on the worker count or completion order; the only
 * wall-clock values are the decision times, in cells marked `class="timing"`.
 */
import {
  learningReturnSpec,
  learningRegretSpec,
  learningTrappedSpec,
  outcomesSpec,
  overviewSpec,
  renderSvg,
  returnsSpec,
} from './charts.ts';
import type { WorldTitles } from './manifest.ts';
import { optionsKey, type BenchRow } from './rows.ts';
import { headline, METHOD_NOTE, TABLE_COLUMNS, tableCells } from './summary-text.ts';
import { agentLabels, labelKey, type BenchSummary } from './summary.ts';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto;
  max-width: 1320px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
h2 .title { font-weight: normal; color: #555; } p.description { color: #444; max-width: 80ch; }
table { border-collapse: collapse; font-size: 0.8rem; margin: 0.8rem 0; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.4rem; text-align: right; white-space: nowrap; }
th { background: #f5f5f5; } td:first-child, th:first-child { text-align: left; }
.note { color: #555; font-size: 0.9rem; max-width: 60rem; }
.chart, .table { overflow-x: auto; margin: 0.5rem 0; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; align-items: flex-start; }
figure.chart { margin: 0.5rem 0; }
.failures td { text-align: left; white-space: normal; }
nav a { margin-right: 0.8rem; }
`;

function table(summary: BenchSummary, env: string): string {
  const head = `<tr>${TABLE_COLUMNS.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = summary.entries
    .filter((e) => e.environment === env)
    .map((e) => {
      const cells = tableCells(e);
      return `<tr>${cells
        .map((c, i) => `<td${i === cells.length - 1 ? ' class="timing"' : ''}>${escapeHtml(c)}</td>`)
        .join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table"><table>\n${head}\n${body}\n</table></div>`;
}

function anchor(env: string): string {
  return `env-${env.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export async function renderReport(
  summary: BenchSummary,
  rows: readonly BenchRow[],
  worlds: WorldTitles = new Map(),
): Promise<string> {
  const labels = agentLabels(rows);
  const labelOf = (r: BenchRow) => labels.get(labelKey(r.agent, optionsKey(r.options)))!;
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>trapworld benchmark</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<h1>trapworld benchmark</h1>',
    `<p>${escapeHtml(headline(summary))}</p>`,
    `<p class="note">${escapeHtml(METHOD_NOTE)}</p>`,
    `<nav>${summary.environments.map((e) => `<a href="#${anchor(e)}">${escapeHtml(e)}</a>`).join(' ')}</nav>`,
  ];
  if (summary.entries.length > 0)
    parts.push(`<div class="chart">${await renderSvg(overviewSpec(summary))}</div>`);
  for (const env of summary.environments) {
    const entries = summary.entries.filter((e) => e.environment === env);
    const world = worlds.get(env);
    const title =
      world && world.title !== env ? ` <span class="title">${escapeHtml(world.title)}</span>` : '';
    parts.push(`<h2 id="${anchor(env)}">${escapeHtml(env)}${title}</h2>`);
    if (world?.description) parts.push(`<p class="description">${escapeHtml(world.description)}</p>`);
    parts.push(table(summary, env));
    // One figure per question: how episodes end, what they return, and (runs of several episodes)
    // whether return rises and traps fall as the agent learns.
    const figures = [outcomesSpec(env, entries), returnsSpec(env, entries, rows, labelOf)];
    if (entries.some((e) => e.perEpisode.length > 1))
      figures.push(
        learningReturnSpec(env, entries),
        learningTrappedSpec(env, entries),
        learningRegretSpec(env, entries),
      );
    parts.push('<div class="figures">');
    for (const spec of figures) parts.push(`<figure class="chart">${await renderSvg(spec)}</figure>`);
    parts.push('</div>');
  }
  if (summary.failures.length) {
    const shown = summary.failures.slice(0, 200);
    parts.push(
      '<h2 id="failures">Failed and refused runs</h2>',
      '<table class="failures"><tr><th>environment</th><th>agent</th><th>seed</th><th>episode</th><th>error</th></tr>',
      ...shown.map(
        (f) =>
          `<tr><td>${escapeHtml(f.environment)}</td><td>${escapeHtml(f.label)}</td><td>${f.seed}</td><td>${f.episode}</td><td>${f.refused ? '(refused) ' : ''}${escapeHtml(f.error)}</td></tr>`,
      ),
      '</table>',
    );
    if (summary.failures.length > shown.length)
      parts.push(`<p>… and ${summary.failures.length - shown.length} more (see results.jsonl).</p>`);
  }
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}
