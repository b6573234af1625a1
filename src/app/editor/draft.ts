/**
 * The editor's draft kept in the browser (localStorage): saved soon after every change, and offered
 * back when another world is opened, so closing the tab or following a link loses no work.
 */
import { h } from '../dom.ts';

const DRAFT_KEY = 'trapworld-editor-draft';

export function saveDraft(text: string, source: string): void {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ text, source, at: new Date().toISOString() }));
  } catch {
    /* storage full or off: the link and Export still work */
  }
}

/**
 * Offers the saved draft in `restore` (a bar above the editor) unless it is the world `shown`; hides the
 * bar when there is nothing else to offer. "Restore it" hides it and opens the draft.
 */
export function offerRestore(
  restore: HTMLElement,
  shown: string,
  open: (text: string, source: string) => void,
): void {
  type Saved = { text: string; source: string; at: string };
  let saved: Saved | null;
  try {
    saved = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') as Saved | null;
  } catch {
    saved = null;
  }
  if (!saved || typeof saved.text !== 'string' || saved.text === shown) {
    restore.hidden = true;
    return;
  }
  const draft = saved;
  restore.hidden = false;
  restore.replaceChildren(
    h('span', {
      text: `Your last draft here, ${draft.source}, was saved ${new Date(draft.at).toLocaleString()}. `,
    }),
    h('button', {
      text: 'Restore it',
      attrs: { type: 'button' },
      on: {
        click: () => {
          restore.hidden = true;
          open(draft.text, draft.source);
        },
      },
    }),
  );
}
