/**
 * The editor's right column: tabs over the forms (the world's settings, tiles, unknowns and theories,
 * legend) and the whole file as JSON to type in. A form is rebuilt only when the shape of what it shows
 * changed (an entry added, a tab chosen), so typing in a field keeps its focus; the JSON tab keeps what
 * is being typed, even when it is not JSON yet, until the document changes otherwise.
 */
import type { Validation } from '../../worker/session/app-api.ts';
import { h, replaceChildren } from '../dom.ts';
import type { Doc } from './document.ts';
import type { FormHost } from './fields.ts';
import { legendForm, tilesForm, worldForm } from './forms.ts';
import { hiddenForm } from './hidden-form.ts';
import { parseObject, pathWithin, type Json } from './json.ts';
import { showFieldErrors } from './validation-report.ts';

export type Tab = 'world' | 'tiles' | 'hidden' | 'legend' | 'json';

const TABS: [Tab, string][] = [
  ['world', 'World'],
  ['tiles', 'Tiles'],
  ['hidden', 'Unknowns & theories'],
  ['legend', 'Legend'],
  ['json', 'JSON'],
];

export interface FormTabsHooks {
  /** The JSON tab was typed in: the document it holds (null while it is not a JSON object). */
  jsonTyped(doc: Doc | null): void;
  /** The document's text, as Export saves it. */
  text(): string;
  /** The last check's result, to show its errors next to the fields. */
  validation(): Validation | null;
}

export class FormTabs {
  tab: Tab = 'world';
  /** The JSON tab's text while it differs from the document (being typed, or not valid JSON). */
  rawText: string | null = null;
  readonly tabList: HTMLElement;
  readonly panel = h('div', {
    id: 'editor-panel',
    class: 'editor-panel',
    attrs: { role: 'tabpanel', tabindex: 0 },
  });
  private readonly tabButtons = new Map<Tab, HTMLButtonElement>();
  private jsonArea: HTMLTextAreaElement | null = null;
  /** Shape of what the forms show: they are rebuilt when it changes. */
  private formKey = '';

  constructor(
    private readonly host: FormHost,
    private readonly hooks: FormTabsHooks,
  ) {
    this.tabList = h(
      'div',
      { class: 'editor-tabs', attrs: { role: 'tablist', 'aria-label': 'What to edit' } },
      ...TABS.map(([t, label]) => {
        const b = h('button', {
          id: `editor-tab-${t}`,
          text: label,
          attrs: {
            type: 'button',
            role: 'tab',
            'aria-selected': String(t === this.tab),
            'aria-controls': 'editor-panel',
          },
          on: { click: () => this.setTab(t) },
        });
        b.addEventListener('keydown', (e) => {
          const i = TABS.findIndex(([x]) => x === t);
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
            e.preventDefault();
            const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length][0];
            this.setTab(next);
            this.tabButtons.get(next)?.focus();
          }
        });
        this.tabButtons.set(t, b);
        return b;
      }),
    );
  }

  setTab(t: Tab): void {
    if (t === this.tab) return;
    this.tab = t;
    this.render(true);
  }

  /** What the forms' shape depends on: which entries and fields exist (not the values typed in them). */
  private structure(): string {
    const keys = (v: Json | undefined) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
    const d = this.host.doc;
    const nested = (v: Json | undefined) =>
      keys(v).map((k) => [k, JSON.stringify(keys((v as Record<string, Json>)[k]))]);
    return JSON.stringify([
      this.tab,
      keys(d.tiles),
      nested(d.tiles),
      keys(d.unknowns),
      nested(d.unknowns),
      Object.values((d.unknowns as Record<string, Json>) ?? {}).map((u) =>
        keys((u as Record<string, Json>)?.prior),
      ),
      JSON.stringify(d.theories ?? null).length,
      keys(d.theories),
      d.legend ?? null,
      d.actions ?? null,
    ]);
  }

  /** Shows the tab's form: rebuilt when `rebuild` or when its shape changed. */
  render(rebuild: boolean): void {
    for (const [x, b] of this.tabButtons) b.setAttribute('aria-selected', String(x === this.tab));
    if (this.tab === 'json') {
      if (!this.jsonArea || rebuild || !this.panel.contains(this.jsonArea)) this.renderJson();
      else this.refreshJson();
      return;
    }
    const key = this.structure();
    if (!rebuild && key === this.formKey) return;
    this.formKey = key;
    const form =
      this.tab === 'world'
        ? worldForm(this.host)
        : this.tab === 'tiles'
          ? tilesForm(this.host)
          : this.tab === 'hidden'
            ? hiddenForm(this.host)
            : legendForm(this.host);
    this.host.opened = null;
    this.jsonArea = null;
    replaceChildren(this.panel, form);
    this.panel.setAttribute('aria-labelledby', `editor-tab-${this.tab}`);
    this.showFieldErrors();
  }

  private renderJson(): void {
    const area = h('textarea', {
      id: 'editor-json',
      class: 'editor-json',
      attrs: { spellcheck: 'false', rows: 24, 'aria-describedby': 'editor-json-help' },
    });
    area.value = this.rawText ?? this.hooks.text();
    area.addEventListener('input', () => {
      this.rawText = area.value;
      this.hooks.jsonTyped(parseObject(area.value));
    });
    this.jsonArea = area;
    replaceChildren(
      this.panel,
      h('label', {
        attrs: { for: 'editor-json' },
        text: 'The world file (JSON), exactly as Export saves it',
      }),
      h('p', {
        id: 'editor-json-help',
        class: 'description',
        text: 'Type here: every change is checked as you go, with the line and column of each problem.',
      }),
      area,
    );
    this.panel.setAttribute('aria-labelledby', 'editor-tab-json');
  }

  /** The JSON tab follows the document, unless it is being typed in or holds text of its own. */
  refreshJson(): void {
    if (this.jsonArea && document.activeElement !== this.jsonArea && this.rawText === null)
      this.jsonArea.value = this.hooks.text();
  }

  showFieldErrors(): void {
    showFieldErrors(this.panel, this.hooks.validation());
  }

  /** Opens the tab of the field at the loader's `path` and focuses it (the closest field holding it). */
  revealField(path: string): void {
    const top = path.split(/[.[]/)[0];
    const tab: Tab =
      top === 'tiles'
        ? 'tiles'
        : top === 'unknowns' || top === 'theories'
          ? 'hidden'
          : top === 'legend'
            ? 'legend'
            : 'world';
    this.setTab(tab);
    const el = [...this.panel.querySelectorAll<HTMLElement>('[data-path]')]
      .filter((x) => pathWithin(path, x.dataset.path!))
      .sort((a, b) => b.dataset.path!.length - a.dataset.path!.length)[0];
    const control = el?.querySelector<HTMLElement>('input, select, textarea, button');
    (control ?? el)?.focus();
    el?.scrollIntoView({ block: 'center' });
  }
}
