/**
 * npm run bench:agents [-- --json] [--episodes N] [--worlds A,B] [--agents X,Y]
 *
 * Decision time per step (act plus the belief update of observe) of every agent on a set of worlds:
 * the mean, median and 95th percentile over every step of N episodes (seeds 0 … N-1, one agent
 * instance per world, so what an agent builds once is paid once, as in a run). Wall-clock, so it
 * varies with the machine and its load: it is a measurement, never a test. Also the belief's
 * single-cell update rate.
 *
 * Targets (issue 13): the prober's mean at most 5 ms on every world here (up to 128×128), its 95th
 * percentile at most 5 ms on bench-32.
 */
import { cpus } from 'node:os';
import { agents } from '../agents/index.ts';
import { environments } from '../environments/index.ts';
import { regularityGenerator } from '../environments/regularity.ts';
import { Belief } from '../src/bayes/belief.ts';
import { grantsOf, type Agent } from '../src/core/agent.ts';
import { UsageError } from '../src/core/errors.ts';
import { paramValues } from '../src/core/generator.ts';
import { defaultOptions } from '../src/core/options.ts';
import { createStream } from '../src/core/rng.ts';
import { runEpisode } from '../src/core/run.ts';
import type { EnvSpec } from '../src/core/spec.ts';
import { validateEnvironment } from '../src/core/validate.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const valueOf = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const episodes = Number(valueOf('--episodes') ?? 5);
const onlyWorlds = valueOf('--worlds')?.split(',');
const onlyAgents = valueOf('--agents')?.split(',');

/** 32×32: walls around, a few wall bars, 40 snakes (poke to tell, rustle half the time) and lava. */
function bench32(): EnvSpec {
  const rng = createStream(32, 'world');
  const size = 32;
  const grid: string[][] = Array.from({ length: size }, (_, y) =>
    Array.from({ length: size }, (_, x) =>
      x === 0 || y === 0 || x === size - 1 || y === size - 1 ? '#' : '.',
    ),
  );
  for (let bar = 0; bar < 6; bar++) {
    const y = 4 + bar * 4;
    for (let x = 1; x < size - 1; x++) if (rng() < 0.7) grid[y][x] = '#';
  }
  let placed = 0;
  while (placed < 40) {
    const x = 1 + Math.floor(rng() * (size - 2));
    const y = 1 + Math.floor(rng() * (size - 2));
    if (grid[y][x] === '.' && !(x < 3 && y < 3) && !(x > size - 4 && y > size - 4)) {
      grid[y][x] = 's';
      placed++;
    }
  }
  for (let i = 0; i < 25; i++) {
    const x = 1 + Math.floor(rng() * (size - 2));
    const y = 1 + Math.floor(rng() * (size - 2));
    if (grid[y][x] === '.' && x > 3 && y > 3 && x < size - 4) grid[y][x] = '~';
  }
  grid[1][1] = 'A';
  grid[size - 2][size - 2] = 'G';
  return validateEnvironment(
    {
      name: 'bench-32',
      map: grid.map((r) => r.join('')),
      legend: { s: { unknown: 'snake' } },
      tiles: {
        'live-snake': {
          look: 'snake',
          enter: { effect: 'death' },
          poke: { signal: 'hiss' },
          near: { signal: 'rustle', p: 0.5 },
        },
        'dead-snake': { look: 'snake', poke: { signal: 'thud' } },
      },
      unknowns: { snake: { prior: { 'live-snake': 0.3, 'dead-snake': 0.7 } } },
      rewards: { step: -1, goal: 50, death: -100 },
      gamma: 0.99,
      maxSteps: 300,
    },
    'bench-32 (generated)',
  );
}

function regularity(name: string, params: Record<string, string>): EnvSpec {
  const values = paramValues(regularityGenerator, params);
  return validateEnvironment({ ...regularityGenerator.generate(values as never), name }, name);
}

