import { UsageError } from '../../core/errors.ts';
import { drawEpisodeTruth, parseTruthAssignments, truthKeys } from '../../core/truth.ts';
import { compileWorld } from '../../core/world.ts';
import { analyseIrreversibility } from '../../plan/irreversibility.ts';
import { evaluateRandomPolicy, valueGrid, valueIteration } from '../../plan/solve.ts';
import { parseNumber, parseSeed } from '../args.ts';
import { parseParamPairs, resolveEnvironment } from '../env-files.ts';
import { printJson } from '../output.ts';

export interface SolveCommandOptions {
  policy?: string;
  gamma?: string;
  truth?: string[];
  seed?: string;
  /** Generator parameters (--param KEY=VALUE, repeatable). */
  param?: string[];
  json?: boolean;
}

const KIND_GLYPH: Record<string, string> = {
  wall: '#',
  goal: 'G',
  trap: 'X',
  'dead-end': 'D',
  'no-return': '!',
  teleport: 'T',
  safe: '.',
  unreachable: '-',
};

export async function solveCommand(envArg: string, o: SolveCommandOptions): Promise<number> {
  const env = await resolveEnvironment(envArg, parseParamPairs(o.param));
  const policy = o.policy ?? 'optimal';
  if (policy !== 'optimal' && policy !== 'random')
    throw new UsageError(`--policy: expected optimal or random, got "${policy}"`);
  const gamma = o.gamma === undefined ? env.gamma : parseNumber('--gamma', o.gamma, 0, 1);
  const fixed = parseTruthAssignments(env, o.truth ?? []);
  let truth = fixed;
  const missing = truthKeys(env).filter((k) => !(k in fixed));
  if (missing.length > 0) {
    if (o.seed === undefined)
      throw new UsageError(
        `solve plans on a fully known world: fix ${missing.join(', ')} with --truth (e.g. --truth ${missing[0]}=${env.unknowns[0].prior[0].tile}), or give --seed N to draw them`,
      );
    truth = { ...drawEpisodeTruth(env, parseSeed(o.seed), 0), ...fixed };
  }
  const world = compileWorld(env, truth);
  const t0 = performance.now();
  const solution =
    policy === 'random' ? evaluateRandomPolicy(world, { gamma }) : valueIteration(world, { gamma });
  const ms = performance.now() - t0;
  const values = valueGrid(solution);
  const kinds = analyseIrreversibility(world, solution.model).kinds;
  const kindRows = Array.from({ length: env.height }, (_, y) =>
    kinds.slice(y * env.width, (y + 1) * env.width),
  );
  if (o.json) {
    printJson({
      environment: env.name,
      policy,
      gamma,
      truth,
      sweeps: solution.sweeps,
      ms,
      values,
      kinds: kindRows,
    });
    return 0;
  }
  const cells = values.map((row) => row.map((v) => (v === null ? '#' : v.toFixed(1))));
  const width = Math.max(...cells.flat().map((c) => c.length));
  const lines = [
    `${env.name}: ${policy === 'random' ? 'uniform random policy' : 'optimal'} values, gamma ${gamma}, ${solution.sweeps} sweeps, ${ms.toFixed(1)} ms`,
  ];
  for (const row of cells) lines.push(row.map((c) => c.padStart(width)).join(' '));
  lines.push(
    '',
    'points of no return (X trap, D dead end, ! no way back to the start, T teleport, . safe, G goal, # wall, - unreachable):',
  );
  for (const row of kindRows) lines.push(row.map((k) => KIND_GLYPH[k]).join(''));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
