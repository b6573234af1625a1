/**
 * `trapworld merge DIR… --out DIR`: the union of several bench directories (shards), each run once,
 * written as one bench directory: results.jsonl (sorted), summary.md, summary.csv, report.html, and
 * bench.json when the inputs are shards of one configuration. Conflicting runs: exit 2, nothing written.
 * Exit 1 when the merged results hold failed runs (refusals excepted).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.ts';
import { MANIFEST_FILE, worldTitles, writeManifest } from '../../bench/manifest.ts';
import { mergeInputs, readMergeInput, sameDirectory } from '../../bench/merge.ts';
import { outputFiles, writeSummaryFiles } from '../../bench/outputs.ts';
import { isFailure, runKey, serialiseRows } from '../../bench/rows.ts';
import { createOutputDirectory, printJson, writeFileAtomic } from '../output.ts';
import { rmSync } from 'node:fs';

export interface MergeCommandOptions {
  out?: string;
  json?: boolean;
}

export async function mergeCommand(dirs: string[], o: MergeCommandOptions): Promise<number> {
  if (!o.out) throw new UsageError('merge: give --out DIR');
  const out = o.out;
  for (const d of dirs)
    if (sameDirectory(d, out))
      throw new UsageError(`--out ${out} is one of the inputs: choose another directory`);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${out}: not a directory`);
  const inputs = dirs.map(readMergeInput);
  for (const i of inputs)
    if (i.partialRuns || i.badLines)
      process.stderr.write(
        `trapworld: ${i.dir}: left out ${i.partialRuns} incomplete run(s) and ${i.badLines} torn line(s) (an interrupted bench: finish it with --resume)\n`,
      );
  const merged = mergeInputs(inputs);
  createOutputDirectory(out);
  const files = outputFiles(out);
  writeFileAtomic(files.results, serialiseRows(merged.rows));
  if (merged.manifest) writeManifest(out, merged.manifest);
  else rmSync(join(out, MANIFEST_FILE), { force: true });
  const summary = await writeSummaryFiles(out, merged.rows, worldTitles(inputs.map((i) => i.manifest)));
  const failed = new Set(merged.rows.filter(isFailure).map(runKey)).size;
  const refused = new Set(merged.rows.filter((r) => r.error !== null && r.refused).map(runKey)).size;
  if (merged.missing)
    process.stderr.write(
      `trapworld: ${merged.missing} of the configuration's ${merged.manifest!.totalRuns} runs are in none of the inputs (missing or unfinished shards)\n`,
    );
  if (o.json)
    printJson({
      out,
      inputs: dirs,
      runs: merged.runs,
      duplicates: merged.duplicates,
      missing: merged.missing,
      failed,
      refused,
      rows: merged.rows.length,
      files,
      summary: summary.entries,
    });
  else
    process.stdout.write(
      [
        `${merged.runs} runs from ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'} (${merged.duplicates} duplicates dropped): ${failed} failed, ${refused} refused`,
        `results  ${files.results} (${merged.rows.length} rows)`,
        `summary  ${files.summaryMd}, ${files.summaryCsv}`,
        `report   ${files.report}`,
        '',
      ].join('\n'),
    );
  if (failed > 0) {
    process.stderr.write(
      `trapworld: ${failed} run${failed === 1 ? '' : 's'} failed (rows with "error" in ${files.results})\n`,
    );
    return 1;
  }
  return 0;
}
