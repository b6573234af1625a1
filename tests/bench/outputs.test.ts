/**
 * The bench's outputs are honest and complete (issue 15): summary.md, summary.csv and report.html count
 * every outcome (goal, death, stuck, truncated, adding up to the episodes), the CSV is RFC 4180 whatever
 * the labels hold, and the report's plots answer one question each with labelled axes and legible text.
 */
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import {
  learningReturnSpec,
  learningTrappedSpec,
  outcomesSpec,
  overviewSpec,
  returnsSpec,
} from '../../src/bench/charts.ts';
import { renderReport } from '../../src/bench/report.ts';
import type { BenchRow } from '../../src/bench/rows.ts';
import { CSV_COLUMNS, renderCsv, renderMarkdown, TABLE_COLUMNS } from '../../src/bench/summary-files.ts';
import { summarise } from '../../src/bench/summary.ts';

type Outcome = 'goal' | 'death' | 'stuck' | 'truncated';

function row(agent: string, seed: number, episode: number, outcome: Outcome, ret: number): BenchRow {
  return {
    environment: 'pit-field',
    agent,
    options: {},
    seed,
    episode,
    truth: {},
    outcome,
    return: ret,
    discountedReturn: ret,
    performance: ret,
    steps: 10,
    pokes: 0,
    questions: null,
    deaths: 0,
    regret: 1,
    decisionMs: 0.5,
    error: null,
    refused: false,
  };
}

/** Agent "mixed": 10 runs × 2 episodes with 6 goals, 5 deaths, 4 stuck and 5 truncated. */
const pattern: Outcome[] = [
  ...Array<Outcome>(6).fill('goal'),
  ...Array<Outcome>(5).fill('death'),
  ...Array<Outcome>(4).fill('stuck'),
  ...Array<Outcome>(5).fill('truncated'),
];
const rows: BenchRow[] = [
  ...pattern.map((o, i) => row('mixed', i >> 1, i & 1, o, o === 'goal' ? 10 : -50)),
  // A label with a comma, quotes and a line break must survive the CSV.
  ...[0, 1].map((episode) => row('odd,"name"\r\nx', 0, episode, 'stuck', -20)),
];

