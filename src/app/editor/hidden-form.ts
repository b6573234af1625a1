/**
 * The editor's form of a world's hidden parts: its unknowns (a prior over tiles that look alike) and
 * its theories (hypotheses that decide cells of several roles at once), kept consistent as entries are
 * added, renamed and removed: a new role gets a tile in every hypothesis and a glyph in the legend.
 */
import { h } from '../dom.ts';
import { addTheory, addUnknown, removeHidden, renameHidden } from './document.ts';
import {
  addButton,
  entry,
  field,
  group,
  keyField,
  obj,
  removeButton,
  tileNames,
  type FormHost,
} from './fields.ts';
import { freeGlyph } from './glyphs.ts';
import { renameKeyAt, setPath } from './json.ts';

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
              host.edit('prior tile', (d) => renameKeyAt(d, ['unknowns', id, 'prior'], tile, v));
          },
        }),
        field(host, { path: ['unknowns', id, 'prior', tile], label: `P(${tile})`, kind: 'number' }),
        removeButton(`Remove variant ${tile} of ${id}`, () =>
          host.edit('remove variant', (d) => setPath(d, ['unknowns', id, 'prior', tile], undefined)),
        ),
      ),
    );
    return entry(
      ['unknowns', id],
      host.opened === id || Object.keys(unknowns).length === 1,
      `unknown ${id}`,
      keyField(host, ['unknowns', id], 'Id', id, (to) =>
        host.edit('rename unknown', (d) => renameHidden(d, 'unknowns', id, to)),
      ),
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
        host.edit('remove unknown', (d) => removeHidden(d, 'unknowns', id)),
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
        keyField(host, ['theories', id, 'hypotheses', name], 'Name', name, (to) =>
          host.edit('rename hypothesis', (d) => renameKeyAt(d, ['theories', id, 'hypotheses'], name, to)),
        ),
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
    return entry(
      ['theories', id],
      host.opened === id,
      `theory ${id} (${roles.length} role${roles.length === 1 ? '' : 's'}: ${roles.join(', ')})`,
      keyField(host, ['theories', id], 'Id', id, (to) =>
        host.edit('rename theory', (d) => renameHidden(d, 'theories', id, to)),
      ),
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
        host.edit('remove theory', (d) => removeHidden(d, 'theories', id)),
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
