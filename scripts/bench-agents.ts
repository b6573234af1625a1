/**
 * npm run bench:agents [-- --json] [--episodes N]
 * Per-agent decision time (act + the belief update of observe, per step) on a generated 32×32 world
 * with 40 unknowns: median and 95th percentile over all steps of N episodes. Also the belief's
 * single-cell update rate. Goal (issue 3): prober's median at most 1 ms; a million updates per second.
 */
import { cpus } from 'node:os';
import { agents } from '../agents/index.ts';
import { Belief } from '../src/bayes/belief.ts';
import { grantsOf, type Agent } from '../src/core/agent.ts';
import { UsageError } from '../src/core/errors.ts';
import { defaultOptions } from '../src/core/options.ts';
import { createStream } from '../src/core/rng.ts';
import { runEpisode } from '../src/core/run.ts';
import { validateEnvironment } from '../src/core/validate.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const episodesArg = args.indexOf('--episodes');
const episodes = episodesArg >= 0 ? Number(args[episodesArg + 1]) : 5;

/** 32×32: walls around, a few wall bars, 40 unknown cells (snakes: poke to tell) and lava sprinkled in. */
function generatedWorld() {
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

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const env = generatedWorld();
const rows: { agent: string; steps: number; medianMs: number; p95Ms: number; note?: string }[] = [];
for (const def of agents.all()) {
  if (def.name === 'scripted') continue;
  const times: number[] = [];
  let note: string | undefined;
  try {
    const inner = def.create(env, defaultOptions(def));
    let pending = 0;
    const timed: Agent = {
      reset: (c) => inner.reset(c),
      act: (o) => {
        const t0 = performance.now();
        const a = inner.act(o);
        pending += performance.now() - t0;
        times.push(pending);
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
      runEpisode(env, timed, { seed: 1, episode: e, grants: grantsOf(def) }, rng);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    note = `refused: ${e.message}`;
  }
  times.sort((a, b) => a - b);
  rows.push({
    agent: def.name,
    steps: times.length,
    medianMs: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    note,
  });
}

// Belief: single-cell updates per second (the cue update path).
const belief = new Belief(env);
const f = belief.factors[0];
const like = [0.5, 1];
const back = [2, 1];
const n = 2_000_000;
const t0 = performance.now();
for (let i = 0; i < n; i++) belief.updateFactor(f, i & 1 ? back : like);
const updatesPerSec = n / ((performance.now() - t0) / 1000);

const result = {
  world: '32×32, 40 unknowns',
  episodes,
  agents: rows,
  beliefUpdatesPerSec: Math.round(updatesPerSec),
  cores: cpus().length,
};
if (json) console.log(JSON.stringify(result));
else {
  console.log(
    `decision time per step (act + observe) on a 32×32 world with 40 unknowns, ${episodes} episodes, ${result.cores} cores`,
  );
  console.log('agent            steps   median ms   p95 ms');
  for (const r of rows)
    console.log(
      `${r.agent.padEnd(16)} ${String(r.steps).padStart(5)}  ${r.medianMs.toFixed(3).padStart(10)}  ${r.p95Ms.toFixed(3).padStart(7)}${r.note ? `  ${r.note}` : ''}`,
    );
  console.log(`belief: ${(updatesPerSec / 1e6).toFixed(1)} million single-cell updates per second`);
}
