/**
 * The package as another project gets it (issue 15): `npm pack` this repository (dist/ is built by the
 * global setup), install the tarball in a fresh project with npm, and there
 * - import { loadEnvironment, createEpisode, runBench, agents, defineAgent, defineEnvironment } from
 *   'trapworld' in an .mjs file and play an episode;
 * - run every example of docs/library.md and compare its output with the page;
 * - type-check TypeScript that uses the exported types with this repository's tsc (no skipLibCheck);
 * - run the installed command line with an .mjs agent in `run` and in `bench --workers 2`.
 *
 * npm installs the dependencies from its cache when it has them (CI's `npm ci` fills it), else from the
 * registry (`--prefer-offline`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repo } from '../bench/helpers.ts';

const require = createRequire(import.meta.url);
const npmCli = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** This process's environment without the npm_* variables `npm test` sets (they would steer npm). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function npm(args: string[], cwd: string): string {
  return execFileSync(npmCli, args, {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function node(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The fenced blocks of a markdown page, with what stands between each and the one before. */
function fencedBlocks(md: string): { lang: string; body: string; before: string }[] {
  const out: { lang: string; body: string; before: string }[] = [];
  let last = 0;
  for (const m of md.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    out.push({ lang: m[1], body: m[2], before: md.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  return out;
}

let consumer = '';
let packed: string[] = [];

beforeAll(() => {
  const work = mkdtempSync(join(tmpdir(), 'tw-package-'));
  // dist/ and its types are fresh (tests/global-setup.ts builds them), so pack without `prepare`.
  const [info] = JSON.parse(
    npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], repo),
  ) as { filename: string; files: { path: string }[] }[];
  packed = info.files.map((f) => f.path);
  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  npm(
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, info.filename)],
    consumer,
  );
}, 180_000);

