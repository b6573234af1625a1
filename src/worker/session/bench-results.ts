/**
 * A whole `trapworld bench` run, from the text of its results.jsonl, as the app's "Bench results" page
 * shows it: the same summary, tables and Vega-Lite figures as report.html (src/bench/report.ts), computed
 * in the worker. Rows are read as `trapworld merge` reads them: torn lines and incomplete runs are left
 * out (and counted), a run seen twice keeps its first copy.
 */
import {
  learningReturnSpec,
  learningTrappedSpec,
  outcomesSpec,
  overviewSpec,
  renderSvg,
  returnsSpec,
} from '../../bench/charts.ts';
import { isCompleteRun, normaliseRow, optionsKey, runKey, type BenchRow } from '../../bench/rows.ts';
import { headline, METHOD_NOTE, TABLE_COLUMNS, tableCells } from '../../bench/summary-text.ts';
import { agentLabels, labelKey, summarise } from '../../bench/summary.ts';

export interface BenchFigure {
  title: string;
  svg: string;
}

export interface BenchWorld {
  environment: string;
  rows: string[][];
  figures: BenchFigure[];
}

export type BenchReport =
  | {
      ok: true;
      headline: string;
      note: string;
      columns: string[];
      overview: BenchFigure | null;
      worlds: BenchWorld[];
      failures: { environment: string; label: string; seed: number; episode: number; error: string }[];
      /** What was left out of the file, in words ("2 torn lines", …), empty when nothing was. */
      skipped: string[];
    }
  | { ok: false; error: string };

/** Rows of complete runs from results.jsonl text (see `readResults` in src/bench/results-file.ts). */
export function parseResults(text: string): { rows: BenchRow[]; skipped: string[] } {
  const byRun = new Map<string, BenchRow[]>();
  let bad = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const row = normaliseRow(JSON.parse(line) as BenchRow);
      if (
        typeof row.environment !== 'string' ||
        typeof row.agent !== 'string' ||
        typeof row.seed !== 'number'
      )
        throw new Error('not a row');
      const key = runKey(row);
      const list = byRun.get(key) ?? [];
      byRun.set(key, list);
      list.push(row);
    } catch {
      bad++;
    }
  }
  let duplicates = 0;
  const lists = [...byRun.values()].map((list) => {
    // A run's rows are written together: a second copy repeats an episode already seen.
    const seen = new Set<number>();
    const cut = list.findIndex((r) => seen.has(r.episode) || !seen.add(r.episode));
    if (cut >= 0) duplicates++;
    return cut >= 0 ? list.slice(0, cut) : list;
  });
  const k = lists.reduce((m, l) => (l.every((r) => r.error === null) ? Math.max(m, l.length) : m), 0);
  const rows: BenchRow[] = [];
  let partial = 0;
  for (const l of lists) {
    if (isCompleteRun(l, k)) rows.push(...l);
    else partial++;
  }
  const skipped: string[] = [];
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (bad > 0)
    skipped.push(bad === 1 ? '1 line that is not a result row' : `${bad} lines that are not result rows`);
  if (partial > 0) skipped.push(`${plural(partial, 'incomplete run')}`);
  if (duplicates > 0) skipped.push(`${plural(duplicates, 'repeated run')} (first copy kept)`);
  return { rows, skipped };
}

export async function benchReport(text: string): Promise<BenchReport> {
  const { rows, skipped } = parseResults(text);
  if (rows.length === 0)
    return {
      ok: false,
      error:
        skipped.length > 0
          ? `no complete runs in this file (${skipped.join(', ')}): expected the results.jsonl that trapworld bench writes`
          : 'the file is empty: expected the results.jsonl that trapworld bench writes',
    };
  const summary = summarise(rows);
  const labels = agentLabels(rows);
  const labelOf = (r: BenchRow) => labels.get(labelKey(r.agent, optionsKey(r.options)))!;
  const figure = async (title: string, spec: Parameters<typeof renderSvg>[0]) => ({
    title,
    svg: await renderSvg(spec),
  });
  const worlds: BenchWorld[] = [];
  for (const env of summary.environments) {
    const entries = summary.entries.filter((e) => e.environment === env);
    const figures = [
      await figure(`${env}: how episodes end`, outcomesSpec(env, entries)),
      await figure(`${env}: return per episode`, returnsSpec(env, entries, rows, labelOf)),
    ];
    if (entries.some((e) => e.perEpisode.length > 1))
      figures.push(
        await figure(`${env}: return over episodes`, learningReturnSpec(env, entries)),
        await figure(`${env}: dead or stuck over episodes`, learningTrappedSpec(env, entries)),
      );
    worlds.push({ environment: env, rows: entries.map(tableCells), figures });
  }
  return {
    ok: true,
    headline: headline(summary),
    note: METHOD_NOTE,
    columns: [...TABLE_COLUMNS],
    overview:
      summary.entries.length > 0
        ? await figure('Dead or stuck, by world and agent', overviewSpec(summary))
        : null,
    worlds,
    failures: summary.failures.slice(0, 200).map((f) => ({
      environment: f.environment,
      label: f.label,
      seed: f.seed,
      episode: f.episode,
      error: `${f.refused ? '(refused) ' : ''}${f.error}`,
    })),
    skipped,
  };
}
