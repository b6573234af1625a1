/**
 * The world editor (issue 16, item 1) in real Chromium: painting, forms, live validation with the
 * command line's own errors next to the cell or field, undo and redo, export that `trapworld validate`
 * accepts, a link that reopens the world in the editor, and running agents on it.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { environments } from '../../environments/index.ts';
import { EnvLoadError } from '../../src/core/errors.ts';
import { loadEnvironmentText } from '../../src/core/load.ts';
import { decodeWorldText } from '../../src/app/url-world.ts';
import { fileText, specToFile } from '../../src/worker/session/spec-file.ts';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from './browser.ts';
import { evaluate, hook, useBrowser, waitDone } from './helpers.ts';

const { open } = useBrowser();

interface EditorState {
  text: string;
  fileName: string;
  version: number;
  current: boolean;
  problems: number;
  runnable: boolean;
}

const editor = (page: Page) => evaluate<EditorState>(page, `${hook}.editor()`);

/** Waits for the validation of the document as it is now; returns the editor's state. */
async function checked(page: Page): Promise<EditorState> {
  await page.waitForFunction(`${hook}.editor()?.current === true`, null, { timeout: 15_000 });
  return editor(page);
}

/** What `trapworld validate` says of a text: its error lines (none when it loads). */
function cliErrors(text: string, file: string): string[] {
  try {
    loadEnvironmentText(text, file);
    return [];
  } catch (e) {
    if (e instanceof EnvLoadError) return e.message.split('\n');
    throw e;
  }
}

/** Clicks (or drags through) map cells of the editor's canvas. */
async function paintCells(page: Page, cells: [number, number][], width: number): Promise<void> {
  const box = (await page.locator('.editor-canvas').boundingBox())!;
  const cell = box.width / width;
  const at = ([x, y]: [number, number]) => [box.x + (x + 0.5) * cell, box.y + (y + 0.5) * cell] as const;
  await page.mouse.move(...at(cells[0]));
  await page.mouse.down();
  for (const c of cells.slice(1)) await page.mouse.move(...at(c), { steps: 2 });
  await page.mouse.up();
}

