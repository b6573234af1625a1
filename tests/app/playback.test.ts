import { describe, expect, it } from 'vitest';
import { episodeLength, reachable, stepCursor, tick, type PaneProgress } from '../../src/app/playback.ts';

/** A pane whose episodes have the given final lengths (frames = steps + 1) and `computed` frames so far. */
function pane(lengths: number[], computed = Infinity): PaneProgress {
  const starts: number[] = [];
  let total = 0;
  for (const l of lengths) {
    starts.push(total);
    total += l + 1;
  }
  const have = Math.min(total, computed);
  return {
    availability(e: number) {
      if (e >= lengths.length || starts[e] >= have) return { count: 0, complete: false };
      const count = Math.min(lengths[e] + 1, have - starts[e]);
      return { count, complete: count === lengths[e] + 1 };
    },
    lastEpisode() {
      let last = -1;
      starts.forEach((s, e) => {
        if (s < have) last = e;
      });
      return last;
    },
    done: have === total,
  };
}

describe('synchronised playback', () => {
  it('shows a finished pane at its last frame while the other plays on', () => {
    const panes = [pane([5]), pane([31])];
    expect(reachable(panes, 0)).toEqual({ step: 31, complete: true });
    expect(episodeLength(panes, 0)).toBe(31);
    const t = tick(panes, { episode: 0, step: 0 }, 0, 5, 1000, 1);
    expect(t.cursor).toEqual({ episode: 0, step: 5 });
    expect(t.playing).toBe(true);
    const end = tick(panes, { episode: 0, step: 30 }, 0, 5, 1000, 1);
    expect(end.cursor).toEqual({ episode: 0, step: 31 });
    expect(end.playing).toBe(false);
  });

  it('waits for the slowest worker', () => {
    const panes = [pane([100], 101), pane([100], 20)];
    const t = tick(panes, { episode: 0, step: 15 }, 0.5, 50, 1000, 1);
    expect(t.cursor.step).toBe(19);
    expect(t.playing).toBe(true);
    expect(reachable(panes, 0).complete).toBe(false);
  });

  it('carries fractions of a step between frames (slow speeds)', () => {
    const panes = [pane([10])];
    let t = tick(panes, { episode: 0, step: 0 }, 0, 1, 400, 1);
    expect(t.cursor.step).toBe(0);
    expect(t.carry).toBeCloseTo(0.4);
    t = tick(panes, t.cursor, t.carry, 1, 700, 1);
    expect(t.cursor.step).toBe(1);
    expect(t.carry).toBeCloseTo(0.1);
  });

  it('moves on to the next episode and stops after the last', () => {
    const panes = [pane([3, 4]), pane([2, 6])];
    let t = tick(panes, { episode: 0, step: 3 }, 0, 10, 150, 2);
    expect(t.cursor).toEqual({ episode: 1, step: 0 });
    t = tick(panes, t.cursor, t.carry, 10, 10_000, 2);
    expect(t.cursor).toEqual({ episode: 1, step: 6 });
    expect(t.playing).toBe(false);
  });

  it('follows the workers’ frontier as fast as possible', () => {
    const panes = [pane([3, 4, 5, 9], 12), pane([2, 6, 1, 1], 13)];
    // Pane 0 has episodes 0-2 started (frames 0-11), pane 1 episodes 0-2 (frames 0-12).
    const t = tick(panes, { episode: 0, step: 0 }, 0, Infinity, 16, 4);
    expect(t.cursor.episode).toBe(2);
    expect(t.playing).toBe(true);
    const all = [pane([3, 4]), pane([2, 6])];
    const end = tick(all, { episode: 0, step: 0 }, 0, Infinity, 16, 2);
    expect(end.cursor).toEqual({ episode: 1, step: 6 });
    expect(end.playing).toBe(false);
  });

  it('steps one frame at a time across episode boundaries', () => {
    const panes = [pane([2, 3])];
    let c = { episode: 0, step: 0 };
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      c = stepCursor(panes, c, 1, 2);
      seen.push(`${c.episode}:${c.step}`);
    }
    expect(seen).toEqual(['0:1', '0:2', '1:0', '1:1', '1:2', '1:3', '1:3', '1:3']);
    for (let i = 0; i < 4; i++) c = stepCursor(panes, c, -1, 2);
    expect(c).toEqual({ episode: 0, step: 2 });
  });
});
