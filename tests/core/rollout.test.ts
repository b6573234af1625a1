import { describe, expect, it } from 'vitest';
import { Episode } from '../../src/core/episode.ts';
import { ACTIONS } from '../../src/core/format.ts';
import { createStream } from '../../src/core/rng.ts';
import { rolloutRandom } from '../../src/core/rollout.ts';
import { createState } from '../../src/core/step.ts';
import { compileWorld } from '../../src/core/world.ts';
import { env } from '../helpers.ts';

describe('the allocation-free rollout path', () => {
  // Slips, a poke risk, lava with a cue, a pit and a goal: every random draw of the engine is exercised.
  const spec = env({
    map: ['A..~.', '.s.O.', '....G'],
    legend: { s: 'nest' },
    tiles: { nest: { walkable: false, poke: { signal: 'buzz', risk: 0.3 } } },
    slip: 0.2,
    maxSteps: 40,
  });

  it('follows exactly the dynamics of the episode API (same streams, same actions): seed 12', () => {
    const world = compileWorld(spec, {});
    const steps = 5000;
    const fast = rolloutRandom(
      world,
      createState(world),
      createStream(12, 'engine'),
      createStream(12, 'agent'),
      steps,
    );

    // The same policy draws and engine stream, through the Gymnasium-shaped API.
    const policy = createStream(12, 'agent');
    const engine = createStream(12, 'engine');
    const episode = new Episode(spec);
    // Reuse one engine stream across resets, as the rollout does.
    (episode as unknown as { engine: () => number }).engine = engine;
    let totals = { episodes: 0, deaths: 0, goals: 0, returnSum: 0 };
    episode.reset(0);
    (episode as unknown as { engine: () => number }).engine = engine;
    for (let i = 0; i < steps; i++) {
      const action = ACTIONS[world.actions[(policy() * world.actions.length) | 0]];
      const r = episode.step(action);
      totals.returnSum += r.reward;
      if (r.terminated || r.truncated) {
        totals = {
          ...totals,
          episodes: totals.episodes + 1,
          deaths: totals.deaths + (r.terminated && !r.observation.alive ? 1 : 0),
          goals: totals.goals + (r.terminated && r.observation.alive ? 1 : 0),
        };
        episode.reset(0);
        (episode as unknown as { engine: () => number }).engine = engine;
      }
    }
    expect(fast.episodes).toBe(totals.episodes);
    expect(fast.deaths).toBe(totals.deaths);
    expect(fast.goals).toBe(totals.goals);
    expect(fast.returnSum).toBeCloseTo(totals.returnSum, 9);
    expect(fast.deaths + fast.goals).toBeGreaterThan(10);
  });
});
