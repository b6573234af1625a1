/**
 * evolve's progress on stderr: a bar on a terminal (lives played, the generation, its deaths so far
 * and the last generation's mean return), a plain line every few seconds and at the end otherwise, and
 * nothing with --json. Drawn as the bench's progress is (src/bench/progress.ts).
 */
import { LineProgress, reporterFor, stderrBar, type ProgressMode, type Reporter } from '../bench/progress.ts';

export interface EvolveProgressState {
  /** Lives played so far, over all generations. */
  lives: number;
  totalLives: number;
  generation: number;
  generations: number;
  /** Deaths per individual in the last generation that finished, or null before the first. */
  lastDeathRate: number | null;
  lastMeanReturn: number | null;
}

export type EvolveProgress = Reporter<EvolveProgressState>;

function fields(s: EvolveProgressState) {
  return {
    gen: `${Math.min(s.generation + 1, s.generations)}/${s.generations}`,
    deaths: s.lastDeathRate === null ? '–' : s.lastDeathRate.toFixed(2),
    ret: s.lastMeanReturn === null ? '–' : s.lastMeanReturn.toFixed(1),
  };
}

function evolveBar(): EvolveProgress {
  const bar = stderrBar(
    'evolve |{bar}| generation {gen} | {value}/{total} lives | last generation: {deaths} deaths per individual, mean return {ret}',
  );
  return {
    start: (s) => bar.start(s.totalLives, s.lives, fields(s)),
    update: (s) => bar.update(s.lives, fields(s)),
    stop: () => bar.stop(),
  };
}

function evolveLine(s: EvolveProgressState): string {
  const f = fields(s);
  return `evolve: generation ${f.gen}, ${s.lives}/${s.totalLives} lives; last generation: ${f.deaths} deaths per individual, mean return ${f.ret}`;
}

export function createEvolveProgress(mode: ProgressMode, everyMs = 5000): EvolveProgress {
  return reporterFor(mode, evolveBar, () => new LineProgress(everyMs, evolveLine));
}
