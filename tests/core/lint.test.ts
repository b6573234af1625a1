import { describe, expect, it } from 'vitest';
import { environments } from '../../environments/index.ts';
import { lintEnvironment } from '../../src/core/lint.ts';
import { env } from '../helpers.ts';

const fakeFloor = { 'fake-floor': { look: 'floor', enter: { effect: 'death' as const } } };

describe('notes on worlds that probably do not do what their author meant', () => {
  it('a trap drawn directly with the look of floor is noted: agents are told what it is', () => {
    const notes = lintEnvironment(
      env({ map: ['AxG', '...'], legend: { x: 'fake-floor' }, tiles: fakeFloor }),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /^glyph "x" draws "fake-floor" directly; it looks like "start", "floor" \("floor"\)/,
    );
    expect(notes[0]).toMatch(/make it a variant of an unknown$/);
  });
  it('names the disguised tile even when it is drawn on more cells than the plain one', () => {
    const notes = lintEnvironment(
      env({ map: ['AxxxG', '.xxx.'], legend: { x: 'fake-floor' }, tiles: fakeFloor }),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^glyph "x" draws "fake-floor" directly/);
  });
  it('the same trap as a variant of an unknown is what the format means, and gets no note', () => {
    const spec = env({
      map: ['AxG', '...'],
      legend: { x: { unknown: 'board' } },
      tiles: { ...fakeFloor, 'sound-floor': { look: 'floor' } },
      unknowns: { board: { prior: { 'fake-floor': 0.2, 'sound-floor': 0.8 } } },
    });
    expect(lintEnvironment(spec)).toEqual([]);
  });
  it('tiles that share a look and behave alike (start and floor) get no note', () => {
    expect(lintEnvironment(env({ map: ['A.~G'] }))).toEqual([]);
  });
  it('no built-in world gets a note', () => {
    for (const e of environments.all()) expect(lintEnvironment(e), e.name).toEqual([]);
  });
});
