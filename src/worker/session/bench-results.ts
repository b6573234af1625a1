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
import { collectRuns, optionsKey, type BenchRow } from '../../bench/rows.ts';
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

/** Rows of complete runs from results.jsonl text, read as `readResults` (src/bench/results-file.ts) reads. */
export function parseResults(text: string): { rows: BenchRow[]; skipped: string[] } {
  const read = collectRuns(text.split('\n'), 'infer');
  const skipped: string[] = [];
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (read.badLines > 0)
    skipped.push(
      read.badLines === 1
        ? '1 line that is not a result row'
        : `${read.badLines} lines that are not result rows`,
    );
  if (read.partialRuns > 0) skipped.push(`${plural(read.partialRuns, 'incomplete run')}`);
  if (read.duplicateRuns > 0) skipped.push(`${plural(read.duplicateRuns, 'repeated run')} (first copy kept)`);
  return { rows: read.rows, skipped };
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
