/**
 * The app's pages: watching agents (and "Play yourself"), the world editor, the gallery of built-in
 * worlds and bench results. Switching shows one page and presses its button in the top bar; the editor,
 * gallery and bench pages are loaded the first time they are opened, so the watch page starts light.
 */
import type { Catalog } from '../worker/session/catalog.ts';
import type { BenchPage } from './bench-page.ts';
import type { Simulator } from './client.ts';
import { byId, setAttr } from './dom.ts';
import type { EditorPage } from './editor/editor-page.ts';
import type { GalleryPage } from './gallery.ts';
import { clearErrors, clearStaleNotices, notice, showErrors } from './messages.ts';
import type { PlayMode } from './play-mode.ts';
import type { Action, Store } from './state.ts';
import { VIEWS, type View } from './url.ts';
import { worldKey, worldRef, type WorldLibrary } from './worlds.ts';

/** What the app lends the pages. */
export interface PagesHost {
  readonly store: Store;
  readonly catalog: Catalog;
  readonly worlds: WorldLibrary;
  /** The worker for values, validation and bench results. */
  readonly tools: Simulator;
  readonly play: PlayMode;
  dispatch(a: Action): void;
  /** Brings the sidebar, summary and top bar up to date. */
  updateControls(): void;
  writeUrl(): void;
  /** The watch page is shown again: its maps are sized to the window and drawn. */
  watchShown(): void;
}

export class Pages {
  view: View = 'watch';
  editor: EditorPage | null = null;
  private gallery: GalleryPage | null = null;
  private bench: BenchPage | null = null;
  /** The world waiting for the editor (from the link, or "Edit" in the gallery). */
  pendingDraft: { text: string; source: string } | null = null;
  private readonly viewButtons = ['view-watch', 'edit-world', 'view-gallery', 'view-bench'].map((id) =>
    byId(id),
  );
  private readonly playButton = byId('play-yourself');

  constructor(private readonly host: PagesHost) {}

  /** The top bar's page buttons open their page (from when the app is up). */
  listen(): void {
    for (const b of this.viewButtons)
      b.addEventListener('click', () => void this.show(b.dataset.view as View));
  }

  async show(view: View, focus = true): Promise<void> {
    const changed = view !== this.view;
    this.view = view;
    document.body.dataset.view = view;
    for (const v of VIEWS) byId(`${v}-view`).hidden = v !== view;
    this.markButtons();
    if (changed) {
      clearStaleNotices();
      clearErrors();
      if (this.host.store.state.playing) this.host.dispatch({ type: 'pause' });
    }
    if (view === 'edit') await this.openEditor();
    if (view === 'gallery') await this.openGallery();
    if (view === 'bench') await this.ensureBench();
    if (view === 'watch') this.host.watchShown();
    this.host.updateControls();
    this.host.writeUrl();
    if (focus && changed) {
      const heading = byId(`${view}-view`).querySelector<HTMLElement>('h2, [data-focus]');
      (heading ?? byId('main')).focus({ preventScroll: false });
    }
  }

  /** Presses the button of the page shown: "Play yourself" rather than "Watch agents" in play mode. */
  markButtons(): void {
    const playing = this.view === 'watch' && this.host.play.active();
    for (const b of this.viewButtons)
      setAttr(b, 'aria-pressed', String(b.dataset.view === this.view && !playing));
    setAttr(this.playButton, 'aria-pressed', String(playing));
    this.playButton.title = playing
      ? 'Stop playing: back to watching agents'
      : 'Play this world yourself, beside an agent';
  }

  private async openEditor(): Promise<void> {
    const host = this.host;
    if (!this.editor) {
      const { EditorPage } = await import('./editor/editor-page.ts');
      this.editor = new EditorPage(byId('edit-view'), {
        tools: () => host.tools,
        catalog: host.catalog,
        changed: () => {
          host.updateControls();
          host.writeUrl();
        },
        runHere: (text, source) => this.runHere(text, source),
        playHere: (text, source) => this.runHere(text, source, true),
      });
    }
    const draft = this.pendingDraft;
    this.pendingDraft = null;
    const world = host.store.state.config.world;
    if (draft) await this.editor.loadText(draft.text, draft.source);
    else if (!this.editor.hasDocument || this.editor.worldKey !== worldKey(world)) {
      const file = await host.tools.worldFile(worldRef(world));
      if (file.ok) await this.editor.loadText(file.text, file.source, worldKey(world));
      else showErrors('This world cannot be opened in the editor', [file.error]);
    }
    this.editor.focus();
  }

  /** Opens a built-in world of the gallery in the editor. */
  async editWorld(name: string): Promise<void> {
    const file = await this.host.tools.worldFile({ builtin: name });
    if (!file.ok) return;
    this.pendingDraft = { text: file.text, source: file.source };
    await this.show('edit');
  }

  private async openGallery(): Promise<void> {
    const host = this.host;
    if (!this.gallery) {
      const { GalleryPage } = await import('./gallery.ts');
      this.gallery = new GalleryPage(byId('gallery-view'), {
        catalog: host.catalog,
        describe: (name) => host.worlds.describe({ kind: 'builtin', name }),
        watch: (name) => {
          host.dispatch({ type: 'setWorld', world: { kind: 'builtin', name } });
          void this.show('watch');
        },
        play: (name) => {
          host.dispatch({ type: 'setWorld', world: { kind: 'builtin', name } });
          void this.show('watch').then(() => host.play.start());
        },
        edit: (name) => void this.editWorld(name),
      });
    }
    await this.gallery.render();
  }

  private async ensureBench(): Promise<BenchPage> {
    if (!this.bench) {
      const { BenchPage } = await import('./bench-page.ts');
      this.bench = new BenchPage(byId('bench-view'), (text) => this.host.tools.benchReport(text));
    }
    return this.bench;
  }

  /** A bench's results.jsonl (dropped or picked): shown on the bench page. */
  async openBench(text: string, name: string): Promise<void> {
    const page = await this.ensureBench();
    if (this.view !== 'bench') await this.show('bench');
    await page.load(text, name);
  }

  /** "Run agents here" from the editor: the world joins the file worlds and the agents run on it. */
  private async runHere(text: string, source: string, play = false): Promise<boolean> {
    const loaded = await this.host.worlds.loadText(text, source);
    if (!loaded) return false;
    this.host.dispatch({ type: 'setWorld', world: loaded.choice });
    await this.show('watch');
    if (play) this.host.play.start();
    notice(
      `Running the agents on ${loaded.world.title} (${loaded.world.width}×${loaded.world.height}) from the editor.`,
    );
    return true;
  }
}
