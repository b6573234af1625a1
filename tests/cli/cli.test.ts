import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agents } from '../../agents/index.ts';
import { environments } from '../../environments/index.ts';
import { runAgent } from '../../src/core/run.ts';
import { defaultOptions } from '../../src/core/options.ts';
import { hashTrajectory } from '../../src/core/hash.ts';
import { trapworld, trapworldJson } from './run-cli.ts';

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);

describe('trapworld list', () => {
  it('lists environments and agents with titles and options', () => {
    const out = trapworldJson<{
      environments: { name: string; title: string }[];
      agents: { name: string; options: unknown[] }[];
    }>(['list']);
    expect(out.environments.map((e) => e.name)).toContain('snake-corridor');
    expect(out.agents.map((a) => a.name)).toEqual(expect.arrayContaining(['random', 'scripted']));
    expect(trapworld(['list']).stdout).toMatch(/Snake in the corridor/);
  });
});

describe('trapworld --version', () => {
  it("prints package.json's version and exits 0", () => {
    const r = trapworld(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
  });
});

describe('trapworld validate', () => {
  it('says ok for good files, JSON and TypeScript', () => {
    const r = trapworld(['validate', 'environments/snake-corridor.json', 'tests/fixtures/generated-room.ts']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('environments/snake-corridor.json: ok\ntests/fixtures/generated-room.ts: ok\n');
  });
  it('loads TypeScript environments kept outside the repository (compiled as CommonJS there)', () => {
    // A directory with no package.json saying "type": "module", as a user's own folder usually is.
    const dir = mkdtempSync(join(tmpdir(), 'tw-ts-'));
    const format = join(process.cwd(), 'src/core/format.ts');
    writeFileSync(
      join(dir, 'default-export.ts'),
      `import { defineEnvironment } from ${JSON.stringify(format)};\nconst map: string[] = ['A..G'];\nexport default defineEnvironment({ name: 'outside-default', map });\n`,
    );
    writeFileSync(
      join(dir, 'named-export.ts'),
      `export const world = { name: 'outside-named', map: ['A.G'] };\n`,
    );
    const r = trapworld(['validate', join(dir, 'default-export.ts'), join(dir, 'named-export.ts')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const run = trapworldJson<{ environment: string; episodes: { outcome: string; steps: number }[] }>([
      'run',
      join(dir, 'default-export.ts'),
      '--actions',
      'E,E,E',
    ]);
    expect(run.environment).toBe('outside-default');
    expect(run.episodes[0]).toMatchObject({ outcome: 'goal', steps: 3 });
  });
  it('prints notes on a valid file to stderr without failing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-'));
    const file = join(dir, 'disguise.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'disguise',
        map: ['AxG'],
        legend: { x: 'fake-floor' },
        tiles: { 'fake-floor': { look: 'floor', enter: { effect: 'death' } } },
      }),
    );
    const r = trapworld(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${file}: ok\n`);
    expect(r.stderr.startsWith(`${file}: note: glyph "x" draws "fake-floor" directly`)).toBe(true);
    const json = trapworldJson<{ files: { ok: boolean; notes: string[] }[] }>(['validate', file]);
    expect(json.files[0].ok).toBe(true);
    expect(json.files[0].notes).toHaveLength(1);
  });
  it('reports every error with file, line, column and field, exits 2, no stack trace', () => {
    const r = trapworld(['validate', 'tests/fixtures/bad-prior.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /tests\/fixtures\/bad-prior\.json:\d+:\d+: gamma: expected a number at most 1, got 2/,
    );
    noStack(r.stderr);
  });
  it('reports a JSON syntax error with its line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "name": "x",\n  "map": ["A.G"]\n  "gamma": 1\n}\n');
    const r = trapworld(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:4:3: (top level): JSON syntax error: comma expected`);
  });
  it('--json reports per file', () => {
    const r = trapworld([
      'validate',
      'tests/fixtures/bad-prior.json',
      'environments/snake-corridor.json',
      '--json',
    ]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { files: { ok: boolean; errors: { path: string }[] }[] };
    expect(out.files[0].ok).toBe(false);
    expect(out.files[0].errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['unknowns.snake.prior', 'gamma']),
    );
    expect(out.files[1].ok).toBe(true);
  });
  it('a missing file is a clear error', () => {
    const r = trapworld(['validate', 'nope.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.json: no such file');
  });
});

