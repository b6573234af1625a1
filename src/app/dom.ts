/** A tiny element builder: the controls are plain, accessible HTML, no framework. */

type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  text?: string;
  title?: string;
  hidden?: boolean;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  dataset?: Record<string, string>;
  style?: Partial<Record<string, string>>;
  on?: Partial<Record<string, (e: Event) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.title) el.title = props.title;
  if (props.hidden) el.hidden = true;
  if (props.attrs)
    for (const [k, v] of Object.entries(props.attrs)) {
      if (v === null || v === undefined || v === false) continue;
      el.setAttribute(k, v === true ? '' : String(v));
    }
  if (props.dataset) Object.assign(el.dataset, props.dataset);
  if (props.style)
    for (const [k, v] of Object.entries(props.style)) if (v !== undefined) el.style.setProperty(k, v);
  if (props.on) for (const [k, v] of Object.entries(props.on)) if (v) el.addEventListener(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
  return el;
}

/** The page's element with this id (index.html has every one the app asks for). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** Sets text only when it changed (cheap enough to call every frame). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Replaces an element's children, keeping keyboard focus on the control with the same id if there was one. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  const active = document.activeElement;
  const focusId = active instanceof HTMLElement && parent.contains(active) ? active.id : '';
  parent.replaceChildren(
    ...children
      .filter((c): c is Node | string => c !== null && c !== undefined && c !== false)
      .map((c) => (typeof c === 'number' ? String(c) : c)),
  );
  if (focusId) document.getElementById(focusId)?.focus();
}

/** Offers `text` as a download named `name` (a JSON file unless `type` says otherwise). */
export function downloadText(text: string, name: string, type = 'application/json'): void {
  const blob = new Blob([text], { type });
  const a = h('a', { attrs: { href: URL.createObjectURL(blob), download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}

export function formatNumber(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return '–';
  if (Number.isInteger(v)) return v.toLocaleString('en');
  return v.toFixed(digits).replace(/\.?0+$/, '');
}

export function percent(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p === 0) return '0%';
  if (p === 1) return '100%';
  if (p < 0.001) return '<0.1%';
  if (p > 0.999) return '>99.9%';
  return `${(p * 100).toFixed(p < 0.1 || p > 0.9 ? 1 : 0)}%`;
}

const ICONS: Record<string, string> = {
  restart: 'M3 2h2v12H3zM14 2v12L6 8z',
  back: 'M12 2v12L4 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  step: 'M2 2v12l8-6zM11 2h3v12h-3z',
  end: 'M2 2v12l8-6zM11 2h2v12h-2z',
  prev: 'M11 2L5 8l6 6 1.4-1.4L7.8 8l4.6-4.6z',
  next: 'M5 2l6 6-6 6-1.4-1.4L8.2 8 3.6 3.4z',
};

/** A small inline SVG icon (text glyphs such as ⏮ are missing from many fonts). */
export function icon(name: keyof typeof ICONS): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.appendChild(path);
  return svg;
}
