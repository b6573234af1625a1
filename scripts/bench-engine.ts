/**
 * npm run bench:engine [-- --json] [--steps N]
 * Random-action rollouts on the 64×64 world through the allocation-free path, one thread, resets
 * included; plus value iteration time on the same world. Prints steps per second.
 */
import { cpus } from 'node:os';
import { environments } from '../environments/index.ts';
import { createStream } from '../src/core/rng.ts';
import { rolloutRandom } from '../src/core/rollout.ts';
import { createState } from '../src/core/step.ts';
import { drawTruth } from '../src/core/truth.ts';
import { compileWorld } from '../src/core/world.ts';
import { valueIteration } from '../src/plan/solve.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const stepsArg = args.indexOf('--steps');
const steps = stepsArg >= 0 ? Number(args[stepsArg + 1]) : 20_000_000;
const envName = 'big-64';
const env = environments.get(envName);
if (!env) throw new Error(`${envName} is not registered`);
const world = compileWorld(env, drawTruth(env, createStream(1, 'world', 0)));
const state = createState(world);

rolloutRandom(world, state, createStream(0, 'engine'), createStream(0, 'agent'), 2_000_000); // warm up the JIT
const runs: number[] = [];
let totals = rolloutRandom(world, state, createStream(1, 'engine'), createStream(1, 'agent'), 1);
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  totals = rolloutRandom(world, state, createStream(r, 'engine'), createStream(r, 'agent'), steps);
  runs.push(steps / ((performance.now() - t0) / 1000));
}
runs.sort((a, b) => a - b);
const stepsPerSec = runs[Math.floor(runs.length / 2)];

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
    `${envName}: ${(stepsPerSec / 1e6).toFixed(1)} million random steps/s (median of 5, one thread, resets included, ${totals.episodes} episodes per run)\n` +
      `value iteration: ${result.valueIterationMs} ms (${sweeps} sweeps)  ·  ${result.cores} cores, Node ${process.version}`,
  );
