import { describe, expect, it } from 'vitest';
import { buildRecord, compareWithRecord, parseRecord, recordConfig } from '../../src/app/record.ts';
import { RunStore } from '../../src/app/run-store.ts';
import type { RunConfig } from '../../src/app/state.ts';
import { environments } from '../../environments/index.ts';
import type { SessionConfig } from '../../src/worker/session/protocol.ts';
import { Session } from '../../src/worker/session/runner.ts';

let id = 5000;
function run(config: RunConfig): RunStore[] {
  return config.panes.map((p) => {
    const world =
      config.world.kind === 'builtin'
        ? { builtin: config.world.name }
        : { text: config.world.text, source: config.world.source };
    const sc: SessionConfig = {
      world,
      agent: p.agent,
      options: p.options,
      seed: config.seed,
      episodes: config.episodes,
      truth: config.truth,
    };
    const s = new Session(id++, environments.get((world as { builtin: string }).builtin)!, sc, null);
    const store = new RunStore(s.info);
    while (!store.done) store.apply(s.advance(1e6, 1e9, () => 0));
    return store;
  });
}

const config: RunConfig = {
  world: { kind: 'builtin', name: 'rotten-plank' },
  panes: [
    { agent: 'thompson', options: {} },
    { agent: 'prober', options: { budget: 0.001, watchLengths: '1,2,4,8,16' } },
  ],
  seed: 1,
  episodes: 2,
  truth: { 'plank@6,8': 'rotten-plank' },
};

describe('episode records', () => {
  const stores = run(config);
  const record = buildRecord(config, stores);
  const text = JSON.stringify(record);

  it('export and import round-trip, and a re-run reproduces every hash', () => {
    const parsed = parseRecord(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(recordConfig(parsed.record)).toEqual(config);
    expect(parsed.record.runs[0].episodes[0].outcome).toBe('death');
    expect(compareWithRecord(parsed.record, run(recordConfig(parsed.record)))).toBeNull();
  });

  it('notices a changed trajectory or a different run', () => {
    const tampered = JSON.parse(text);
    tampered.runs[0].episodes[0].rewards[0] = 5;
    const r = parseRecord(JSON.stringify(tampered));
    expect(!r.ok && r.errors.join()).toMatch(/hash: does not match/);
    const other = run({ ...config, seed: 2 });
    expect(compareWithRecord(record, other)).toMatch(/episode \d+: hash/);
  });

  it('rejects malformed records with located messages and never evaluates anything', () => {
    const cases: [string, RegExp][] = [
      ['{', /not JSON/],
      ['[]', /expected object/],
      [JSON.stringify({ ...record, format: 'other' }), /format/],
      [JSON.stringify({ ...record, extra: 1 }), /extra|Unrecognized/],
      [JSON.stringify({ ...record, seed: 1.5 }), /seed/],
      [
        text.replace('"truth":{', '"truth":{"__proto__":{"polluted":true},'),
        /__proto__: this key is not allowed/,
      ],
      [
        JSON.stringify({
          ...record,
          runs: [{ ...record.runs[0], episodes: [{ ...record.runs[0].episodes[0], actions: ['fly'] }] }],
        }),
        /actions/,
      ],
      [JSON.stringify({ ...record, world: { builtin: 'x', text: 'function(){}' } }), /world/],
    ];
    for (const [input, message] of cases) {
      const r = parseRecord(input);
      expect(r.ok, input.slice(0, 60)).toBe(false);
      if (!r.ok) expect(r.errors.join('\n')).toMatch(message);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
