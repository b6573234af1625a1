/**
 * The editor's forms: the world's settings, its tiles, unknowns and theories, and its legend, each field
 * bound to a JSON path of the file. Every field carries that path (`data-path`), so the loader's errors,
 * which name the path, are shown next to the field they are about. Fields write what was typed: a word in
 * a number field stays a word until the loader's error says what was expected.
 */
import { BUILTIN_TILES } from '../../core/builtins.ts';
import { ACTIONS, EFFECTS } from '../../core/format.ts';
import { h } from '../dom.ts';
import {
  addTheory,
  addTile,
  addUnknown,
  formatSet,
  freeGlyph,
  getPath,
  isObject,
  numberValue,
  parseSet,
  pathText,
  removeEntry,
  renameHidden,
  renameTile,
  setPath,
  type Doc,
  type Json,
  type JsonObject,
  type PathPart,
} from './document.ts';

export interface FormHost {
  readonly doc: Doc;
  /** Sets one field (typing in it merges into one undo step). */
  set(path: readonly PathPart[], value: Json | undefined): void;
  /** A structural change (add, remove, rename): the forms are rebuilt after it. */
  edit(label: string, recipe: (d: Doc) => void): void;
  /** The entry to show open (just added). */
  opened: string | null;
}

let ids = 0;
const nextId = (p: string) => `${p}-${++ids}`;

interface FieldOptions {
  path: readonly PathPart[];
  label: string;
  kind: 'text' | 'number' | 'textarea' | 'checkbox' | 'select' | 'set';
  options?: readonly (string | [string, string])[];
  /** Shown in an empty field, and what a select's first (empty) choice says. */
  placeholder?: string;
  /** A checkbox's value when the field is absent. */
  fallback?: boolean;
  help?: string;
  /** Commit on change (blur or Enter) instead of on every key. */
  onChange?: (value: string) => void;
  /** What the field shows, when it is not the value at the path (a key being renamed). */
  text?: string;
}