describe('bench summaries count every outcome', () => {
  const summary = summarise(rows);
  const mixed = summary.entries.find((e) => e.label === 'mixed')!;

  it('goal, death, stuck and truncated add up to the episodes, with Wilson intervals', () => {
    expect(mixed).toMatchObject({ episodes: 20, goals: 6, deaths: 5, stuck: 4, truncated: 5 });
    expect(mixed.goals + mixed.deaths + mixed.stuck + mixed.truncated).toBe(mixed.episodes);
    expect(mixed.stuckRate).toBe(0.2);
    expect(mixed.truncatedRate).toBe(0.25);
    expect(mixed.stuckRateInterval!.low).toBeLessThan(0.2);
    expect(mixed.stuckRateInterval!.high).toBeGreaterThan(0.2);
    expect(mixed.perEpisode.map((p) => p.stuckRate)).toEqual([0.2, 0.2]);
  });

  it('summary.md shows the four counts and the stuck rate beside death and goal', () => {
    const md = renderMarkdown(summary);
    expect(TABLE_COLUMNS).toContain('goal / death / stuck / truncated');
    expect(TABLE_COLUMNS).toContain('stuck rate [95% CI]');
    const line = md.split('\n').find((l) => l.startsWith('| mixed |'))!;
    const cells = line.split(' | ');
    expect(cells[2]).toBe('6 / 5 / 4 / 5');
    expect(cells[TABLE_COLUMNS.indexOf('stuck rate [95% CI]')]).toMatch(/^0\.200 \[0\.\d+, 0\.\d+\]$/);
    expect(md).toMatch(/stuck \(alive but unable to get out/);
  });

  it('summary.csv has stuck and truncated columns, and quotes what needs quoting (RFC 4180)', () => {
    const csv = renderCsv(summary);
    const header = csv.split('\n')[0].split(',');
    expect(header).toEqual([...CSV_COLUMNS]);
    for (const c of ['stuck', 'stuckRate', 'stuckRateLow', 'stuckRateHigh', 'truncated', 'truncatedRate'])
      expect(header).toContain(c);
    const records = parseCsv(csv);
    expect(records).toHaveLength(3);
    const byLabel = new Map(records.slice(1).map((r) => [r[header.indexOf('label')], r]));
    const m = byLabel.get('mixed')!;
    expect(m[header.indexOf('stuck')]).toBe('4');
    expect(m[header.indexOf('truncated')]).toBe('5');
    expect(m[header.indexOf('options')]).toBe('{}');
    const odd = byLabel.get('odd,"name"\r\nx')!;
    expect(odd[header.indexOf('agent')]).toBe('odd,"name"\r\nx');
    expect(odd[header.indexOf('stuck')]).toBe('2');
    // One run: no interval, an empty field.
    expect(odd[header.indexOf('meanReturnLow')]).toBe('');
  });

  it('report.html has the counts, and one figure per question', async () => {
    const html = await renderReport(summary, rows);
    expect(html).toContain('<th>goal / death / stuck / truncated</th>');
    expect(html).toContain('<td>6 / 5 / 4 / 5</td>');
    expect(html).toContain('Episodes ending dead or stuck');
    expect(html).toContain('pit-field: how episodes end');
    expect(html).toContain('pit-field: return per episode');
    expect(html).toContain('pit-field: learning curve, return');
    expect(html).toContain('pit-field: learning curve, dead or stuck');
    expect(html).toContain('pit-field: learning curve, regret');
    // Every figure is its own SVG; the learning curves carry their 95% bands (an area each).
    expect(html.match(/<figure class="chart"><svg/g)).toHaveLength(5);
  });
});

/** Every x and y encoding of a spec and of its layers. */
function axes(spec: TopLevelSpec): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (s: Record<string, unknown>) => {
    const enc = s.encoding as Record<string, Record<string, unknown>> | undefined;
    for (const ch of ['x', 'y'] as const) if (enc?.[ch]) found.push(enc[ch]);
    for (const key of ['layer', 'hconcat', 'vconcat'])
      for (const sub of (s[key] as Record<string, unknown>[] | undefined) ?? []) visit(sub);
  };
  visit(spec as unknown as Record<string, unknown>);
  return found;
}

describe('report plots are readable', () => {
  const summary = summarise(rows);
  const entries = summary.entries;
  const specs: [string, TopLevelSpec][] = [
    ['overview', overviewSpec(summary)],
    ['outcomes', outcomesSpec('pit-field', entries)],
    ['returns', returnsSpec('pit-field', entries, rows, (r) => r.agent)],
    ['learning return', learningReturnSpec('pit-field', entries)],
    ['learning trapped', learningTrappedSpec('pit-field', entries)],
  ];
  for (const [name, spec] of specs)
    it(`${name}: a title, one view (no side-by-side panels), every axis titled, text of 12 px or more`, () => {
      const s = spec as unknown as Record<string, unknown>;
      expect(s.title).toBeTruthy();
      expect(s.hconcat).toBeUndefined();
      expect(s.vconcat).toBeUndefined();
      const found = axes(spec);
      expect(found.length).toBeGreaterThan(0);
      for (const a of found)
        expect(typeof a.title === 'string' && a.title.length > 0, JSON.stringify(a)).toBe(true);
      const config = s.config as { axis: { labelFontSize: number; titleFontSize: number } };
      expect(config.axis.labelFontSize).toBeGreaterThanOrEqual(12);
      expect(config.axis.titleFontSize).toBeGreaterThanOrEqual(12);
    });
});

/** A strict RFC 4180 reader for the test: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}
