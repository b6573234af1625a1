/**
 * The package's API in-process (src/index.ts, what `import … from 'trapworld'` gives; docs/library.md):
 * loadEnvironment, createEpisode (Gymnasium-shaped, the same episodes as `trapworld run`), runAgent,
 * runBench, defineAgent and defineEnvironment, and the errors each gives for bad input.
 * tests/lib/package.test.ts checks the same from a project that installed the packed package.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  AgentShapeError,
  agents,
  createEpisode,
  defineAgent,
  defineEnvironment,
  EnvLoadError,
  environments,
  loadEnvironment,
  parseEnvironment,
  runAgent,
  runBench,
  UsageError,
  type Action,
  type AgentDefinition,
  type EnvironmentFile,
  type Observation,
} from '../../src/index.ts';
import { repo, trapworld } from '../bench/helpers.ts';

const modules = join(repo, 'tests/fixtures/modules');
const tmp = () => mkdtempSync(join(tmpdir(), 'tw-lib-'));

/** Plays `actions` in a fresh episode; returns what a `run --actions --json` episode reports. */
function play(envName: Awaited<ReturnType<typeof loadEnvironment>>, seed: number, actions: Action[]) {
  const episode = createEpisode(envName, { seed });
  const { info } = episode.reset();
  let ret = 0;
  let steps = 0;
  let stuck = false;
  for (const a of actions) {
    const r = episode.step(a);
    ret += r.reward;
    steps++;
    stuck = r.observation.stuck;
    if (r.terminated || r.truncated) break;
  }
  // `run --actions` ends the episode where the list ends: stuck if the agent is, else truncated; the
  // library leaves it open (outcome null) for the caller to go on.
  const outcome = episode.outcome ?? (stuck ? 'stuck' : 'truncated');
  return { truth: info.truth, outcome, return: ret, steps };
}

describe('loadEnvironment', () => {
  it('a built-in name, a .json path, a .ts generator path with params, an object', async () => {
    expect(await loadEnvironment('thin-ice')).toBe(environments.get('thin-ice'));
    const json = await loadEnvironment(join(repo, 'environments/snake-corridor.json'));
    expect(json.name).toBe('snake-corridor');
    const room = await loadEnvironment(join(modules, 'lava-room.ts'), { params: { size: 9 } });
    expect([room.name, room.width, room.height]).toEqual(['lava-room', 9, 9]);
    const tiny = await loadEnvironment({ name: 'tiny', map: ['A.G'] } satisfies EnvironmentFile);
    expect(tiny.width).toBe(3);
  });

  it('rejects a bad object with an EnvLoadError listing every problem, field by field', async () => {
    const bad = { name: 'Bad Name', map: ['A.G'], gamma: 2, maxSteps: -1 };
    const e = await loadEnvironment(bad as unknown as EnvironmentFile).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EnvLoadError);
    const err = e as EnvLoadError;
    expect(err.issues.map((i) => i.path).sort()).toEqual(['gamma', 'maxSteps', 'name']);
    expect(err.message.split('\n')).toHaveLength(3);
    expect(err.message).toMatch(/^environment "Bad Name": name: expected a kebab-case id/m);
  });

  it('rejects a bad file with path:line:col for every problem', async () => {
    const file = join(repo, 'tests/fixtures/bad-prior.json');
    const e = (await loadEnvironment(file).catch((x: unknown) => x)) as EnvLoadError;
    expect(e).toBeInstanceOf(EnvLoadError);
    const lines = e.message.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(new RegExp(`^${file}:\\d+:\\d+: `));
    const text = readFileSync(file, 'utf8');
    const parsed = (() => {
      try {
        return parseEnvironment(text, 'bad-prior.json');
      } catch (x) {
        return x;
      }
    })() as EnvLoadError;
    expect(parsed.message.replaceAll('bad-prior.json', file)).toBe(e.message);
  });

  it('unknown names, missing files and parameters for a plain world are UsageErrors', async () => {
    await expect(loadEnvironment('nowhere')).rejects.toThrow(UsageError);
    await expect(loadEnvironment('./nowhere.json')).rejects.toThrow(/no such file/);
    await expect(loadEnvironment('thin-ice', { params: { size: 3 } })).rejects.toThrow(/takes no parameters/);
    await expect(loadEnvironment(join(modules, 'lava-room.ts'), { params: { size: 99 } })).rejects.toThrow(
      /parameter "size" of lava-room: expected an integer in \[4, 32\], got 99/,
    );
  });
});

