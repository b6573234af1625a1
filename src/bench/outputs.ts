/** The files a finished bench (or a merge) leaves next to results.jsonl. */
import { join } from 'node:path';
import { writeFileAtomic } from '../cli/output.ts';
import type { WorldTitles } from './manifest.ts';
import { renderReport } from './report.ts';
import { sortRows, type BenchRow } from './rows.ts';
import { renderCsv, renderMarkdown } from './summary-files.ts';
import { summarise, type BenchSummary } from './summary.ts';

export interface OutputFiles {
  results: string;
  summaryMd: string;
  summaryCsv: string;
  report: string;
}

export function outputFiles(dir: string): OutputFiles {
  return {
    results: join(dir, 'results.jsonl'),
    summaryMd: join(dir, 'summary.md'),
    summaryCsv: join(dir, 'summary.csv'),
    report: join(dir, 'report.html'),
  };
}

/** Writes summary.md, summary.csv and report.html (each atomically) and returns the summary. */
export async function writeSummaryFiles(
  dir: string,
  input: readonly BenchRow[],
  worlds: WorldTitles = new Map(),
): Promise<BenchSummary> {
  const files = outputFiles(dir);
  // Canonical order first: the files (plots included) must not depend on completion order.
  const rows = sortRows(input);
  const summary = summarise(rows);
  writeFileAtomic(files.summaryMd, renderMarkdown(summary, worlds));
  writeFileAtomic(files.summaryCsv, renderCsv(summary));
  writeFileAtomic(files.report, await renderReport(summary, rows, worlds));
  return summary;
}
