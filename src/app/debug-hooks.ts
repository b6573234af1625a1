/** Test and debugging hooks: read-only views of what the app computed (the e2e tests use them). */
import type { App } from './app.ts';

declare global {
  interface Window {
    __trapworld?: unknown;
  }
}

export function installDebugHooks(app: App): void {
  window.__trapworld = {
    get ready() {
      return app.ready;
    },
    state: () => app.state,
    runs: () =>
      app.runs.map((r, i) => ({
        agent: app.state.config.panes[i]?.agent,
        done: r.store?.done ?? false,
        error: r.error ?? r.store?.error ?? null,
        episodes: (r.store?.episodes ?? []).map((m) => m.end),
        stats: r.store ? { ...r.store.stats } : null,
        frames: r.store?.frames.length ?? 0,
        bytes: r.store?.bytes() ?? 0,
      })),
    frameStats: (reset = false) => {
      const s = app.frameStats.summary();
      if (reset) app.frameStats.reset();
      return s;
    },
    renderers: () => app.panes.map((p) => p.view?.renderer ?? null),
    world: () =>
      app.world ? { name: app.world.name, width: app.world.width, height: app.world.height } : null,
    loadWorldText: (text: string, source: string) => app.loadWorldText(text, source),
    importRecordText: (text: string, name: string) => app.importRecordText(text, name),
    exportRecord: () => app.exportRecord(),
    seek: (episode: number, step: number) => app.player.seek({ episode, step }),
    /** The pixi views (for measuring and debugging). */
    views: () => app.panes.map((p) => p.view),
  };
}
