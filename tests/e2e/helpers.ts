/**
 * What the browser test files share: one browser and server per file, pages closed after each test
 * (headless Chromium keeps animating pages left open, which skews what is measured after them), the
 * app's debugging hooks (window.__trapworld), and axe-core injected into the page.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openPage, startHarness, type Harness, type OpenedPage, type OpenOptions } from './browser.ts';

export interface RunView {
  agent: string;
  done: boolean;
  error: string | null;
  episodes: ({ hash: string; outcome: string; steps: number; return: number } | null)[];
  stats: { steps: number; computeMs: number; openedAt: number; firstBatchAt: number; doneAt: number } | null;
  frames: number;
  decisions: number;
}

/** Registers the file's harness; returns `open` for pages closed after each test. */
export function useBrowser(): {
  open(
    search?: string,
    viewport?: { width: number; height: number },
    options?: OpenOptions,
  ): Promise<OpenedPage>;
  harness(): Harness;
  /** Closes a page opened elsewhere (on a harness of its own) after the test, as `open`'s pages are. */
  track(o: OpenedPage): OpenedPage;
} {
  let h: Harness;
  const opened: OpenedPage[] = [];
  beforeAll(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.context.close().catch(() => {});
  });
  afterAll(async () => {
    await h?.close();
  });
  return {
    async open(search = '', viewport, options) {
      const o = await openPage(h, search, viewport, options);
      opened.push(o);
      return o;
    },
    harness: () => h,
    track(o) {
      opened.push(o);
      return o;
    },
  };
}

export const hook = '(window.__trapworld)';

export function evaluate<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

export const runs = (page: Page) => evaluate<RunView[]>(page, `${hook}.runs()`);

export async function waitDone(page: Page, timeout = 60_000): Promise<RunView[]> {
  await page.waitForFunction(
    () => {
      const r = (window as unknown as { __trapworld: { runs(): { done: boolean }[] } }).__trapworld.runs();
      return r.length > 0 && r.every((x) => x.done);
    },
    null,
    { timeout },
  );
  return runs(page);
}

export const seek = (page: Page, episode: number, step: number) =>
  page.evaluate(`${hook}.seek(${episode}, ${step})`);

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.join('; ')})`);
}

/** A pane's canvas read back from WebGL. */
export interface PaneImage {
  width: number;
  height: number;
  /** Distinct colours (counted up to 5000). */
  colours: number;
  /** Pixels that are neither transparent nor the background. */
  lit: number;
  /** A hash of a sample of its bytes: changes when the picture does. */
  hash: number;
  /** With `at`: that pixel's "r,g,b". */
  pixel: string | null;
}

/** Pane `pane`'s canvas copied into a 2D canvas and read; `at` is a pixel as fractions of the width. */
export function paneImage(page: Page, pane: number, at?: [number, number]): Promise<PaneImage> {
  return page.evaluate(
    ([i, point]) => {
      const src = document.querySelector<HTMLCanvasElement>(`canvas[data-pane="${i}"]`)!;
      const c = document.createElement('canvas');
      c.width = src.width;
      c.height = src.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(src, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set<number>();
      let lit = 0;
      let hash = 0;
      for (let k = 0; k < d.length; k += 4) {
        const v = (d[k] << 16) | (d[k + 1] << 8) | d[k + 2];
        if (colours.size < 5000) colours.add(v);
        if (d[k + 3] > 0 && v !== 0x16181f && v !== 0) lit++;
      }
      for (let k = 0; k < d.length; k += 97) hash = (hash * 31 + d[k]) | 0;
      let pixel: string | null = null;
      if (point) {
        const k = 4 * (Math.floor(point[1] * c.width) * c.width + Math.floor(point[0] * c.width));
        pixel = `${d[k]},${d[k + 1]},${d[k + 2]}`;
      }
      return { width: c.width, height: c.height, colours: colours.size, lit, hash, pixel };
    },
    [pane, at ?? null] as const,
  );
}
