/**
 * Performance readouts: the main thread's frame timing (a ring buffer of the intervals between animation
 * frames and the work done in each) and the line that reports it with the workers' speed and memory.
 */
import type { RunStore } from './run-store.ts';

export interface FrameSummary {
  frames: number;
  intervalMedian: number;
  intervalP95: number;
  workMedian: number;
  workP95: number;
  workMax: number;
  /** Frames per second from the median interval. */
  fps: number;
  /** Frames per second over the whole window (counts the slow frames the median hides). */
  meanFps: number;
}

export class FrameStats {
  readonly intervals = new Float64Array(1200);
  readonly work = new Float64Array(1200);
  count = 0;
  add(interval: number, work: number): void {
    const i = this.count++ % this.intervals.length;
    this.intervals[i] = interval;
    this.work[i] = work;
  }
  reset(): void {
    this.count = 0;
  }
  summary(): FrameSummary {
    const n = Math.min(this.count, this.intervals.length);
    const q = (a: Float64Array, p: number) => {
      const s = Array.from(a.subarray(0, n)).sort((x, y) => x - y);
      return n === 0 ? NaN : s[Math.min(n - 1, Math.floor(p * n))];
    };
    const med = q(this.intervals, 0.5);
    let workMax = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      workMax = Math.max(workMax, this.work[i]);
      total += this.intervals[i];
    }
    return {
      frames: n,
      intervalMedian: med,
      intervalP95: q(this.intervals, 0.95),
      workMedian: q(this.work, 0.5),
      workP95: q(this.work, 0.95),
      workMax,
      fps: med > 0 ? 1000 / med : NaN,
      meanFps: total > 0 ? (1000 * n) / total : NaN,
    };
  }
}

/** Worker speed, frame work and memory, in one line. */
export function perfReadout(
  stores: readonly (RunStore | null)[],
  frames: FrameSummary,
  renderer: string | null | undefined,
): string {
  const parts: string[] = [];
  let steps = 0;
  let ms = 0;
  let bytes = 0;
  for (const store of stores) {
    if (!store) continue;
    steps += store.stats.steps;
    ms += store.stats.computeMs;
    bytes += store.bytes();
  }
  if (ms > 0)
    parts.push(
      `worker ${Math.round((steps / ms) * 1000).toLocaleString('en')} steps/s (${steps.toLocaleString('en')} steps)`,
    );
  if (frames.frames > 10)
    parts.push(`frame work ${frames.workMedian.toFixed(1)} ms (p95 ${frames.workP95.toFixed(1)})`);
  parts.push(`frames in memory ${(bytes / 1e6).toFixed(1)} MB`);
  if (renderer) parts.push(`renderer ${renderer}`);
  return parts.join(' · ');
}
