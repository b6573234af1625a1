/**
 * The page's message areas: notices (dismissable, the last three kept), the error box, and the live
 * region screen readers announce.
 */
import { byId, h, setText } from './dom.ts';

export function notice(text: string): void {
  const box = byId('notices');
  const item = h(
    'div',
    {},
    text,
    h('button', {
      class: 'notice-dismiss',
      text: '×',
      attrs: { type: 'button', 'aria-label': 'Dismiss' },
      on: { click: () => item.remove() },
    }),
  );
  box.append(item);
  while (box.children.length > 3) box.firstElementChild?.remove();
}

export function showErrors(title: string, errors: string[]): void {
  byId('errors').replaceChildren(
    h('strong', { text: title }),
    h('ul', {}, ...errors.map((e) => h('li', { text: e }))),
  );
}

export function clearErrors(): void {
  byId('errors').replaceChildren();
}

export function announce(text: string): void {
  setText(byId('announce'), text);
}
