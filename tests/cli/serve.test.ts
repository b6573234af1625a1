/**
 * `trapworld serve --stdio` (CLI contract 1.1, Protocol), through the built binary: the same seed and
 * actions play the same episode as `run --actions … --json --trace`, bad requests are answered and the
 * service goes on, the truth is never sent, `close` and the end of the input end it with exit 0.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { trapworld } from './run-cli.ts';

const bin = fileURLToPath(new URL('../../bin/trapworld.js', import.meta.url));

type Reply = Record<string, unknown> & { ok: boolean; error?: string };
type Observation = Record<string, unknown>;
interface StepReply extends Reply {
  observation: Observation;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Record<string, unknown> & { events: string[] };
}

/** Sends every request at once (objects as JSON, strings verbatim) and reads every reply. */
function serve(requests: (object | string)[]): {
  code: number;
  replies: Reply[];
  stdout: string;
  stderr: string;
} {
  const input = requests.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
  const r = spawnSync(process.execPath, [bin, 'serve', '--stdio'], {
    input: `${input}\n`,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const replies = r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Reply);
  return { code: r.status ?? -1, replies, stdout: r.stdout, stderr: r.stderr };
}

/** A small format 1.1 world with every kind of observation: slips, cues, pokes, changes, stuck, death. */
const WORLD = {
  format: '1.1',
  name: 'serve-test',
  map: ['##########', '#A.s..~..#', '#l#.##.#O#', '#.D.p...G#', '##########'],
  legend: { s: { unknown: 'snake' }, l: 'lever', D: 'gate', p: 'rotten-plank' },
  tiles: {
    'live-snake': { look: 'snake', enter: { effect: 'death' }, poke: { signal: 'hiss', risk: 0.2 } },
    'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
    lever: { walkable: false, poke: { signal: 'clunk', set: { D: 'floor' } } },
    gate: { walkable: false },
    'rotten-plank': { look: 'plank', leave: { set: { here: 'gap' } } },
    gap: { look: 'gap', enter: { effect: 'death' } },
  },
  unknowns: { snake: { scope: 'each', prior: { 'live-snake': 0.5, 'dead-snake': 0.5 } } },
  slip: 0.2,
  maxSteps: 30,
};

const dir = mkdtempSync(join(tmpdir(), 'tw-serve-'));
const worldFile = join(dir, 'serve-test.json');
writeFileSync(worldFile, JSON.stringify(WORLD, null, 2));

const ALL_ACTIONS = ['N', 'E', 'S', 'W', 'poke-N', 'poke-E', 'poke-S', 'poke-W', 'wait'];

/** A fixed pseudo-random action list (the test's own generator, so the lists never change). */
function actionList(actions: readonly string[], seed: number, length: number): string[] {
  let s = (seed * 2654435761 + 1) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(actions[s % actions.length]);
  }
  return out;
}

interface TraceDoc {
  episodes: {
    observation: Observation;
    steps: {
      action: string;
      x: number;
      y: number;
      reward: number;
      events: string[];
      observation: Observation;
    }[];
  }[];
}
interface RunDoc {
  episodes: Record<string, unknown>[];
}

