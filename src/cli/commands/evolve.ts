/**
 * `trapworld evolve ENV`: a lineage of animals (agents/animal.ts) bred over generations in the bench's
 * worker pool (src/evolve/). Every argument is checked before anything runs (exit 2, one line). Writes
 * DIR/evolve.json (what --json prints), DIR/generations.csv and DIR/report.html, each atomically, at
 * the end. Ctrl-C or SIGTERM stops after abandoning the lives in flight: the generations that finished
 * are written (evolve.json says `"interrupted": true`), the report is not, exit 130; a second Ctrl-C
 * leaves at once. A life that fails (the animal threw, a worker died or timed out) stops the run:
 * exit 1, nothing written.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { environments } from '../../../environments/index.ts';
import { progressMode } from '../../bench/progress.ts';
import { UsageError } from '../../core/errors.ts';
import { PoolEvaluator } from '../../evolve/evaluate.ts';
import { evolve, LifeError, type EvolveDocument } from '../../evolve/evolve.ts';
import { createEvolveProgress, type EvolveProgressState } from '../../evolve/progress.ts';
import { fearedText, generationsCsv, headline, renderEvolveReport } from '../../evolve/report.ts';
import { loadAgentModule, moduleRef, registerAgentModules } from '../agent-modules.ts';
import { parseInteger, parseSeed, parseWorkers } from '../args.ts';
import { instantiate, loadEnvironmentSource, parseParamPairs } from '../env-files.ts';
import {
  checkOutputDirectory,
  createOutputDirectory,
  formatNumber,
  outputDirectoryArgument,
  printJson,
  writeFileAtomic,
} from '../output.ts';

export interface EvolveCommandOptions {
  param?: string[];
  population?: string;
  generations?: string;
  seed?: string;
  workers?: string;
  out?: string;
  learning?: boolean;
  /** An agent module whose genome is bred instead of the built-in animal's. */
  agent?: string;
  json?: boolean;
}

export const DEFAULT_POPULATION = 24;
export const DEFAULT_GENERATIONS = 30;
export const DEFAULT_EVOLVE_OUT = 'evolve-out';
export const MAX_POPULATION = 100_000;
export const MAX_GENERATIONS = 100_000;

export function evolveFiles(out: string) {
  return {
    json: join(out, 'evolve.json'),
    csv: join(out, 'generations.csv'),
    report: join(out, 'report.html'),
  };
}

/** The generation table for the terminal: every generation up to 40, else about 40 evenly spaced and the last. */
function generationLines(doc: EvolveDocument): string[] {
  const n = doc.generations.length;
  const every = n <= 40 ? 1 : Math.ceil(n / 40);
  const lines = ['generation  deaths  stuck  goals  truncated  mean return'];
  doc.generations.forEach((g, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    lines.push(
      `${String(g.generation).padStart(10)}  ${String(g.deaths).padStart(6)}  ${String(g.stuck).padStart(5)}  ${String(g.goals).padStart(5)}  ${String(g.truncated).padStart(9)}  ${formatNumber(g.meanReturn).padStart(11)}`,
    );
  });
  return lines;
}

