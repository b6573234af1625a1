/**
 * Accessibility and phones (issue 16, item 6) in real Chromium: axe-core finds no serious or critical
 * violation on any page of the app (watching, Why, playing, the editor and its forms, the gallery,
 * bench results), everything is reachable by keyboard with a visible focus, cells can be inspected by
 * keyboard, and on a 390×844 phone nothing scrolls sideways and the world is on the first screen.
 */
import { describe, expect, it } from 'vitest';
import { encodeRun } from '../../src/bench/rows.ts';
import { runJob } from '../../src/worker/batch.ts';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from './browser.ts';
import { evaluate, hook, seriousViolations, useBrowser, waitDone } from './helpers.ts';

const { open } = useBrowser();

const PHONE = { width: 390, height: 844 };

/** The page does not scroll sideways, and `selector`'s box lies inside the first screen. */
async function fitsPhone(page: Page, selector: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  const box = (await page.locator(selector).first().boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
}

describe('accessibility', () => {
  it('has no serious or critical axe violations while watching, with Why open, the tour, and playing', async () => {
    const { page, errors } = await open('', undefined, { tour: true });
    await waitDone(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Skip the tour' }).click();
    for (const b of await page.getByRole('button', { name: 'Why' }).all()) await b.click();
    await page.keyboard.press('ArrowRight');
    await page.click('.truth-details summary');
    await page.keyboard.press('v');
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Play yourself' }).click();
    await expect
      .poll(async () => (await evaluate<{ frames: number }[]>(page, `${hook}.runs()`))[0]?.frames)
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('has no serious or critical axe violations in the editor (every tab), the gallery and bench results', async () => {
    const { page, errors } = await open('?world=frozen-lake-theory&agent=prober');
    await page.getByRole('button', { name: 'Edit world' }).click();
    await page.waitForFunction(`${hook}.editor()?.current === true`);
    for (const tab of ['World', 'Tiles', 'Unknowns & theories', 'Legend', 'JSON']) {
      await page.getByRole('tab', { name: tab }).click();
      const found = await seriousViolations(page);
      expect(found, tab).toEqual([]);
    }
    // With errors shown next to fields.
    await page.getByRole('tab', { name: 'World' }).click();
    await page.getByLabel('Discount gamma, in [0, 1]').fill('7');
    await page.waitForFunction(`${hook}.editor()?.current === true && ${hook}.editor().problems === 1`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gallery' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.world-card[data-painted]').length > 5);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Bench results' }).click();
    const text = encodeRun(
      runJob({ environment: 'thin-ice', agent: 'random', options: {}, seed: 0, episodes: 2 }),
    ).lines;
    await page.setInputFiles('#bench-file', {
      name: 'results.jsonl',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
    await page.waitForSelector('.bench-world');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('is usable by keyboard alone, with a visible focus, and inspects cells by keyboard', async () => {
    const { page, errors } = await open('?world=snake-corridor&agent=prober&seed=2');
    await waitDone(page);
    // Tab from the top: every stop shows where the focus is.
    const stops: string[] = [];
    for (let i = 0; i < 24; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const st = getComputedStyle(el);
        return {
          name: el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 30) || el.id || el.tagName,
          outline: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2,
        };
      });
      stops.push(f.name);
      expect(f.outline, `focus ring on ${f.name}`).toBe(true);
    }
    expect(stops[0]).toBe('Skip to the content');
    expect(stops).toContain('Edit world');
    expect(stops).toContain('Play yourself');
    // Keyboard shortcuts do what the buttons do (away from any control).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('End');
    await expect.poll(() => page.textContent('#step-readout')).toMatch(/^step (\d+) \/ \1$/);
    await page.keyboard.press('Home');
    await expect.poll(() => page.textContent('#step-readout')).toMatch(/^step 0 /);
    // Inspect by keyboard: focus the map, move the cursor, the cell is described (and announced).
    const stage = page.locator('.pane[data-pane="0"] .stage');
    await stage.focus();
    const start = await evaluate<number>(page, `${hook}.position(0)`);
    await expect.poll(() => evaluate(page, `${hook}.inspected(0)`)).toBe(start);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await evaluate(page, `${hook}.inspected(0)`)).toBe(start + 3);
    const tooltip = page.locator('#tooltip-0');
    expect(await tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toMatch(/^\(4, 1\) snake/);
    expect(await tooltip.textContent()).toContain('unknown snake@4,1: live-snake or dead-snake');
    expect(await page.locator('.pane[data-pane="0"] .stage [aria-live]').textContent()).toContain(
      '(4, 1) snake',
    );
    // Arrows on the map inspect instead of stepping playback.
    expect(await page.textContent('#step-readout')).toMatch(/^step 0 /);
    await page.keyboard.press('Escape');
    expect(await tooltip.isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('fits a 390×844 phone: no sideways scrolling, the world on the first screen, in every view', async () => {
    const { page, errors } = await open('', PHONE, { mobile: true, tour: true });
    await waitDone(page);
    await fitsPhone(page, 'canvas[data-pane="0"]');
    await page.screenshot({ path: `${ARTIFACTS}/e2e-phone.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Skip the tour' }).tap();
    // The buttons the issue names are there on a phone, without opening a menu.
    for (const name of ['Edit world', 'Play yourself', 'Why'])
      expect(await page.getByRole('button', { name }).first().isVisible(), name).toBe(true);
    // Less used actions fold into "More".
    expect(await page.isVisible('#export')).toBe(false);
    await page.getByRole('button', { name: 'More' }).tap();
    expect(await page.isVisible('#export')).toBe(true);
    await page.getByRole('button', { name: 'More' }).tap();
    await page.getByRole('button', { name: 'Play yourself' }).tap();
    await expect
      .poll(async () => (await evaluate<{ frames: number }[]>(page, `${hook}.runs()`))[0]?.frames)
      .toBe(1);
    await fitsPhone(page, 'canvas[data-pane="0"]');
    await fitsPhone(page, '.pane[data-pane="0"] .play-pad');
    await page.getByRole('button', { name: 'Edit world' }).tap();
    await page.waitForFunction(`${hook}.editor()?.current === true`);
    await fitsPhone(page, '.editor-canvas');
    await page.screenshot({ path: `${ARTIFACTS}/e2e-phone-editor.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gallery' }).tap();
    await page.waitForSelector('.world-card');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });
});
