/**
 * evolve's progress on stderr: a bar on a terminal (lives played, the generation, its deaths so far
 * and the last generation's mean return), a plain line every few seconds and at the end otherwise, and
 * nothing with --json.
 */
import cliProgress from 'cli-progress';
import type { ProgressMode } from '../bench/progress.ts';

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

export interface EvolveProgress {
  start(s: EvolveProgressState): void;
  update(s: EvolveProgressState): void;
  stop(): void;
}

function fields(s: EvolveProgressState) {
  return {
    gen: `${Math.min(s.generation + 1, s.generations)}/${s.generations}`,
    deaths: s.lastDeathRate === null ? '–' : s.lastDeathRate.toFixed(2),
    ret: s.lastMeanReturn === null ? '–' : s.lastMeanReturn.toFixed(1),
  };
}

class BarProgress implements EvolveProgress {
  private readonly bar = new cliProgress.SingleBar(
    {
      format:
        'evolve |{bar}| generation {gen} | {value}/{total} lives | last generation: {deaths} deaths per individual, mean return {ret}',
      stream: process.stderr,
      hideCursor: true,
      barsize: 30,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  start(s: EvolveProgressState): void {
    this.bar.start(s.totalLives, s.lives, fields(s));
  }
  update(s: EvolveProgressState): void {
    this.bar.update(s.lives, fields(s));
  }
  stop(): void {
    this.bar.stop();
  }
}

class LineProgress implements EvolveProgress {
  private last = 0;
  private state: EvolveProgressState | null = null;
  constructor(private readonly everyMs: number) {}
  private print(): void {
    const s = this.state;
    if (!s) return;
    const f = fields(s);
    process.stderr.write(
      `evolve: generation ${f.gen}, ${s.lives}/${s.totalLives} lives; last generation: ${f.deaths} deaths per individual, mean return ${f.ret}\n`,
    );
    this.last = performance.now();
  }
  start(s: EvolveProgressState): void {
    this.state = { ...s };
    this.print();
  }
  update(s: EvolveProgressState): void {
    this.state = { ...s };
    if (performance.now() - this.last >= this.everyMs) this.print();
  }
  stop(): void {
    this.print();
  }
}

const silent: EvolveProgress = { start() {}, update() {}, stop() {} };

export function createEvolveProgress(mode: ProgressMode, everyMs = 5000): EvolveProgress {
  if (mode === 'bar') return new BarProgress();
  if (mode === 'lines') return new LineProgress(everyMs);
  return silent;
}
