/**
 * The editor's left column: the tool (brush, rectangle, fill, pick), the brush (each glyph the map can
 * be painted with, with a swatch of what it draws) and the map's size. It holds the chosen tool and
 * brush; the map's input (map-input.ts) reads them and changes them from the keyboard.
 */
import { cellTileStyle } from '../../render/editor-canvas.ts';
import type { TileStyle } from '../../render/palette.ts';
import { paintTile } from '../../render/terrain.ts';
import { h, replaceChildren } from '../dom.ts';
import { announce, notice } from '../messages.ts';
import type { Doc } from './document.ts';
import { brushes, isStart, type Brush } from './glyphs.ts';
import { MAX_CELLS } from './map-grid.ts';

export type Tool = 'paint' | 'rect' | 'fill' | 'pick';

/** Each tool, its name and its key. */
const TOOLS: [Tool, string, string][] = [
  ['paint', 'Brush', 'B'],
  ['rect', 'Rectangle', 'R'],
  ['fill', 'Fill', 'F'],
  ['pick', 'Pick a glyph', 'I'],
];

export interface PaletteHooks {
  /** The tool changed (a rectangle begun with the last one is dropped). */
  toolChanged(): void;
  /** Resize was pressed with a valid size. */
  resize(width: number, height: number): void;
}

const swatches = new Map<string, string>();

/** A tile style painted once into a data URL (18 pixels a side, as the legend's swatches). */
function swatchUrl(style: TileStyle): string {
  const key = JSON.stringify(style);
  let url = swatches.get(key);
  if (!url) {
    const c = document.createElement('canvas');
    c.width = c.height = 36;
    paintTile(c.getContext('2d')!, style, 0, 0, 36);
    url = c.toDataURL();
    swatches.set(key, url);
  }
  return url;
}

export class ToolPalette {
  tool: Tool = 'paint';
  brush = '#';
  readonly toolBox: HTMLElement;
  readonly brushBox = h('fieldset', { class: 'editor-brushes' });
  readonly sizeBox: HTMLElement;
  private readonly toolRadios = new Map<Tool, HTMLInputElement>();
  private readonly widthInput: HTMLInputElement;
  private readonly heightInput: HTMLInputElement;
  /** What the brush list shows: it is rebuilt only when the brushes changed. */
  private brushKey = '';

  constructor(
    private readonly doc: () => Doc,
    private readonly hooks: PaletteHooks,
  ) {
    this.toolBox = h(
      'fieldset',
      { class: 'editor-tools' },
      h('legend', { text: 'Tool' }),
      ...TOOLS.map(([t, label, key]) => {
        const id = `editor-tool-${t}`;
        const radio = h('input', {
          id,
          attrs: { type: 'radio', name: 'editor-tool', value: t, checked: t === this.tool },
          on: { change: () => this.setTool(t) },
        });
        this.toolRadios.set(t, radio);
        return h('label', { attrs: { for: id } }, radio, ` ${label} `, h('kbd', { text: key }));
      }),
    );
    const side = (id: string) => h('input', { id, attrs: { type: 'number', min: 1, max: 256, step: 1 } });
    this.widthInput = side('editor-width');
    this.heightInput = side('editor-height');
    this.sizeBox = h(
      'fieldset',
      { class: 'editor-size' },
      h('legend', { text: 'Map size' }),
      h(
        'div',
        { class: 'row' },
        h('label', { attrs: { for: 'editor-width' }, text: 'Width' }),
        this.widthInput,
        h('label', { attrs: { for: 'editor-height' }, text: 'Height' }),
        this.heightInput,
      ),
      h('button', {
        text: 'Resize',
        title: 'Keep the top-left part; new cells are floor',
        attrs: { type: 'button' },
        on: { click: () => this.resize() },
      }),
    );
  }

  setTool(t: Tool): void {
    this.tool = t;
    this.hooks.toolChanged();
    const radio = this.toolRadios.get(t);
    if (radio) radio.checked = true;
    announce(`Tool: ${TOOLS.find(([x]) => x === t)![1]}.`);
  }

