/** `trapworld sweep`: the benchmark across a generator's parameter, its outputs and its refusals. */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSweepAxis } from '../../src/sweep/axis.ts';
import { generators } from '../../environments/index.ts';
import { trapworld } from './run-cli.ts';

const regularity = generators.get('regularity')!;

describe('the swept parameter', () => {
  it('FROM..TO:STEPS gives STEPS values, both ends included; an integer parameter is rounded', () => {
    expect(parseSweepAxis({ regularity: '0..1:5', size: '12' }, regularity)).toEqual({
      key: 'regularity',
      values: [0, 0.25, 0.5, 0.75, 1],
      fixed: { size: '12' },
    });
    expect(parseSweepAxis({ size: '8..10:5' }, regularity).values).toEqual([8, 9, 10]);
    expect(parseSweepAxis({ danger: '0..0.3:4' }, regularity).values).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('refuses no range, two ranges, a bad range and a parameter that does not exist', () => {
    expect(() => parseSweepAxis({ size: '12' }, regularity)).toThrow(
      /exactly one swept parameter as KEY=FROM\.\.TO:STEPS \(got none\)/,
    );
    expect(() => parseSweepAxis({ size: '8..9:2', danger: '0..1:2' }, regularity)).toThrow(
      /got size, danger/,
    );
    expect(() => parseSweepAxis({ danger: '0..1' }, regularity)).toThrow(/expected FROM..TO:STEPS/);
    expect(() => parseSweepAxis({ danger: '0..1:1' }, regularity)).toThrow(/STEPS must be in \[2, 1000\]/);
    expect(() => parseSweepAxis({ colour: '0..1:2' }, regularity)).toThrow(/has no such parameter/);
  });
});

describe('trapworld sweep', () => {
  const args = (out: string, workers: string) => [
    'sweep',
    'regularity',
    '--param',
    'regularity=0..1:2',
    '--param',
    'size=10',
    '--agents',
    'prober,thompson',
    '--seeds',
    '3',
    '--workers',
    workers,
    '--out',
    out,
  ];

  it('writes summary.csv, report.html and sweep.json, the same for any number of workers', () => {
    const a = mkdtempSync(join(tmpdir(), 'sweep-'));
    const b = mkdtempSync(join(tmpdir(), 'sweep-'));
    const r1 = trapworld([...args(a, '1'), '--json']);
    expect(r1.code, r1.stderr).toBe(0);
    expect(trapworld(args(b, '2')).code).toBe(0);
    const doc = JSON.parse(r1.stdout);
    expect(doc).toMatchObject({
      environment: 'regularity',
      parameter: 'regularity',
      values: [0, 1],
      seeds: 3,
    });
    expect(doc.points).toHaveLength(4);
    expect(doc.points.map((p: { value: number; label: string }) => `${p.value} ${p.label}`)).toEqual([
      '0 prober',
      '0 thompson',
      '1 prober',
      '1 thompson',
    ]);
    for (const p of doc.points) expect(p.runs).toBe(3);
    const csv = readFileSync(join(a, 'summary.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^regularity,agent,label,runs,episodes,failed,deathRate,trappedRate/);
    expect(csv).toBe(readFileSync(join(b, 'summary.csv'), 'utf8'));
    const html = readFileSync(join(a, 'report.html'), 'utf8');
    for (const question of ['Dead or stuck', 'Return', 'Regret'])
      expect(html).toContain(`${question}, regularity, against regularity`);
    expect(html.match(/<figure><svg/g)).toHaveLength(3);
    expect(existsSync(join(a, 'runs', 'results.jsonl'))).toBe(true);
  });

  it('refuses a world that is not a generator, and a bad range, with exit 2 and one line', () => {
    const out = mkdtempSync(join(tmpdir(), 'sweep-'));
    const plain = trapworld(['sweep', 'thin-ice', '--param', 'size=1..2:2', '--out', out]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/thin-ice: not a generator/);
    const bad = trapworld(['sweep', 'regularity', '--param', 'regularity=0..1', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(out, 'summary.csv'))).toBe(false);
  });
});
