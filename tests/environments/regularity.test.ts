/**
 * The regularity generator: what `regularity` means for the unknowns, a safe way that always exists,
 * and a layout that depends on its parameters only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { generators } from '../../environments/index.ts';
import { paramValues } from '../../src/core/generator.ts';
import { runAgent } from '../../src/core/run.ts';
import type { EnvSpec } from '../../src/core/spec.ts';
import { validateEnvironment } from '../../src/core/validate.ts';
import { EffectCode } from '../../src/core/world.ts';
import { Belief } from '../../src/bayes/belief.ts';
import { moveTarget } from '../../src/plan/model.ts';

const generator = generators.get('regularity')!;

function make(params: Record<string, string>): EnvSpec {
  return validateEnvironment(generator.generate(paramValues(generator, params) as never), 'regularity');
}

/** Whether the goal can be reached from the start over plain cells only (every unknown avoided). */
function safeWayExists(spec: EnvSpec): boolean {
  const world = new Belief(spec).scratch; // unknown cells hold some variant: they are avoided below
  const unknown = new Set(spec.unknowns.flatMap((u) => u.cells));
  const seen = new Set([spec.start!]);
  const queue = [spec.start!];
  for (let i = 0; i < queue.length; i++)
    for (let d = 0; d < 4; d++) {
      const t = moveTarget(world, queue[i], d);
      if (t < 0 || seen.has(t) || unknown.has(t)) continue;
      if (world.enterEffect[t] === EffectCode.goal) return true;
      if (world.enterEffect[t] !== EffectCode.pass) continue;
      seen.add(t);
      queue.push(t);
    }
  return false;
}

describe('regularity generator', () => {
  it('regularity 1: every unknown is one shared draw per look; 0: every cell its own draw', () => {
    const shared = make({ size: '24', regularity: '1', density: '0.2' });
    expect(shared.unknowns.length).toBeGreaterThan(0);
    expect(shared.unknowns.every((u) => u.scope === 'all')).toBe(true);
    const single = make({ size: '24', regularity: '0', density: '0.2' });
    expect(single.unknowns.every((u) => u.scope === 'each')).toBe(true);
    const half = make({ size: '32', regularity: '0.5', density: '0.2' });
    expect(new Set(half.unknowns.map((u) => u.scope))).toEqual(new Set(['all', 'each']));
  });

  it('a bog kills, firm ground holds, a poke tells them apart, and cue 0 means no smell', () => {
    const spec = make({ size: '16', looks: '1' });
    const bog = spec.tiles.get('moss-bog')!;
    const firm = spec.tiles.get('moss-firm')!;
    expect([bog.enter.effect, firm.enter.effect]).toEqual(['death', 'pass']);
    expect([bog.poke.signal, firm.poke.signal]).toEqual(['squelch', 'thud']);
    expect(bog.near).toBeNull();
    expect(make({ size: '16', looks: '1', cue: '0.3' }).tiles.get('moss-bog')!.near).toEqual({
      signal: 'rot',
      p: 0.3,
    });
  });

  it('always leaves a plain way from the start to the goal (property, named seed 20261206)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        (size, density, regularity, layout) =>
          safeWayExists(
            make({
              size: String(size),
              density: String(density),
              regularity: String(regularity),
              layout: String(layout),
            }),
          ),
      ),
      { seed: 20261206, numRuns: 60 },
    );
  });

  it('the map depends on the parameters only: the same twice, another for another layout', () => {
    const mapOf = (layout: string) =>
      generator.generate(paramValues(generator, { size: '20', layout }) as never).map;
    expect(mapOf('7')).toEqual(mapOf('7'));
    expect(mapOf('8')).not.toEqual(mapOf('7'));
    expect(make({ size: '20' }).maxSteps).toBe(600);
  });

  it('the pessimist takes the long safe way and reaches the goal; the prober does better without dying', () => {
    const spec = make({ size: '24', regularity: '1', density: '0.1' });
    let pessimist = 0;
    let prober = 0;
    for (let seed = 0; seed < 10; seed++) {
      const p = runAgent(spec, agents.get('pessimist')!, {}, { seed }).episodes[0];
      const q = runAgent(spec, agents.get('prober')!, {}, { seed }).episodes[0];
      expect(p.outcome).toBe('goal');
      expect(q.outcome).toBe('goal');
      pessimist += p.return;
      prober += q.return;
    }
    expect(prober).toBeGreaterThan(pessimist);
  });
});
