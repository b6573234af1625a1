/**
 * Sutton & Barto's published tables, reproduced by `trapworld solve` on worlds written in the format.
 * Expected values are typed in from the book (2nd edition), to one decimal.
 */
import { describe, expect, it } from 'vitest';
import { trapworldJson } from '../cli/run-cli.ts';

function roundGrid(values: (number | null)[][]): (number | null)[][] {
  // + 0 turns -0 into 0; the book prints 0.0.
  return values.map((row) => row.map((v) => (v === null ? null : Math.round(v * 10) / 10 + 0)));
}

describe('trapworld solve reproduces Sutton & Barto', () => {
  it('Example 4.1 / Figure 4.1: random policy on the 4×4 grid, undiscounted', () => {
    const { values } = trapworldJson<{ values: (number | null)[][] }>([
      'solve',
      'sutton-barto-4-1',
      '--policy',
      'random',
    ]);
    expect(roundGrid(values)).toEqual([
      [0, -14, -20, -22],
      [-14, -18, -20, -20],
      [-20, -20, -18, -14],
      [-22, -20, -14, 0],
    ]);
  });

  it('Figure 3.2: random policy with the A→A′ and B→B′ jumps, γ 0.9', () => {
    const { values } = trapworldJson<{ values: (number | null)[][] }>([
      'solve',
      'sutton-barto-3-2',
      '--policy',
      'random',
    ]);
    expect(roundGrid(values)).toEqual([
      [3.3, 8.8, 4.4, 5.3, 1.5],
      [1.5, 3.0, 2.3, 1.9, 0.5],
      [0.1, 0.7, 0.7, 0.4, -0.4],
      [-1.0, -0.4, -0.4, -0.6, -1.2],
      [-1.9, -1.3, -1.2, -1.4, -2.0],
    ]);
  });

  it('Figure 3.5: optimal values of the same grid', () => {
    const { values } = trapworldJson<{ values: (number | null)[][] }>(['solve', 'sutton-barto-3-2']);
    expect(roundGrid(values)).toEqual([
      [22.0, 24.4, 22.0, 19.4, 17.5],
      [19.8, 22.0, 19.8, 17.8, 16.0],
      [17.8, 19.8, 17.8, 16.0, 14.4],
      [16.0, 17.8, 16.0, 14.4, 13.0],
      [14.4, 16.0, 14.4, 13.0, 11.7],
    ]);
  });
});
