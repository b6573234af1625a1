/** The bench's pure parts, in-process: statistics, argument syntax, shards, rows, resume, summary, merge. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildJobs, parseShard, selectShard } from '../../src/bench/jobs.ts';
import { mergeInputs } from '../../src/bench/merge.ts';
import { failedRun } from '../../src/bench/pool-rows.ts';
import { prepareResume, readResults } from '../../src/bench/results-file.ts';
import {
  encodeRun,
  isCompleteRun,
  normaliseRow,
  serialiseRows,
  type BenchRow,
} from '../../src/bench/rows.ts';
import { parseAgentEntry, resolveAgents, splitAgentEntries } from '../../src/bench/selection.ts';
import { meanInterval, t975, wilson } from '../../src/bench/stats.ts';
import { renderCsv, renderMarkdown } from '../../src/bench/summary-files.ts';
import { agentLabels, summarise } from '../../src/bench/summary.ts';
import { sweepPoints } from '../../src/sweep/points.ts';
import { sweepFigures } from '../../src/sweep/report.ts';
import { regretOf, runJob, type RunJob } from '../../src/worker/batch.ts';
import { agents } from '../../agents/index.ts';
import { defaultOptions, parseOptions } from '../../src/core/options.ts';

describe('statistics', () => {
  it('Wilson intervals match published values', () => {
    // Brown, Cai & DasGupta (2001) / any Wilson calculator: 5 of 20 → [0.1119, 0.4687].
    const w = wilson(5, 20)!;
    expect(w.low).toBeCloseTo(0.1119, 4);
    expect(w.high).toBeCloseTo(0.4687, 4);
    expect(wilson(0, 10)!.low).toBe(0);
    expect(wilson(0, 10)!.high).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10)!.high).toBe(1);
    expect(wilson(0, 0)).toBeNull();
  });
  it('t intervals', () => {
    expect(t975(1)).toBeCloseTo(12.706, 3);
    expect(t975(30)).toBeCloseTo(2.042, 3);
    expect(t975(60)).toBeCloseTo(2.0003, 3);
    expect(t975(1000)).toBeCloseTo(1.9623, 3);
    const m = meanInterval([1, 2, 3, 4])!;
    expect(m.mean).toBe(2.5);
    // sd = 1.2910, t(3) = 3.182: half-width 2.054.
    expect(m.interval!.high - m.mean).toBeCloseTo(2.054, 3);
    expect(meanInterval([7])).toEqual({ mean: 7, interval: null });
    expect(meanInterval([])).toBeNull();
  });
});

describe('--agents syntax', () => {
  it('splits entries, keeping commas inside option values', () => {
    expect(splitAgentEntries(['prober:budget=0.01:watchLengths=1,2,4,thompson', 'random'])).toEqual([
      'prober:budget=0.01:watchLengths=1,2,4',
      'thompson',
      'random',
    ]);
    expect(parseAgentEntry('prober:budget=0.01:watchLengths=1,2')).toEqual({
      name: 'prober',
      options: { ...defaultOptions(agents.get('prober')!), budget: 0.01, watchLengths: '1,2' },
    });
  });
  it('all is the standard agents: every registered agent but scripted', () => {
    const names = resolveAgents(['all']).map((a) => a.name);
    expect(names).toContain('prober');
    expect(names).toContain('oracle');
    expect(names).not.toContain('scripted');
    expect(resolveAgents(undefined).map((a) => a.name)).toEqual(names);
  });
  it('several configurations of one agent; a misspelt agent after a value is explained', () => {
    expect(resolveAgents(['prober:budget=0.01,prober:budget=0.1']).map((a) => a.options.budget)).toEqual([
      0.01, 0.1,
    ]);
    expect(() => resolveAgents(['prober:budget=0.01,thompsn'])).toThrow(/no agent is named "thompsn"/);
  });
});

describe('shards', () => {
  const jobs = buildJobs(
    [
      { name: 'snake-corridor', source: 'builtin' },
      { name: 'pit-field', source: 'builtin' },
    ],
    [
      { name: 'random', options: {} },
      { name: 'thompson', options: {} },
    ],
    5,
    1,
  );
  it('partition the run list deterministically (index mod N, shards numbered from 1)', () => {
    const shards = [1, 2, 3].map((i) => selectShard(jobs, parseShard(`${i}/3`)));
    expect(shards.map((s) => s.length)).toEqual([7, 7, 6]);
    expect(
      shards
        .flat()
        .map((j) => j.index)
        .sort((a, b) => a - b),
    ).toEqual(jobs.map((j) => j.index));
    expect(shards[1].map((j) => j.index)).toEqual([1, 4, 7, 10, 13, 16, 19]);
    expect(parseShard(undefined)).toEqual({ index: 1, count: 1 });
  });
  it('reject I outside 1..N', () => {
    expect(() => parseShard('4/3')).toThrow(/between 1 and N/);
    expect(() => parseShard('0/3')).toThrow(/between 1 and N/);
    expect(() => parseShard('1/0')).toThrow(/N must be/);
    expect(() => parseShard('1-3')).toThrow(/expected I\/N/);
  });
});

function rowsOf(job: RunJob): BenchRow[] {
  return runJob(job).map(normaliseRow);
}

const job = (seed: number, episodes = 3): RunJob => ({
  environment: 'snake-corridor',
  agent: 'random',
  options: {},
  seed,
  episodes,
});

const defaults = (agent: string) => parseOptions(agents.get(agent)!, []);

describe('regret', () => {
  it('is exactly 0 for the oracle, which plays optimally on a deterministic world', () => {
    for (const environment of ['rotten-plank', 'thin-ice', 'cliff-walking'])
      for (let seed = 0; seed < 10; seed++) {
        const rows = runJob({ environment, agent: 'oracle', options: {}, seed, episodes: 2 });
        expect(rows.map((r) => r.regret)).toEqual([0, 0]);
      }
  });
  it('is 0 for the oracle walled in until truncation: its return counts only the steps it had', () => {
    // The live snake blocks the corridor: -1 a step until truncated at step 100. The infinite-horizon
    // V* would also count the steps after the cut-off and make this regret -0.118.
    const rows = runJob({
      environment: 'snake-corridor',
      agent: 'oracle',
      options: {},
      seed: 0,
      episodes: 1,
    });
    expect(rows[0]).toMatchObject({ outcome: 'truncated', steps: 100, regret: 0 });
  });
  it('is never negative in these worlds without chance: nobody beats the oracle', () => {
    for (const environment of ['snake-corridor', 'rotten-plank', 'pit-field', 'dark-cave'])
      for (const agent of ['random', 'thompson', 'prober', 'q-learning'])
        for (let seed = 0; seed < 4; seed++)
          for (const r of runJob({ environment, agent, options: defaults(agent), seed, episodes: 2 }))
            expect(r.regret, `${environment} ${agent} seed ${seed}`).toBeGreaterThanOrEqual(0);
  });
  it('keeps real differences, negative ones too (V* is an expectation), and drops rounding noise', () => {
    expect(regretOf(-4.5, -4.5 + 7.5e-15)).toBe(0);
    expect(regretOf(-4.5, -6)).toBe(1.5);
    expect(regretOf(2, 3)).toBe(-1);
    expect(regretOf(1e6, 1e6 - 1e-4)).toBe(0);
  });
});

describe('rows and results.jsonl', () => {
  it('a run is complete with all its episodes, or ending in an error row', () => {
    const rows = rowsOf(job(1));
    expect(isCompleteRun(rows, 3)).toBe(true);
    expect(isCompleteRun(rows.slice(0, 2), 3)).toBe(false);
    expect(
      isCompleteRun(
        [rows[0], JSON.parse(failedRun(job(1), 'boom').lines) as BenchRow].map((r, i) => ({
          ...r,
          episode: i,
        })),
        3,
      ),
    ).toBe(true);
  });
  it('resume keeps complete runs once, drops torn lines and partial runs, and rewrites the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-units-'));
    const path = join(dir, 'results.jsonl');
    const a = rowsOf(job(1));
    const b = rowsOf(job(2));
    const c = rowsOf(job(3));
    writeFileSync(
      path,
      serialiseRows([...a, ...b, ...a, ...c.slice(0, 2)]) + JSON.stringify(c[2]).slice(0, 30),
    );
    const read = prepareResume(path, 3);
    expect(read.runs.size).toBe(2);
    expect(read).toMatchObject({ badLines: 1, partialRuns: 1, duplicateRuns: 1 });
    expect(readFileSync(path, 'utf8')).toBe(serialiseRows([...a, ...b]));
    expect(readResults(path, 'infer').rows).toHaveLength(6);
  });
  it('a run is encoded as its results.jsonl lines with the counts progress needs', () => {
    const rows = runJob(job(1, 3));
    const encoded = encodeRun(rows);
    expect(encoded.lines).toBe(serialiseRows(rows.map(normaliseRow)));
    expect(encoded.rows).toBe(3);
    expect(encoded.deaths).toBe(rows.filter((r) => r.outcome === 'death').length);
    expect(encoded.failed).toBe(false);
    const failed = failedRun({ ...job(2, 2), agent: 'bench-x' }, 'boom');
    expect(failed).toMatchObject({ rows: 1, deaths: 0, failed: true });
    expect(JSON.parse(failed.lines)).toMatchObject({
      agent: 'bench-x',
      seed: 2,
      error: 'boom',
      refused: false,
    });
  });
});

describe('summary', () => {
  const rows = [1, 2, 3, 4].flatMap((s) => [
    ...rowsOf(job(s, 2)),
    ...rowsOf({ ...job(s, 2), agent: 'thompson' }),
    ...rowsOf({ ...job(s, 2), agent: 'prober', options: { budget: 0.01, watchLengths: '1,2,4,8,16' } }),
  ]);
  it('does not depend on the order of the rows', () => {
    const shuffled = [...rows].reverse();
    expect(renderMarkdown(summarise(shuffled))).toBe(renderMarkdown(summarise(rows)));
    expect(renderCsv(summarise(shuffled))).toBe(renderCsv(summarise(rows)));
  });
  it('counts and rates', () => {
    const s = summarise(rows);
    expect(s.runs).toBe(12);
    const random = s.entries.find((e) => e.label === 'random')!;
    expect(random.episodes).toBe(8);
    expect(random.deaths).toBe(rows.filter((r) => r.agent === 'random' && r.outcome === 'death').length);
    expect(random.perEpisode.map((p) => p.runs)).toEqual([4, 4]);
  });
  it('labels show the options that differ from the defaults or between configurations', () => {
    const labels = [...agentLabels(rows).values()].sort();
    expect(labels).toEqual(['prober:budget=0.01', 'random', 'thompson']);
  });
});

describe('merge', () => {
  const a = rowsOf(job(1));
  it('keeps identical runs once (timing aside) and refuses conflicting ones', () => {
    const retimed = a.map((r) => ({ ...r, decisionMs: 123 }));
    const m = mergeInputs([
      { dir: 'x', rows: a, manifest: null, partialRuns: 0, badLines: 0 },
      { dir: 'y', rows: retimed, manifest: null, partialRuns: 0, badLines: 0 },
    ]);
    expect(m).toMatchObject({ runs: 1, duplicates: 1 });
    const changed = a.map((r, i) => (i === 1 ? { ...r, return: 0 } : r));
    expect(() =>
      mergeInputs([
        { dir: 'x', rows: a, manifest: null, partialRuns: 0, badLines: 0 },
        { dir: 'y', rows: changed, manifest: null, partialRuns: 0, badLines: 0 },
      ]),
    ).toThrow(/conflicting results for 1 run .*\n.*x and y disagree/);
  });
});

describe('sweep points', () => {
  it('a value where every run failed has null rates and means, and no point in the figures', () => {
    const failed = (seed: number) =>
      JSON.parse(failedRun({ ...job(seed), environment: 'b' }, 'boom').lines) as BenchRow;
    const rows = [...rowsOf(job(1)).map((r) => ({ ...r, environment: 'a' })), failed(1), failed(2)];
    const points = sweepPoints(rows, (name) => (name === 'a' ? 1 : 2));
    expect(points.map((p) => [p.value, p.runs, p.failed])).toEqual([
      [1, 1, 0],
      [2, 0, 2],
    ]);
    expect(points[0].meanReturn).toBeTypeOf('number');
    expect(points[1]).toMatchObject({
      trappedRate: null,
      goalRate: null,
      meanReturn: null,
      meanRegret: null,
    });
    const info = {
      environment: 'g',
      title: 'g',
      description: '',
      parameter: 'p',
      values: [1, 2],
      fixed: {},
      seeds: 2,
      episodes: 3,
    };
    for (const figure of sweepFigures(info, points)) {
      const values = (figure as { data?: { values?: { x: number }[] } }).data?.values ?? [];
      expect(values.map((v) => v.x)).toEqual([1]);
    }
  });
});