const WORLDS: { name: string; what: string; make: () => EnvSpec }[] = [
  { name: 'bench-32', what: '32×32, 40 snakes with noisy rustles', make: bench32 },
  { name: 'snake-pair', what: 'built-in', make: () => environments.get('snake-pair')! },
  { name: 'ash-corridor', what: 'built-in, noisy warmth', make: () => environments.get('ash-corridor')! },
  {
    name: 'regularity-64',
    what: 'regularity size=64 density=0.08 cue=0.3',
    make: () => regularity('regularity-64', { size: '64', density: '0.08', cue: '0.3' }),
  },
  {
    name: 'regularity-128',
    what: 'regularity size=128 (maxSteps 24576)',
    make: () => regularity('regularity-128', { size: '128' }),
  },
  {
    name: 'regularity-128-noisy',
    what: 'regularity size=128 regularity=0 density=0.1 cue=0.3: about 1,800 independent unknowns, noisy',
    make: () =>
      regularity('regularity-128-noisy', { size: '128', regularity: '0', density: '0.1', cue: '0.3' }),
  },
];

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

interface Row {
  world: string;
  agent: string;
  steps: number;
  meanMs: number;
  medianMs: number;
  p95Ms: number;
  note?: string;
}

function measure(env: EnvSpec, agentName: string): Row {
  const def = agents.get(agentName)!;
  const times: number[] = [];
  let note: string | undefined;
  try {
    const inner = def.create(env, defaultOptions(def));
    let pending = 0;
    const timed: Agent = {
      reset: (c) => {
        const t0 = performance.now();
        inner.reset(c);
        pending = performance.now() - t0;
      },
      act: (o) => {
        const t0 = performance.now();
        const a = inner.act(o);
        times.push(pending + performance.now() - t0);
        pending = 0;
        return a;
      },
      observe: (t) => {
        const t0 = performance.now();
        inner.observe(t);
        pending = performance.now() - t0;
      },
    };
    const rng = createStream(1, 'agent');
    for (let e = 0; e < episodes; e++)
      runEpisode(env, timed, { seed: e, episode: 0, grants: grantsOf(def) }, rng);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    note = `refused: ${e.message.split(':')[0]}`;
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return {
    world: env.name,
    agent: agentName,
    steps: times.length,
    meanMs: times.length ? total / times.length : NaN,
    medianMs: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    note,
  };
}

const rows: Row[] = [];
const agentNames = agents.names().filter((n) => n !== 'scripted' && (!onlyAgents || onlyAgents.includes(n)));
for (const w of WORLDS) {
  if (onlyWorlds && !onlyWorlds.includes(w.name)) continue;
  const env = w.make();
  if (!json) {
    console.log(`\n${w.name} (${w.what}), ${episodes} episodes: decision time per step (act + observe)`);
    console.log('agent            steps    mean ms  median ms   p95 ms');
  }
  for (const name of agentNames) {
    const r = measure(env, name);
    rows.push(r);
    if (!json)
      console.log(
        `${r.agent.padEnd(16)} ${String(r.steps).padStart(6)} ${r.meanMs.toFixed(3).padStart(10)} ${r.medianMs.toFixed(3).padStart(10)} ${r.p95Ms.toFixed(3).padStart(8)}${r.note ? `  ${r.note}` : ''}`,
      );
  }
}

// Belief: single-cell updates per second (the cue update path).
const belief = new Belief(bench32());
const f = belief.factors[0];
const like = [0.5, 1];
const back = [2, 1];
const n = 2_000_000;
const t0 = performance.now();
for (let i = 0; i < n; i++) belief.updateFactor(f, i & 1 ? back : like);
const updatesPerSec = n / ((performance.now() - t0) / 1000);

const result = { episodes, rows, beliefUpdatesPerSec: Math.round(updatesPerSec), cores: cpus().length };
if (json) console.log(JSON.stringify(result));
else {
  console.log(`\nbelief: ${(updatesPerSec / 1e6).toFixed(1)} million single-cell updates per second`);
  const prober = rows.filter((r) => r.agent === 'prober');
  if (prober.length) {
    const worstMean = Math.max(...prober.map((r) => r.meanMs));
    const p95 = prober.find((r) => r.world === 'bench-32')?.p95Ms;
    console.log(
      `prober: worst mean ${worstMean.toFixed(3)} ms (target ≤ 5), p95 on bench-32 ${p95?.toFixed(3) ?? '–'} ms (target ≤ 5); ${result.cores} cores`,
    );
  }
}
