/**
 * A yardstick for the app's frame rates: a page with nothing on it but text and a 512×512 WebGL canvas
 * cleared to a new colour every animation frame, in the same browser and viewport as the app. Under
 * software WebGL every changed frame costs the compositor the same full-viewport redraw whatever the
 * page does, so this page's frame rate is the ceiling the machine sets; printing it beside the app's
 * numbers shows how much of a shortfall is the app's. Measured idle, and with one worker spinning on a
 * core, as the simulation worker does while the app follows it live.
 */
import type { Browser } from 'playwright-core';

export interface ReferenceFrames {
  medianMs: number;
  meanFps: number;
}

const FRAMES = 180;

const PAGE = `<!doctype html><body style="margin:0;background:#f6f5f2;font:14px sans-serif">
${'<p>Reference page: text and one WebGL canvas redrawn every frame, nothing else.</p>'.repeat(40)}
<canvas id="c" width="512" height="512" style="position:fixed;top:200px;left:600px"></canvas></body>`;

/** Runs FRAMES animation frames on the reference page and returns their intervals' median and mean rate. */
export async function referenceFrames(
  browser: Browser,
  busyWorker: boolean,
  viewport = { width: 1400, height: 1000 },
): Promise<ReferenceFrames> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.setContent(PAGE);
    const [medianMs, meanMs] = await page.evaluate(
      ({ frames, busy }) =>
        new Promise<[number, number]>((resolve) => {
          const spinner = busy ? new Worker(URL.createObjectURL(new Blob(['for (;;) {}']))) : null;
          const gl = document.querySelector('canvas')!.getContext('webgl')!;
          const intervals: number[] = [];
          let last = 0;
          const tick = (now: number) => {
            if (last > 0) intervals.push(now - last);
            last = now;
            gl.clearColor(intervals.length % 2, 0.5, 0.25, 1);
            gl.clear(gl.COLOR_BUFFER_BIT);
            if (intervals.length < frames) return void requestAnimationFrame(tick);
            spinner?.terminate();
            const sorted = [...intervals].sort((a, b) => a - b);
            resolve([sorted[sorted.length >> 1], intervals.reduce((a, b) => a + b, 0) / intervals.length]);
          };
          requestAnimationFrame(tick);
        }),
      { frames: FRAMES, busy: busyWorker },
    );
    return { medianMs, meanFps: 1000 / meanMs };
  } finally {
    await context.close();
  }
}

export function formatReference(r: ReferenceFrames): string {
  return `interval median ${r.medianMs.toFixed(1)} ms, mean ${r.meanFps.toFixed(0)} fps`;
}
