/**
 * The pure parts of the app's new views: zoom and pan arithmetic, the grouped posterior and its fixed
 * colour order, the values overlay's painter, the player's keys, "Why"'s grouping of what experiments
 * tell apart, the command that reproduces a run, the gallery's summaries, and links with a person, a
 * page or a world being edited.
 */
import { describe, expect, it } from 'vitest';
import { environments } from '../../environments/index.ts';
import { firstSentence, hiddenSummary } from '../../src/app/gallery.ts';
import { actionForKey } from '../../src/app/play-keys.ts';
import { groupPosterior, matchesSearch } from '../../src/app/posterior-view.ts';
import { runCommand } from '../../src/app/reproduce.ts';
import { DEFAULT_CONFIG, isSeed } from '../../src/app/state.ts';
import { decodeUrl, encodeDraft, encodeUrl } from '../../src/app/url.ts';
import { tellsText } from '../../src/app/why-panel.ts';
import { OKABE_ITO, variantPalette } from '../../src/render/palette.ts';
import { paintPolicy, policyActions, shownActions, valueLabel } from '../../src/render/policy-paint.ts';
import type { Paint2D } from '../../src/render/terrain.ts';
import { cellAt, clampViewport, FIT, panBy, revealCell, zoomAt } from '../../src/render/viewport.ts';
import { buildCatalog } from '../../src/worker/session/catalog.ts';
import { describeSpec } from '../../src/worker/session/world-info.ts';

const catalog = buildCatalog();

describe('zoom and pan', () => {
  it('zooms about a point, which stays under the pointer', () => {
    const v = zoomAt(FIT, 2, 100, 50, 400, 200);
    expect(v.zoom).toBe(2);
    // The map point under (100, 50) before is still there after.
    expect(v.x + 100 / v.zoom).toBeCloseTo(100);
    expect(v.y + 50 / v.zoom).toBeCloseTo(50);
    expect(zoomAt(v, 100, 0, 0, 400, 200).zoom).toBe(16);
    expect(zoomAt(v, 0.01, 0, 0, 400, 200)).toEqual(FIT);
  });

  it('pans, but never past the map', () => {
    const v = { zoom: 2, x: 0, y: 0 };
    expect(panBy(v, -100, -40, 400, 200)).toEqual({ zoom: 2, x: 50, y: 20 });
    expect(panBy(v, -10_000, -10_000, 400, 200)).toEqual({ zoom: 2, x: 200, y: 100 });
    expect(clampViewport({ zoom: 1, x: 30, y: -5 }, 400, 200)).toEqual(FIT);
  });

  it('finds the cell under a point and brings a cell into view', () => {
    const v = { zoom: 2, x: 40, y: 0 };
    // 10 pixels per cell at zoom 1; (0, 0) on the canvas shows map x 40, cell 4.
    expect(cellAt(v, 0, 0, 10, 40, 20)).toBe(4);
    expect(cellAt(v, 25, 21, 10, 40, 20)).toBe(1 * 40 + 5);
    expect(cellAt(FIT, -1, 0, 10, 40, 20)).toBe(-1);
    const seen = revealCell(v, 39, 10, 40, 400, 200);
    expect(seen.x).toBeGreaterThanOrEqual(400 - 400 / 2 - 10);
    expect(revealCell(v, 5, 10, 40, 400, 200)).toEqual(v);
  });
});

