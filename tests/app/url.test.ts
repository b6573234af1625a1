import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERLAYS, type RunConfig } from '../../src/app/state.ts';
import { compressTruth, decodeUrl, encodeUrl, expandTruth, speedIndex } from '../../src/app/url.ts';
import { decodeWorldText, encodeWorldText } from '../../src/app/url-world.ts';
import { environments } from '../../environments/index.ts';
import { buildCatalog } from '../../src/worker/session/catalog.ts';
import { describeSpec } from '../../src/worker/session/world-info.ts';
import { agents } from '../../agents/index.ts';
import { defaultOptions } from '../../src/core/options.ts';

const proberDefaults = defaultOptions(agents.get('prober')!);

const catalog = buildCatalog();
const plank = describeSpec(environments.get('rotten-plank')!, null);
const ice = describeSpec(environments.get('thin-ice')!, null);

describe('URL state', () => {
  it('round-trips world, agents with options, seed, episodes, truth, overlays and speed', () => {
    const config: RunConfig = {
      world: { kind: 'builtin', name: 'rotten-plank' },
      panes: [
        { agent: 'thompson', options: {} },
        { agent: 'prober', options: { budget: 0.01, watchLengths: '1,2;4=x' } },
        { agent: 'q-learning', options: { epsilon: 0.2, alpha: 0.1, initial: 0 } },
      ],
      seed: 123456,
      episodes: 20,
      truth: { 'plank@6,8': 'rotten-plank', 'plank@4,8': 'sound-plank' },
    };
    const overlays = { ...DEFAULT_OVERLAYS, truth: true, heat: false };
    const search = encodeUrl(config, catalog, plank, { overlays, speed: Infinity, play: true });
    expect(search).toContain('world=rotten-plank');
    expect(search).toContain('agent=thompson&');
    expect(search).toContain('truth=plank@6,8=rotten-plank');
    const back = decodeUrl(search, catalog);
    expect(back.warnings).toEqual([]);
    expect(back.config.world).toEqual(config.world);
    expect(back.config.seed).toBe(123456);
    expect(back.config.episodes).toBe(20);
    expect(back.config.panes[0]).toEqual({ agent: 'thompson', options: {} });
    expect(back.config.panes[1].options).toEqual({
      ...proberDefaults,
      budget: 0.01,
      watchLengths: '1,2;4=x',
    });
    expect(back.config.panes[2].options.epsilon).toBe(0.2);
    expect(expandTruth(plank, back.truthEntries, [])).toEqual(config.truth);
    expect(back.overlays).toEqual(overlays);
    expect(back.speed).toBe(Infinity);
    expect(back.play).toBe(true);
  });

  it('writes `id=tile` when every cell of an unknown agrees, like --truth', () => {
    const all = Object.fromEntries(plank.keys.map((k) => [k.key, 'sound-plank']));
    expect(compressTruth(plank, all)).toEqual(['plank=sound-plank']);
    expect(expandTruth(plank, ['plank=sound-plank'], [])).toEqual(all);
    expect(compressTruth(ice, { ice: 'thin-ice' })).toEqual(['ice=thin-ice']);
  });

  it('reports what it cannot use instead of failing, and keeps defaults', () => {
    const r = decodeUrl(
      '?world=atlantis&agent=nobody&agent=prober:budget=2;colour=red&seed=x&episodes=0&overlays=heat,sparkles&speed=-1',
      catalog,
    );
    expect(r.config.world).toEqual({ kind: 'builtin', name: 'rotten-plank' });
    expect(r.config.panes).toEqual([{ agent: 'prober', options: proberDefaults }]);
    expect(r.config.seed).toBe(1);
    expect(r.config.episodes).toBe(1);
    expect(r.warnings.join('\n')).toMatch(/unknown world "atlantis"/);
    expect(r.warnings.join('\n')).toMatch(/unknown agent "nobody"/);
    expect(r.warnings.join('\n')).toMatch(/budget: at most 1/);
    expect(r.warnings.join('\n')).toMatch(/no option "colour"/);
    expect(r.warnings.join('\n')).toMatch(/bad seed/);
    expect(r.warnings.join('\n')).toMatch(/unknown overlay "sparkles"/);
    const w: string[] = [];
    expect(expandTruth(plank, ['plank@1,1=rotten-plank', 'snake=dead', 'plank=lava', 'nonsense'], w)).toEqual(
      {},
    );
    expect(w).toHaveLength(4);
  });

  it('starts from the headline picture when the link names no run', () => {
    const r = decodeUrl('', catalog);
    expect(r.config.panes.map((p) => p.agent)).toEqual(['thompson', 'prober']);
    expect(expandTruth(plank, r.truthEntries, [])).toEqual({ 'plank@6,8': 'rotten-plank' });
  });

  const fileConfig = (text: string): RunConfig => ({
    world: { kind: 'file', name: 'mine', source: 'mine.json', text },
    panes: [{ agent: 'random', options: {} }],
    seed: 3,
    episodes: 1,
    truth: { 'plank@6,8': 'sound-plank' },
  });

  it('carries a small world from a file, with its truth, in the link', () => {
    const text = readFileSync('environments/rotten-plank.json', 'utf8');
    const search = encodeUrl(fileConfig(text), catalog, plank);
    expect(search).toMatch(/^\?file=mine\.json&agent=random&seed=3&truth=plank@6,8=sound-plank&data=[\w-]+$/);
    const back = decodeUrl(search, catalog);
    expect(back.warnings).toEqual([]);
    expect(back.config.world).toEqual({ kind: 'file', name: 'mine.json', source: 'mine.json', text });
    expect(back.truthEntries).toEqual(['plank@6,8=sound-plank']);
  });

  it('leaves a world too large for a link (and its truth) out of it', () => {
    let s = 7;
    const noise = Array.from({ length: 40_000 }, () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return String.fromCharCode(33 + (s % 90));
    }).join('');
    expect(encodeWorldText(noise)).toBeNull();
    expect(encodeUrl(fileConfig(noise), catalog, null)).toBe('?agent=random&seed=3');
  });

  it('reports a damaged world in a link and keeps the default world', () => {
    for (const [data, why] of [
      ['not*base64', 'not valid base64url'],
      ['AAAAAAAA', 'damaged'],
      ['A'.repeat(70_000), 'longer than'],
      ['', 'empty'],
    ]) {
      const r = decodeUrl(`?data=${data}`, catalog);
      expect(r.config.world.kind).toBe('builtin');
      expect(r.warnings.join(' ')).toContain(why);
    }
    const broken = decodeUrl('?world=thin-ice&data=AAAAAAAA', catalog);
    expect(broken.config.world).toEqual({ kind: 'builtin', name: 'thin-ice' });
    const alone = decodeUrl(`?file=a.json&data=${encodeWorldText('{}')}`, catalog);
    expect(alone.truthEntries).toEqual([]); // not the default world's truth
    const both = decodeUrl(`?world=thin-ice&file=a.json&data=${encodeWorldText('{}')}`, catalog);
    expect(both.config.world).toMatchObject({ kind: 'file', source: 'a.json', text: '{}' });
    expect(both.warnings.join(' ')).toContain('both "world" and "data"');
  });

  it('decodes exactly what it encodes (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const data = encodeWorldText(text)!;
        expect(decodeWorldText(data)).toEqual({ text });
      }),
    );
  });

  it('picks the nearest speed step', () => {
    expect(speedIndex(Infinity)).toBe(10);
    expect(speedIndex(5)).toBe(3);
    expect(speedIndex(7)).toBe(3);
    expect(speedIndex(0.1)).toBe(0);
  });
});
