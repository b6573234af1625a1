/**
 * What the app shows must be true (issue 16, item 4): one test per fix, in real Chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import { hashTrajectory } from '../../src/core/hash.ts';
import { defaultOptions } from '../../src/core/options.ts';
import { runAgent } from '../../src/core/run.ts';
import { evaluate, hook, runs, seek, useBrowser, waitDone } from './helpers.ts';

const { open } = useBrowser();

const search = (page: { url(): string }) => new URL(page.url()).searchParams;

describe('trust: what the app shows is true', () => {
  it('keeps the fixed truth in the link after Undo', async () => {
    const { page, errors } = await open();
    await waitDone(page);
    expect(search(page).getAll('truth')).toEqual(['plank@6,8=rotten-plank']);
    await page.selectOption('#world-select', 'builtin:snake-corridor');
    await expect.poll(() => evaluate(page, `${hook}.world()?.name`)).toBe('snake-corridor');
    expect(search(page).getAll('truth')).toEqual([]);
    await page.click('#undo');
    await expect.poll(() => search(page).get('world')).toBe('rotten-plank');
    expect(search(page).getAll('truth')).toEqual(['plank@6,8=rotten-plank']);
    // Once the world is described again, still there (written in its short form).
    await expect.poll(() => evaluate(page, `${hook}.world()?.name`)).toBe('rotten-plank');
    await waitDone(page);
    expect(search(page).getAll('truth')).toEqual(['plank@6,8=rotten-plank']);
    // The copied link carries it too.
    await page.click('#share');
    await expect.poll(() => page.textContent('#notices')).toContain('truth=plank@6,8=rotten-plank');
    expect(errors).toEqual([]);
  });

  it('says why a refused agent shows nothing, instead of “computing…” forever', async () => {
    const { page } = await open('?world=big-64&agent=bayes-optimal&agent=random');
    const pane = page.locator('.pane[data-pane="0"]');
    await expect
      .poll(() => pane.getAttribute('data-error'), { timeout: 30_000 })
      .toMatch(/bayes-optimal|states|refuse/i);
    const text = await pane.locator('.waiting').innerText();
    expect(text).toMatch(/^Refused: /);
    expect(text).not.toContain('computing');
    expect(await page.textContent('#errors')).toContain('could not run');
    // The other agent runs as usual.
    await page.waitForFunction(`${hook}.runs()[1].done`, null, { timeout: 30_000 });
  });

  it('clears notices that no longer hold when the run changes', async () => {
    const { page, errors } = await open('?world=snake-corridor&agent=prober&seed=-3');
    await expect.poll(() => page.textContent('#notices')).toContain('bad seed "-3"');
    await page.click('#share');
    await expect.poll(() => page.locator('#notices > div').count()).toBe(2);
    await page.fill('#seed', '5');
    await page.press('#seed', 'Enter');
    await expect.poll(() => page.locator('#notices > div').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('does not draw the plan of an agent that died', async () => {
    const { page, errors } = await open();
    const done = await waitDone(page);
    expect(done[0].episodes[0]!.outcome).toBe('death');
    const steps = done[0].episodes[0]!.steps;
    const layers = () => evaluate<{ plan: boolean }>(page, `${hook}.layers(0)`);
    await seek(page, 0, 2);
    await expect.poll(async () => (await layers()).plan).toBe(true);
    // The plan drawn starts where the agent stands.
    const intent = await evaluate<{ plan: number[] }>(page, `${hook}.intent(0)`);
    expect(intent.plan[0]).toBe(await evaluate(page, `${hook}.position(0)`));
    await seek(page, 0, steps);
    await expect.poll(async () => (await layers()).plan).toBe(false);
    expect(await evaluate(page, `${hook}.intent(0)`)).toEqual({ plan: null, experiment: null });
    expect(errors).toEqual([]);
  });

  it('refuses seeds outside [0, 2^32), in the field and in a link', async () => {
    const { page, errors } = await open('?world=snake-corridor&agent=random&seed=4294967296');
    await expect.poll(() => page.textContent('#notices')).toContain('bad seed "4294967296"');
    expect(await evaluate(page, `${hook}.state().config.seed`)).toBe(1);
    expect(search(page).get('seed')).toBe('1');
    for (const bad of ['-1', '4294967296', '2.5']) {
      await page.fill('#seed', bad);
      await page.press('#seed', 'Enter');
      await expect.poll(() => page.getAttribute('#seed', 'aria-invalid')).toBe('true');
      expect(await page.textContent('#seed-error')).toContain('4294967295');
      expect(await evaluate(page, `${hook}.state().config.seed`)).toBe(1);
    }
    await page.fill('#seed', '4294967295');
    await page.press('#seed', 'Enter');
    await expect.poll(() => evaluate(page, `${hook}.state().config.seed`)).toBe(4294967295);
    expect(await page.getAttribute('#seed', 'aria-invalid')).toBe('false');
    await waitDone(page);
    expect(errors).toEqual([]);
  });

  it('shows the trajectory hash that `trapworld run` prints and its --trace reproduces', async () => {
    const world = 'snake-corridor';
    const { page, errors } = await open(`?world=${world}&agent=prober&seed=3&speed=max&play=1`);
    const done = await waitDone(page);
    await page.waitForSelector('.pane[data-hash]');
    const shown = await page.getAttribute('.pane[data-pane="0"]', 'data-hash');
    expect(shown).toBe(done[0].episodes[0]!.hash);
    expect(await page.textContent('#compare')).toContain(shown!);
    // The command line, from the source, playing the same run and writing its trajectory.
    const dir = mkdtempSync(join(tmpdir(), 'trapworld-e2e-'));
    const trace = join(dir, 'trace.json');
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/bin.ts',
        'run',
        world,
        '--agent',
        'prober',
        '--seed',
        '3',
        '--trace',
        trace,
      ],
      { encoding: 'utf8' },
    );
    expect(out).toMatch(/episode 0: /);
    // It prints the hash the app shows.
    expect(out).toContain(`hash ${shown}`);
    const doc = JSON.parse(readFileSync(trace, 'utf8')) as {
      episodes: {
        steps: { action: string; reward: number; x: number; y: number }[];
        start: { x: number; y: number };
      }[];
    };
    const env = environments.get(world)!;
    const ep = doc.episodes[0];
    const cell = (p: { x: number; y: number }) => p.y * env.width + p.x;
    const fromCli = hashTrajectory({
      actions: ep.steps.map((s) => s.action),
      positions: [cell(ep.start), ...ep.steps.map(cell)],
      rewards: ep.steps.map((s) => s.reward),
    } as Parameters<typeof hashTrajectory>[0]);
    expect(fromCli).toBe(shown);
    // And the library's own hash of the same run.
    const def = agents.get('prober')!;
    const ref = runAgent(env, def, defaultOptions(def), { seed: 3, episodes: 1, trace: true });
    expect(hashTrajectory(ref.traces[0])).toBe(shown);
    writeFileSync(join(dir, 'hash.txt'), `${shown}\n`);
    expect(errors).toEqual([]);
  });

  it('reports a bad ?world= and replaces it in the address bar', async () => {
    const { page, errors } = await open('?world=atlantis&agent=random&seed=2');
    await expect.poll(() => page.textContent('#notices')).toContain('unknown world "atlantis"');
    expect(await page.textContent('#notices')).toContain('Showing “Rotten plank” instead');
    expect(search(page).get('world')).toBe('rotten-plank');
    expect(search(page).get('seed')).toBe('2');
    expect(await evaluate(page, `${hook}.world().name`)).toBe('rotten-plank');
    await waitDone(page);
    expect(errors).toEqual([]);
  });

  it('does not show the fixed truth before the user asks', async () => {
    const { page, errors } = await open();
    await waitDone(page);
    const summary = () => page.textContent('#run-summary');
    expect(await summary()).toContain('truth fixed for 1 cell');
    expect(await summary()).not.toContain('rotten-plank');
    // The sidebar's truth controls are folded away.
    expect(await page.isVisible('#truth-cell-plank\\@6\\,8')).toBe(false);
    expect(await page.isVisible('text=plank@6,8=rotten-plank')).toBe(false);
    await page.getByRole('button', { name: 'Show the truth' }).click();
    await expect.poll(summary).toContain('plank@6,8=rotten-plank');
    await page.getByRole('button', { name: 'Hide the truth' }).click();
    await expect.poll(summary).not.toContain('rotten-plank');
    await page.click('.truth-details summary');
    expect(await page.isVisible('#truth-cell-plank\\@6\\,8')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('labels posterior bars with tile names, in a fixed colour order', async () => {
    const { page, errors } = await open('?world=rotten-plank&agent=prober&agent=thompson&seed=1');
    await waitDone(page);
    const legend = (pane: number) =>
      page.$$eval(`.pane[data-pane="${pane}"] .key-legend span`, (els) =>
        els.map((e) => [e.textContent, getComputedStyle(e.querySelector('i')!).backgroundColor]),
      );
    // Harmless first (green), deadly last (vermillion), the same in both panes.
    const expected = [
      ['sound-plank', 'rgb(0, 158, 115)'],
      ['rotten-plank', 'rgb(213, 94, 0)'],
    ];
    await expect.poll(() => legend(0)).toEqual(expected);
    await expect.poll(() => legend(1)).toEqual(expected);
    const bar = await page.$eval('.pane[data-pane="0"] .posterior li .bar', (el) => ({
      label: el.getAttribute('aria-label'),
      colours: [...el.children].map((c) => getComputedStyle(c).backgroundColor),
    }));
    expect(bar.label).toBe('sound-plank 90%, rotten-plank 10%');
    expect(bar.colours).toEqual(['rgb(0, 158, 115)', 'rgb(213, 94, 0)']);
    expect(errors).toEqual([]);
  });

  it('says plainly why a bad record cannot be imported', async () => {
    const { page, errors } = await open('?world=snake-corridor&agent=random');
    await waitDone(page);
    const cases: [string, string, RegExp][] = [
      ['notes.txt', 'this is not json at all', /notes\.txt cannot be imported: it is not a JSON file/],
      ['world.json', JSON.stringify({ name: 'w', map: ['A.G'] }), /world\.json is a world, not a record/],
      [
        'other.json',
        JSON.stringify({ hello: 1 }),
        /other\.json is not a trapworld record: a record is the JSON file/,
      ],
      [
        'damaged.json',
        JSON.stringify({ format: 'trapworld-record', version: 1, world: { builtin: 'snake-corridor' } }),
        /damaged\.json is a trapworld record, but it is damaged or was edited/,
      ],
    ];
    for (const [name, text, expected] of cases) {
      await page.setInputFiles('#import-record', {
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(text),
      });
      await expect.poll(() => page.locator('#errors strong').innerText()).toMatch(expected);
      // The validator's details are there for whoever wants them, folded away.
      expect(await page.locator('#errors').innerText()).not.toMatch(
        /Invalid input|expected object|Unexpected token/,
      );
    }
    expect(errors).toEqual([]);
  });

  it('groups a 106-question posterior by unknown, and finds a cell by search', async () => {
    const { page, errors } = await open('?world=big-64&agent=thompson&seed=1');
    await page.waitForFunction(`${hook}.runs()[0].frames > 0`, null, { timeout: 30_000 });
    const groups = page.locator('.pane[data-pane="0"] .posterior-group');
    await expect.poll(() => groups.count()).toBe(2);
    const headings = await page.$$eval('.pane[data-pane="0"] .posterior-group h4', (els) =>
      els.map((e) => e.textContent),
    );
    expect(headings[0]).toMatch(/^bog · each of 105 cells · \d+ open, \d+ settled · expected traps/);
    expect(headings[1]).toMatch(/^ice · one draw for 147 cells/);
    // A group shows its most uncertain questions and offers the rest.
    expect(await page.locator('.pane[data-pane="0"] [data-unknown="bog"] li').count()).toBe(12);
    await page.getByRole('button', { name: 'Show all 105 questions of bog' }).click();
    await expect.poll(() => page.locator('.pane[data-pane="0"] [data-unknown="bog"] li').count()).toBe(105);
    await page.fill('#posterior-search-0', 'bog@9,14');
    await expect
      .poll(() =>
        page.$$eval('.pane[data-pane="0"] .posterior li .key', (els) => els.map((e) => e.textContent)),
      )
      .toEqual(['bog@9,14']);
    expect(await page.textContent('.pane[data-pane="0"] .posterior-count')).toBe('1 match of 106');
    await page.fill('#posterior-search-0', 'ice');
    await expect
      .poll(() =>
        page.$$eval('.pane[data-pane="0"] .posterior li .key', (els) => els.map((e) => e.textContent)),
      )
      .toEqual(['ice']);
    expect(errors).toEqual([]);
    void runs;
  });
});
