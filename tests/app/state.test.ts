import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, initialState, MAX_PANES, Store, type AppState } from '../../src/app/state.ts';

function store(): Store {
  return new Store(initialState(structuredClone(DEFAULT_CONFIG)));
}

describe('UI state (immer)', () => {
  it('changes to the run configuration restart playback at the first frame, paused', () => {
    const s = store();
    s.dispatch({ type: 'seek', cursor: { episode: 0, step: 7 }, playing: true });
    expect(s.state.cursor).toEqual({ episode: 0, step: 7 });
    expect(s.state.playing).toBe(true);
    s.dispatch({ type: 'setSeed', seed: 42 });
    expect(s.state.config.seed).toBe(42);
    expect(s.state.cursor).toEqual({ episode: 0, step: 0 });
    expect(s.state.playing).toBe(false);
  });

  it('is immutable: every change makes a new state and leaves the old one intact', () => {
    const s = store();
    const before: AppState = s.state;
    s.dispatch({ type: 'setOption', pane: 1, key: 'budget', value: 0.05 });
    expect(before.config.panes[1].options.budget).toBe(0.001);
    expect(s.state.config.panes[1].options.budget).toBe(0.05);
    expect(s.state.config.panes[0]).toBe(before.config.panes[0]); // structural sharing
    expect(Object.isFrozen(s.state.config)).toBe(true);
  });

  it('undoes and redoes settings changes with patches, but not playback moves', () => {
    const s = store();
    s.dispatch({ type: 'setWorld', world: { kind: 'builtin', name: 'thin-ice' } });
    s.dispatch({ type: 'setAgent', pane: 0, agent: 'random', options: {} });
    s.dispatch({ type: 'toggleOverlay', overlay: 'truth' });
    s.dispatch({ type: 'seek', cursor: { episode: 0, step: 3 } });
    s.dispatch({ type: 'play' });
    expect(s.state.overlays.truth).toBe(true);
    expect(s.undo()).toBe(true);
    expect(s.state.overlays.truth).toBe(false);
    expect(s.state.playing).toBe(true); // playback is not part of the history
    expect(s.undo()).toBe(true);
    expect(s.state.config.panes[0].agent).toBe('thompson');
    expect(s.undo()).toBe(true);
    expect(s.state.config.world).toEqual({ kind: 'builtin', name: 'rotten-plank' });
    expect(s.state.config.truth).toEqual({ 'plank@6,8': 'rotten-plank' });
    expect(s.undo()).toBe(false);
    expect(s.redo()).toBe(true);
    expect(s.state.config.world).toEqual({ kind: 'builtin', name: 'thin-ice' });
    expect(s.state.config.truth).toEqual({});
    s.dispatch({ type: 'setSeed', seed: 9 });
    expect(s.canRedo).toBe(false); // a new change drops the redo branch
  });

  it('sets and clears truth entries', () => {
    const s = store();
    s.dispatch({ type: 'setTruth', entries: { 'plank@4,8': 'sound-plank', 'plank@6,8': null } });
    expect(s.state.config.truth).toEqual({ 'plank@4,8': 'sound-plank' });
    s.dispatch({ type: 'clearTruth' });
    expect(s.state.config.truth).toEqual({});
  });

  it('keeps between one and MAX_PANES panes and rejects bad numbers', () => {
    const s = store();
    for (let i = 0; i < 6; i++) s.dispatch({ type: 'addPane', agent: 'random', options: {} });
    expect(s.state.config.panes).toHaveLength(MAX_PANES);
    for (let i = 0; i < 6; i++) s.dispatch({ type: 'removePane', pane: 0 });
    expect(s.state.config.panes).toHaveLength(1);
    const before = s.state;
    s.dispatch({ type: 'setSeed', seed: 1.5 });
    s.dispatch({ type: 'setEpisodes', episodes: 0 });
    expect(s.state).toBe(before);
    s.dispatch({ type: 'setEpisodes', episodes: 1e9 });
    expect(s.state.config.episodes).toBe(10_000);
  });

  it('notifies listeners with the new and previous state', () => {
    const s = store();
    const seen: [number, number][] = [];
    s.subscribe((next, prev) => seen.push([next.config.seed, prev.config.seed]));
    s.dispatch({ type: 'setSeed', seed: 5 });
    s.undo();
    expect(seen).toEqual([
      [5, 1],
      [1, 5],
    ]);
  });
});