describe('the grouped posterior', () => {
  const world = describeSpec(environments.get('big-64')!, null);

  it('groups by unknown, most uncertain first, with the expected number of traps', () => {
    const values = new Float32Array(world.variantCount);
    for (const k of world.keys) {
      values[k.offset] = 0.5;
      values[k.offset + 1] = 0.5;
    }
    const first = world.keys.find((k) => k.key.startsWith('bog@'))!;
    values[first.offset] = 1;
    values[first.offset + 1] = 0;
    const groups = groupPosterior(world, values);
    expect(groups.map((g) => [g.id, g.rows.length])).toEqual([
      ['bog', 105],
      ['ice', 1],
    ]);
    const bog = groups[0];
    expect(bog.open).toBe(104);
    expect(bog.rows[bog.rows.length - 1].key).toBe(first);
    expect(bog.expectedTraps).toBeCloseTo(104 * 0.5 + (first.variants[0] === 'sinkhole' ? 1 : 0));
    // The ice is one question for its 147 cells, and its expected traps count every cell.
    expect(groups[1].expectedTraps).toBeCloseTo(147 * 0.5);
  });

  it('finds a cell by its key or coordinates, a group by its name', () => {
    const values = new Float32Array(world.variantCount).fill(0.5);
    const [bog, ice] = groupPosterior(world, values);
    const row = bog.rows.find((r) => r.key.key === 'bog@9,14')!;
    expect(matchesSearch(row, 'bog', 'bog@9,14')).toBe(true);
    expect(matchesSearch(row, 'bog', '9,14')).toBe(true);
    expect(matchesSearch(row, 'bog', 'ice')).toBe(false);
    expect(matchesSearch(ice.rows[0], 'ice', 'ice')).toBe(true);
  });

  it('orders variants harmless to deadly, and gives siblings of one kind different colours', () => {
    const harmless = { effect: 'pass', walkable: true };
    const deadly = { effect: 'death', walkable: true };
    expect(variantPalette([deadly, harmless])).toEqual({
      order: [1, 0],
      colours: [OKABE_ITO.vermillion, OKABE_ITO.green],
    });
    const three = variantPalette([harmless, harmless, deadly]);
    expect(three.order).toEqual([0, 1, 2]);
    expect(new Set(three.colours).size).toBe(3);
  });
});

describe('the values overlay', () => {
  it('names the optimal actions and writes values short', () => {
    expect(policyActions(0b10)).toEqual([1]);
    expect(policyActions((1 << 0) | (1 << 5) | (1 << 8))).toEqual([0, 5, 8]);
    expect(valueLabel(12.345)).toBe('12.3');
    expect(valueLabel(-123.6)).toBe('-124');
    expect(valueLabel(-0.01)).toBe('0');
    expect(valueLabel(NaN)).toBe('');
    // Nothing to choose where every action ties; moves before the pokes that tie with them.
    expect(shownActions(0b111111111, 9)).toBe(0);
    expect(shownActions(0b1111, 4)).toBe(0);
    expect(shownActions((1 << 1) | (1 << 5), 9)).toBe(1 << 1);
    expect(shownActions(1 << 6, 9)).toBe(1 << 6);
  });

  it('paints an arrow per optimal move and the values where cells have room', () => {
    const world = describeSpec(environments.get('snake-corridor')!, null);
    const calls: string[] = [];
    const ctx = new Proxy(
      {},
      {
        get: (_t, name) =>
          typeof name === 'string' ? (...a: unknown[]) => calls.push(`${name}(${a.join(',')})`) : undefined,
        set: () => true,
      },
    ) as unknown as Paint2D;
    const values = new Float64Array(world.width * world.height).fill(NaN);
    const policy = new Uint16Array(world.width * world.height);
    values[10] = 3.5;
    policy[10] = 1 << 1; // east
    paintPolicy(ctx, world, { values, policy }, 32);
    expect(calls.filter((c) => c.startsWith('fillText('))).toEqual(['fillText(3.5,48,39.04)']);
    expect(calls.filter((c) => c.startsWith('stroke(')).length).toBe(2); // the arrow, cased
    calls.length = 0;
    paintPolicy(ctx, world, { values, policy }, 10);
    expect(calls.some((c) => c.startsWith('fillText('))).toBe(false);
  });
});

