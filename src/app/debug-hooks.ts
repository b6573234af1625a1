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
        decisions: r.store?.decisions.length ?? 0,
      })),
    /** Which overlay layers pane i draws now, and its agent's intent (plan and experiment cells). */
    layers: (i: number) => app.panes[i]?.view?.visibleLayers() ?? null,
    intent: (i: number) => {
      const it = app.panes[i]?.lastIntent;
      return it
        ? {
            plan: it.plan ? [...it.plan.cells] : null,
            experiment: it.experiment ? [...it.experiment.cells] : null,
          }
        : null;
    },
    /** The agent's cell in pane i at the cursor. */
    position: (i: number) => {
      const store = app.panes[i]?.store;
      const c = app.state.cursor;
      const f = store ? store.frameAt(c.episode, c.step) : -1;
      return store && f >= 0 ? store.frames.pos[f] : -1;
    },
    view: () => app.view,
    /** The decision pane i's agent takes its next action by, at the cursor (the "Why" panel's). */
    decision: (i: number) => {
      const store = app.panes[i]?.store;
      const c = app.state.cursor;
      const f = store ? store.frameAt(c.episode, c.step) : -1;
      const m = store?.episodes[c.episode];
      return store && m && f >= 0
        ? (store.decisionAt(Math.min(f + 1, m.start + m.count - 1), m.start)?.decision ?? null)
        : null;
    },
    /** The values overlay's numbers for pane i's episode at the cursor (NaN written as null). */
    analysis: (i: number) => {
      const pane = app.panes[i];
      const store = pane?.store;
      const e = app.state.cursor.episode;
      const a = store ? app.analysisOf(store, e) : null;
      return a?.view
        ? {
            values: [...a.view.values].map((v) => (Number.isFinite(v) ? v : null)),
            policy: [...a.view.policy],
          }
        : null;
    },
    viewport: () => app.panes[0]?.view?.viewportNow() ?? null,
    inspected: (i: number) => app.panes[i]?.inspectedCell ?? -1,
    editor: () =>
      app.editor ? { text: app.editor.text(), fileName: app.editor.fileName, ...app.editor.checked } : null,
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
