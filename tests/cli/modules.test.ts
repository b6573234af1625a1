/**
 * The user's own modules at the command line (issue 15): an agent module (`--agent ./x.mjs|.ts`) in
 * `run` and in `bench --workers 2`, where every worker thread loads it; a `.ts` environment that is a
 * generator with declared parameters (`--param KEY=VALUE`, shown by `list`); and every way such a module
 * can be wrong: exit 2, one plain line naming the file and what was expected, no stack trace, nothing
 * written.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonical, noStack, readRows, repo, tempDir, trapworld } from '../bench/helpers.ts';

const modules = join(repo, 'tests/fixtures/modules');
const wanderer = join(modules, 'wanderer.mjs');
const careful = join(modules, 'careful.ts');
const lavaRoom = join(modules, 'lava-room.ts');

interface RunJson {
  agent: string;
  environment: string;
  episodes: { outcome: string; return: number; discountedReturn: number; steps: number; pokes: number }[];
}

/** `run … --json` with the wall-clock decision times left out. */
function runJson(args: string[]): RunJson {
  const r = trapworld([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout, (key, value: unknown) =>
    /decisionMs/i.test(key) ? undefined : value,
  ) as RunJson;
}

/** Exit 2, nothing on stdout, exactly one line on stderr that names `file`, no stack trace. */
function expectOneLineRefusal(r: { code: number; stdout: string; stderr: string }, file: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^trapworld: /);
  expect(lines[0]).toContain(file);
  expect(noStack(r.stderr)).toBe(true);
}

describe('agent modules in run', () => {
  it('an .mjs agent runs, deterministically per seed, with its own options', () => {
    const args = ['run', 'snake-corridor', '--agent', wanderer, '--seed', '3', '--episodes', '3'];
    const a = runJson(args);
    expect(a.agent).toBe('wanderer');
    expect(a.episodes).toHaveLength(3);
    expect(runJson(args)).toEqual(a);
    // eastBias=1: straight east, past a dead snake to the goal in 6 steps.
    const east = runJson([
      'run',
      'snake-corridor',
      '--agent',
      wanderer,
      '--opt',
      'eastBias=1',
      '--truth',
      'snake=dead-snake',
    ]);
    expect(east.episodes[0]).toMatchObject({ outcome: 'goal', steps: 6, pokes: 0 });
    const bad = trapworld(['run', 'snake-corridor', '--agent', wanderer, '--opt', 'eastBias=2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/eastBias/);
  });

  it('a .ts agent that imports a helper module of its own runs (bundled, types stripped)', () => {
    const r = runJson(['run', 'snake-corridor', '--agent', careful, '--truth', 'snake=dead-snake']);
    expect(r.agent).toBe('careful-ts');
    // Pokes east before each of the six steps east.
    expect(r.episodes[0]).toMatchObject({ outcome: 'goal', steps: 12, pokes: 6 });
  });

  it('a relative path works from the folder it is relative to', () => {
    const r = trapworld(['run', 'snake-corridor', '--agent', './wanderer.mjs', '--json'], { cwd: modules });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as RunJson).agent).toBe('wanderer');
  });
});

describe('agent modules in bench --workers 2', () => {
  it('every worker loads the .mjs and .ts modules: no error rows, the same rows as 1 worker and as run', () => {
    const dirs = [tempDir(), tempDir()];
    const common = [
      'bench',
      '--envs',
      'snake-corridor,thin-ice',
      '--agent',
      careful,
      '--agents',
      `${wanderer},${wanderer}:eastBias=0.9`,
      '--seeds',
      '6',
      '--json',
    ];
    const two = trapworld([...common, '--workers', '2', '--out', dirs[0]]);
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    const one = trapworld([...common, '--workers', '1', '--out', dirs[1]]);
    expect(one.code).toBe(0);
    const rows = readRows(dirs[0]);
    // 2 worlds × (careful-ts, wanderer:eastBias=0.9, wanderer) × 6 seeds.
    expect(rows).toHaveLength(36);
    expect(rows.filter((r) => r.error !== null)).toEqual([]);
    expect(new Set(rows.map((r) => `${r.agent}:${JSON.stringify(r.options)}`))).toEqual(
      new Set(['careful-ts:{}', 'wanderer:{"eastBias":0.5}', 'wanderer:{"eastBias":0.9}']),
    );
    expect(canonical(readRows(dirs[1]))).toEqual(canonical(rows));
    // A bench row is what `run --agent FILE --seed S` plays.
    for (const seed of [0, 5]) {
      const run = runJson(['run', 'thin-ice', '--agent', wanderer, '--seed', String(seed)]);
      const row = rows.find(
        (r) =>
          r.environment === 'thin-ice' &&
          r.agent === 'wanderer' &&
          r.options.eastBias === 0.5 &&
          r.seed === seed,
      )!;
      expect({ outcome: row.outcome, return: row.return, steps: row.steps }).toEqual({
        outcome: run.episodes[0].outcome,
        return: run.episodes[0].return,
        steps: run.episodes[0].steps,
      });
    }
  });
});