describe('createEpisode', () => {
  it('reset() and step() are Gymnasium-shaped and never show the truth to the agent', async () => {
    const env = await loadEnvironment('snake-corridor');
    const episode = createEpisode(env, { seed: 1, truth: { snake: 'dead-snake' } });
    expect(episode.actions).toEqual(ACTIONS);
    expect(episode.outcome).toBeNull();
    const { observation, info } = episode.reset();
    expect(observation).toMatchObject({ x: 1, y: 1, alive: true, stuck: false, steps: 0, signal: null });
    expect(info).toEqual({ seed: 1, episode: 0, truth: { 'snake@4,1': 'dead-snake' } });
    const poke = episode.step('poke-E');
    expect(poke).toMatchObject({ reward: -1, terminated: false, truncated: false });
    expect(poke.info.events).toContain('poke');
    expect(JSON.stringify(poke.observation)).not.toMatch(/dead-snake|live-snake/);
    let last = poke;
    for (let i = 0; i < 6; i++) last = episode.step('E');
    expect(last).toMatchObject({ reward: 9, terminated: true, truncated: false });
    expect(episode.outcome).toBe('goal');
    expect(() => episode.step('E')).toThrow(/finished episode; call reset\(\)/);
  });

  it('plays the episodes `trapworld run --actions` plays, seed for seed', async () => {
    const env = await loadEnvironment('pit-field');
    const actions: Action[] = ['E', 'E', 'poke-E', 'E', 'E', 'N', 'E', 'E', 'E', 'E', 'E', 'E'];
    for (const seed of [0, 3, 7]) {
      const cli = JSON.parse(
        trapworld(['run', 'pit-field', '--actions', actions.join(','), '--seed', String(seed), '--json'])
          .stdout,
      ) as { episodes: { truth: object; outcome: string; return: number; steps: number }[] };
      const mine = play(env, seed, actions);
      const theirs = cli.episodes[0];
      expect(mine).toEqual({
        truth: theirs.truth,
        outcome: theirs.outcome,
        return: theirs.return,
        steps: theirs.steps,
      });
    }
  });

  it('each reset() starts the next episode of the seed, as run --episodes does; a new seed starts at 0', async () => {
    const env = await loadEnvironment('snake-corridor');
    const episode = createEpisode(env, { seed: 4 });
    const truths = [0, 1, 2].map(() => episode.reset().info);
    expect(truths.map((i) => i.episode)).toEqual([0, 1, 2]);
    const ran = await runAgent(env, 'random', { seed: 4, episodes: 3 });
    expect(truths.map((i) => i.truth)).toEqual(ran.episodes.map((e) => e.truth));
    expect(episode.reset({ seed: 9 }).info).toMatchObject({ seed: 9, episode: 0 });
    expect(episode.reset({ episode: 2 }).info).toMatchObject({ seed: 9, episode: 2 });
  });

  it('refuses bad seeds, bad truths, disallowed actions and step before reset', async () => {
    const env = await loadEnvironment('island-navigation');
    expect(() => createEpisode(env, { seed: -1 })).toThrow(/seed: expected an integer in \[0, 2\^32\)/);
    expect(() => createEpisode(env).step('E')).toThrow(/step\(\) before reset\(\)/);
    const episode = createEpisode(env);
    episode.reset();
    expect(() => episode.step('poke-E')).toThrow(/action "poke-E" is not allowed here \(allowed: N E S W\)/);
    const snake = await loadEnvironment('snake-corridor');
    expect(() => createEpisode(snake, { truth: { snake: 'cobra' } }).reset()).toThrow(
      /"cobra" is not a variant of "snake"/,
    );
  });
});

const eastward: AgentDefinition = defineAgent({
  name: 'eastward',
  create: (env) => ({
    reset() {},
    act: (o: Observation): Action => (o.alive && env.actions.includes('E') ? 'E' : env.actions[0]),
    observe() {},
  }),
});

describe('agents: defineAgent and runAgent', () => {
  it('defineAgent fills in title, description and options; refuses what is not an agent', () => {
    expect(eastward).toMatchObject({ name: 'eastward', title: 'eastward', description: '', options: [] });
    expect(() => defineAgent({ name: 'no create' } as never)).toThrow(TypeError);
    expect(() => defineAgent({ name: 'x', create: () => ({}) as never, options: 3 } as never)).toThrow(
      /"options" must be an array/,
    );
    const agent = { name: 'x', create: () => ({}) as never };
    expect(() => defineAgent({ ...agent, acrossWorlds: 'yes' } as never)).toThrow(
      /"acrossWorlds" must be true or false/,
    );
    expect(() => defineAgent({ ...agent, mentor: { ask: 'E' } } as never)).toThrow(
      /"mentor" must be a function/,
    );
  });

  it('runAgent takes an agent object, a registered name with options, or a module path', async () => {
    const env = await loadEnvironment('snake-corridor');
    const mine = await runAgent(env, eastward, { seed: 0, truth: { snake: 'dead-snake' } });
    expect(mine.episodes[0]).toMatchObject({ outcome: 'goal', steps: 6, return: 4 });
    const prober = await runAgent(env, 'prober', { seed: 1, episodes: 2, options: { budget: '0.01' } });
    expect(prober.options.budget).toBe(0.01);
    expect(prober.episodes).toHaveLength(2);
    const wanderer = await runAgent(env, join(modules, 'wanderer.mjs'), { seed: 2, trace: true });
    expect(wanderer.agent).toBe('wanderer');
    expect(wanderer.traces[0].actions.length).toBe(wanderer.episodes[0].steps);
    const careful = await runAgent(env, join(modules, 'careful.ts'), { truth: { snake: 'dead-snake' } });
    expect(careful.episodes[0]).toMatchObject({ outcome: 'goal', pokes: 6 });
  });

  it('runAgent refuses unknown agents, bad options and a create() that returns no agent', async () => {
    const env = await loadEnvironment('snake-corridor');
    await expect(runAgent(env, 'nobody')).rejects.toThrow(/unknown agent "nobody"/);
    await expect(runAgent(env, 'prober', { options: { budget: 'lots' } })).rejects.toThrow(
      /option "budget": expected a number/,
    );
    const hollow = defineAgent({ name: 'hollow', create: () => ({}) as never });
    await expect(runAgent(env, hollow)).rejects.toThrow(AgentShapeError);
  });

  it('the registries list the built-in agents and worlds', () => {
    expect(agents.names()).toEqual(expect.arrayContaining(['random', 'prober', 'oracle', 'thompson']));
    expect(environments.names()).toEqual(expect.arrayContaining(['snake-corridor', 'thin-ice']));
  });
});