describe('trapworld run', () => {
  it('--actions plays the list; --json has the fixed field names', () => {
    const out = trapworldJson<{
      environment: string;
      agent: string;
      seed: number;
      episodes: Record<string, unknown>[];
      summary: object;
    }>(['run', 'snake-corridor', '--actions', 'E,E,poke-E', '--seed', '3']);
    expect(out.environment).toBe('snake-corridor');
    // The agent that plays an action list, by the name `trapworld list` and bench rows use.
    expect(out.agent).toBe('scripted');
    expect(out.seed).toBe(3);
    const e = out.episodes[0];
    for (const key of [
      'episode',
      'truth',
      'outcome',
      'return',
      'discountedReturn',
      'performance',
      'steps',
      'pokes',
    ])
      expect(e).toHaveProperty(key);
    expect(e.steps).toBe(3);
    expect(e.pokes).toBe(1);
  });
  it('an agent option given twice is a usage error (exit 2), not a silent last-one-wins', () => {
    const r = trapworld([
      'run',
      'snake-corridor',
      '--agent',
      'prober',
      '--opt',
      'budget=0.1',
      '--opt',
      'budget=0.2',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('trapworld: agent "prober" option "budget" is given twice\n');
  });
  it('an empty action list is a usage error (exit 2)', () => {
    const r = trapworld(['run', 'snake-corridor', '--actions', ' , ']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'trapworld: the action list is empty: give actions such as E,E,poke-S (option actions)\n',
    );
  });
  it('--truth fixes the world: the live snake kills, the dead one does not', () => {
    const walk = ['run', 'snake-corridor', '--actions', 'E,E,E,E,E,E'];
    const live = trapworldJson<{ episodes: { outcome: string; return: number; truth: object }[] }>([
      ...walk,
      '--truth',
      'snake=live-snake',
    ]);
    expect(live.episodes[0]).toMatchObject({
      outcome: 'death',
      return: -103,
      truth: { 'snake@4,1': 'live-snake' },
    });
    const dead = trapworldJson<{ episodes: { outcome: string; return: number }[] }>([
      ...walk,
      '--truth',
      'snake@4,1=dead-snake',
    ]);
    expect(dead.episodes[0]).toMatchObject({ outcome: 'goal', return: 4 });
  });
  it('runs several episodes of an agent, deterministically per seed', () => {
    const args = ['run', 'snake-corridor', '--agent', 'random', '--episodes', '4', '--seed', '11'];
    const a = trapworld([...args, '--json']);
    const b = trapworld([...args, '--json']);
    const strip = (s: string) =>
      (JSON.parse(s) as { episodes: { decisionMs?: number }[] }).episodes.map(
        ({ decisionMs: _, ...rest }) => rest,
      );
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    expect(strip(a.stdout)).toHaveLength(4);
  });
  it('runs a TypeScript environment file', () => {
    const out = trapworldJson<{ environment: string; episodes: { outcome: string }[] }>([
      'run',
      'tests/fixtures/generated-room.ts',
      '--actions',
      'S,S,S,E,E,E',
    ]);
    expect(out.environment).toBe('generated-room');
    expect(out.episodes[0].outcome).toBe('goal');
  });
  it('--trace writes every step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-'));
    const file = join(dir, 'trace.json');
    const r = trapworld(['run', 'snake-corridor', '--agent', 'random', '--seed', '2', '--trace', file]);
    expect(r.code).toBe(0);
    const trace = JSON.parse(readFileSync(file, 'utf8')) as {
      episodes: { steps: { action: string; x: number; y: number }[] }[];
    };
    expect(trace.episodes[0].steps.length).toBeGreaterThan(0);
    expect(trace.episodes[0].steps[0]).toHaveProperty('action');
  });
  it.each([
    [['run', 'nope', '--agent', 'random'], /unknown environment "nope"/],
    [['run', 'snake-corridor', '--agent', 'nobody'], /unknown agent "nobody"/],
    [['run', 'snake-corridor', '--agent', 'random', '--seed', 'x'], /--seed: expected an integer/],
    [['run', 'snake-corridor', '--agent', 'random', '--episodes', '0'], /--episodes: expected an integer/],
    [
      ['run', 'snake-corridor', '--agent', 'random', '--opt', 'speed=3'],
      /agent "random" has no option "speed"/,
    ],
    [
      ['run', 'snake-corridor', '--agent', 'random', '--truth', 'snake=alive'],
      /"alive" is not a variant of "snake"/,
    ],
    [
      ['run', 'snake-corridor', '--agent', 'random', '--truth', 'snake@1,1=live-snake'],
      /cell 1,1 is not drawn with unknown "snake"/,
    ],
    [['run', 'snake-corridor', '--actions', 'E,X,E'], /action 2 "X" is not an action/],
    [['run', 'snake-corridor'], /give --agent NAME or --actions/],
    [
      ['run', 'snake-corridor', '--agent', 'random', '--frobnicate'],
      /^trapworld: unknown option '--frobnicate'\n/,
    ],
    [['frobnicate'], /^trapworld: unknown command 'frobnicate'\n/],
    [['run', 'tests/fixtures/bad-prior.json', '--agent', 'random'], /probabilities must sum to 1/],
    [['solve', 'snake-corridor'], /fix snake@4,1 with --truth/],
    [
      ['solve', 'snake-corridor', '--truth', 'snake=live-snake', '--policy', 'best'],
      /--policy: expected optimal or random/,
    ],
    [
      ['solve', 'snake-corridor', '--truth', 'snake=live-snake', '--gamma', '1.5'],
      /--gamma: expected a number in \[0, 1\]/,
    ],
  ])('bad input %j exits 2 with a clear message and no stack', (args, message) => {
    const r = trapworld(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
    expect(r.stdout).toBe('');
  });
  it('an unwritable --trace exits 2 and leaves nothing behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-'));
    const target = join(dir, 'missing-dir', 'trace.json');
    const r = trapworld(['run', 'snake-corridor', '--agent', 'random', '--trace', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('every subcommand has --help', () => {
    for (const cmd of ['list', 'validate', 'run', 'solve']) {
      const r = trapworld([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: trapworld/);
    }
  });
});

describe('trapworld solve', () => {
  it('prints values with null for walls, and points of no return', () => {
    const out = trapworldJson<{ values: (number | null)[][]; kinds: string[][] }>([
      'solve',
      'snake-corridor',
      '--truth',
      'snake=live-snake',
    ]);
    expect(out.values[0].every((v) => v === null)).toBe(true);
    expect(out.kinds[1][4]).toBe('trap');
    const safe = trapworldJson<{ values: (number | null)[][] }>([
      'solve',
      'snake-corridor',
      '--truth',
      'snake=dead-snake',
    ]);
    // Six steps from the start to the goal at γ 0.95: -1 - .95 - ... - .95^4 + .95^5 * 9.
    const expected = -(1 - 0.95 ** 5) / 0.05 + 0.95 ** 5 * 9;
    expect(safe.values[1][1]).toBeCloseTo(expected, 9);
  });
  it('draws the points of no return as text, every kind with a visible symbol', () => {
    const r = trapworld(['solve', 'snake-corridor', '--truth', 'snake=live-snake']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // Past the live snake the corridor cannot be reached from the start.
    expect(lines.slice(-3)).toEqual(['#########', '#DDDX--G#', '#########']);
    expect(lines.at(-4)).toMatch(/- unreachable\):$/);
  });
});

describe('run prints each episode’s trajectory hash', () => {
  it('the same as the library’s hash of the same run (the fingerprint the app shows)', () => {
    const out = trapworldJson<{ episodes: { hash: string }[] }>([
      'run',
      'snake-corridor',
      '--agent',
      'prober',
      '--seed',
      '3',
      '--episodes',
      '2',
    ]);
    const def = agents.get('prober')!;
    const ref = runAgent(environments.get('snake-corridor')!, def, defaultOptions(def), {
      seed: 3,
      episodes: 2,
      trace: true,
    });
    expect(out.episodes.map((e) => e.hash)).toEqual(ref.traces.map((t) => hashTrajectory(t)));
    expect(trapworld(['run', 'snake-corridor', '--agent', 'prober', '--seed', '3']).stdout).toContain(
      `hash ${out.episodes[0].hash}`,
    );
  });
});
