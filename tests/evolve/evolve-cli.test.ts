/** `trapworld evolve` as users run it: the built CLI in a child process. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repo, trapworld } from '../bench/helpers.ts';
import { PLATEAU_FILE } from './worlds.ts';

let dir: string;
let world: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tw-evolve-'));
  world = join(dir, 'plateau.json');
  writeFileSync(world, JSON.stringify(PLATEAU_FILE));
});

const SMALL = ['--population', '8', '--generations', '6', '--seed', '3'];

function read(out: string, file: string): string {
  return readFileSync(join(out, file), 'utf8');
}

describe('trapworld evolve', () => {
  /** The same small lineage with 1 and 2 workers: stdout and the three files. */
  let runs: { stdout: string; stderr: string; out: string; files: string[] }[];
  beforeAll(() => {
    runs = [1, 2].map((w) => {
      const out = join(dir, `workers-${w}`);
      const r = trapworld([
        'evolve',
        world,
        ...SMALL,
        '--learning',
        '--workers',
        String(w),
        '--out',
        out,
        '--json',
      ]);
      expect(r.code).toBe(0);
      const files = ['evolve.json', 'generations.csv', 'report.html'].map((f) => read(out, f));
      return { stdout: r.stdout, stderr: r.stderr, out, files };
    });
  });

  it('gives identical outputs with 1 and 2 workers', () => {
    expect(runs[1].stdout).toBe(runs[0].stdout);
    expect(runs[1].files).toEqual(runs[0].files);
  });

  it('prints the JSON document with the fixed names, and writes it with the CSV and the report', () => {
    const { stdout, stderr, out } = runs[1];
    expect(stderr).toBe(''); // no progress with --json
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ environment: 'test-plateau', population: 8, learning: true });
    expect(doc.generations).toHaveLength(6);
    for (const [g, gen] of doc.generations.entries()) {
      expect(gen).toMatchObject({ generation: g });
      for (const k of ['deaths', 'stuck', 'goals', 'meanReturn']) expect(typeof gen[k]).toBe('number');
      expect(gen.deaths + gen.stuck + gen.goals + gen.truncated).toBe(8);
      expect(Object.keys(gen.dispositions.looks)).toEqual(['edge', 'floor', 'goal']);
    }
    expect(Object.keys(doc.final.dispositions.looks)).toEqual(['edge', 'floor', 'goal']);
    expect(JSON.parse(read(out, 'evolve.json'))).toEqual(doc);
    const csv = read(out, 'generations.csv').trim().split('\n');
    expect(csv).toHaveLength(7);
    expect(csv[0]).toMatch(/^generation,deaths,stuck,goals,truncated,deathRate,meanReturn,.*aversion:edge/);
    const report = read(out, 'report.html');
    expect(report).toContain('<svg');
    for (const title of [
      'how lives end, by generation',
      'return by generation',
      'aversion per look',
      'evolved dispositions per look',
    ])
      expect(report).toContain(title);
  });

  it('replays an evolved genome with run --agent animal, and refuses a bad one', () => {
    const doc = JSON.parse(runs[0].stdout);
    const replay = trapworld([
      'run',
      world,
      '--agent',
      'animal',
      '--opt',
      `genome=${doc.final.fittest.genome}`,
      '--json',
    ]);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout).agent).toBe('animal');
    const bad = trapworld(['run', world, '--agent', 'animal', '--opt', 'genome={"looks":3}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/option "genome": looks: expected an object/);
  });

  it('lives a built-in world by name, printing the generations, the fears and where the files are', () => {
    const out = join(dir, 'text');
    const r = trapworld([
      'evolve',
      'snake-corridor',
      '--population',
      '4',
      '--generations',
      '2',
      '--workers',
      '1',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^2 generations of 4 individuals in snake-corridor, seed 0\. Deaths per individual: \d\.\d\d in generation 0, \d\.\d\d in generation 1\./,
    );
    expect(r.stdout).toContain('generation  deaths  stuck  goals  truncated  mean return');
    expect(r.stdout).toMatch(/learned to fear: /);
    expect(r.stdout).toContain(join(out, 'report.html'));
    expect(r.stderr).toMatch(/^evolve: snake-corridor, 2 generations × 4 individuals/);
    expect(JSON.parse(read(out, 'evolve.json')).looks).toContain('snake');
  });

  it.each([
    [['--population', '1'], /--population: expected an integer in \[2, 100000\], got "1"/],
    [['--generations', '0'], /--generations: expected an integer in \[1, 100000\], got "0"/],
    [['--workers', '0'], /--workers: expected an integer/],
    [['--seed', 'x'], /--seed: expected an integer/],
    [['--param', 'size=3'], /takes no parameters/],
  ])('refuses %j: exit 2, one line, nothing written', (args, message) => {
    const out = join(dir, `bad-${args.join('')}`);
    const r = trapworld(['evolve', world, ...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it("breeds a user's agent module (--agent FILE) that takes its genes as the option genome", () => {
    const animal = join(repo, 'tests/fixtures/modules/timid-animal.mjs');
    const out = join(dir, 'module');
    const r = trapworld([
      'evolve',
      world,
      ...SMALL,
      '--workers',
      '2',
      '--agent',
      animal,
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).generations).toHaveLength(6);
    const wrong = trapworld([
      'evolve',
      world,
      ...SMALL,
      '--agent',
      join(repo, 'tests/fixtures/modules/wanderer.mjs'),
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/must take its genes as a string option "genome"/);
  });

  it('refuses an unknown world, a world without a start, and an --out that is a file', () => {
    expect(trapworld(['evolve', 'no-such-world']).code).toBe(2);
    const noStart = join(dir, 'no-start.json');
    writeFileSync(noStart, JSON.stringify({ name: 'no-start', map: ['..G'] }));
    const r = trapworld(['evolve', noStart, '--out', join(dir, 'no-start')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no start cell/);
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const f = trapworld(['evolve', world, '--out', file]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/not a directory/);
  });

  it('stops on Ctrl-C: exit 130, the finished generations written, no report', async () => {
    const out = join(dir, 'interrupted');
    const child = spawn(
      process.execPath,
      [
        join(repo, 'bin/trapworld.js'),
        'evolve',
        world,
        '--population',
        '24',
        '--generations',
        '100000',
        '--workers',
        '1',
        '--out',
        out,
      ],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The first progress line comes once the pool is starting; let a few generations finish.
    await new Promise<void>((resolve) => {
      const check = () =>
        stderr.includes('evolve: generation') ? setTimeout(resolve, 600) : setTimeout(check, 50);
      check();
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted after \d+ of 100000 generations/);
    const doc = JSON.parse(read(out, 'evolve.json'));
    expect(doc.interrupted).toBe(true);
    expect(doc.generations.length).toBeLessThan(100000);
    expect(read(out, 'generations.csv').trim().split('\n')).toHaveLength(doc.generations.length + 1);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });
});