export async function evolveCommand(envArg: string, o: EvolveCommandOptions): Promise<number> {
  const params = parseParamPairs(o.param);
  const source = await loadEnvironmentSource(envArg);
  const spec = instantiate(source, params);
  if (spec.start === null)
    throw new UsageError(`${envArg} has no start cell (A): it can be solved but not lived in`);
  const population = parseInteger(
    '--population',
    o.population ?? String(DEFAULT_POPULATION),
    2,
    MAX_POPULATION,
  );
  const generations = parseInteger(
    '--generations',
    o.generations ?? String(DEFAULT_GENERATIONS),
    1,
    MAX_GENERATIONS,
  );
  const seed = parseSeed(o.seed);
  const workers = parseWorkers(o.workers);
  // A user's animal: any agent module that takes the genome as its string option `genome`.
  const module = o.agent === undefined ? null : await loadAgentModule(o.agent);
  if (module) {
    const genome = module.definition.options.find((opt) => opt.name === 'genome');
    if (!genome || genome.type !== 'string')
      throw new UsageError(
        `${o.agent}: an agent bred by evolve must take its genes as a string option "genome" (JSON, as the animal's; see docs/evolve.md)`,
      );
    registerAgentModules([module]);
  }
  const out = outputDirectoryArgument(o.out, DEFAULT_EVOLVE_OUT);
  checkOutputDirectory(out);
  createOutputDirectory(out);
  const files = evolveFiles(out);
  // Built-in worlds go to the workers by name; files and generators' worlds as specs.
  const builtin = source.kind === 'spec' && environments.get(envArg) === spec;

  const mode = progressMode(o.json === true);
  if (mode !== 'none')
    process.stderr.write(
      `evolve: ${spec.name}, ${generations} generations × ${population} individuals, seed ${seed}${o.learning ? ', learning within a life' : ''}, ${workers} worker${workers === 1 ? '' : 's'} → ${out}\n`,
    );
  const t0 = performance.now();
  const evaluator = new PoolEvaluator(workers, undefined, undefined, module ? [moduleRef(module)] : []);
  const progress = createEvolveProgress(mode);
  const state: EvolveProgressState = {
    lives: 0,
    totalLives: population * generations,
    generation: 0,
    generations,
    lastDeathRate: null,
    lastMeanReturn: null,
  };
  evaluator.onProgress = (done) => {
    state.lives = state.generation * population + done;
    progress.update(state);
  };
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130); // a second Ctrl-C: nothing is half-written, every write is atomic
    interrupted = true;
    void evaluator.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  progress.start(state);
  let doc: EvolveDocument;
  try {
    doc = await evolve(
      { name: spec.name, spec, builtin },
      {
        population,
        generations,
        seed,
        learning: o.learning === true,
        ...(module ? { agent: module.definition.name } : {}),
      },
      evaluator.evaluate,
      {
        onGeneration(record) {
          state.generation = record.generation + 1;
          state.lives = state.generation * population;
          state.lastDeathRate = record.deathRate;
          state.lastMeanReturn = record.meanReturn;
          progress.update(state);
        },
      },
    );
  } catch (e) {
    if (e instanceof LifeError) {
      process.stderr.write(`trapworld: ${e.message}; nothing written\n`);
      return 1;
    }
    throw e;
  } finally {
    progress.stop();
    await evaluator.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  // A signal that came after the last generation changes nothing: the run is complete.
  doc.interrupted ||= interrupted && doc.generations.length < generations;

  writeFileAtomic(files.json, `${JSON.stringify(doc, null, 2)}\n`);
  writeFileAtomic(files.csv, generationsCsv(doc));
  if (doc.interrupted)
    rmSync(files.report, { force: true }); // never leave an older run's report beside this one
  else {
    const title = spec.title !== spec.name ? spec.title : undefined;
    const argument = [envArg, ...(o.param ?? []).map((p) => `--param ${p}`)].join(' ');
    writeFileAtomic(
      files.report,
      await renderEvolveReport(doc, { title, description: spec.description || undefined, argument }),
    );
  }
  const seconds = (performance.now() - t0) / 1000;

  if (o.json) printJson(doc);
  else {
    const lines = [
      headline(doc),
      '',
      ...generationLines(doc),
      '',
      `learned to fear: ${fearedText(doc)}`,
      `${seconds.toFixed(1)} s with ${workers} worker${workers === 1 ? '' : 's'}`,
      `results  ${files.json}, ${files.csv}`,
    ];
    if (!doc.interrupted) lines.push(`report   ${files.report}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (doc.interrupted) {
    process.stderr.write(
      `trapworld: interrupted after ${doc.generations.length} of ${generations} generations; they are in ${files.json} (no report)\n`,
    );
    return 130;
  }
  return 0;
}
