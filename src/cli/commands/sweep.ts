/**
 * `trapworld sweep ENV --param KEY=FROM..TO:STEPS`: the benchmark across a generator's parameter (how
 * strong the world's regularity is, how dense its traps). Every value × agent × seed runs in the bench's
 * worker pool (DIR/runs holds that bench: results.jsonl, its summary and report, resumable); the sweep
 * then writes DIR/summary.csv, DIR/report.html (deaths, return and regret against the parameter) and
 * DIR/sweep.json. Exit 2 on bad arguments before anything runs, 1 when a run failed, 130 when stopped.
 */
import { join } from 'node:path';
import { progressMode } from '../../bench/progress.ts';
import type { BenchEnv } from '../../bench/jobs.ts';
import { runBenchRows } from '../../bench/run-bench.ts';
import { selectAgents } from '../../bench/selection.ts';
import { loadTestAgents } from '../../bench/test-agents.ts';
import { UsageError } from '../../core/errors.ts';
import { parseSweepAxis } from '../../sweep/axis.ts';
import { sweepPoints } from '../../sweep/points.ts';
import { renderSweepCsv, renderSweepReport, type SweepInfo } from '../../sweep/report.ts';
import { parseEpisodes, parseWorkers } from '../args.ts';
import { familyWorlds, instantiate, loadEnvironmentSource, parseParamPairs } from '../env-files.ts';
import { createOutputDirectory, outputDirectoryArgument, printJson, writeFileAtomic } from '../output.ts';
import { interruptedLine, parseRunTimeout, parseSeeds, runsLine, type BenchRunOptions } from './bench.ts';

export interface SweepCommandOptions extends BenchRunOptions {
  /** The swept parameter (KEY=FROM..TO:STEPS) and the fixed ones (KEY=VALUE). */
  param?: string[];
}

export const DEFAULT_SWEEP_SEEDS = 10;
export const DEFAULT_SWEEP_OUT = 'sweep-out';

export async function sweepCommand(envArg: string, o: SweepCommandOptions): Promise<number> {
  if (o.resume && o.force) throw new UsageError('give --resume or --force, not both');
  const source = await loadEnvironmentSource(envArg);
  if (source.kind !== 'generator')
    throw new UsageError(
      `${envArg}: not a generator, so it has no parameter to sweep (generators: \`trapworld list\`, or a .ts file exporting one)`,
    );
  const axis = parseSweepAxis(parseParamPairs(o.param), source.generator);
  const seeds = parseSeeds(o.seeds, DEFAULT_SWEEP_SEEDS);
  const episodes = parseEpisodes(o.episodes);
  const workers = parseWorkers(o.workers);
  const runTimeoutMs = parseRunTimeout(o.runTimeout);
  const out = outputDirectoryArgument(o.out, DEFAULT_SWEEP_OUT);
  // Every value's world is built (and so checked) before anything runs.
  const valueOf = new Map<string, number>();
  const envs: BenchEnv[] = axis.values.map((value) => {
    const params = { ...axis.fixed, [axis.key]: String(value) };
    const built = familyWorlds(source, params, episodes) ?? [instantiate(source, params)];
    if (built[0].start === null)
      throw new UsageError(`${envArg} with ${axis.key}=${value} has no start cell (A)`);
    // Each value's worlds carry its name, so the rows of results.jsonl say which value they ran.
    const name = `${built[0].name}@${axis.key}=${value}`;
    const worlds = built.map((w) => ({ ...w, name }));
    valueOf.set(name, value);
    return { name, source: worlds[0].source, spec: worlds[0], ...(worlds.length > 1 ? { worlds } : {}) };
  });
  const testAgents = await loadTestAgents();
  const { agents, modules } = await selectAgents(o.agents, o.agent, envs);
  const mode = progressMode(o.json === true);
  createOutputDirectory(out);
  const { outcome, rows: benchRows } = await runBenchRows({
    onStart: () => {
      if (mode !== 'none')
        process.stderr.write(
          `sweep: ${axis.key} over ${axis.values.length} values × ${agents.length} agents × ${seeds} seeds, ${episodes} episode${episodes === 1 ? '' : 's'} per run, ${workers} worker${workers === 1 ? '' : 's'} → ${out}\n`,
        );
    },
    envs,
    agents,
    seeds,
    episodes,
    shard: { index: 1, count: 1 },
    out: join(out, 'runs'),
    resume: o.resume === true,
    force: o.force === true,
    workers,
    runTimeoutMs,
    progress: mode,
    testAgents,
    agentModules: modules,
    handleSignals: true,
  });
  if (outcome.interrupted) {
    process.stderr.write(interruptedLine(outcome));
    return 130;
  }
  // The rows of results.jsonl as the bench read them to write its summary (the same file, not read again).
  const rows = benchRows.filter((r) => valueOf.has(r.environment));
  const points = sweepPoints(rows, (name) => valueOf.get(name)!);
  const spec = envs[0].spec!;
  const info: SweepInfo = {
    environment: source.generator.name,
    title: spec.title,
    description: spec.description,
    parameter: axis.key,
    values: axis.values,
    fixed: axis.fixed,
    seeds,
    episodes,
  };
  const document = { ...info, agents: [...new Set(points.map((p) => p.label))], points };
  writeFileAtomic(join(out, 'summary.csv'), renderSweepCsv(points, axis.key));
  writeFileAtomic(join(out, 'report.html'), await renderSweepReport(info, points));
  writeFileAtomic(join(out, 'sweep.json'), `${JSON.stringify(document, null, 2)}\n`);
  if (o.json) printJson(document);
  else
    process.stdout.write(
      [
        runsLine(outcome),
        `summary  ${join(out, 'summary.csv')}`,
        `report   ${join(out, 'report.html')}`,
        `runs     ${outcome.files.results}`,
        '',
      ].join('\n'),
    );
  return outcome.failed > 0 ? 1 : 0;
}
