/**
 * The editor's forms of the world's settings, its tiles and its legend: each field bound to the JSON path
 * of the file it edits (fields.ts), so the loader's errors show next to it. The unknowns' and theories'
 * form is hidden-form.ts.
 */
import { ACTIONS, EFFECTS } from '../../core/format.ts';
import { h } from '../dom.ts';
import { addTile, removeEntry, renameGlyph, renameTile } from './document.ts';
import {
  addButton,
  entry,
  field,
  group,
  keyField,
  nextId,
  obj,
  removeButton,
  tileNames,
  type FormHost,
} from './fields.ts';
import { freeGlyph } from './glyphs.ts';
import { isObject, pathText, setPath, type Json, type PathPart } from './json.ts';

// ------------------------------------------------------------------------------------------------
// The world's own fields

export function worldForm(host: FormHost): HTMLElement {
  const d = host.doc;
  const actions = Array.isArray(d.actions) ? (d.actions as Json[]) : null;
  const actionBoxes = ACTIONS.map((a) => {
    const id = nextId('act');
    const box = h('input', { id, attrs: { type: 'checkbox' } });
    box.checked = actions === null || actions.includes(a);
    box.addEventListener('change', () => {
      const now = ACTIONS.filter((x) => (x === a ? box.checked : actions === null || actions.includes(x)));
      host.edit('actions', (doc) =>
        setPath(doc, ['actions'], now.length === ACTIONS.length ? undefined : [...now]),
      );
    });
    return h('label', { attrs: { for: id } }, box, ` ${a}`);
  });
  return h(
    'div',
    { class: 'form' },
    field(host, { path: ['name'], label: 'Name (kebab-case id)', kind: 'text', placeholder: 'my-world' }),
    field(host, { path: ['title'], label: 'Title', kind: 'text' }),
    field(host, {
      path: ['description'],
      label: 'Description',
      kind: 'textarea',
      help: 'Built-in worlds use the sections What it shows / Traps / Rewards / Termination.',
    }),
    group(
      'Rewards',
      ['rewards'],
      field(host, { path: ['rewards', 'step'], label: 'every step', kind: 'number', placeholder: '-1' }),
      field(host, { path: ['rewards', 'goal'], label: 'goal', kind: 'number', placeholder: '10' }),
      field(host, { path: ['rewards', 'death'], label: 'death', kind: 'number', placeholder: '-100' }),
      field(host, { path: ['rewards', 'bump'], label: 'bump', kind: 'number', placeholder: '0' }),
    ),
    group(
      'Hidden reward (safety performance only)',
      ['hiddenReward'],
      field(host, { path: ['hiddenReward', 'death'], label: 'death', kind: 'number', placeholder: '0' }),
      field(host, { path: ['hiddenReward', 'stuck'], label: 'stuck', kind: 'number', placeholder: '0' }),
    ),
    field(host, { path: ['gamma'], label: 'Discount gamma, in [0, 1]', kind: 'number', placeholder: '0.95' }),
    field(host, { path: ['maxSteps'], label: 'Steps before truncation', kind: 'number', placeholder: '200' }),
    field(host, { path: ['slip'], label: 'Slip probability, in [0, 1)', kind: 'number', placeholder: '0' }),
    group('Actions', ['actions'], h('div', { class: 'actions-grid' }, ...actionBoxes)),
  );
}

// ------------------------------------------------------------------------------------------------
// Tiles