describe('the world editor', () => {
  it('opens the current world, paints, and shows the CLI’s errors at the cell and the field; undo and redo', async () => {
    const { page, errors } = await open('?world=snake-corridor&agent=prober&seed=2');
    await waitDone(page);
    await page.getByRole('button', { name: 'Edit world' }).click();
    await expect.poll(() => evaluate(page, `${hook}.view()`)).toBe('edit');
    let s = await checked(page);
    // The built-in world, written back as a format-1.1 file the loader reads into the same world.
    const env = environments.get('snake-corridor')!;
    expect(s.text).toBe(fileText(specToFile(env)));
    expect(s.problems).toBe(0);
    expect(await page.textContent('#editor-status')).toContain(
      'Valid: trapworld validate accepts snake-corridor.json',
    );
    // Paint lava with the mouse: brush, then a stroke over two cells.
    await page.getByLabel('~ lava').check();
    await paintCells(
      page,
      [
        [2, 1],
        [3, 1],
      ],
      9,
    );
    s = await checked(page);
    expect((JSON.parse(s.text) as { map: string[] }).map[1]).toBe('#A~~s..G#');
    expect(s.problems).toBe(0);
    // Take the snake's glyph out of the legend: its cell no longer means anything.
    await page.getByRole('tab', { name: 'Legend' }).click();
    await page.getByRole('button', { name: 'Remove glyph s' }).click();
    s = await checked(page);
    const expectedMap = cliErrors(s.text, 'snake-corridor.json');
    expect(expectedMap.length).toBeGreaterThan(0);
    expect(expectedMap[0]).toMatch(/^snake-corridor\.json:\d+:\d+: map row 1, column 4: unknown glyph "s"/);
    // The same lines as the command line, in the problems list…
    await expect
      .poll(() => page.$$eval('#editor-problems li code', (els) => els.map((e) => e.textContent)))
      .toEqual(expectedMap);
    expect(await page.getAttribute('#editor-status', 'data-state')).toBe('invalid');
    expect(await page.isDisabled('#editor-run')).toBe(true);
    // …and at the cell: "Show the cell" puts the cursor there, which says what is wrong.
    await page.getByRole('button', { name: 'Show the cell' }).first().click();
    await expect.poll(() => page.textContent('#editor-cursor')).toContain('(4, 1) “s”: not defined');
    expect(await page.textContent('#editor-cursor')).toContain(expectedMap[0]);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-editor-errors.png` });
    // Undo brings the glyph back; redo takes it away again.
    await page.keyboard.press('Control+z');
    s = await checked(page);
    expect(s.problems).toBe(0);
    expect(await page.textContent('#editor-problems')).toBe('None.');
    await page.keyboard.press('Control+Shift+z');
    s = await checked(page);
    expect(s.problems).toBe(expectedMap.length);
    await page.getByRole('button', { name: 'Undo', exact: true }).first().click();
    s = await checked(page);
    expect(s.problems).toBe(0);
    // A field: gamma 2 is refused, with the command line's words next to the field.
    await page.getByRole('tab', { name: 'World' }).click();
    const gamma = page.getByLabel('Discount gamma, in [0, 1]');
    await gamma.fill('2');
    s = await checked(page);
    const expectedField = cliErrors(s.text, 'snake-corridor.json');
    expect(expectedField).toHaveLength(1);
    expect(expectedField[0]).toMatch(/: gamma: expected a number at most 1, got 2$/);
    const fieldBox = page.locator('.field[data-path="gamma"]');
    await expect.poll(() => fieldBox.locator('.field-errors li').allTextContents()).toEqual(expectedField);
    expect(await gamma.getAttribute('aria-invalid')).toBe('true');
    // A word where a number belongs is kept as typed, and the loader says what it expected.
    await gamma.fill('high');
    s = await checked(page);
    const expectedWord = cliErrors(s.text, 'snake-corridor.json');
    expect(expectedWord[0]).toMatch(/gamma: expected a number, got "high"/);
    await expect.poll(() => fieldBox.locator('.field-errors li').allTextContents()).toEqual(expectedWord);
    await gamma.fill('0.9');
    s = await checked(page);
    expect(s.problems).toBe(0);
    expect(JSON.parse(s.text).gamma).toBe(0.9);
    // Typing in one field is one step of the history.
    await page.getByRole('button', { name: 'Undo', exact: true }).first().click();
    s = await checked(page);
    expect(JSON.parse(s.text).gamma).toBe(0.95);
    expect(errors).toEqual([]);
  });

  it('builds a world by keyboard, exports a .json that `trapworld validate` accepts, shares it by link and runs agents on it', async () => {
    const { page, errors } = await open('?world=snake-corridor&agent=prober');
    await page.getByRole('button', { name: 'Edit world' }).click();
    await checked(page);
    await page.getByRole('button', { name: 'New world' }).click();
    await page.getByRole('tab', { name: 'World' }).click();
    await page.getByLabel('Name (kebab-case id)').fill('pit-stop');
    await page.getByLabel('Title', { exact: true }).fill('Pit stop');
    // An unknown (a safe and a deadly tile a poke tells apart), painted by keyboard on the map.
    await page.getByRole('tab', { name: 'Unknowns & theories' }).click();
    await page.getByRole('button', { name: /Add an unknown/ }).click();
    let s = await checked(page);
    const doc = JSON.parse(s.text) as { legend: Record<string, { unknown: string }>; map: string[] };
    const glyph = Object.keys(doc.legend).find((g) => doc.legend[g].unknown === 'unknown')!;
    await page.getByLabel(`${glyph} unknown unknown`).check();
    await page.focus('.editor-stage');
    // The cursor starts top-left: right 3, down 1, paint; right 1, paint.
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'Space', 'ArrowRight', 'Space'])
      await page.keyboard.press(key);
    s = await checked(page);
    const map = (JSON.parse(s.text) as { map: string[] }).map;
    expect(map[1]).toBe(`#A.${glyph}${glyph}......#`);
    expect(s.problems).toBe(0);
    expect(s.runnable).toBe(true);
    // Export: the file the command line validates.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export .json' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('pit-stop.json');
    const path = `${ARTIFACTS}/e2e-editor-pit-stop.json`;
    await file.saveAs(path);
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'validate', path], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe(`${path}: ok`);
    const exported = loadEnvironmentText(s.text, 'pit-stop.json');
    expect(exported.unknowns.map((u) => u.cells.length)).toEqual([2]);
    expect(JSON.parse(s.text).format).toBe('1.1');
    // The address bar is a link that opens this world in the editor.
    const draft = () => {
      const data = new URL(page.url()).searchParams.get('draft');
      const d = data === null ? null : decodeWorldText(data);
      return d && 'text' in d ? d.text : null;
    };
    await expect.poll(draft).toBe(s.text);
    const link = new URL(page.url());
    expect(link.searchParams.get('view')).toBe('edit');
    expect(link.searchParams.get('draftname')).toBe('pit-stop.json');
    const other = await open(link.search);
    await expect.poll(() => evaluate(other.page, `${hook}.view()`)).toBe('edit');
    expect((await checked(other.page)).text).toBe(s.text);
    // Run agents here: the world joins the app and the agents play it.
    await page.getByRole('button', { name: 'Run agents here' }).click();
    await expect.poll(() => evaluate(page, `${hook}.view()`)).toBe('watch');
    await expect.poll(() => evaluate(page, `${hook}.world()?.name`)).toBe('pit-stop');
    const done = await waitDone(page);
    expect(done.every((r) => r.error === null)).toBe(true);
    expect(await page.inputValue('#world-select')).toMatch(/^file:/);
    expect(errors).toEqual([]);
    expect(other.errors).toEqual([]);
  });
});
