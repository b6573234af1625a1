/**
 * The views people expect (issue 16, item 5) in real Chromium: zoom and pan, `trapworld solve`'s values
 * and policy on the map, the gallery of built-in worlds (generated from the registry), a bench's
 * results.jsonl as tables and Vega-Lite charts, and the first-visit tour.
 */
import { describe, expect, it } from 'vitest';
import { environments } from '../../environments/index.ts';
import { encodeRun } from '../../src/bench/rows.ts';
import { compileWorld } from '../../src/core/world.ts';
import { greedyActions, valueGrid, valueIteration } from '../../src/plan/solve.ts';
import { runJob } from '../../src/worker/batch.ts';
import { ARTIFACTS } from './browser.ts';
import { evaluate, hook, paneImage, useBrowser, waitDone } from './helpers.ts';

const { open } = useBrowser();

interface Viewport {
  zoom: number;
  x: number;
  y: number;
}

describe('views', () => {
  it('zooms and pans a large world by buttons, keyboard, wheel and drag; every pane together', async () => {
    const { page, errors } = await open('?world=big-64&agent=thompson&agent=random&seed=1');
    await page.waitForFunction(`${hook}.runs().every((r) => r.frames > 0)`, null, { timeout: 30_000 });
    const viewport = () => evaluate<Viewport>(page, `${hook}.viewport()`);
    expect(await viewport()).toEqual({ zoom: 1, x: 0, y: 0 });
    const pixels = async () => (await paneImage(page, 0)).hash;
    const before = await pixels();
    await page.getByRole('button', { name: 'Zoom in' }).first().click();
    await page.getByRole('button', { name: 'Zoom in' }).first().click();
    await expect.poll(async () => (await viewport()).zoom).toBeCloseTo(2.25);
    await expect.poll(pixels).not.toBe(before);
    // Both panes show the same part of the world.
    expect(await page.evaluate(`${hook}.views().map((v) => v.viewportNow().zoom)`)).toEqual([2.25, 2.25]);
    // Drag the map: it pans.
    const box = (await page.locator('canvas[data-pane="0"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 - 80, { steps: 4 });
    await page.mouse.up();
    const panned = await viewport();
    expect(panned.x).toBeGreaterThan(0);
    expect(panned.y).toBeGreaterThan(0);
    // Keyboard: focus the map, zoom out, fit.
    await page.focus('.pane[data-pane="0"] .stage');
    await page.keyboard.press('-');
    await expect.poll(async () => (await viewport()).zoom).toBeCloseTo(1.5);
    await page.keyboard.press('0');
    await expect.poll(viewport).toEqual({ zoom: 1, x: 0, y: 0 });
    // Ctrl + wheel zooms about the pointer; the plain wheel scrolls the page.
    await page.mouse.move(box.x + 30, box.y + 30);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(async () => (await viewport()).zoom).toBeGreaterThan(1.5);
    await page.getByRole('button', { name: 'Fit the whole map' }).first().click();
    await expect.poll(viewport).toEqual({ zoom: 1, x: 0, y: 0 });
    expect(errors).toEqual([]);
  });

  it('draws `trapworld solve`’s values and optimal actions of the episode’s true world (V)', async () => {
    const world = 'one-way-doors';
    const { page, errors } = await open(`?world=${world}&agent=oracle&seed=4`);
    await waitDone(page);
    const env = environments.get(world)!;
    // The truth drawn for the episode (what the overlay solves), as the record of the run says.
    const episodeTruth = await page.evaluate(`${hook}.exportRecord().runs[0].episodes[0].truth`);
    expect((await evaluate<{ values: boolean }>(page, `${hook}.layers(0)`)).values).toBe(false);
    await page.keyboard.press('v');
    await expect
      .poll(async () => (await evaluate<{ values: boolean }>(page, `${hook}.layers(0)`)).values)
      .toBe(true);
    expect(new URL(page.url()).searchParams.get('overlays')).toContain('values');
    const shown = await evaluate<{ values: (number | null)[]; policy: number[] }>(
      page,
      `${hook}.analysis(0)`,
    );
    const solution = valueIteration(compileWorld(env, episodeTruth as Record<string, string>), {
      gamma: env.gamma,
    });
    const expected = valueGrid(solution).flat();
    expect(shown.values).toHaveLength(expected.length);
    shown.values.forEach((v, c) => {
      if (expected[c] === null) expect(v).toBeNull();
      else expect(v).toBeCloseTo(expected[c]!, 9);
    });
    // The arrows are the greedy actions of the same solution.
    for (let c = 0; c < env.width * env.height; c++) {
      if (!solution.model.standing[c]) continue;
      const bits = greedyActions(solution, c).reduce((b, a) => b | (1 << a), 0);
      expect(shown.policy[c]).toBe(bits);
    }
    await page.screenshot({ path: `${ARTIFACTS}/e2e-values.png` });
    expect(errors).toEqual([]);
  });

  it('lists every built-in world of the registry in a gallery, with thumbnails', async () => {
    const { page, errors } = await open('?world=snake-corridor&agent=random');
    await page.getByRole('button', { name: 'Gallery' }).click();
    await expect.poll(() => evaluate(page, `${hook}.view()`)).toBe('gallery');
    const names = environments.all().map((e) => e.name);
    await expect
      .poll(() => page.$$eval('.world-card', (els) => els.map((e) => (e as HTMLElement).dataset.world)))
      .toEqual(names);
    await page.waitForFunction(
      (n) => document.querySelectorAll('.world-card[data-painted="true"]').length === n,
      names.length,
      { timeout: 30_000 },
    );
    // A thumbnail is the world's map, painted by the map's own painter: not blank.
    const colours = await page.$eval('.world-card[data-world="rotten-plank"] canvas', (c) => {
      const d = (c as HTMLCanvasElement)
        .getContext('2d')!
        .getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height).data;
      const set = new Set<number>();
      for (let i = 0; i < d.length; i += 4) set.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return set.size;
    });
    expect(colours).toBeGreaterThan(5);
    expect(await page.textContent('.world-card[data-world="thin-ice"] .facts')).toMatch(
      /13×10 · \d+ unknowns?: ice/,
    );
    await page.screenshot({ path: `${ARTIFACTS}/e2e-gallery.png` });
    const title = environments.get('thin-ice')!.title;
    await page.getByRole('button', { name: `Watch agents in ${title}` }).click();
    await expect.poll(() => evaluate(page, `${hook}.view()`)).toBe('watch');
    await expect.poll(() => evaluate(page, `${hook}.world()?.name`)).toBe('thin-ice');
    await waitDone(page);
    expect(errors).toEqual([]);
  });

  it('shows a whole bench run’s results.jsonl as tables and Vega-Lite charts (dropped on the page)', async () => {
    const lines: string[] = [];
    for (const environment of ['snake-corridor', 'thin-ice'])
      for (const agent of ['random', 'pessimist'])
        for (let seed = 0; seed < 4; seed++)
          lines.push(encodeRun(runJob({ environment, agent, options: {}, seed, episodes: 2 })).lines);
    const text = lines.join('');
    const { page, errors } = await open('?world=snake-corridor&agent=random');
    await waitDone(page);
    // Dropped anywhere on the page, it is recognised as results and shown on the bench page.
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.items.add(new File([t], 'results.jsonl', { type: 'text/plain' }));
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    }, text);
    await expect.poll(() => evaluate(page, `${hook}.view()`)).toBe('bench');
    await page.waitForSelector('.bench-world', { timeout: 30_000 });
    expect(await page.textContent('#bench-status')).toContain(
      'results.jsonl: 16 runs over 2 environments, 2 agent configurations and 4 seeds, up to 2 episodes per run',
    );
    expect(await page.$$eval('.bench-world h3', (els) => els.map((e) => e.textContent))).toEqual([
      'snake-corridor',
      'thin-ice',
    ]);
    const rows = await page.$$eval('.bench-world[aria-labelledby="bench-thin-ice"] tbody th', (els) =>
      els.map((e) => e.textContent),
    );
    expect(rows).toEqual(['pessimist', 'random']);
    const head = await page.$$eval('.bench-world:first-of-type thead th', (els) =>
      els.map((e) => e.textContent),
    );
    expect(head).toContain('death rate [95% CI]');
    // The charts are Vega-Lite's, rendered as SVG: the overview and two or more per world.
    expect(await page.locator('#bench-output > figure svg').count()).toBe(1);
    for (const env of ['snake-corridor', 'thin-ice'])
      expect(
        await page.locator(`.bench-world[aria-labelledby="bench-${env}"] figure svg`).count(),
      ).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#bench-output svg text').count()).toBeGreaterThan(20);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-bench.png`, fullPage: true });
    // Not results: a plain error.
    await page.setInputFiles('#bench-file', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello'),
    });
    await expect
      .poll(() => page.textContent('#bench-status'))
      .toMatch(/^notes\.txt cannot be shown: no complete runs/);
    expect(errors).toEqual([]);
  });

  it('gives a first-visit tour, once, that does not block the page', async () => {
    const { page, errors } = await open('', undefined, { tour: true });
    const tour = page.getByRole('dialog', { name: 'Agents side by side' });
    await expect.poll(() => tour.isVisible()).toBe(true);
    expect(await page.getAttribute('#tour', 'aria-modal')).toBe('false');
    // The page works while it is open.
    await page.click('#play');
    await expect.poll(() => evaluate(page, `${hook}.state().playing`)).toBe(true);
    await page.click('#play');
    const titles: string[] = [];
    for (let i = 0; i < 5; i++) {
      titles.push((await page.textContent('#tour-title'))!);
      await page
        .locator('#tour')
        .getByRole('button', { name: i === 4 ? 'Done' : 'Next', exact: true })
        .click();
    }
    expect(titles).toEqual([
      'Agents side by side',
      'What they believe',
      'Why this action?',
      'Step through time',
      'Your turn',
    ]);
    await expect.poll(() => page.isVisible('#tour')).toBe(false);
    // Not shown again on the next visit; the Tour button brings it back.
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await page.waitForTimeout(300);
    expect(await page.isVisible('#tour')).toBe(false);
    await page.click('#tour-button');
    await expect.poll(() => page.isVisible('#tour')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.isVisible('#tour')).toBe(false);
    expect(errors).toEqual([]);
  });
});
