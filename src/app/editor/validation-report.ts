/**
 * The editor's validation: the document (or the JSON being typed) checked with the engine's own loader
 * in the worker soon after each change, and what it found shown where it is about: the status line,
 * the list of problems (each leading to its cell or field), the notes, the map's cells and the forms'
 * fields. "Run agents here" and "Play it yourself" are enabled only for a world that can run.
 */
import type { Validation } from '../../worker/session/app-api.ts';
import type { Simulator } from '../client.ts';
import { h } from '../dom.ts';
import type { Doc } from './document.ts';
import { pathWithin } from './json.ts';
import { mapRows, mapSize } from './map-grid.ts';

export interface ReportHooks {
  doc(): Doc;
  /** The document's version (history.ts): a check is of the version it was started on. */
  version(): number;
  /** The file name the world is checked under. */
  fileName(): string;
  /** The text to check: the JSON tab's while it differs from the document, else the document's. */
  checkedText(): string;
  tools(): Simulator;
  /** The errors about map cells, by cell. */
  showCellErrors(errors: Map<number, string[]>): void;
  /** The errors about fields: next to them in the forms. */
  showFieldErrors(): void;
  /** Shows where a problem is: its cell on the map, or its field in the forms. */
  reveal(path: string, row?: number, column?: number): void;
}

/** The loader's errors about map cells, by cell of the document's map (a row's error on its last cell). */
function cellErrors(doc: Doc, v: Validation): Map<number, string[]> {
  const rows = mapRows(doc);
  const width = rows ? mapSize(rows).width : 0;
  const out = new Map<number, string[]>();
  v.issues.forEach((issue, i) => {
    if (issue.mapRow === undefined || !rows) return;
    const c =
      issue.mapRow * width + Math.min(width - 1, issue.mapColumn ?? (rows[issue.mapRow]?.length ?? 1) - 1);
    const list = out.get(c) ?? [];
    list.push(v.formatted[i]);
    out.set(c, list);
  });
  return out;
}

/** Puts each error next to the field of `panel` whose path is the closest to the error's. */
export function showFieldErrors(panel: HTMLElement, v: Validation | null): void {
  for (const ul of panel.querySelectorAll('.field-errors')) ul.replaceChildren();
  for (const el of panel.querySelectorAll('[aria-invalid="true"]')) el.setAttribute('aria-invalid', 'false');
  if (!v) return;
  const holders = [...panel.querySelectorAll<HTMLElement>('[data-path]')];
  v.issues.forEach((issue, i) => {
    if (issue.mapRow !== undefined) return;
    let best: HTMLElement | null = null;
    let bestLen = -1;
    for (const el of holders) {
      const p = el.dataset.path!;
      // A field beats the group around it at the same path.
      const len = p.length * 2 + (el.classList.contains('field') ? 1 : 0);
      if (pathWithin(issue.path, p) && len > bestLen) {
        best = el;
        bestLen = len;
      }
    }
    if (!best) return;
    const list = best.querySelector(':scope > .field-errors');
    list?.append(h('li', { text: v.formatted[i] }));
    best
      .querySelector(':scope > input, :scope > select, :scope > textarea, :scope > label > input')
      ?.setAttribute('aria-invalid', 'true');
    const details = best.closest('details');
    if (details && !details.open) details.open = true;
  });
}

export class ValidationReport {
  /** The last check's result (null before the first). */
  validation: Validation | null = null;
  private validatedVersion = -1;
  private validating = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly status = h('p', { id: 'editor-status', class: 'editor-status', attrs: { role: 'status' } });
  private readonly problems = h('ul', { id: 'editor-problems', class: 'editor-problems' });
  private readonly notes = h('ul', { id: 'editor-notes', class: 'editor-notes' });
  /** The problems and notes, under the map. */
  readonly section = h(
    'section',
    { class: 'editor-report', attrs: { 'aria-labelledby': 'editor-problems-heading' } },
    h('h3', { id: 'editor-problems-heading', text: 'Problems (as trapworld validate reports them)' }),
    this.problems,
    h('h3', { text: 'Notes' }),
    this.notes,
  );

  constructor(
    private readonly hooks: ReportHooks,
    /** The buttons that need a world that runs. */
    private readonly runButton: HTMLButtonElement,
    private readonly playButton: HTMLButtonElement,
  ) {}

  /** Checks the document in `ms` milliseconds (a check already waiting is put off). */
  schedule(ms: number): void {
    // The status keeps saying what the last check found until the next one is done: changing it on
    // every stroke would repaint the page on every frame.
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.validate(), ms);
  }

  /** Whether the last validation is of the current document, and its result (for tests). */
  get checked(): { version: number; current: boolean; problems: number; runnable: boolean } {
    return {
      version: this.validatedVersion,
      current: this.validatedVersion === this.hooks.version(),
      problems: this.validation?.issues.length ?? -1,
      runnable: this.validation?.world !== null && this.validation !== null,
    };
  }

  /** Validates the document (or the JSON tab's text) with the engine's loader, in the worker. */
  private async validate(): Promise<void> {
    const version = this.hooks.version();
    const text = this.hooks.checkedText();
    const source = this.hooks.fileName();
    const token = ++this.validating;
    const v = await this.hooks.tools().validateWorld(text, source);
    if (token !== this.validating) return;
    this.validation = v;
    this.validatedVersion = version;
    this.show(v);
  }

  private show(v: Validation): void {
    const ok = v.issues.length === 0;
    const runnable = v.world !== null;
    const fileName = this.hooks.fileName();
    this.status.dataset.state = ok ? (runnable ? 'valid' : 'warning') : 'invalid';
    this.status.dataset.version = String(this.validatedVersion);
    this.status.textContent = ok
      ? runnable
        ? `Valid: trapworld validate accepts ${fileName} (${v.world!.width}×${v.world!.height}, ${v.world!.keys.length} unknown${v.world!.keys.length === 1 ? '' : 's'}).`
        : `Valid, but agents cannot run it yet: ${v.notes[v.notes.length - 1]}`
      : `${v.issues.length} problem${v.issues.length === 1 ? '' : 's'}: trapworld validate would refuse ${fileName}.`;
    this.runButton.disabled = !runnable;
    this.playButton.disabled = !runnable;
    this.runButton.title = runnable
      ? 'Run the agents of the sidebar on this world'
      : 'Fix the problems first';
    this.hooks.showCellErrors(cellErrors(this.hooks.doc(), v));
    // The list, each entry leading to its cell or field.
    this.problems.replaceChildren(
      ...(ok
        ? [h('li', { class: 'none', text: 'None.' })]
        : v.issues.map((issue, i) =>
            h(
              'li',
              {},
              h('code', { text: v.formatted[i] }),
              ' ',
              h('button', {
                class: 'link-button',
                text: issue.mapRow !== undefined ? 'Show the cell' : 'Show the field',
                attrs: { type: 'button' },
                on: { click: () => this.hooks.reveal(issue.path, issue.mapRow, issue.mapColumn) },
              }),
            ),
          )),
    );
    this.notes.replaceChildren(...(v.notes.length ? v.notes : ['None.']).map((n) => h('li', { text: n })));
    this.hooks.showFieldErrors();
  }
}