  /** The tool a key chooses (B, R, F, I in either case), if any. */
  toolOfKey(key: string): Tool | undefined {
    return TOOLS.find(([, , k]) => k.toLowerCase() === key.toLowerCase())?.[0];
  }

  setBrush(g: string): void {
    this.brush = g;
    const radio = [...this.brushBox.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
      (r) => r.value === g,
    );
    if (radio) radio.checked = true;
    const b = brushes(this.doc()).find((x) => x.glyph === g);
    announce(`Brush: ${g} ${b?.label ?? ''}.`);
  }

  /** The next brush of the list (or the previous one), round the end. */
  stepBrush(forward: boolean): void {
    const list = brushes(this.doc());
    const i = list.findIndex((b) => b.glyph === this.brush);
    this.setBrush(list[(i + (forward ? 1 : list.length - 1)) % list.length].glyph);
  }

  /** The brush numbered n (1 to 9, as their keys show), if there is one. */
  numberedBrush(n: number): void {
    const b = brushes(this.doc())[n - 1];
    if (b) this.setBrush(b.glyph);
  }

  /** Lists the brushes again when they changed (a legend entry added, renamed, given a new look). */
  renderBrushes(): void {
    const list = brushes(this.doc());
    const key = JSON.stringify(list.map((b) => [b.glyph, b.label, b.look]));
    if (key === this.brushKey) return;
    this.brushKey = key;
    if (!list.some((b) => b.glyph === this.brush)) this.brush = list[0]?.glyph ?? '#';
    replaceChildren(
      this.brushBox,
      h('legend', { text: 'Brush (glyph)' }),
      h('div', { class: 'brush-list' }, ...list.map((b, i) => this.brushItem(b, i))),
    );
  }

  private brushItem(b: Brush, i: number): HTMLElement {
    const id = `editor-brush-${i}`;
    const radio = h('input', {
      id,
      attrs: {
        type: 'radio',
        name: 'editor-brush',
        value: b.glyph,
        checked: b.glyph === this.brush,
        'aria-label': `${b.glyph} ${b.label}`,
      },
      on: { change: () => this.setBrush(b.glyph) },
    });
    // An image, not a canvas: every canvas on the page is one more layer the compositor redraws on
    // every frame the map changes (fourteen swatch canvases halved the editor's frame rate).
    const style = cellTileStyle({ look: b.look, hidden: false, glyph: b.glyph, start: isStart(b) });
    const swatch = h('img', {
      class: 'swatch',
      attrs: { src: swatchUrl(style), alt: '', width: 18, height: 18 },
    });
    return h(
      'label',
      { attrs: { for: id }, class: b.kind === 'undefined' ? 'brush undefined' : 'brush', title: b.label },
      radio,
      swatch,
      h('code', { text: b.glyph }),
      h('span', { text: b.label }),
      i < 9 ? h('kbd', { text: String(i + 1), attrs: { 'aria-hidden': 'true' } }) : null,
    );
  }

  /** Shows the map's size, unless its field is being typed in. */
  showSize(width: number, height: number): void {
    // Only when they differ: setting an input's value repaints it, and this runs on every stroke.
    if (document.activeElement !== this.widthInput && this.widthInput.value !== String(width))
      this.widthInput.value = String(width);
    if (document.activeElement !== this.heightInput && this.heightInput.value !== String(height))
      this.heightInput.value = String(height);
  }

  private resize(): void {
    const w = Number(this.widthInput.value);
    const hh = Number(this.heightInput.value);
    if (!Number.isInteger(w) || !Number.isInteger(hh) || w < 1 || hh < 1 || w * hh > MAX_CELLS) {
      notice(`A map is from 1×1 to ${MAX_CELLS.toLocaleString('en')} cells, with whole-number sides.`);
      return;
    }
    this.hooks.resize(w, hh);
  }
}
