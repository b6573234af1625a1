/**
 * `trapworld bench` and `trapworld merge` through the built binary and real worker threads: identical
 * results whatever the worker count or shard split, resume after a hard kill, faults, bad arguments.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResults } from '../../src/bench/results-file.ts';
import { describe, expect, it } from 'vitest';
import {
  canonical,
  lineCount,
  noStack,
  readRows,
  spawnTrapworld,
  summariesWithoutTiming,
  tempDir,
  testAgents,
  trapworld,
} from './helpers.ts';

const SWEEP = [
  '--envs',
  'snake-corridor,pit-field,dark-cave,tests/fixtures/generated-room.ts',
  '--agents',
  'random,thompson,prober:budget=0.01,q-learning,oracle',
  '--seeds',
  '3',
  '--episodes',
  '2',
];

describe('trapworld bench: the same results however it is run', () => {
  it('1 worker, 2 workers and 3 merged shards give identical rows, summaries and reports', () => {
    const tmp = tempDir();
    const one = trapworld(['bench', ...SWEEP, '--workers', '1', '--out', join(tmp, 'w1')]);
    expect(one.code, one.stderr).toBe(0);
    const two = trapworld(['bench', ...SWEEP, '--workers', '2', '--out', join(tmp, 'w2')]);
    expect(two.code, two.stderr).toBe(0);
    for (const i of [1, 2, 3]) {
      const r = trapworld([
        'bench',
        ...SWEEP,
        '--workers',
        '2',
        '--shard',
        `${i}/3`,
        '--out',
        join(tmp, `s${i}`),
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
    const merged = trapworld([
      'merge',
      join(tmp, 's1'),
      join(tmp, 's2'),
      join(tmp, 's3'),
      '--out',
      join(tmp, 'merged'),
      '--json',
    ]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({ runs: 60, duplicates: 0, missing: 0, failed: 0 });

    const reference = canonical(readRows(join(tmp, 'w1')));
    expect(reference).toHaveLength(4 * 5 * 3 * 2);
    expect(new Set(readRows(join(tmp, 'w1')).map((r) => r.environment))).toContain('generated-room');
    expect(canonical(readRows(join(tmp, 'w2')))).toEqual(reference);
    expect(canonical(readRows(join(tmp, 'merged')))).toEqual(reference);
    // Shards are disjoint and cover the run list.
    const shardRows = [1, 2, 3].map((i) => readRows(join(tmp, `s${i}`)));
    expect(shardRows.map((r) => r.length)).toEqual([40, 40, 40]);
    expect(canonical(shardRows.flat())).toEqual(reference);

    const ref = summariesWithoutTiming(join(tmp, 'w1'));
    for (const d of ['w2', 'merged']) {
      const other = summariesWithoutTiming(join(tmp, d));
      expect(other.md).toBe(ref.md);
      expect(other.csv).toBe(ref.csv);
      expect(other.html).toBe(ref.html);
    }
    expect(ref.html).toContain('<svg');
    expect(ref.html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(ref.md).toContain('| prober:budget=0.01 |');
    // Each world is shown with its title and description, also after a merge (read from the shards).
    expect(ref.md).toContain(
      '## snake-corridor: Snake in the corridor\n\nA coiled snake blocks the corridor. Alive or dead? Poke it first.\n',
    );
    expect(ref.md).toContain('## generated-room: Generated room\n');
    expect(ref.html).toContain(
      '<h2 id="env-snake-corridor">snake-corridor <span class="title">Snake in the corridor</span></h2>',
    );
    expect(ref.html).toContain(
      '<p class="description">A coiled snake blocks the corridor. Alive or dead? Poke it first.</p>',
    );
  });
});

describe('trapworld bench --resume', () => {
  const args = ['bench', '--envs', 'rotten-plank,thin-ice', '--agents', 'prober,thompson', '--seeds', '30'];

  it('after a hard kill part-way, resuming gives exactly the rows of an uninterrupted run', async () => {
    const tmp = tempDir();
    const out = join(tmp, 'killed');
    const child = spawnTrapworld([...args, '--workers', '1', '--out', out]);
    const results = join(out, 'results.jsonl');
    let atKill = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        atKill = lineCount(results);
        if (atKill >= 10) {
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(timer);
        resolve();
      });
      child.on('error', reject);
    });
    expect(child.signalCode).toBe('SIGKILL');
    const before = readResults(results, 1).runs.size; // tolerates a line torn by the kill
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(120);
    expect(existsSync(join(out, 'summary.md'))).toBe(false);
    // A torn last line, as a crash in the middle of a write leaves it.
    writeFileSync(results, `${readFileSync(results, 'utf8')}{"environment":"rotten-pl`);

    const resumed = trapworld([...args, '--workers', '2', '--out', out, '--resume', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const doc = JSON.parse(resumed.stdout) as { runs: number; resumed: number; completed: number };
    expect(doc.runs).toBe(120);
    expect(doc.resumed).toBe(before);
    expect(doc.completed).toBe(120);
    expect(resumed.stderr).toMatch(/dropped 0 incomplete run\(s\) and 1 torn line/);

    const whole = trapworld([...args, '--workers', '2', '--out', join(tmp, 'whole')]);
    expect(whole.code, whole.stderr).toBe(0);
    const rows = readRows(out);
    expect(rows).toHaveLength(120);
    expect(canonical(rows)).toEqual(canonical(readRows(join(tmp, 'whole'))));
    expect(summariesWithoutTiming(out)).toEqual(summariesWithoutTiming(join(tmp, 'whole')));

    // Resuming a finished bench runs nothing and duplicates nothing.
    const again = trapworld([...args, '--out', out, '--resume', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ resumed: 120, completed: 120, rows: 120 });
    expect(readRows(out)).toHaveLength(120);
  });

  it('Ctrl-C (SIGINT) stops cleanly: exit 130, finished runs on disk, no summary; --resume finishes', async () => {
    const tmp = tempDir();
    const out = join(tmp, 'interrupted');
    const child = spawnTrapworld([...args, '--workers', '2', '--out', out]);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setInterval(() => {
      if (lineCount(join(out, 'results.jsonl')) >= 5) {
        clearInterval(timer);
        child.kill('SIGINT');
      }
    }, 5);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearInterval(timer);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(
      /interrupted: \d+ of 120 runs are in .*results\.jsonl; run the same command with --resume/,
    );
    const rows = readRows(out);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(120);
    expect(readFileSync(join(out, 'results.jsonl'), 'utf8').endsWith('\n')).toBe(true);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    const resumed = trapworld([...args.slice(0, -1), '15', '--out', out, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(2); // other --seeds: refused, nothing touched
    expect(resumed.stderr).toMatch(/different --seeds \(30 there\)/);
    const finished = trapworld([...args, '--out', out, '--resume']);
    expect(finished.code, finished.stderr).toBe(0);
    expect(readRows(out)).toHaveLength(120);
  });
});

describe('trapworld bench: faults', () => {
  it('agents that throw, loop forever or call process.exit get error rows; the rest completes; exit 1', () => {
    const tmp = tempDir();
    const out = join(tmp, 'faults');
    const r = trapworld(
      [
        'bench',
        '--envs',
        'snake-corridor,pit-field',
        '--agents',
        'random,bench-throws,bench-throws-late,bench-loops,bench-exits,bench-refuses,thompson',
        '--seeds',
        '2',
        '--episodes',
        '2',
        '--workers',
        '2',
        '--run-timeout',
        // Generous enough that healthy runs never time out on a loaded 2-core CI machine.
        '3000',
        '--out',
        out,
        '--json',
      ],
      { env: { TRAPWORLD_TEST_AGENTS: testAgents } },
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/trapworld: 16 runs failed \(rows with "error" in .*results\.jsonl\)/);
    const doc = JSON.parse(r.stdout) as { runs: number; completed: number; failed: number; refused: number };
    expect(doc).toMatchObject({ runs: 28, completed: 28, failed: 16, refused: 4 });
    const rows = readRows(out);
    const errorOf = (agent: string) => [
      ...new Set(rows.filter((x) => x.agent === agent && x.error !== null).map((x) => x.error)),
    ];
    expect(errorOf('bench-throws')).toEqual(['bench-throws: deliberate failure']);
    expect(errorOf('bench-throws-late')).toEqual(['bench-throws-late: deliberate failure in episode 1']);
    expect(errorOf('bench-loops')).toEqual([
      'run timed out after 3000 ms (--run-timeout); its worker was terminated',
    ]);
    expect(errorOf('bench-exits')).toEqual(['the worker running this run died twice (exit code 7)']);
    expect(errorOf('bench-refuses')).toEqual(['bench-refuses: this world is too large for me']);
    expect(rows.filter((x) => x.agent === 'bench-refuses').every((x) => x.refused)).toBe(true);
    // bench-throws-late played its first episode; its second is the error row.
    expect(
      rows.filter((x) => x.agent === 'bench-throws-late').map((x) => [x.episode, x.error === null]),
    ).toEqual(
      expect.arrayContaining([
        [0, true],
        [1, false],
      ]),
    );
    // The healthy agents completed every episode.
    for (const agent of ['random', 'thompson']) {
      const mine = rows.filter((x) => x.agent === agent);
      expect(mine).toHaveLength(2 * 2 * 2);
      expect(mine.every((x) => x.error === null && x.outcome !== null)).toBe(true);
    }
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toContain('| bench-exits | 2 (2 failed) |');
    expect(md).toContain('| bench-refuses | 2 (2 refused) |');
    expect(md).toMatch(/## Failed and refused runs/);
  });

  it('refusals alone do not fail the bench', () => {
    const tmp = tempDir();
    const r = trapworld(
      [
        'bench',
        '--envs',
        'snake-corridor',
        '--agents',
        'random,bench-refuses',
        '--seeds',
        '2',
        '--out',
        join(tmp, 'o'),
      ],
      { env: { TRAPWORLD_TEST_AGENTS: testAgents } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/4 runs \(0 resumed\) in [\d.]+ s: 0 failed, 2 refused/);
    expect(r.stdout).toMatch(/report {3}.*report\.html/);
  });
});

describe('trapworld bench: bad arguments exit 2 and write nothing', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown environment', ['--envs', 'nowhere'], /unknown environment "nowhere"/],
    ['unknown agent', ['--agents', 'random,nobody'], /unknown agent "nobody"/],
    [
      'bad option value',
      ['--agents', 'prober:budget=lots'],
      /agent "prober" option "budget": expected a number, got "lots"/,
    ],
    ['unknown option', ['--agents', 'prober:gamma=1'], /agent "prober" has no option "gamma"/],
    ['option without a value', ['--agents', 'prober:budget'], /expected NAME:KEY=VALUE/],
    ['the same agent twice', ['--agents', 'prober,prober:budget=0.001'], /listed twice/],
    ['scripted without actions', ['--agents', 'scripted'], /the action list is empty/],
    ['shard beyond N', ['--shard', '4/3'], /--shard: I must be between 1 and N/],
    ['shard 0', ['--shard', '0/3'], /--shard: I must be between 1 and N/],
    ['shard syntax', ['--shard', 'half'], /--shard: expected I\/N/],
    ['no seeds', ['--seeds', '0'], /--seeds: expected an integer/],
    ['no workers', ['--workers', 'none'], /--workers: expected an integer/],
    ['bad timeout', ['--run-timeout', '-5'], /--run-timeout: expected an integer/],
    ['--resume with --force', ['--resume', '--force'], /--resume or --force, not both/],
  ];
  it.each(cases)('%s', (_name, extra, message) => {
    const tmp = tempDir();
    const r = trapworld(['bench', '--envs', 'snake-corridor', '--seeds', '1', '--out', 'out', ...extra], {
      cwd: tmp,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(noStack(r.stderr)).toBe(true);
    expect(r.stdout).toBe('');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('an unwritable --out (a path under a file)', () => {
    const tmp = tempDir();
    writeFileSync(join(tmp, 'file.txt'), 'x');
    const r = trapworld(
      ['bench', '--envs', 'snake-corridor', '--agents', 'random', '--seeds', '1', '--out', 'file.txt/out'],
      {
        cwd: tmp,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^trapworld: --out file\.txt\/out: cannot create the directory \(ENOTDIR\)\n$/);
    expect(readdirSync(tmp)).toEqual(['file.txt']);
  });

  it('rows of an older format (regret measured differently) are never resumed or merged into', () => {
    const tmp = tempDir();
    const base = ['bench', '--envs', 'snake-corridor', '--agents', 'random', '--seeds', '2', '--out', 'o'];
    expect(trapworld(base, { cwd: tmp }).code).toBe(0);
    const manifest = join(tmp, 'o/bench.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('trapworld-bench/2', 'trapworld-bench/1'));
    const before = readFileSync(join(tmp, 'o/results.jsonl'), 'utf8');
    for (const args of [
      [...base, '--resume'],
      ['merge', 'o', '--out', 'm'],
    ]) {
      const r = trapworld(args, { cwd: tmp });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /bench\.json: written by an older trapworld whose regret counted rewards after maxSteps/,
      );
    }
    expect(readFileSync(join(tmp, 'o/results.jsonl'), 'utf8')).toBe(before);
    expect(existsSync(join(tmp, 'm'))).toBe(false);
    expect(trapworld([...base, '--force'], { cwd: tmp }).code).toBe(0);
  });

  it('a directory that already holds results needs --resume or --force', () => {
    const tmp = tempDir();
    const base = ['bench', '--envs', 'snake-corridor', '--agents', 'random', '--seeds', '2', '--out', 'o'];
    expect(trapworld(base, { cwd: tmp }).code).toBe(0);
    const before = readFileSync(join(tmp, 'o/results.jsonl'), 'utf8');
    const r = trapworld(base, { cwd: tmp });
    expect(r.code).toBe(2);
    // One line: the bench's header is printed only once the directory is accepted.
    expect(r.stderr).toMatch(
      /^trapworld: --out o already holds results\.jsonl: add --resume to continue it, --force to start over[^\n]*\n$/,
    );
    expect(readFileSync(join(tmp, 'o/results.jsonl'), 'utf8')).toBe(before);
    const forced = trapworld([...base, '--force'], { cwd: tmp });
    expect(forced.code).toBe(0);
    expect(readRows(join(tmp, 'o'))).toHaveLength(2);
  });
});

describe('trapworld merge', () => {
  it('refuses conflicting runs (exit 2, nothing written) and deduplicates identical ones', () => {
    const tmp = tempDir();
    const base = ['bench', '--envs', 'snake-corridor', '--agents', 'random', '--seeds', '3'];
    expect(trapworld([...base, '--out', join(tmp, 'a')]).code).toBe(0);
    expect(trapworld([...base, '--out', join(tmp, 'b')]).code).toBe(0);
    const dup = trapworld(['merge', join(tmp, 'a'), join(tmp, 'b'), '--out', join(tmp, 'ab'), '--json']);
    expect(dup.code, dup.stderr).toBe(0);
    expect(JSON.parse(dup.stdout)).toMatchObject({ runs: 3, duplicates: 3, rows: 3 });

    const path = join(tmp, 'b/results.jsonl');
    const rows = readFileSync(path, 'utf8').split('\n');
    rows[0] = rows[0].replace(/"steps":\d+/, '"steps":999');
    writeFileSync(path, rows.join('\n'));
    const r = trapworld(['merge', join(tmp, 'a'), join(tmp, 'b'), '--out', join(tmp, 'conflict')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /conflicting results for 1 run .*\n.*snake-corridor · random \{\} · seed \d+: .*a and .*b disagree/,
    );
    expect(existsSync(join(tmp, 'conflict'))).toBe(false);

    const missing = trapworld(['merge', join(tmp, 'nope'), '--out', join(tmp, 'm')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such directory/);
  });
});