export function tilesForm(host: FormHost): HTMLElement {
  const tiles = obj(host.doc.tiles);
  const names = Object.keys(tiles);
  const blocks = names.map((name) => {
    const p = (...rest: PathPart[]) => ['tiles', name, ...rest];
    const t = obj(tiles[name]);
    const hasLeave = isObject(t.leave);
    const hasNear = isObject(t.near);
    return entry(
      ['tiles', name],
      host.opened === name || names.length === 1,
      `${name}${typeof t.look === 'string' && t.look !== name ? ` (looks like ${t.look})` : ''}`,
      keyField(host, ['tiles', name], 'Name', name, (to) =>
        host.edit('rename tile', (d) => renameTile(d, name, to)),
      ),
      field(host, {
        path: p('look'),
        label: 'Look (what the agent sees; alike looks cannot be told apart)',
        kind: 'text',
        placeholder: name,
      }),
      field(host, { path: p('walkable'), label: 'Walkable', kind: 'checkbox', fallback: true }),
      field(host, { path: p('description'), label: 'Description', kind: 'text' }),
      group(
        'On entering',
        p('enter'),
        field(host, {
          path: p('enter', 'effect'),
          label: 'Effect',
          kind: 'select',
          options: EFFECTS,
          placeholder: 'pass (default)',
        }),
        field(host, { path: p('enter', 'reward'), label: 'Reward', kind: 'number', placeholder: '0' }),
        field(host, { path: p('enter', 'to'), label: 'Teleport to glyph', kind: 'text' }),
        field(host, { path: p('enter', 'signal'), label: 'Signal heard', kind: 'text' }),
        field(host, { path: p('enter', 'set'), label: 'Changes (GLYPH=tile, here=tile)', kind: 'set' }),
      ),
      field(host, {
        path: p('oneWay'),
        label: 'One way',
        kind: 'select',
        options: ['N', 'E', 'S', 'W'],
        placeholder: 'no',
      }),
      group(
        'When poked',
        p('poke'),
        field(host, { path: p('poke', 'signal'), label: 'Signal', kind: 'text', placeholder: 'nothing' }),
        field(host, {
          path: p('poke', 'risk'),
          label: 'Risk to the poker, in [0, 1]',
          kind: 'number',
          placeholder: '0',
        }),
        field(host, {
          path: p('poke', 'riskEffect'),
          label: 'What the risk does',
          kind: 'select',
          options: ['death', 'stuck'],
          placeholder: 'death (default)',
        }),
        field(host, { path: p('poke', 'set'), label: 'Changes (GLYPH=tile, here=tile)', kind: 'set' }),
      ),
      hasLeave
        ? group(
            'On leaving',
            p('leave'),
            field(host, { path: p('leave', 'to'), label: 'Jump to glyph', kind: 'text' }),
            field(host, { path: p('leave', 'reward'), label: 'Reward', kind: 'number', placeholder: '0' }),
            field(host, { path: p('leave', 'set'), label: 'Changes (GLYPH=tile, here=tile)', kind: 'set' }),
            removeButton(`Remove what ${name} does on leaving`, () =>
              host.edit('leave', (d) => setPath(d, p('leave'), undefined)),
            ),
          )
        : addButton('+ On leaving…', () =>
            host.edit('leave', (d) => setPath(d, p('leave'), { set: { here: 'floor' } })),
          ),
      hasNear
        ? group(
            'Felt next to it',
            p('near'),
            field(host, { path: p('near', 'signal'), label: 'Cue', kind: 'text' }),
            field(host, {
              path: p('near', 'p'),
              label: 'Probability each step',
              kind: 'number',
              placeholder: '1',
            }),
            removeButton(`Remove the cue of ${name}`, () =>
              host.edit('near', (d) => setPath(d, p('near'), undefined)),
            ),
          )
        : addButton('+ A cue felt next to it…', () =>
            host.edit('near', (d) => setPath(d, p('near'), { signal: 'warm', p: 0.8 })),
          ),
      removeButton(`Remove tile ${name}`, () =>
        host.edit('remove tile', (d) => removeEntry(d, 'tiles', name)),
      ),
    );
  });
  return h(
    'div',
    { class: 'form', dataset: { path: 'tiles' } },
    h('p', {
      class: 'description',
      text: 'Tile kinds of this world. Built-in tiles (floor, wall, start, goal, lava, pit, one-ways) need no entry; a tile named like one shadows it.',
    }),
    ...blocks,
    addButton('+ Add a tile', () => host.edit('add tile', (d) => (host.opened = addTile(d)))),
    h('ul', { class: 'field-errors' }),
  );
}

// ------------------------------------------------------------------------------------------------
// Legend

export function legendForm(host: FormHost): HTMLElement {
  const doc = host.doc;
  const legend = obj(doc.legend);
  const tileChoices = tileNames(doc);
  const unknownIds = Object.keys(obj(doc.unknowns));
  const theories = obj(doc.theories);
  const rows = Object.keys(legend).map((g) => {
    const v = legend[g];
    const kind = typeof v === 'string' ? 'tile' : isObject(v) && 'theory' in v ? 'theory' : 'unknown';
    const kindId = nextId('kind');
    const kindSelect = h('select', { id: kindId });
    for (const k of ['tile', 'unknown', 'theory'])
      kindSelect.append(h('option', { text: k, attrs: { value: k, selected: k === kind } }));
    kindSelect.addEventListener('change', () =>
      host.edit('legend kind', (d) =>
        setPath(
          d,
          ['legend', g],
          kindSelect.value === 'tile'
            ? 'floor'
            : kindSelect.value === 'unknown'
              ? { unknown: unknownIds[0] ?? 'unknown' }
              : { theory: Object.keys(theories)[0] ?? 'theory', role: 'role' },
        ),
      ),
    );
    const target =
      kind === 'tile'
        ? field(host, { path: ['legend', g], label: 'Tile', kind: 'select', options: tileChoices })
        : kind === 'unknown'
          ? field(host, {
              path: ['legend', g, 'unknown'],
              label: 'Unknown',
              kind: 'select',
              options: unknownIds,
            })
          : h(
              'div',
              { class: 'row' },
              field(host, {
                path: ['legend', g, 'theory'],
                label: 'Theory',
                kind: 'select',
                options: Object.keys(theories),
              }),
              field(host, { path: ['legend', g, 'role'], label: 'Role', kind: 'text' }),
            );
    return h(
      'div',
      { class: 'legend-row', dataset: { path: pathText(['legend', g]) } },
      keyField(host, ['legend', g], 'Glyph', g, (glyph) =>
        host.edit('rename glyph', (d) => renameGlyph(d, g, glyph)),
      ),
      h('div', { class: 'field' }, h('label', { attrs: { for: kindId }, text: 'Draws' }), kindSelect),
      target,
      removeButton(`Remove glyph ${g}`, () => host.edit('remove glyph', (d) => removeEntry(d, 'legend', g))),
    );
  });
  return h(
    'div',
    { class: 'form', dataset: { path: 'legend' } },
    h('p', {
      class: 'description',
      text: 'What each glyph of the map draws. Built-in glyphs: # wall, . floor, A start, G goal, ~ lava, O pit, > < ^ v one-way floors.',
    }),
    ...rows,
    addButton('+ Add a glyph', () =>
      host.edit('add glyph', (d) => setPath(d, ['legend', freeGlyph(d)], tileChoices[0] ?? 'floor')),
    ),
    h('ul', { class: 'field-errors' }),
  );
}
