import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/core/rng.ts';
import { createState, resetState, stepState } from '../../src/core/step.ts';
import { compileWorld } from '../../src/core/world.ts';
import { buildModel, STUCK, TERMINAL } from '../../src/plan/model.ts';
import { env } from '../helpers.ts';

/** A world with every mechanism: slips, a poke risk, lava, a pit, a one-way floor, a teleport and a leave. */
const everything = env({
  map: ['A.~.G', '.O>.t', 'j...T', '..s..'],
  legend: { t: 'portal', T: 'floor', j: 'jump', s: 'snake' },
  tiles: {
    portal: { enter: { effect: 'teleport', to: 'T', reward: 1 } },
    jump: { leave: { to: 'T', reward: 3 } },
    snake: { enter: { effect: 'death' }, poke: { signal: 'hiss', risk: 0.2 } },
  },
  slip: 0.2,
  rewards: { bump: -0.5 },
});

/** Outcome key as the model names it: the next cell, or TERMINAL / STUCK. */
function outcomeKey(next: number, reward: number): string {
  return `${next}|${reward.toFixed(6)}`;
}

describe('the exact model agrees with the step function', () => {
  const world = compileWorld(everything, {});
  const model = buildModel(world);
  const A = model.actions.length;

  it('outcome probabilities sum to 1 for every standing cell and action', () => {
    for (let c = 0; c < world.cellCount; c++) {
      if (!model.standing[c]) continue;
      for (let k = 0; k < A; k++) {
        let total = 0;
        for (let j = model.offset[c * A + k]; j < model.offset[c * A + k + 1]; j++) total += model.prob[j];
        expect(total).toBeCloseTo(1, 12);
      }
    }
  });

  it('sampled transitions match the model distribution (seed 7)', () => {
    const engine = createStream(7, 'engine');
    const s = createState(world);
    const N = 4000;
    for (let c = 0; c < world.cellCount; c++) {
      if (!model.standing[c]) continue;
      for (let k = 0; k < A; k++) {
        const expected = new Map<string, number>();
        for (let j = model.offset[c * A + k]; j < model.offset[c * A + k + 1]; j++) {
          const key = outcomeKey(model.next[j], model.reward[j]);
          expected.set(key, (expected.get(key) ?? 0) + model.prob[j]);
        }
        const seen = new Map<string, number>();
        for (let i = 0; i < N; i++) {
          resetState(world, s, c);
          const r = stepState(world, s, model.actions[k], engine);
          const next = s.terminated ? TERMINAL : s.stuck ? STUCK : s.pos;
          const key = outcomeKey(next, r);
          seen.set(key, (seen.get(key) ?? 0) + 1);
        }
        for (const key of seen.keys())
          expect(expected.has(key), `cell ${c} action ${k}: unexpected ${key}`).toBe(true);
        for (const [key, p] of expected) expect(Math.abs((seen.get(key) ?? 0) / N - p)).toBeLessThan(0.035);
      }
    }
  });
});
