/**
 * npm run bench:engine [-- --json] [--steps N]
 * Random-action rollouts on the 64×64 world through the allocation-free path, one thread, resets
 * included; plus value iteration time on the same world. Prints steps per second. The npm script runs
 * it bundled by esbuild, as the command line and the workers run: esbuild inlines the step's const
 * enums as literals, where under tsx every imported binding is read through a getter on each step,
 * which costs the engine a fifth of its speed and says nothing about the product (docs/engine.md).
 */
import { cpus } from 'node:os';
import { environments } from '../environments/index.ts';
import { createStream } from '../src/core/rng.ts';
import { rolloutRandom } from '../src/core/rollout.ts';
import { createState } from '../src/core/step.ts';
import { drawEpisodeTruth } from '../src/core/truth.ts';
import { compileWorld } from '../src/core/world.ts';
import { valueIteration } from '../src/plan/solve.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const stepsArg = args.indexOf('--steps');
const steps = stepsArg >= 0 ? Number(args[stepsArg + 1]) : 20_000_000;
const envName = 'big-64';
const env = environments.get(envName);
if (!env) throw new Error(`${envName} is not registered`);
const world = compileWorld(env, drawEpisodeTruth(env, 1, 0));
const state = createState(world);

/**
 * The yardstick: the same random walk written by hand for this world alone, straight on the typed
 * arrays, doing what the engine's step must do here and nothing more: moves, bumps, death, goal,
 * stuck, truncation, and the signal of each action (an enter signal, a bump, a poke's answer), since
 * that is part of what every step returns; big-64 has no slip, teleport, one-way cell, leave, poke risk
 * or change. The engine must stay within 0.9 of it (issue 12: one world model must not cost speed).
 */
function handWrittenLoop(rng: () => number, count: number): number {
  const { neighbour, walkable, enterEffect, enterReward, enterSignal, pokeSignal, actions } = world;
  const n = actions.length;
  let pos = world.start;
  let t = 0;
  let stuck = false;
  let total = 0;
  let signals = 0;
  for (let i = 0; i < count; i++) {
    const a = actions[(rng() * n) | 0];
    t++;
    total += world.stepReward;
    let ended = false;
    let signal = 0;
    if (!stuck && a < 4) {
      const to = neighbour[pos * 4 + a];
      if (to < 0 || walkable[to] === 0) {
        total += world.bumpReward;
        signal = 1;
      } else {
        pos = to;
        total += enterReward[to];
        signal = enterSignal[to];
        const e = enterEffect[to];
        if (e === 1) {
          total += world.deathReward;
          ended = true;
        } else if (e === 3) {
          total += world.goalReward;
          ended = true;
        } else if (e === 2) stuck = true;
      }
    } else if (!stuck && a < 8) {
      const target = neighbour[pos * 4 + a - 4];
      signal = target < 0 ? 2 : pokeSignal[target];
    }
    signals += signal;
    if (ended || t >= world.maxSteps) {
      pos = world.start;
      t = 0;
      stuck = false;
    }
  }
  return total + signals;
}
// Warm both up, then alternate them run by run, so that drift in the machine's speed (another process,
// the garbage collector, turbo) falls on both alike and the ratio compares like with like.
rolloutRandom(world, state, createStream(0, 'engine'), createStream(0, 'agent'), 2_000_000);
handWrittenLoop(createStream(0, 'agent'), 2_000_000);
const RUNS = 7;
const runs: number[] = [];
const handRuns: number[] = [];
let totals = rolloutRandom(world, state, createStream(1, 'engine'), createStream(1, 'agent'), 1);
for (let r = 0; r < RUNS; r++) {
  let t0 = performance.now();
  totals = rolloutRandom(world, state, createStream(r, 'engine'), createStream(r, 'agent'), steps);
  runs.push(steps / ((performance.now() - t0) / 1000));
  t0 = performance.now();
  handWrittenLoop(createStream(r, 'agent'), steps);
  handRuns.push(steps / ((performance.now() - t0) / 1000));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stepsPerSec = median(runs);
const handPerSec = median(handRuns);

const solveRuns: number[] = [];
let sweeps = 0;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  sweeps = valueIteration(world).sweeps;
  solveRuns.push(performance.now() - t0);
}
solveRuns.sort((a, b) => a - b);
const result = {
  environment: envName,
  stepsPerSec: Math.round(stepsPerSec),
  handWrittenStepsPerSec: Math.round(handPerSec),
  ratioToHandWritten: Number((stepsPerSec / handPerSec).toFixed(3)),
  stepsPerRun: steps,
  episodesPerRun: totals.episodes,
  valueIterationMs: Number(solveRuns[2].toFixed(1)),
  valueIterationSweeps: sweeps,
  cores: cpus().length,
  node: process.version,
};
if (json) console.log(JSON.stringify(result));
else
  console.log(
    `${envName}: ${(stepsPerSec / 1e6).toFixed(1)} million random steps/s (median of ${RUNS}, alternating with the hand-written loop, one thread, resets included, ${totals.episodes} episodes per run)\n` +
      `hand-written typed-array loop: ${(handPerSec / 1e6).toFixed(1)} million steps/s; engine / hand-written = ${result.ratioToHandWritten} (target ≥ 0.9)\n` +
      `value iteration: ${result.valueIterationMs} ms (${sweeps} sweeps)  ·  ${result.cores} cores, Node ${process.version}`,
  );