describe('a module that fails to load or exports the wrong shape: exit 2, one line, nothing written', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cases: [string, string, RegExp][] = [
    [join(modules, 'not-an-agent.mjs'), '', /expected its default export to be an agent definition.*create/],
    [
      join(modules, 'throws-on-import.mjs'),
      '',
      /the module failed to load: this module is broken on purpose/,
    ],
    [join(dir, 'missing.mjs'), '', /no such file \(expected an agent module/],
    [write('agent.txt', 'hello\n'), '', /expected an agent module ending in \.mjs, \.js/],
    [
      write('syntax.ts', 'export default { name: "x", create( };\n'),
      '',
      /cannot compile the module: .*syntax\.ts:1:/,
    ],
    [
      write('named.mjs', 'export const agent = { name: "named", create() { return {}; } };\n'),
      '',
      /the module has no default export \(it exports agent\)/,
    ],
    [write('bad-name.mjs', 'export default { name: "a b", create() {} };\n'), '', /"name" must be an id/],
    [
      write(
        'bad-option.mjs',
        'export default { name: "opt", options: [{ name: "k", type: "number", default: "x" }], create() {} };\n',
      ),
      '',
      /option "k": default must be a number/,
    ],
    [
      write(
        'no-act.mjs',
        'export default { name: "no-act", create() { return { reset() {}, observe() {} }; } };\n',
      ),
      '',
      /create\(\) returned an object without act; expected an agent \{ reset\(context\), act\(observation\), observe\(transition\) \}/,
    ],
  ];

  for (const [file, , message] of cases) {
    it(`${file.slice(file.lastIndexOf('/') + 1)}: run and bench --workers 2`, () => {
      const run = trapworld(['run', 'snake-corridor', '--agent', file]);
      expectOneLineRefusal(run, file);
      expect(run.stderr).toMatch(message);
      const out = join(tempDir(), 'out');
      const bench = trapworld([
        'bench',
        '--envs',
        'snake-corridor',
        '--agent',
        file,
        '--seeds',
        '2',
        '--workers',
        '2',
        '--out',
        out,
      ]);
      expectOneLineRefusal(bench, file);
      expect(bench.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('bench refuses a module agent named like a built-in one', () => {
    const file = write('taken.mjs', 'export default { name: "random", create() { return {}; } };\n');
    const r = trapworld(['bench', '--envs', 'snake-corridor', '--agent', file, '--out', join(dir, 'o')]);
    expectOneLineRefusal(r, file);
    expect(r.stderr).toMatch(/named "random", which is taken by a built-in agent/);
  });

  it('an environment module that fails to load or exports no environment', () => {
    const broken = write('broken-env.ts', 'throw new Error("no world today");\nexport default {};\n');
    const empty = write('empty-env.ts', 'export const answer = 42;\n');
    for (const [file, message] of [
      [broken, /the module failed to load: no world today/],
      [empty, /expected the module to export an environment or an environment generator/],
    ] as const) {
      const r = trapworld(['run', file, '--actions', 'E']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(message);
      expect(noStack(r.stderr)).toBe(true);
    }
  });
});

describe('environment generators with --param', () => {
  it('list shows the parameters with their defaults and ranges (text and --json)', () => {
    const text = trapworld(['list', lavaRoom]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('lava-room');
    expect(text.stdout).toContain('generator; at its defaults 6×6');
    expect(text.stdout).toMatch(/--param size=6 {2}an integer in \[4, 32\]: side of the room/);
    expect(text.stdout).toMatch(/--param lava=true {2}true or false/);
    expect(text.stdout).toMatch(/--param slip=0 {2}a number in \[0, 0\.5\]/);
    const json = JSON.parse(trapworld(['list', lavaRoom, '--json']).stdout) as {
      environments: { name: string; generator: boolean; params: { name: string; type: string }[] }[];
    };
    expect(json.environments[0]).toMatchObject({ name: 'lava-room', generator: true });
    expect(json.environments[0].params.map((p) => [p.name, p.type])).toEqual([
      ['size', 'integer'],
      ['lava', 'boolean'],
      ['slip', 'number'],
    ]);
  });

  it('run, solve and analyze build the world from the parameters, the rest at their defaults', () => {
    // At the defaults (size 6, lava on) two steps east walk into the lava column.
    expect(runJson(['run', lavaRoom, '--actions', 'E,E']).episodes[0].outcome).toBe('death');
    const open = runJson([
      'run',
      lavaRoom,
      '--param',
      'size=8',
      '--param',
      'lava=false',
      '--actions',
      'E,E,E,E,E,S,S,S,S,S',
    ]);
    expect(open.episodes[0]).toMatchObject({ outcome: 'goal', steps: 10 });
    const solved = JSON.parse(trapworld(['solve', lavaRoom, '--param', 'size=5', '--json']).stdout) as {
      values: unknown[][];
    };
    expect(solved.values).toHaveLength(5);
    const analyzed = trapworld(['analyze', lavaRoom, '--param', 'size=5', '--json']);
    expect(analyzed.code).toBe(0);
    expect(JSON.parse(analyzed.stdout)).toMatchObject({ environment: 'lava-room', hypotheses: 1 });
  });

  it('bench gives --param to the generator; the rows are those of run', () => {
    const out = tempDir();
    const r = trapworld([
      'bench',
      '--envs',
      `${lavaRoom},snake-corridor`,
      '--param',
      'lava=false',
      '--agents',
      'random',
      '--seeds',
      '3',
      '--workers',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const rows = readRows(out).filter((row) => row.environment === 'lava-room');
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const run = runJson([
        'run',
        lavaRoom,
        '--param',
        'lava=false',
        '--agent',
        'random',
        '--seed',
        String(row.seed),
      ]);
      expect(row.return).toBe(run.episodes[0].return);
    }
  });

  it('bad parameters: exit 2, one line naming the file, the parameter and what it accepts', () => {
    const cases: [string[], string][] = [
      [
        ['run', lavaRoom, '--param', 'size=99', '--actions', 'E'],
        `${lavaRoom}: parameter "size" of lava-room: expected an integer in [4, 32], got 99`,
      ],
      [
        ['run', lavaRoom, '--param', 'size=big', '--actions', 'E'],
        `${lavaRoom}: parameter "size" of lava-room: expected an integer in [4, 32], got "big"`,
      ],
      [
        ['run', lavaRoom, '--param', 'lava=maybe', '--actions', 'E'],
        'parameter "lava" of lava-room: expected true or false, got "maybe"',
      ],
      [
        ['run', lavaRoom, '--param', 'holes=3', '--actions', 'E'],
        `${lavaRoom}: parameter "holes" is not one of lava-room's (size, lava, slip)`,
      ],
      [['run', lavaRoom, '--param', 'size', '--actions', 'E'], '--param size: expected KEY=VALUE'],
      [
        ['run', 'snake-corridor', '--param', 'size=5', '--actions', 'E'],
        'environment "snake-corridor" takes no parameters (it is not a generator); got size',
      ],
      [
        ['bench', '--envs', 'snake-corridor', '--param', 'size=5', '--out', join(tempDir(), 'o')],
        '--param size: no environment generator in --envs declares it',
      ],
    ];
    for (const [args, message] of cases) {
      const r = trapworld(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toContain(message);
      expect(noStack(r.stderr)).toBe(true);
    }
  });

  it('a generator declared wrongly is refused with every problem, under the file name', () => {
    const dir = tempDir();
    const file = join(dir, 'bad-generator.ts');
    writeFileSync(
      file,
      [
        'export default {',
        '  name: "Bad Name",',
        '  params: { size: { default: 3, min: 4, max: 2 }, mode: { default: "x", values: ["a", "b"] } },',
        '  generate() { return { map: ["AG"] }; },',
        '};',
        '',
      ].join('\n'),
    );
    const r = trapworld(['run', file, '--actions', 'E']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/name: expected a kebab-case id/);
    expect(r.stderr).toMatch(/params\.size\.min: min 4 is above max 2/);
    expect(r.stderr).toMatch(/params\.mode\.default: expected one of a, b, got "x"/);
    expect(noStack(r.stderr)).toBe(true);
  });
});
