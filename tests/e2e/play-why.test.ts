/**
 * "Play yourself" and "Why" (issue 16, items 2 and 3) in real Chromium: a person plays the same world
 * and seed as an agent with the keyboard (pokes included) or by touch, and the two runs are compared;
 * the agent's candidate actions and experiments, with their values, are shown for the selected step,
 * and the plan drawn is the one the agent actually follows.
 */
import { describe, expect, it } from 'vitest';
import { scriptedAgent } from '../../agents/scripted.ts';
import { environments } from '../../environments/index.ts';
import { hashTrajectory } from '../../src/core/hash.ts';
import { runAgent } from '../../src/core/run.ts';
import { parseTruthAssignments } from '../../src/core/truth.ts';
import { ARTIFACTS } from './browser.ts';
import { evaluate, hook, runs, seek, useBrowser, waitDone } from './helpers.ts';

const { open } = useBrowser();

describe('play it yourself', () => {
  it('plays the same world and seed as an agent by keyboard, pokes included, and compares both runs', async () => {
    const world = 'snake-corridor';
    const { page, errors } = await open(`?world=${world}&agent=prober&seed=2&truth=snake=dead-snake`);
    await waitDone(page);
    await page.getByRole('button', { name: 'Play yourself' }).click();
    await expect.poll(async () => (await runs(page)).map((r) => r.agent)).toEqual(['you', 'prober']);
    expect(await page.getAttribute('#play-yourself', 'aria-pressed')).toBe('true');
    const frames = async () => (await runs(page))[0].frames;
    await expect.poll(frames).toBe(1);
    // The keys go to the game at once (the focus is on your map): Space waits, even right after the click.
    const moves = ['Space', 'ArrowRight', 'd', 'Shift+ArrowRight'];
    for (const [i, key] of moves.entries()) {
      await page.keyboard.press(key);
      await expect.poll(frames).toBe(i + 2);
    }
    // The poke is heard like an agent's, and the agent's pane shows the same step.
    const line = page.locator('.pane[data-pane="0"] .event-line');
    await expect.poll(() => line.textContent()).toMatch(/^Step 4: poke-E · poked E, heard “thud”/);
    expect(await page.textContent('#step-readout')).toMatch(/^step 4 /);
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight'])
      await page.keyboard.press(key);
    await page.waitForSelector('.pane[data-pane="0"][data-outcome="goal"]');
    // Both trajectories and returns, side by side.
    const result = page.locator('#play-result');
    await expect.poll(() => result.isVisible()).toBe(true);
    const rows = await result.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/You\s+reached the goal\s+8\s+2\s/);
    expect(rows[1]).toMatch(/prober\s+reached the goal\s+\d+\s+-?\d/);
    expect(await result.textContent()).toMatch(/(You did best|A tie with prober|prober did better)/);
    // Each map shows the other run's path once the episode is over.
    for (const i of [0, 1])
      expect((await evaluate<{ ghosts: boolean }>(page, `${hook}.layers(${i})`)).ghosts).toBe(true);
    // The person's run is a trajectory like any other: the scripted agent with the same actions
    // (what Export record writes for it) plays it to the same hash.
    const env = environments.get(world)!;
    const truth = parseTruthAssignments(env, ['snake=dead-snake']);
    const ref = runAgent(
      env,
      scriptedAgent,
      { actions: 'wait,E,E,poke-E,E,E,E,E' },
      { seed: 2, truth, trace: true },
    );
    const mine = (await runs(page))[0].episodes[0]!;
    expect(mine.hash).toBe(hashTrajectory(ref.traces[0]));
    expect(mine.return).toBe(ref.episodes[0].return);
    await expect
      .poll(() => page.textContent('#reproduce .command[data-agent="you"] code'))
      .toBe(
        'npx trapworld run snake-corridor --actions wait,E,E,poke-E,E,E,E,E --seed 2 --truth snake=dead-snake',
      );
    await page.screenshot({ path: `${ARTIFACTS}/e2e-play.png` });
    // Keys are playback keys again once the person's episode is over.
    await page.keyboard.press('Home');
    await expect.poll(() => page.textContent('#step-readout')).toMatch(/^step 0 /);
    // And "Play yourself" again goes back to watching agents.
    await page.getByRole('button', { name: 'Play yourself' }).click();
    await expect.poll(async () => (await runs(page)).map((r) => r.agent)).toEqual(['prober']);
    expect(errors).toEqual([]);
  });

  it('plays by touch on a phone: the pad and a swipe on the map', async () => {
    const { page, errors } = await open(
      '?world=snake-corridor&agent=prober&seed=2&truth=snake=dead-snake',
      { width: 390, height: 844 },
      { mobile: true },
    );
    await waitDone(page);
    await page.getByRole('button', { name: 'Play yourself' }).tap();
    await expect.poll(async () => (await runs(page))[0]?.frames ?? 0).toBe(1);
    const frames = async () => (await runs(page))[0].frames;
    await page.getByRole('button', { name: 'Move east' }).tap();
    await expect.poll(frames).toBe(2);
    await page.getByRole('button', { name: 'Poke' }).tap();
    expect(await page.getAttribute('.pad-poke', 'aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Poke east' }).tap();
    await expect.poll(frames).toBe(3);
    await expect
      .poll(() => page.locator('.pane[data-pane="0"] .event-line').textContent())
      .toMatch(/poke-E · poked E/);
    // A swipe to the right on the map moves east.
    const box = (await page.locator('.pane[data-pane="0"] .stage').boundingBox())!;
    const y = box.y + box.height / 2;
    await page.evaluate(
      ({ x0, x1, y }) => {
        const stage = document.querySelector('.pane[data-pane="0"] .stage')!;
        const ev = (type: string, x: number) =>
          new PointerEvent(type, {
            pointerId: 7,
            pointerType: 'touch',
            clientX: x,
            clientY: y,
            bubbles: true,
            isPrimary: true,
          });
        stage.dispatchEvent(ev('pointerdown', x0));
        stage.dispatchEvent(ev('pointermove', (x0 + x1) / 2));
        stage.dispatchEvent(ev('pointerup', x1));
      },
      { x0: box.x + 40, x1: box.x + 160, y },
    );
    await expect.poll(frames).toBe(4);
    expect(await evaluate(page, `${hook}.position(0)`)).toBe(1 * 9 + 3);
    // The map is in view on the phone, and nothing scrolls sideways.
    const canvas = (await page.locator('canvas[data-pane="0"]').boundingBox())!;
    expect(canvas.x).toBeGreaterThanOrEqual(0);
    expect(canvas.x + canvas.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${ARTIFACTS}/e2e-play-phone.png` });
    expect(errors).toEqual([]);
  });
});

interface Candidate {
  kind: string;
  label: string;
  chosen: boolean;
  cells?: number[];
}

describe('why this action', () => {
  it('shows the options the prober weighed, with value, VOI, risk and cost, and the belief they came from', async () => {
    const { page, errors } = await open('?world=rotten-plank&agent=thompson&agent=prober&seed=1');
    await waitDone(page);
    // The prober reports its decisions (BeliefView.decision); wait for them, however the run streamed.
    await page.waitForFunction(`${hook}.runs()[1].decisions > 0`, null, { timeout: 60_000 });
    const why = page.getByRole('button', { name: 'Why' });
    await why.nth(1).click();
    expect(await why.nth(1).getAttribute('aria-expanded')).toBe('true');
    const panel = page.locator('#why-1');
    await expect.poll(() => panel.locator('.why-table tbody tr').count()).toBeGreaterThan(0);
    expect(await panel.locator('thead th').allTextContents()).toEqual([
      'option',
      'value',
      'VOI',
      'risk',
      'cost (steps)',
    ]);
    expect(await panel.textContent()).toMatch(/^At step 0 it takes (N|E|S|W|poke-[NESW]|wait)\./);
    const chosen = panel.locator('tbody tr.chosen');
    expect(await chosen.count()).toBe(1);
    expect(await chosen.locator('th').textContent()).toMatch(/^✓ /);
    for (const cell of await chosen
      .locator('td')
      .allTextContents()
      .then((c) => c.slice(0, 4)))
      expect(cell).toMatch(/^[-+]?[\d.,]+%?$|^<0\.1%$|^–$/);
    // Experiments say which hypotheses they tell apart.
    const tells = await panel.locator('tbody tr[data-kind="experiment"] .tells').allTextContents();
    expect(
      tells.some((t) => /^tells apart plank@\d+,8(, plank@\d+,8)*: sound-plank \| rotten-plank$/.test(t)),
    ).toBe(true);
    expect(await panel.locator('.why-belief').textContent()).toMatch(
      /The belief it came from \(step 0\): 5 open questions/,
    );
    // An agent that says nothing of its reasons says so.
    await why.nth(0).click();
    await expect.poll(() => page.locator('#why-0').textContent()).toContain('No explanation from this agent');
    // The plan drawn is what the agent does: from its cell, along its chosen option, experiments ringed.
    const planks = [4, 5, 6, 7, 8].map((x) => 8 * 13 + x);
    for (const step of [0, 1, 2]) {
      await seek(page, 0, step);
      await page.waitForTimeout(120);
      const intent = await evaluate<{ plan: number[] | null; experiment: number[] | null }>(
        page,
        `${hook}.intent(1)`,
      );
      const pos = await evaluate<number>(page, `${hook}.position(1)`);
      expect(intent.plan?.[0]).toBe(pos);
      for (const c of intent.experiment ?? []) expect(planks).toContain(c);
      await expect.poll(() => panel.textContent()).toMatch(new RegExp(`^At step ${step} it takes`));
    }
    // Pointing at (or focusing) an option draws that option instead: the way there and its targets.
    await seek(page, 0, 0);
    await expect.poll(() => panel.textContent()).toMatch(/^At step 0 it takes/);
    const decision = await evaluate<{ candidates: Candidate[] }>(page, `${hook}.decision(1)`);
    const other = decision.candidates.find(
      (c) => !c.chosen && c.kind !== 'safe' && (c.cells?.length ?? 0) > 0,
    );
    if (!other) throw new Error('the prober weighed no experiment besides the one it chose');
    {
      await panel.locator(`tbody tr[aria-label="${other.label}"]`).focus();
      const pos = await evaluate<number>(page, `${hook}.position(1)`);
      const path = [pos];
      const cells = other.cells!;
      const from = cells.indexOf(pos);
      for (const c of from >= 0 ? cells.slice(from + 1) : cells)
        if (c !== path[path.length - 1]) path.push(c);
      await expect
        .poll(async () => (await evaluate<{ plan: number[] }>(page, `${hook}.intent(1)`)).plan)
        .toEqual(path);
      await panel.locator(`tbody tr[aria-label="${other.label}"]`).blur();
    }
    const chosenOption = decision.candidates.find((c) => c.chosen)!;
    expect(chosenOption).toBeTruthy();
    await page.screenshot({ path: `${ARTIFACTS}/e2e-why.png` });
    expect(errors).toEqual([]);
  });
});
