/**
 * Progress on stderr: a cli-progress bar on a terminal (runs done/total, rate, ETA, deaths, failures),
 * a plain line every few seconds otherwise (logs, CI, Kubernetes), nothing at all with --json.
 */
import cliProgress from 'cli-progress';

export interface ProgressCounts {
  done: number;
  total: number;
  deaths: number;
  failed: number;
}

export interface Progress {
  /** `counts` includes what a resumed bench found on disk. */
  start(counts: ProgressCounts): void;
  update(counts: ProgressCounts): void;
  stop(): void;
}

export type ProgressMode = 'bar' | 'lines' | 'none';

export function progressMode(json: boolean, stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  if (json) return 'none';
  return stream.isTTY ? 'bar' : 'lines';
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Rate and ETA over the runs done in this process (resumed runs excluded). */
class Meter {
  private t0 = performance.now();
  private base = 0;
  reset(alreadyDone: number): void {
    this.t0 = performance.now();
    this.base = alreadyDone;
  }
  rate(done: number): number {
    const s = (performance.now() - this.t0) / 1000;
    return s > 0 ? (done - this.base) / s : 0;
  }
  eta(c: ProgressCounts): number {
    const r = this.rate(c.done);
    return r > 0 ? (c.total - c.done) / r : Infinity;
  }
}

class BarProgress implements Progress {
  private readonly meter = new Meter();
  private readonly bar = new cliProgress.SingleBar(
    {
      format:
        'bench |{bar}| {value}/{total} runs | {rate} runs/s | ETA {etaText} | {deaths} deaths | {failed} failed',
      stream: process.stderr,
      hideCursor: true,
      barsize: 30,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  start(c: ProgressCounts): void {
    this.meter.reset(c.done);
    this.bar.start(c.total, c.done, { rate: '0.0', etaText: '?', deaths: c.deaths, failed: c.failed });
  }
  update(c: ProgressCounts): void {
    this.bar.update(c.done, {
      rate: this.meter.rate(c.done).toFixed(1),
      etaText: formatDuration(this.meter.eta(c)),
      deaths: c.deaths,
      failed: c.failed,
    });
  }
  stop(): void {
    this.bar.stop();
  }
}

class LineProgress implements Progress {
  private readonly meter = new Meter();
  private last = 0;
  private counts: ProgressCounts = { done: 0, total: 0, deaths: 0, failed: 0 };
  constructor(private readonly everyMs: number) {}
  private print(): void {
    const c = this.counts;
    const pct = c.total ? ((100 * c.done) / c.total).toFixed(1) : '100.0';
    process.stderr.write(
      `bench: ${c.done}/${c.total} runs (${pct}%), ${this.meter.rate(c.done).toFixed(1)} runs/s, ETA ${formatDuration(this.meter.eta(c))}, ${c.deaths} deaths, ${c.failed} failed\n`,
    );
    this.last = performance.now();
  }
  start(c: ProgressCounts): void {
    this.meter.reset(c.done);
    this.counts = { ...c };
    this.print();
  }
  update(c: ProgressCounts): void {
    this.counts = c;
    if (performance.now() - this.last >= this.everyMs) this.print();
  }
  stop(): void {
    this.print();
  }
}

const silent: Progress = { start() {}, update() {}, stop() {} };

export function createProgress(mode: ProgressMode, everyMs = 5000): Progress {
  if (mode === 'bar') return new BarProgress();
  if (mode === 'lines') return new LineProgress(everyMs);
  return silent;
}