describe('the packed package', () => {
  it('holds the library, the command line, the worker and the declarations, and no sources', () => {
    for (const f of [
      'dist/index.js',
      'dist/cli.js',
      'dist/worker.js',
      'bin/trapworld.js',
      'dist/types/src/index.d.ts',
    ])
      expect(packed).toContain(f);
    expect(packed.filter((f) => /^(src|tests|agents|environments)\//.test(f))).toEqual([]);
    const installed = JSON.parse(
      readFileSync(join(consumer, 'node_modules/trapworld/package.json'), 'utf8'),
    ) as { exports: Record<string, { types: string; default: string }> };
    for (const target of Object.values(installed.exports['.']))
      expect(existsSync(join(consumer, 'node_modules/trapworld', target)), target).toBe(true);
    expect(existsSync(join(consumer, 'node_modules/.bin/trapworld'))).toBe(true);
  });

  it('a fresh project imports it and plays an episode through the API', () => {
    writeFileSync(
      join(consumer, 'fresh.mjs'),
      [
        "import { loadEnvironment, createEpisode, runBench, agents, defineAgent, defineEnvironment } from 'trapworld';",
        "const env = await loadEnvironment(defineEnvironment({ name: 'hall', map: ['A..G'] }));",
        'const episode = createEpisode(env, { seed: 7 });',
        'const { observation } = episode.reset();',
        "const steps = [episode.step('E'), episode.step('E'), episode.step('E')];",
        "const east = defineAgent({ name: 'east', create: () => ({ reset() {}, act: () => 'E', observe() {} }) });",
        'console.log(JSON.stringify({',
        '  start: [observation.x, observation.y],',
        '  rewards: steps.map((s) => s.reward),',
        '  terminated: steps[2].terminated,',
        '  outcome: episode.outcome,',
        "  prober: agents.names().includes('prober'),",
        '  runBench: typeof runBench, east: east.title,',
        '}));',
        '',
      ].join('\n'),
    );
    const r = node(['fresh.mjs'], consumer);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      start: [0, 0],
      rewards: [-1, -1, 9],
      terminated: true,
      outcome: 'goal',
      prober: true,
      runBench: 'function',
      east: 'east',
    });
  });

  it('every example of docs/library.md runs there and prints what the page shows', () => {
    const md = readFileSync(join(repo, 'docs/library.md'), 'utf8');
    const blocks = fencedBlocks(md);
    const examples: { file: string; expected: string | null }[] = [];
    blocks.forEach((b, i) => {
      const name = /^\/\/ ([\w.-]+\.(?:mjs|ts)):/.exec(b.body)?.[1];
      if (!name || !['js', 'ts'].includes(b.lang)) return;
      writeFileSync(join(consumer, name), b.body);
      const next = blocks[i + 1];
      const printed = next?.lang === 'text' && /^\s*It prints:\s*$/.test(next.before);
      examples.push({ file: name, expected: printed ? next.body : null });
    });
    expect(examples.map((e) => e.file)).toEqual([
      'play.mjs',
      'careful-agent.mjs',
      'compare.mjs',
      'worlds.mjs',
      'south-first.ts',
    ]);
    for (const { file, expected } of examples) {
      if (expected === null) continue;
      const r = node([file], consumer);
      expect(r.stderr, file).toBe('');
      expect(r.stdout, file).toBe(expected);
    }
    // The command lines shown, with the installed `trapworld`.
    const bin = join(consumer, 'node_modules/trapworld/bin/trapworld.js');
    const commands = blocks
      .filter((b) => b.lang === 'sh')
      .flatMap((b) => b.body.split('\n'))
      .filter((l) => l.startsWith('npx trapworld '));
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const line of commands) {
      const r = node([bin, ...line.replace(/^npx trapworld /, '').split(/\s+/)], consumer);
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
    }
    // The TypeScript agent runs as it is.
    const ts = node([bin, 'run', 'snake-corridor', '--agent', './south-first.ts', '--json'], consumer);
    expect(ts.code, ts.stderr).toBe(0);
    expect(JSON.parse(ts.stdout)).toMatchObject({ agent: 'south-first' });
    // The refusal shown for a module that exports no agent.
    const refusal = blocks.find((b) => b.lang === 'text' && b.body.startsWith('trapworld: ./my-agent.mjs'))!;
    writeFileSync(join(consumer, 'my-agent.mjs'), "export default { name: 'mine' };\n");
    const bad = node([bin, 'run', 'snake-corridor', '--agent', './my-agent.mjs'], consumer);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(refusal.body);
  });

  it("a consumer's TypeScript using the exported types type-checks with the repository's tsc", () => {
    writeFileSync(
      join(consumer, 'consumer.ts'),
      [
        "import { createEpisode, defineAgent, defineEnvironment, loadEnvironment, runAgent, runBench } from 'trapworld';",
        "import type { Action, AgentDefinition, BenchOutcome, EnvironmentFile, Observation, StepResult } from 'trapworld';",
        '',
        "const world: EnvironmentFile = { name: 'tiny', map: ['A.G'], rewards: { step: -1, goal: 5 } };",
        'export const east: AgentDefinition = defineAgent({',
        "  name: 'east',",
        '  create: (env) => ({',
        '    reset() {},',
        "    act: (o: Observation): Action => (o.alive && env.actions.includes('E') ? 'E' : 'wait'),",
        '    observe() {},',
        '  }),',
        '});',
        'export const family = defineEnvironment({',
        "  name: 'family',",
        '  params: { size: { default: 5, min: 3, max: 9 }, lava: { default: false } },',
        // size is a number and lava a boolean inside generate, from the declared defaults.
        "  generate: ({ size, lava }) => ({ map: [`A${(lava ? '~' : '.').repeat(size - 2)}G`] }),",
        '});',
        'export async function play(): Promise<number> {',
        '  const env = await loadEnvironment(world);',
        '  const episode = createEpisode(env, { seed: 1 });',
        '  episode.reset();',
        "  const result: StepResult = episode.step('E');",
        '  const run = await runAgent(env, east, { episodes: 2 });',
        "  const bench: BenchOutcome = await runBench({ envs: [env], agents: ['random'], out: 'o' });",
        '  return result.reward + run.episodes[0].return + bench.runs;',
        '}',
        '// @ts-expect-error: not an action',
        "export const jump: Action = 'jump';",
        '// @ts-expect-error: a world needs a map',
        "export const nowhere: EnvironmentFile = { name: 'nowhere' };",
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(repo, 'node_modules/@types')],
        },
        files: ['consumer.ts', 'south-first.ts'],
      }),
    );
    const r = node([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], consumer);
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.code).toBe(0);
  });

  it('the installed command line runs an .mjs agent in run and in bench --workers 2', () => {
    const bin = join(consumer, 'node_modules/trapworld/bin/trapworld.js');
    writeFileSync(
      join(consumer, 'east.mjs'),
      "export default { name: 'east', create: () => ({ reset() {}, act: () => 'E', observe() {} }) };\n",
    );
    const run = node(
      [bin, 'run', 'snake-corridor', '--agent', './east.mjs', '--truth', 'snake=dead-snake', '--json'],
      consumer,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      agent: 'east',
      episodes: [{ outcome: 'goal', steps: 6 }],
    });
    const bench = node(
      [
        bin,
        'bench',
        '--envs',
        'snake-corridor,thin-ice',
        '--agent',
        './east.mjs',
        '--seeds',
        '5',
        '--workers',
        '2',
        '--out',
        'east-bench',
        '--json',
      ],
      consumer,
    );
    expect(bench.code, bench.stderr).toBe(0);
    const rows = readFileSync(join(consumer, 'east-bench/results.jsonl'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(10);
    expect(rows.every((l) => (JSON.parse(l) as { error: unknown }).error === null)).toBe(true);
  });
});
