/**
 * Families of worlds: a generator that declares a family plays world k in episode k of a run; the
 * family's regularities (shared unknowns, theories) keep their truth from world to world; agents that
 * can carry knowledge across worlds keep one instance, the others start afresh in each world.
 */
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { generators } from '../../environments/index.ts';
import type { AgentContext, AgentDefinition } from '../../src/core/agent.ts';
import { instantiate } from '../../src/cli/env-files.ts';
import { familyWorlds } from '../../src/cli/env-files.ts';
import { runAgent } from '../../src/core/run.ts';
import { trapworld, trapworldJson } from '../cli/run-cli.ts';

const source = { kind: 'generator' as const, generator: generators.get('regularity')!, file: 'regularity' };
const params = { size: '12', density: '0.1', regularity: '0.5' };

/** A random agent that records what each reset told it and how often it was created. */
function spy(acrossWorlds: boolean) {
  const contexts: AgentContext[] = [];
  let created = 0;
  const random = agents.get('random')!;
  const definition: AgentDefinition = {
    ...random,
    name: 'spy',
    acrossWorlds,
    create(env, options) {
      created++;
      const inner = random.create(env, options);
      return { ...inner, reset: (c) => (contexts.push(c), inner.reset(c)) };
    },
  };
  return { definition, contexts, created: () => created };
}

describe('a family of worlds', () => {
  const worlds = familyWorlds(source, params, 4)!;

  it('is a new map each episode, and no family when its parameter is fixed or there is one episode', () => {
    expect(worlds).toHaveLength(4);
    expect(new Set(worlds.map((w) => JSON.stringify(w.cells))).size).toBe(4);
    expect(familyWorlds(source, { ...params, layout: '3' }, 4)).toBeNull();
    expect(familyWorlds(source, params, 1)).toBeNull();
    expect(familyWorlds({ kind: 'spec', spec: instantiate(source, params) }, {}, 4)).toBeNull();
  });

  it('keeps its shared truths from world to world and redraws the per-cell ones', () => {
    const run = runAgent(worlds[0], agents.get('random')!, {}, { seed: 5, episodes: 4, worlds });
    const shared = (t: Record<string, string>) =>
      Object.fromEntries(Object.entries(t).filter(([k]) => !k.includes('@')));
    const first = shared(run.episodes[0].truth);
    expect(Object.keys(first).length).toBeGreaterThan(0);
    for (const e of run.episodes.slice(1))
      for (const [k, v] of Object.entries(shared(e.truth))) if (k in first) expect(v).toBe(first[k]);
    const perCell = run.episodes.map((e) =>
      Object.keys(e.truth)
        .filter((k) => k.includes('@'))
        .join(),
    );
    expect(new Set(perCell).size).toBeGreaterThan(1);
  });

  it('a shared truth first drawn in a later world holds from then on', () => {
    // World 0 has one look (moss); later worlds have up to six, first drawn where they first appear.
    const one = instantiate(source, { ...params, looks: '1', regularity: '1' });
    const many = (k: number) =>
      instantiate(source, { ...params, looks: '6', regularity: '1', layout: String(k) });
    let drawnLater = 0;
    for (let seed = 0; seed < 8; seed++) {
      const run = runAgent(
        one,
        agents.get('random')!,
        {},
        { seed, episodes: 4, worlds: (k) => (k ? many(k) : one) },
      );
      const seen = new Map<string, { value: string; episode: number }>();
      for (const [episode, e] of run.episodes.entries())
        for (const [key, value] of Object.entries(e.truth).filter(([k]) => !k.includes('@'))) {
          const before = seen.get(key);
          if (!before) seen.set(key, { value, episode });
          else {
            expect(value, `seed ${seed} episode ${episode} ${key}`).toBe(before.value);
            if (before.episode > 0) drawnLater++;
          }
        }
    }
    expect(drawnLater).toBeGreaterThan(0);
  });

  it('an agent that carries knowledge across worlds keeps one instance and is told each world and what persists', () => {
    const s = spy(true);
    runAgent(worlds[0], s.definition, {}, { seed: 0, episodes: 4, worlds });
    expect(s.created()).toBe(1);
    expect(s.contexts.map((c) => c.env)).toEqual(worlds);
    for (const [k, c] of s.contexts.entries())
      expect(c.persistent).toEqual(worlds[k].unknowns.filter((u) => u.scope === 'all').map((u) => u.id));
  });

  it('any other agent is created afresh in each world; outside a family nothing is said to persist', () => {
    const s = spy(false);
    runAgent(worlds[0], s.definition, {}, { seed: 0, episodes: 4, worlds });
    expect(s.created()).toBe(4);
    const plain = spy(false);
    runAgent(worlds[0], plain.definition, {}, { seed: 0, episodes: 2 });
    expect(plain.created()).toBe(1);
    expect(plain.contexts.every((c) => c.persistent === undefined)).toBe(true);
  });

  it('trapworld run plays the family: the shared truths agree across episodes', () => {
    const out = trapworldJson<{ episodes: { truth: Record<string, string> }[] }>([
      'run',
      'regularity',
      '--param',
      'size=12',
      '--agent',
      'random',
      '--episodes',
      '3',
    ]);
    const moss = out.episodes.map((e) => e.truth.moss).filter((v) => v !== undefined);
    expect(new Set(moss).size).toBeLessThanOrEqual(1);
  });

  it('trapworld run refuses --truth for a family, and names the parameter that fixes one world', () => {
    const refused = trapworld([
      'run',
      'regularity',
      '--episodes',
      '2',
      '--truth',
      'moss=moss-bog',
      '--agent',
      'random',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--param layout=N/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    // With its layout fixed it is one world, played every episode with the truth given.
    const one = trapworldJson<{ episodes: { truth: Record<string, string> }[] }>([
      'run',
      'regularity',
      '--episodes',
      '2',
      '--param',
      'layout=1',
      '--truth',
      'moss=moss-bog',
      '--agent',
      'random',
    ]);
    expect(one.episodes.map((e) => e.truth.moss)).toEqual(['moss-bog', 'moss-bog']);
  });
});

describe('hierarchical', () => {
  function returnByEpisode(agent: string, regularity: string) {
    const ws = familyWorlds(source, { size: '16', density: '0.1', regularity }, 6)!;
    const sums = new Array(6).fill(0);
    for (let seed = 0; seed < 8; seed++) {
      const run = runAgent(ws[0], agents.get(agent)!, {}, { seed, episodes: 6, worlds: ws });
      run.episodes.forEach((e, k) => (sums[k] += e.discountedReturn));
    }
    return sums.map((s) => s / 8);
  }

  it('where regularities persist it stops testing them: from the second world on it beats the prober', () => {
    const prober = returnByEpisode('prober', '1');
    const learner = returnByEpisode('hierarchical', '1');
    expect(learner[0]).toBeCloseTo(prober[0], 6); // the first world: both know only the prior
    const later = (xs: number[]) => xs.slice(1).reduce((a, b) => a + b, 0) / 5;
    expect(later(learner)).toBeGreaterThan(later(prober));
  });
});