describe('play keys, why, reproduce, gallery', () => {
  it('maps keys to actions: arrows or WASD move, with Shift they poke, Space and . wait', () => {
    expect(actionForKey('ArrowUp', false)).toBe('N');
    expect(actionForKey('d', false)).toBe('E');
    expect(actionForKey('S', false)).toBe('S');
    expect(actionForKey('ArrowLeft', true)).toBe('poke-W');
    expect(actionForKey(' ', false)).toBe('wait');
    expect(actionForKey('.', false)).toBe('wait');
    expect(actionForKey('p', false)).toBeNull();
  });

  it('groups what an experiment tells apart', () => {
    expect(
      tellsText([
        'plank@4,8: sound-plank | rotten-plank',
        'plank@5,8: sound-plank | rotten-plank',
        'lake: thin | thick',
      ]),
    ).toBe('plank@4,8, plank@5,8: sound-plank | rotten-plank; lake: thin | thick');
  });

  it('writes the `trapworld run` that reproduces a pane', () => {
    const world = describeSpec(environments.get('rotten-plank')!, null);
    const config = structuredClone(DEFAULT_CONFIG);
    config.panes[1].options = { ...config.panes[1].options, budget: 0.01 };
    config.episodes = 3;
    expect(runCommand(config, 1, catalog, world, null)).toEqual([
      'run',
      'rotten-plank',
      '--agent',
      'prober',
      '--opt',
      'budget=0.01',
      '--seed',
      '1',
      '--episodes',
      '3',
      '--truth',
      'plank@6,8=rotten-plank',
    ]);
    config.panes[0] = { agent: 'you', options: {} };
    expect(runCommand(config, 0, catalog, world, null)).toBeNull();
    expect(runCommand(config, 0, catalog, world, ['E', 'poke-E'])).toEqual([
      'run',
      'rotten-plank',
      '--actions',
      'E,poke-E',
      '--seed',
      '1',
      '--truth',
      'plank@6,8=rotten-plank',
    ]);
  });

  it('summarises a world for its gallery card', () => {
    expect(firstSentence('What it shows: a plank. Traps: many.')).toBe('a plank.');
    expect(firstSentence('the task of gridworlds (Leike et al. 2017), map verbatim. Traps: water.')).toBe(
      'the task of gridworlds (Leike et al. 2017), map verbatim.',
    );
    expect(hiddenSummary(describeSpec(environments.get('thin-ice')!, null))).toBe('1 unknown: ice');
    expect(hiddenSummary(describeSpec(environments.get('lava-gap')!, null))).toBe('nothing hidden');
  });
});

describe('links', () => {
  it('carry a person’s pane, the page, and the world being edited', () => {
    const url = decodeUrl('?world=snake-corridor&agent=you&agent=prober&view=gallery', catalog);
    expect(url.config.panes.map((p) => p.agent)).toEqual(['you', 'prober']);
    expect(url.view).toBe('gallery');
    expect(url.warnings).toEqual([]);
    const back = encodeUrl(url.config, catalog, null);
    expect(back).toContain('agent=you&agent=prober');
    const part = encodeDraft('{"name":"x","map":["A.G"]}\n', 'x.json')!;
    const edit = decodeUrl(`?${part}`, catalog);
    expect(edit.view).toBe('edit');
    expect(edit.draft).toEqual({ text: '{"name":"x","map":["A.G"]}\n', source: 'x.json' });
    expect(decodeUrl('?view=nowhere', catalog).warnings).toEqual(['unknown view "nowhere"']);
  });

  it('accept seeds in [0, 2^32) only', () => {
    expect(isSeed(0)).toBe(true);
    expect(isSeed(2 ** 32 - 1)).toBe(true);
    expect(isSeed(2 ** 32)).toBe(false);
    expect(isSeed(-1)).toBe(false);
    expect(isSeed(1.5)).toBe(false);
    expect(decodeUrl('?seed=-1', catalog).warnings).toEqual([
      'bad seed "-1": expected an integer from 0 to 4294967295',
    ]);
  });
});