describe('environments: defineEnvironment', () => {
  it('returns an environment unchanged, and a generator whose params type its generate()', async () => {
    const plain = defineEnvironment({ name: 'plain', map: ['A~G'] });
    expect(plain).toEqual({ name: 'plain', map: ['A~G'] });
    const corridor = defineEnvironment({
      name: 'corridor',
      params: { length: { default: 4, min: 3, max: 12 }, lava: { default: false } },
      generate: ({ length, lava }) => ({
        map: [`A${'.'.repeat(length - 3)}${lava ? '~' : '.'}G`],
      }),
    });
    const env = await loadEnvironment(corridor, { params: { length: 6, lava: true } });
    expect([env.name, env.width]).toEqual(['corridor', 6]);
    expect(play(env, 0, Array<Action>(7).fill('E')).outcome).toBe('death');
    await expect(loadEnvironment(corridor, { params: { length: 2 } })).rejects.toThrow(
      /parameter "length" of corridor: expected an integer in \[3, 12\], got 2/,
    );
  });

  it('refuses a generator declared wrongly with every problem', () => {
    const e = (() => {
      try {
        return defineEnvironment({
          name: 'Bad',
          params: { n: { default: 'x', min: 1 }, m: { default: 1, min: 3, max: 2 } },
          generate: () => ({ map: ['AG'] }),
        } as never);
      } catch (x) {
        return x;
      }
    })() as EnvLoadError;
    expect(e).toBeInstanceOf(EnvLoadError);
    expect(e.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['name', 'params.m.min']));
  });
});

describe('runBench', () => {
  it('runs module agents in worker threads, loaded and generated worlds included; same rows as 1 worker', async () => {
    const room = await loadEnvironment(join(modules, 'lava-room.ts'), { params: { lava: false } });
    const options = {
      envs: ['snake-corridor', room],
      agents: [join(modules, 'wanderer.mjs'), 'random'],
      seeds: 4,
    };
    const two = await runBench({ ...options, workers: 2, out: join(tmp(), 'two') });
    expect(two).toMatchObject({ runs: 16, failed: 0, interrupted: false });
    expect(two.summary!.entries.map((e) => `${e.environment}/${e.label}`)).toEqual([
      'lava-room/random',
      'lava-room/wanderer',
      'snake-corridor/random',
      'snake-corridor/wanderer',
    ]);
    const one = await runBench({ ...options, workers: 1, out: join(tmp(), 'one') });
    const strip = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.stringify({ ...JSON.parse(l), decisionMs: 0 }))
        .sort();
    expect(strip(one.files.results)).toEqual(strip(two.files.results));
  });

  it('refuses agent objects (they cannot cross to worker threads) and bad options, writing nothing', async () => {
    const out = join(tmp(), 'none');
    await expect(runBench({ envs: ['snake-corridor'], agents: [eastward as never], out })).rejects.toThrow(
      /an agent object cannot be sent to worker threads/,
    );
    await expect(runBench({ envs: ['snake-corridor'], seeds: 0, out })).rejects.toThrow(
      /seeds: expected an integer/,
    );
    await expect(runBench({ envs: ['snake-corridor'], resume: true, force: true, out })).rejects.toThrow(
      /resume or force/,
    );
    const hollow = join(tmp(), 'hollow.mjs');
    writeFileSync(hollow, 'export default { name: "hollow", create() { return {}; } };\n');
    await expect(runBench({ envs: ['snake-corridor'], agents: [hollow], out })).rejects.toThrow(
      /create\(\) returned an object without reset, act, observe/,
    );
  });
});
