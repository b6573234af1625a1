/**
 * The page's message areas: notices (dismissable, the last three kept), the error box, and the live
 * region screen readers announce. Notices belong to the settings they were about: when the run or the
 * view changes, `clearStaleNotices` drops every notice written before the change, so nothing on screen
 * describes a state that is gone.
 */
import { byId, h, setText } from './dom.ts';

export function notice(text: string): void {
  const box = byId('notices');
  const item = h(
    'div',
    {},
    h('span', { text }),
    h('button', {
      class: 'notice-dismiss',
      text: '×',
      attrs: { type: 'button', 'aria-label': 'Dismiss this notice' },
      on: { click: () => item.remove() },
    }),
  );
  box.append(item);
  while (box.children.length > 3) box.firstElementChild?.remove();
}

/** Removes the notices written before now (call when the run or the view changes). */
export function clearStaleNotices(): void {
  byId('notices').replaceChildren();
}

/**
 * Shows errors under a title. With `details`, the title is the plain message and the lines go in a
 * collapsed "details" list (for what only a developer needs).
 */
export function showErrors(title: string, errors: string[], details = false): void {
  const list = h('ul', {}, ...errors.map((e) => h('li', { text: e })));
  const box = byId('errors');
  box.replaceChildren(h('strong', { text: title }));
  if (errors.length > 0)
    box.append(details ? h('details', {}, h('summary', { text: `Details (${errors.length})` }), list) : list);
}

export function clearErrors(): void {
  byId('errors').replaceChildren();
}

export function announce(text: string): void {
  setText(byId('announce'), text);
}
