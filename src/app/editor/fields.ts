/**
 * The editor forms' building blocks: a labelled field bound to a JSON path of the file, the groups and
 * entries around fields, and their add and remove buttons. Every field and group carries its path
 * (`data-path`), so the loader's errors, which name the path, are shown next to what they are about.
 * Fields write what was typed: a word in a number field stays a word until the loader's error says what
 * was expected.
 */
import { BUILTIN_TILES } from '../../core/builtins.ts';
import { h } from '../dom.ts';
import type { Doc } from './document.ts';
import {
  formatSet,
  getPath,
  isObject,
  numberValue,
  parseSet,
  pathText,
  type Json,
  type JsonObject,
  type PathPart,
} from './json.ts';

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
export const nextId = (p: string) => `${p}-${++ids}`;

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

/** A value as a field shows it: strings as they are, anything else as JSON, nothing as ''. */
const shown = (value: Json | undefined) =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/** One labelled field bound to a path, with room for the loader's errors about it. */
export function field(host: FormHost, o: FieldOptions): HTMLElement {
  const id = nextId('f');
  const errId = `${id}-errors`;
  const value = getPath(host.doc, o.path);
  const errors = h('ul', { class: 'field-errors', id: errId });
  const describedBy = o.help ? `${errId} ${id}-help` : errId;
  const help = o.help ? h('span', { id: `${id}-help`, class: 'row-label', text: o.help }) : null;
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
        help,
        errors,
      );
    }
    case 'select': {
      const sel = h('select', { id, attrs: { 'aria-describedby': describedBy } });
      sel.append(h('option', { text: o.placeholder ?? '(none)', attrs: { value: '' } }));
      const opts = (o.options ?? []).map((x) => (typeof x === 'string' ? [x, x] : x));
      const current = o.text ?? shown(value);
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
      ta.value = shown(value);
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
      inp.value = o.text !== undefined ? o.text : o.kind === 'set' ? formatSet(value) : shown(value);
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
    help,
    errors,
  );
}

/**
 * The field that renames an entry's key (a tile's name, an id, a glyph): it shows `key`, and commits on
 * change; a name left empty or unchanged does nothing.
 */
export function keyField(
  host: FormHost,
  path: readonly PathPart[],
  label: string,
  key: string,
  rename: (to: string) => void,
): HTMLElement {
  return field(host, {
    path,
    label,
    kind: 'text',
    text: key,
    onChange: (v) => {
      const to = v.trim();
      if (to && to !== key) rename(to);
    },
  });
}

export function group(
  title: string,
  path: readonly PathPart[],
  ...children: (HTMLElement | null)[]
): HTMLElement {
  return h(
    'fieldset',
    { class: 'form-group', dataset: { path: pathText(path) } },
    h('legend', { text: title }),
    ...children,
    h('ul', { class: 'field-errors' }),
  );
}

/** One entry of a list (a tile, an unknown, a theory): a disclosure with its summary line. */
export function entry(
  path: readonly PathPart[],
  open: boolean,
  summary: string,
  ...children: (HTMLElement | null)[]
): HTMLElement {
  return h(
    'details',
    { class: 'entry', dataset: { path: pathText(path) }, attrs: { open } },
    h('summary', { text: summary }),
    ...children,
  );
}

export function removeButton(label: string, onClick: () => void): HTMLElement {
  return h('button', {
    class: 'remove',
    text: 'Remove',
    attrs: { type: 'button', 'aria-label': label },
    on: { click: onClick },
  });
}

export function addButton(text: string, onClick: () => void): HTMLElement {
  return h('button', { class: 'add', text, attrs: { type: 'button' }, on: { click: onClick } });
}

/** The object a value is, or an empty one (a form of a missing or malformed part shows no entries). */
export const obj = (v: Json | undefined): JsonObject => (isObject(v) ? v : {});

/** Tile names a prior, a hypothesis or a legend entry can name: the file's, then the built-ins. */
export function tileNames(doc: Doc): string[] {
  return [...new Set([...Object.keys(obj(doc.tiles)), ...Object.keys(BUILTIN_TILES)])];
}
