/**
 * Browser-test plumbing: Debian's Chromium through playwright-core (never a downloaded browser), headless
 * with software WebGL (SwiftShader through ANGLE), the built app served on 127.0.0.1, and every request
 * to another host aborted.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
// @ts-expect-error: a plain .mjs script without type declarations
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = 'test-artifacts';

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  browser: Browser;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts the server and a browser; `extraArgs` are added to LAUNCH_ARGS (e.g. another compositing mode). */
export async function startHarness(extraArgs: readonly string[] = []): Promise<Harness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { server, url } = (await startServer({ root: 'dist/app', port: 0 })) as {
    server: Server;
    url: string;
  };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...LAUNCH_ARGS, ...extraArgs],
  });
  return {
    browser,
    server,
    url,
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  /** Requests to other hosts that were blocked. */
  blocked: string[];
}

export interface OpenOptions {
  /** Show the first-visit tour (other tests open pages as a returning visitor, who has seen it). */
  tour?: boolean;
  /** Phone-like: touch events and a mobile viewport. */
  mobile?: boolean;
}

export async function openPage(
  h: Harness,
  search = '',
  viewport = { width: 1400, height: 1000 },
  options: OpenOptions = {},
): Promise<OpenedPage> {
  const context = await h.browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    ...(options.mobile ? { isMobile: true, hasTouch: true } : {}),
  });
  if (!options.tour)
    await context.addInitScript(() => {
      try {
        localStorage.setItem('trapworld-tour-done', '1');
      } catch {
        /* no storage: the tour shows, which tests tolerate */
      }
    });
  const origin = new URL(h.url).origin;
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    blocked.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${h.url}${search}`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30_000 });
  return { context, page, errors, blocked };
}