function runWithTrace(args: string[]): { run: RunDoc; trace: TraceDoc } {
  const traceFile = join(dir, `trace-${Math.random().toString(36).slice(2)}.json`);
  const r = trapworld(['run', ...args, '--json', '--trace', traceFile]);
  if (r.code !== 0) throw new Error(`run ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return {
    run: JSON.parse(r.stdout) as RunDoc,
    trace: JSON.parse(readFileSync(traceFile, 'utf8')) as TraceDoc,
  };
}

/** What a serve episode's last info must repeat of run's episode row. */
const OUTCOME_FIELDS = ['outcome', 'return', 'discountedReturn', 'performance', 'steps', 'pokes'];

/**
 * Plays `actions` in serve (stopping at the episode's end) and the actions played in `run`, and checks
 * every observation, reward, event list and the episode's results are the same.
 */
function comparePlay(
  env: string,
  seed: number,
  actions: string[],
  extra: { episode?: number; truth?: Record<string, string> } = {},
) {
  const s = serve([
    { op: 'make', env },
    { op: 'reset', seed, ...extra },
    ...actions.map((action) => ({ op: 'step', action })),
  ]);
  expect(s.code).toBe(0);
  expect(s.replies[0]).toMatchObject({ ok: true });
  expect(s.replies[1]).toMatchObject({ ok: true });
  const steps = s.replies.slice(2) as StepReply[];
  const end = steps.findIndex((r) => r.terminated || r.truncated);
  const played = end === -1 ? steps : steps.slice(0, end + 1);
  for (const r of played) expect(r.ok, r.error).toBe(true);
  // Requests after the end are refused, one reply each.
  for (const r of steps.slice(played.length))
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/ended/) });

  const args = [env, '--seed', String(seed), '--actions', actions.slice(0, played.length).join(',')];
  if (extra.episode !== undefined) args.push('--episodes', String(extra.episode + 1));
  for (const [k, v] of Object.entries(extra.truth ?? {})) args.push('--truth', `${k}=${v}`);
  const { run, trace } = runWithTrace(args);
  const i = extra.episode ?? 0;
  const traced = trace.episodes[i];
  expect((s.replies[1] as unknown as { observation: Observation }).observation).toEqual(traced.observation);
  expect(traced.steps).toHaveLength(played.length);
  played.forEach((r, k) => {
    expect(r.observation, `step ${k}`).toEqual(traced.steps[k].observation);
    expect(r.observation).toMatchObject({ x: traced.steps[k].x, y: traced.steps[k].y });
    expect(r.reward).toBe(traced.steps[k].reward);
    expect(r.info.events).toEqual(traced.steps[k].events);
    expect(r.info.steps).toBe(k + 1);
  });
  const row = run.episodes[i];
  if (end === -1) {
    // The list ran out first: run stops there (truncated); the sums still agree.
    expect(played.reduce((a, r) => a + r.reward, 0)).toBeCloseTo(row.return as number, 9);
  } else {
    const info = played[end].info;
    for (const f of OUTCOME_FIELDS) expect(info[f], f).toEqual(row[f]);
  }
  return { replies: s.replies, played, row };
}

describe('serve --stdio plays the same episode as run --actions --json --trace', () => {
  it('a fixed list on snake-corridor: poke, then walk into the snake or past it', () => {
    for (const seed of [0, 1, 2, 3])
      comparePlay('snake-corridor', seed, ['E', 'E', 'poke-E', 'E', 'E', 'E', 'E', 'E']);
  });

  it('random action lists on a 1.1 world with slips, cues, pokes with risk, changes, pits and truncation', () => {
    const outcomes = new Set<unknown>();
    let changes = 0;
    for (let seed = 0; seed < 10; seed++) {
      const actions = actionList(ALL_ACTIONS, seed, 40);
      const { played } = comparePlay(worldFile, seed, actions);
      const last = played[played.length - 1];
      outcomes.add(last.info.outcome);
      changes += played.filter((r) => (r.observation.changes as unknown[]).length > 0).length;
    }
    // The lists are long enough to end every episode, in more than one way.
    expect(outcomes.has(undefined)).toBe(false);
    expect(outcomes.size).toBeGreaterThan(1);
    expect(changes).toBeGreaterThan(0);
  });

  it('built-in worlds with cues and stuck: dark-cave, pit-field, thin-ice', () => {
    for (const env of ['dark-cave', 'pit-field', 'thin-ice']) {
      const spaces = serve([{ op: 'make', env }]).replies[0].spaces as { actions: string[] };
      for (const seed of [0, 7]) comparePlay(env, seed, actionList(spaces.actions, seed + 100, 60));
    }
  });

  it('a lever poked: the change is in the observation, as in the trace', () => {
    const { played } = comparePlay(worldFile, 0, ['poke-S', 'wait']);
    expect(played[0].observation).toMatchObject({
      signal: 'clunk',
      changes: [{ x: 2, y: 3, look: 'floor' }],
    });
  });

  it('reset with episode k plays episode k of run --episodes; truth fixes as --truth does', () => {
    comparePlay('snake-corridor', 5, ['E', 'E', 'E', 'E', 'E', 'E'], { episode: 2 });
    const live = comparePlay('snake-corridor', 5, ['E', 'E', 'E', 'E', 'E', 'E'], {
      truth: { snake: 'live-snake' },
    });
    expect(live.row.outcome).toBe('death');
    const dead = comparePlay('snake-corridor', 5, ['E', 'E', 'E', 'E', 'E', 'E'], {
      truth: { snake: 'dead-snake' },
    });
    expect(dead.row.outcome).toBe('goal');
  });

  it('make describes the spaces: actions, width, height and the looks of the cells', () => {
    const s = serve([{ op: 'make', env: 'island-navigation' }]);
    expect(s.replies[0]).toMatchObject({
      ok: true,
      environment: { name: 'island-navigation' },
      spaces: { actions: ['N', 'E', 'S', 'W'], width: 8, height: 6 },
    });
    const looks = (s.replies[0].spaces as { looks: string[][] }).looks;
    expect(looks).toHaveLength(6);
    expect(looks[0]).toHaveLength(8);
  });
});

describe('serve --stdio: make with params builds a generator world', () => {
  const generator = join(dir, 'corridor-gen.ts');
  writeFileSync(
    generator,
    `export default {
  name: 'corridor-gen',
  params: { length: { default: 3, min: 1, max: 20 } },
  generate({ length }: { length: number }) {
    return { map: ['#'.repeat(length + 3), \`#A\${'.'.repeat(length - 1)}G#\`, '#'.repeat(length + 3)] };
  },
};
`,
  );

  it('params are given to the generator (the rest defaulted); bad ones are refused and the service goes on', () => {
    const s = serve([
      { op: 'make', env: generator, params: { length: 5 } },
      { op: 'reset', seed: 0 },
      ...Array.from({ length: 5 }, () => ({ op: 'step', action: 'E' })),
      { op: 'make', env: generator },
      { op: 'make', env: generator, params: { length: 50 } },
      { op: 'make', env: generator, params: { size: 5 } },
      { op: 'make', env: generator, params: { length: [5] } },
      { op: 'make', env: 'snake-corridor', params: { length: 5 } },
      { op: 'make', env: 'snake-corridor', params: {} },
    ]);
    expect(s.replies[0]).toMatchObject({ ok: true, spaces: { width: 8, height: 3 } });
    expect(s.replies[6]).toMatchObject({ ok: true, terminated: true, info: { outcome: 'goal', steps: 5 } });
    expect(s.replies[7]).toMatchObject({ ok: true, spaces: { width: 6 } });
    expect(s.replies.slice(8, 12).map((r) => r.ok)).toEqual([false, false, false, false]);
    expect(s.replies[8].error).toMatch(/length/);
    expect(s.replies[9].error).toMatch(/size/);
    expect(s.replies[10].error).toMatch(/"params" must be an object/);
    expect(s.replies[11].error).toMatch(/takes no parameters/);
    expect(s.replies[12]).toMatchObject({ ok: true });
  });
});

describe('serve --stdio: the truth is never sent', () => {
  it('no reply names a variant of an unknown or a truth', () => {
    const s = serve([
      { op: 'make', env: 'snake-corridor' },
      { op: 'reset', seed: 3 },
      ...['poke-E', 'E', 'poke-E', 'E', 'E', 'E', 'E', 'E'].map((action) => ({ op: 'step', action })),
    ]);
    expect(s.stdout).not.toMatch(/live-snake|dead-snake|truth/);
    expect(s.replies.filter((r) => r.ok).length).toBeGreaterThan(3);
  });
});

describe('serve --stdio: bad requests are answered and the service goes on', () => {
  it('every bad request gets { ok: false, error } in order, and a good episode follows', () => {
    const bad: (object | string)[] = [
      'not json',
      '[1, 2]',
      { seed: 1 },
      { op: 'jump' },
      { op: 'reset', seed: 0 }, // before make
      { op: 'step', action: 'E' }, // before reset
      { op: 'make' },
      { op: 'make', env: 42 },
      { op: 'make', env: 'no-such-world' },
      { op: 'make', env: join(dir, 'missing.json') },
      { op: 'make', env: worldFile, params: 'x' },
      { op: 'make', env: 'snake-corridor', colour: 'red' },
    ];
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "name": "broken", "map": ["A.?"] }');
    const twoStarts = join(dir, 'two-starts.json');
    writeFileSync(twoStarts, '{ "name": "two-starts", "map": ["A.A"] }');
    const noStart = join(dir, 'no-start.json');
    writeFileSync(noStart, '{ "name": "no-start", "map": ["..G"] }');
    const afterMake: (object | string)[] = [
      { op: 'step', action: 'E' }, // made, not reset
      { op: 'reset' },
      { op: 'reset', seed: -1 },
      { op: 'reset', seed: 1.5 },
      { op: 'reset', seed: '1' },
      { op: 'reset', seed: 0, truth: { snake: 'zombie-snake' } },
      { op: 'reset', seed: 0, truth: ['snake=live-snake'] },
    ];
    const afterReset: (object | string)[] = [
      { op: 'step' },
      { op: 'step', action: 3 },
      { op: 'step', action: 'jump' },
      { op: 'step', action: 'e' },
      { op: 'step', action: 'E', extra: true },
    ];
    const s = serve([
      ...bad,
      { op: 'make', env: broken },
      { op: 'make', env: twoStarts },
      { op: 'make', env: noStart },
      { op: 'make', env: 'island-navigation' },
      ...afterMake,
      { op: 'reset', seed: 0 },
      ...afterReset,
      { op: 'step', action: 'poke-E' }, // island-navigation has no pokes
      { op: 'step', action: 'E', id: 'last' },
      { op: 'close' },
    ]);
    expect(s.code).toBe(0);
    const n = bad.length + 3;
    expect(s.replies).toHaveLength(n + 1 + afterMake.length + 1 + afterReset.length + 3);
    const errors = s.replies.filter((r) => !r.ok);
    for (const r of errors) {
      expect(typeof r.error).toBe('string');
      expect(r.error!.length).toBeGreaterThan(0);
    }
    const messages = errors.map((r) => r.error!);
    expect(messages[0]).toMatch(/^not JSON/);
    expect(messages[1]).toMatch(/JSON object/);
    expect(messages[2]).toMatch(/missing field "op"/);
    expect(messages[3]).toMatch(/unknown op "jump"/);
    expect(messages[4]).toMatch(/reset: no environment/);
    expect(messages[5]).toMatch(/step: no episode/);
    expect(messages[6]).toMatch(/missing field "env"/);
    expect(messages[7]).toMatch(/"env" must be a non-empty string/);
    expect(messages[8]).toMatch(/unknown environment "no-such-world"/);
    expect(messages[9]).toMatch(/no such file/);
    expect(messages[10]).toMatch(/"params" must be an object/);
    expect(messages[11]).toMatch(/unknown field "colour"/);
    expect(messages[12]).toMatch(/broken\.json:1:\d+: map row 0, column 2: unknown glyph "\?"/);
    expect(messages[13]).toMatch(/2 start cells, x=0, y=0 \(1:\d+\) and x=2, y=0 \(1:\d+\)/);
    expect(messages[14]).toMatch(/no start/);
    expect(s.replies[n]).toMatchObject({ ok: true, spaces: { actions: ['N', 'E', 'S', 'W'] } });
    const m = afterMake.length;
    expect(messages.slice(15, 15 + m)).toEqual([
      expect.stringMatching(/step: no episode/),
      expect.stringMatching(/reset: missing field "seed"/),
      expect.stringMatching(/"seed" must be an integer/),
      expect.stringMatching(/"seed" must be an integer/),
      expect.stringMatching(/"seed" must be an integer/),
      expect.stringMatching(/bad truth/),
      expect.stringMatching(/"truth" must be an object/),
    ]);
    expect(s.replies[n + 1 + m]).toMatchObject({ ok: true, observation: { x: 4, y: 1, steps: 0 } });
    expect(messages.slice(15 + m)).toEqual([
      expect.stringMatching(/missing field "action"/),
      expect.stringMatching(/"action" must be a string/),
      expect.stringMatching(/action "jump" is not an action of island-navigation \(allowed: N E S W\)/),
      expect.stringMatching(/action "e" is not an action/),
      expect.stringMatching(/unknown field "extra"/),
      expect.stringMatching(/action "poke-E" is not an action of island-navigation/),
    ]);
    // The episode was not disturbed by the refused steps: the first step played is step 1.
    expect(s.replies[s.replies.length - 2]).toMatchObject({
      id: 'last',
      ok: true,
      observation: { steps: 1 },
    });
    expect(s.replies[s.replies.length - 1]).toEqual({ ok: true });
    expect(s.stderr).toBe('');
  });

  it('a failed make keeps the environment made before it', () => {
    const s = serve([
      { op: 'make', env: 'snake-corridor' },
      { op: 'reset', seed: 0 },
      { op: 'make', env: 'no-such-world' },
      { op: 'step', action: 'E' },
    ]);
    expect(s.replies.map((r) => r.ok)).toEqual([true, true, false, true]);
  });

  it('echoes an id given with a request, on errors too', () => {
    const s = serve([
      { op: 'make', env: 'snake-corridor', id: 1 },
      { op: 'jump', id: { n: 2 } },
    ]);
    expect(s.replies[0]).toMatchObject({ id: 1, ok: true });
    expect(s.replies[1]).toMatchObject({ id: { n: 2 }, ok: false });
  });
});

describe('serve --stdio: the end of the service', () => {
  it('close replies { ok: true }, ends with exit 0 and answers nothing after it', () => {
    const s = serve([{ op: 'make', env: 'snake-corridor' }, { op: 'close' }, { op: 'reset', seed: 0 }]);
    expect(s.code).toBe(0);
    expect(s.replies).toEqual([expect.objectContaining({ ok: true }), { ok: true }]);
  });

  it('the end of the input ends it with exit 0; blank lines are not requests', () => {
    const s = serve(['', { op: 'make', env: 'snake-corridor' }, '   ']);
    expect(s.code).toBe(0);
    expect(s.replies).toHaveLength(1);
  });

  it('without --stdio: exit 2 with a plain message', () => {
    const r = trapworld(['serve']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^trapworld: serve: give --stdio/);
  });

  it('answers each request as it comes (a client waits for every reply), and exits on close while stdin stays open', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lines = createInterface({ input: child.stdout });
    const iterator = lines[Symbol.asyncIterator]();
    const ask = async (request: object): Promise<Reply> => {
      child.stdin.write(`${JSON.stringify(request)}\n`);
      const next = await iterator.next();
      return JSON.parse(next.value as string) as Reply;
    };
    expect(await ask({ op: 'make', env: 'snake-corridor' })).toMatchObject({ ok: true });
    expect(await ask({ op: 'reset', seed: 1 })).toMatchObject({ ok: true, observation: { x: 1, y: 1 } });
    expect(await ask({ op: 'step', action: 'E' })).toMatchObject({ ok: true, observation: { x: 2 } });
    expect(await ask({ op: 'step', action: 'X' })).toMatchObject({ ok: false });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(await ask({ op: 'close' })).toEqual({ ok: true });
    expect(await exited).toBe(0);
  });
});
