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

/** Progress of some state `S` on stderr (the bench's run counts, evolve's generations). */
export interface Reporter<S> {
  start(state: S): void;
  update(state: S): void;
  stop(): void;
}

/** The bench's progress; the counts it starts from include what a resumed bench found on disk. */
export type Progress = Reporter<ProgressCounts>;

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

/** What the commands use of a cli-progress bar (its own type stays out of the package's declarations). */
export interface StderrBar {
  start(total: number, value: number, payload?: object): void;
  update(value: number, payload?: object): void;
  stop(): void;
}

/** A cli-progress bar on stderr with `format`, drawn as every command's bar is. */
export function stderrBar(format: string): StderrBar {
  return new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true, barsize: 30, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
}

/** A line of the state on stderr at the start, then at most every `everyMs` as it changes, and at the end. */
export class LineProgress<S extends object> implements Reporter<S> {
  private last = 0;
  private state: S | null = null;
  constructor(
    private readonly everyMs: number,
    private readonly line: (state: S) => string,
  ) {}
  private print(): void {
    if (!this.state) return;
    process.stderr.write(`${this.line(this.state)}\n`);
    this.last = performance.now();
  }
  start(s: S): void {
    this.state = { ...s };
    this.print();
  }
  update(s: S): void {
    this.state = { ...s };
    if (performance.now() - this.last >= this.everyMs) this.print();
  }
  stop(): void {
    this.print();
  }
}

/** The reporter for `mode`: `bar()` on a terminal, `lines()` otherwise, nothing at all with --json. */
export function reporterFor<S>(
  mode: ProgressMode,
  bar: () => Reporter<S>,
  lines: () => Reporter<S>,
): Reporter<S> {
  if (mode === 'bar') return bar();
  if (mode === 'lines') return lines();
  return { start() {}, update() {}, stop() {} };
}

class BarProgress implements Progress {
  private readonly meter = new Meter();
  private readonly bar = stderrBar(
    'bench |{bar}| {value}/{total} runs | {rate} runs/s | ETA {etaText} | {deaths} deaths | {failed} failed',
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

/** The bench's lines: runs done, rate and ETA (over this process's runs), deaths and failures. */
function benchLines(everyMs: number): Progress {
  const meter = new Meter();
  const lines = new LineProgress<ProgressCounts>(everyMs, (c) => {
    const pct = c.total ? ((100 * c.done) / c.total).toFixed(1) : '100.0';
    return `bench: ${c.done}/${c.total} runs (${pct}%), ${meter.rate(c.done).toFixed(1)} runs/s, ETA ${formatDuration(meter.eta(c))}, ${c.deaths} deaths, ${c.failed} failed`;
  });
  return {
    start(c) {
      meter.reset(c.done);
      lines.start(c);
    },
    update: (c) => lines.update(c),
    stop: () => lines.stop(),
  };
}

export function createProgress(mode: ProgressMode, everyMs = 5000): Progress {
  return reporterFor(
    mode,
    () => new BarProgress(),
    () => benchLines(everyMs),
  );
}