/** One labelled field bound to a path, with room for the loader's errors about it. */
export function field(host: FormHost, o: FieldOptions): HTMLElement {
  const id = nextId('f');
  const errId = `${id}-errors`;
  const value = getPath(host.doc, o.path);
  const errors = h('ul', { class: 'field-errors', id: errId });
  const describedBy = o.help ? `${errId} ${id}-help` : errId;
  let input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  const write = (v: Json | undefined) => host.set(o.path, v);
  switch (o.kind) {
    case 'checkbox': {
      const box = h('input', { id, attrs: { type: 'checkbox', 'aria-describedby': describedBy } });
      box.checked = typeof value === 'boolean' ? value : (o.fallback ?? false);
      box.addEventListener('change', () =>
        write(box.checked === (o.fallback ?? false) ? undefined : box.checked),
      );
      return h(
        'div',
        { class: 'field check', dataset: { path: pathText(o.path) } },
        h('label', { attrs: { for: id } }, box, ` ${o.label}`),
        o.help ? h('span', { id: `${id}-help`, class: 'row-label', text: o.help }) : null,
        errors,
      );
    }
    case 'select': {
      const sel = h('select', { id, attrs: { 'aria-describedby': describedBy } });
      sel.append(h('option', { text: o.placeholder ?? '(none)', attrs: { value: '' } }));
      const opts = (o.options ?? []).map((x) => (typeof x === 'string' ? [x, x] : x));
      const current =
        o.text ?? (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
      if (current !== '' && !opts.some(([v]) => v === current))
        opts.push([current, `${current} (not valid here)`]);
      for (const [v, label] of opts)
        sel.append(h('option', { text: label, attrs: { value: v, selected: v === current } }));
      sel.addEventListener('change', () =>
        o.onChange ? o.onChange(sel.value) : write(sel.value === '' ? undefined : sel.value),
      );
      input = sel;
      break;
    }
    case 'textarea': {
      const ta = h('textarea', { id, attrs: { rows: 3, 'aria-describedby': describedBy } });
      ta.value = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
      ta.addEventListener('input', () => write(ta.value === '' ? undefined : ta.value));
      input = ta;
      break;
    }
    default: {
      const inp = h('input', {
        id,
        attrs: {
          type: 'text',
          inputmode: o.kind === 'number' ? 'decimal' : undefined,
          spellcheck: 'false',
          autocomplete: 'off',
          placeholder: o.placeholder,
          'aria-describedby': describedBy,
        },
      });
      inp.value =
        o.text !== undefined
          ? o.text
          : o.kind === 'set'
            ? formatSet(value)
            : value === undefined
              ? ''
              : typeof value === 'string'
                ? value
                : JSON.stringify(value);
      if (o.onChange) inp.addEventListener('change', () => o.onChange!(inp.value));
      else
        inp.addEventListener('input', () => {
          if (o.kind === 'number') write(numberValue(inp.value));
          else if (o.kind === 'set') {
            const set = parseSet(inp.value);
            inp.setAttribute('aria-invalid', String(set === null));
            if (set !== null) write(Object.keys(set).length > 0 ? set : undefined);
          } else write(inp.value === '' ? undefined : inp.value);
        });
      input = inp;
    }
  }
  return h(
    'div',
    { class: 'field', dataset: { path: pathText(o.path) } },
    h('label', { attrs: { for: id }, text: o.label }),
    input,
    o.help ? h('span', { id: `${id}-help`, class: 'row-label', text: o.help }) : null,
    errors,
  );
}

function group(title: string, path: readonly PathPart[], ...children: (HTMLElement | null)[]): HTMLElement {
  return h(
    'fieldset',
    { class: 'form-group', dataset: { path: pathText(path) } },
    h('legend', { text: title }),
    ...children,
    h('ul', { class: 'field-errors' }),
  );
}

function removeButton(label: string, onClick: () => void): HTMLElement {
  return h('button', {
    class: 'remove',
    text: 'Remove',
    attrs: { type: 'button', 'aria-label': label },
    on: { click: onClick },
  });
}

function addButton(text: string, onClick: () => void): HTMLElement {
  return h('button', { class: 'add', text, attrs: { type: 'button' }, on: { click: onClick } });
}

const obj = (v: Json | undefined): JsonObject => (isObject(v) ? v : {});

/** Tile names a prior, a hypothesis or a legend entry can name: the file's, then the built-ins. */
export function tileNames(doc: Doc): string[] {
  return [...new Set([...Object.keys(obj(doc.tiles)), ...Object.keys(BUILTIN_TILES)])];
}

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
      const now = ACTIONS.filter((x) =>
        x === a ? box.checked : actions === null ? true : (actions as Json[]).includes(x),
      );
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
    return h(
      'details',
      {
        class: 'entry',
        dataset: { path: pathText(['tiles', name]) },
        attrs: { open: host.opened === name || names.length === 1 },
      },
      h('summary', {
        text: `${name}${typeof t.look === 'string' && t.look !== name ? ` (looks like ${t.look})` : ''}`,
      }),
      field(host, {
        path: ['tiles', name],
        label: 'Name',
        kind: 'text',
        text: name,
        onChange: (v) => {
          const to = v.trim();
          if (to && to !== name) host.edit('rename tile', (d) => renameTile(d, name, to));
        },
      }),
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
// Unknowns and theories

export function hiddenForm(host: FormHost): HTMLElement {
  const doc = host.doc;
  const tileChoices = tileNames(doc);
  const unknowns = obj(doc.unknowns);
  const uBlocks = Object.keys(unknowns).map((id) => {
    const u = obj(unknowns[id]);
    const prior = obj(u.prior);
    const rows = Object.keys(prior).map((tile) =>
      h(
        'div',
        { class: 'prior-row' },
        field(host, {
          path: ['unknowns', id, 'prior', tile],
          label: 'Variant tile',
          kind: 'select',
          options: tileChoices,
          text: tile,
          onChange: (v) => {
            if (v && v !== tile)
              host.edit('prior tile', (d) => {
                const pr = obj(getPath(d, ['unknowns', id, 'prior']));
                const out: JsonObject = {};
                for (const [k, val] of Object.entries(pr)) out[k === tile ? v : k] = val;
                setPath(d, ['unknowns', id, 'prior'], out);
              });
          },
        }),
        field(host, { path: ['unknowns', id, 'prior', tile], label: `P(${tile})`, kind: 'number' }),
        removeButton(`Remove variant ${tile} of ${id}`, () =>
          host.edit('remove variant', (d) => setPath(d, ['unknowns', id, 'prior', tile], undefined)),
        ),
      ),
    );
    return h(
      'details',
      {
        class: 'entry',
        dataset: { path: pathText(['unknowns', id]) },
        attrs: { open: host.opened === id || Object.keys(unknowns).length === 1 },
      },
      h('summary', { text: `unknown ${id}` }),
      field(host, {
        path: ['unknowns', id],
        label: 'Id',
        kind: 'text',
        text: id,
        onChange: (v) => {
          const to = v.trim();
          if (to && to !== id) host.edit('rename unknown', (d) => renameHidden(d, 'unknowns', id, to));
        },
      }),
      field(host, {
        path: ['unknowns', id, 'scope'],
        label: 'Scope',
        kind: 'select',
        options: [
          ['each', 'each: every cell drawn on its own'],
          ['all', 'all: one draw decides every cell'],
        ],
        placeholder: 'each (default)',
      }),
      field(host, { path: ['unknowns', id, 'description'], label: 'Description', kind: 'text' }),
      group('Prior over tiles that look alike (sums to 1)', ['unknowns', id, 'prior'], ...rows),
      addButton('+ A variant', () =>
        host.edit('add variant', (d) => {
          const t = tileChoices.find((n) => !Object.hasOwn(prior, n)) ?? 'floor';
          setPath(d, ['unknowns', id, 'prior', t], 0);
        }),
      ),
      removeButton(`Remove unknown ${id}`, () =>
        host.edit('remove unknown', (d) => {
          removeEntry(d, 'unknowns', id);
          for (const [g, v] of Object.entries(obj(d.legend)))
            if (isObject(v) && v.unknown === id) removeEntry(d, 'legend', g);
        }),
      ),
    );
  });
  const theories = obj(doc.theories);
  const tBlocks = Object.keys(theories).map((id) => {
    const t = obj(theories[id]);
    const hyps = obj(t.hypotheses);
    const roles = [...new Set(Object.values(hyps).flatMap((x) => Object.keys(obj(obj(x).tiles))))];
    const hBlocks = Object.keys(hyps).map((name) =>
      group(
        `hypothesis ${name}`,
        ['theories', id, 'hypotheses', name],
        field(host, {
          path: ['theories', id, 'hypotheses', name],
          label: 'Name',
          kind: 'text',
          text: name,
          onChange: (v) => {
            const to = v.trim();
            if (to && to !== name)
              host.edit('rename hypothesis', (d) => {
                const hs = obj(getPath(d, ['theories', id, 'hypotheses']));
                const out: JsonObject = {};
                for (const [k, val] of Object.entries(hs)) out[k === name ? to : k] = val;
                setPath(d, ['theories', id, 'hypotheses'], out);
              });
          },
        }),
        field(host, { path: ['theories', id, 'hypotheses', name, 'prior'], label: 'Prior', kind: 'number' }),
        ...roles.map((role) =>
          field(host, {
            path: ['theories', id, 'hypotheses', name, 'tiles', role],
            label: `Tile of role ${role}`,
            kind: 'select',
            options: tileChoices,
          }),
        ),
        removeButton(`Remove hypothesis ${name} of ${id}`, () =>
          host.edit('remove hypothesis', (d) => setPath(d, ['theories', id, 'hypotheses', name], undefined)),
        ),
      ),
    );
    return h(
      'details',
      { class: 'entry', dataset: { path: pathText(['theories', id]) }, attrs: { open: host.opened === id } },
      h('summary', {
        text: `theory ${id} (${roles.length} role${roles.length === 1 ? '' : 's'}: ${roles.join(', ')})`,
      }),
      field(host, {
        path: ['theories', id],
        label: 'Id',
        kind: 'text',
        text: id,
        onChange: (v) => {
          const to = v.trim();
          if (to && to !== id) host.edit('rename theory', (d) => renameHidden(d, 'theories', id, to));
        },
      }),
      field(host, { path: ['theories', id, 'description'], label: 'Description', kind: 'text' }),
      ...hBlocks,
      addButton('+ A hypothesis', () =>
        host.edit('add hypothesis', (d) => {
          const name = Object.hasOwn(hyps, 'other') ? `other-${Object.keys(hyps).length + 1}` : 'other';
          setPath(d, ['theories', id, 'hypotheses', name], {
            prior: 0,
            tiles: Object.fromEntries(roles.map((r) => [r, 'floor'])),
          });
        }),
      ),
      addButton('+ A role (and a glyph for it)', () =>
        host.edit('add role', (d) => {
          const role = `role-${roles.length + 1}`;
          for (const name of Object.keys(hyps))
            setPath(d, ['theories', id, 'hypotheses', name, 'tiles', role], 'floor');
          setPath(d, ['legend', freeGlyph(d, role)], { theory: id, role });
        }),
      ),
      removeButton(`Remove theory ${id}`, () =>
        host.edit('remove theory', (d) => {
          removeEntry(d, 'theories', id);
          for (const [g, v] of Object.entries(obj(d.legend)))
            if (isObject(v) && v.theory === id) removeEntry(d, 'legend', g);
        }),
      ),
    );
  });
  return h(
    'div',
    { class: 'form' },
    h('h3', { text: 'Unknowns' }),
    h('p', {
      class: 'description',
      text: 'A hidden choice between tiles that look the same. Agents know the prior and which cells it covers, never the draw.',
    }),
    ...uBlocks,
    addButton('+ Add an unknown (a safe and a deadly tile a poke tells apart)', () =>
      host.edit('add unknown', (d) => (host.opened = addUnknown(d))),
    ),
    h('h3', { text: 'Theories (format 1.1)' }),
    h('p', {
      class: 'description',
      text: 'One hidden draw decides cells of different kinds: a survivable hint in one place tells about a deadly cell elsewhere.',
    }),
    ...tBlocks,
    addButton('+ Add a theory', () => host.edit('add theory', (d) => (host.opened = addTheory(d)))),
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
      field(host, {
        path: ['legend', g],
        label: 'Glyph',
        kind: 'text',
        text: g,
        onChange: (to) => {
          const glyph = to.trim();
          if (!glyph || glyph === g) return;
          host.edit('rename glyph', (d) => {
            const out: JsonObject = {};
            for (const [k, val] of Object.entries(obj(d.legend))) out[k === g ? glyph : k] = val;
            d.legend = out;
            if (Array.isArray(d.map))
              d.map = (d.map as Json[]).map((r) =>
                typeof r === 'string'
                  ? Array.from(r)
                      .map((c) => (c === g ? glyph : c))
                      .join('')
                  : r,
              );
          });
        },
      }),
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
