/**
 * The page's inputs wired to the app: the top bar's buttons (undo, redo, share, export and import a
 * record, the tour, the pages, "Play yourself", the phone's "more" menu), the keyboard (the editor's keys
 * on its page, the game's while a person plays, the shortcuts otherwise), files dropped anywhere and
 * window resizes. Undo, redo and share act on the page shown: the editor's document there, else the run.
 */
import { byId } from './dom.ts';
import { installFileDrop } from './file-drop.ts';
import { handleKey, setUpHelp, type KeyboardControls } from './keyboard.ts';
import type { Pages } from './pages.ts';
import type { PaneView } from './pane.ts';
import { playKey } from './play-keys.ts';
import type { PlayMode } from './play-mode.ts';
import type { Player } from './player.ts';
import { copyLink, type RecordImport } from './sharing.ts';
import type { Action, Overlay, Store } from './state.ts';
import type { Tour } from './tour.ts';
import { encodeWorldText } from './url-world.ts';

/** What the page's inputs drive. */
export interface PageHost {
  readonly store: Store;
  readonly pages: Pages;
  readonly play: PlayMode;
  readonly player: Player;
  readonly panes: readonly PaneView[];
  readonly tour: Tour;
  readonly records: RecordImport;
  dispatch(a: Action): void;
  exportRecord(): unknown;
  importRecordText(text: string, name: string): Promise<boolean>;
  loadWorldText(text: string, source: string): Promise<void>;
  /** Sizes the maps to the window. */
  layout(): void;
}

/** Undo (and redo) on the page shown: an edit in the editor, else a settings change. */
function undo(host: PageHost): void {
  if (host.pages.view === 'edit') host.pages.editor?.undo();
  else host.store.undo();
}

function redo(host: PageHost): void {
  if (host.pages.view === 'edit') host.pages.editor?.redo();
  else host.store.redo();
}

/** Copies a link: the editor's (with its world) in the editor, else the run's. */
function share(host: PageHost): void {
  const editor = host.pages.editor;
  if (host.pages.view === 'edit' && editor) {
    void editor.share();
    return;
  }
  const w = host.store.state.config.world;
  void copyLink(w.kind === 'file' && encodeWorldText(w.text) === null);
}

export function wirePage(host: PageHost): void {
  const { pages } = host;
  byId('undo').addEventListener('click', () => undo(host));
  byId('redo').addEventListener('click', () => redo(host));
  byId('share').addEventListener('click', () => share(host));
  byId('export').addEventListener('click', () => host.exportRecord());
  byId('tour-button').addEventListener('click', () => host.tour.start());
  const importInput = byId<HTMLInputElement>('import-record');
  importInput.addEventListener('change', () => {
    const f = importInput.files?.[0];
    if (f) void host.records.importFile(f);
    importInput.value = '';
  });
  pages.listen();
  byId('play-yourself').addEventListener('click', () => host.play.toggle());
  const more = byId('more-actions');
  more.addEventListener('click', () => {
    const open = more.getAttribute('aria-expanded') !== 'true';
    more.setAttribute('aria-expanded', String(open));
    byId('top-actions').classList.toggle('open', open);
  });
  const keys: KeyboardControls = {
    player: host.player,
    toggleOverlay: (overlay: Overlay) => host.dispatch({ type: 'toggleOverlay', overlay }),
    undo: () => undo(host),
    redo: () => redo(host),
    toggleHelp: setUpHelp(byId('help'), byId('help-button')),
    toggleWhy: () => host.panes.forEach((p) => p.toggleWhy()),
  };
  document.addEventListener('keydown', (e) => {
    if (pages.view === 'edit') {
      pages.editor?.handleKey(e);
      return;
    }
    if (pages.view !== 'watch') {
      if (e.key === '?' && !(e.target instanceof HTMLInputElement)) keys.toggleHelp();
      return;
    }
    if (host.play.playing() && playKey(e, (a) => host.play.act(a))) return;
    handleKey(e, keys);
  });
  installFileDrop(byId('drop-overlay'), {
    record: (text, name) => host.importRecordText(text, name),
    world: (text, name) =>
      pages.view === 'edit' && pages.editor
        ? pages.editor.loadText(text, name)
        : host.loadWorldText(text, name),
    results: (text, name) => pages.openBench(text, name),
  });
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => host.layout(), 150);
  });
}
