/**
 * The `trapworld` command line. Exit status: 0 success, 1 a run failed, 2 bad arguments or bad input.
 * User errors print one or a few plain lines on stderr; a stack trace only with --debug.
 */
import { Command, CommanderError, Option } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { AgentShapeError } from '../core/agent-shape.ts';
import { EnvLoadError, UsageError } from '../core/errors.ts';
import { SolveError } from '../plan/solve.ts';
import {
  benchCommand,
  collect,
  DEFAULT_OUT,
  DEFAULT_RUN_TIMEOUT_MS,
  DEFAULT_SEEDS,
} from './commands/bench.ts';
import { listCommand } from './commands/list.ts';
import { mergeCommand } from './commands/merge.ts';
import { runCommand } from './commands/run.ts';
import { solveCommand } from './commands/solve.ts';
import { serveCommand } from './commands/serve.ts';
import { analyzeCommand } from './commands/analyze.ts';
import { evolveCommand } from './commands/evolve.ts';
import { sweepCommand } from './commands/sweep.ts';
import { validateCommand } from './commands/validate.ts';

const PARAM_HELP =
  'a parameter of a generator environment, KEY=VALUE (repeatable; `trapworld list FILE` shows them)';

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('trapworld')
    .description('Agents exploring gridworlds with irreversible traps: run, solve, validate and benchmark.')
    .version(packageJson.version, '--version', 'print the version')
    .option('--debug', 'show stack traces for errors')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // Commander's own messages ("error: unknown option …") read like every other trapworld error.
      outputError: (s, write) => write(s.replace(/^error: /, 'trapworld: ')),
    });

  program
    .command('list')
    .description(
      'the environments and agents trapworld knows, with titles and options; or the given environment files, with their parameters',
    )
    .argument('[envs...]', '.json or .ts environment files (generators show their --param)')
    .option('--json', 'print one JSON document')
    .action(async (envs: string[], o) => listCommand(o, envs));

  program
    .command('validate')
    .description('load each environment file and report every error, or ok')
    .argument('<files...>', '.json or .ts environment files')
    .option('--json', 'print one JSON document')
    .action(async (files: string[], o) => setExit(await validateCommand(files, o)));

  program
    .command('run')
    .description('run episodes of an agent (or a fixed action list) in an environment')
    .argument('<env>', 'built-in environment name, or a .json / .ts file')
    .option(
      '--actions <list>',
      'play this comma-separated action list instead of an agent, e.g. E,E,poke-E,E',
    )
    .option(
      '--agent <name>',
      'the agent to run (see `trapworld list`), or an agent module ./my-agent.mjs|.js|.ts',
    )
    .option('--seed <n>', 'integer seed deciding the world drawn, slips, risks, cue noise and the agent', '0')
    .option('--episodes <k>', 'episodes; the agent keeps what it learned between them', '1')
    .option('--truth <assignments...>', 'fix unknowns: ID=TILE (every cell) or ID@X,Y=TILE (one cell)')
    .option('--opt <pairs...>', 'agent options KEY=VALUE')
    .option('--param <KEY=VALUE>', PARAM_HELP, collect)
    .option('--trace <file>', 'write every step of every episode to this JSON file')
    .option('--json', 'print one JSON document')
    .action(async (env: string, o) => setExit(await runCommand(env, o)));

  program
    .command('analyze')
    .description(
      'what the world lets an agent learn: each question settled safely, only at risk, or never, with its cheapest test',
    )
    .argument('<env>', 'built-in environment name, or a .json / .ts file')
    .option('--max-hypotheses <n>', 'enumerate at most this many hypotheses, else sample them (default 4096)')
    .option('--max-nodes <n>', 'explore at most this many belief states (default 200000)')
    .option('--param <KEY=VALUE>', PARAM_HELP, collect)
    .option('--json', 'print one JSON document')
    .action(async (env: string, o) => setExit(await analyzeCommand(env, o)));

  program
    .command('evolve')
    .description(
      'a lineage that learns by dying: generations of animals, each living one episode in a fresh draw of the world, bred from the fittest; writes DIR/evolve.json, generations.csv and report.html',
    )
    .argument('<env>', 'built-in environment name, or a .json / .ts file')
    .option('--param <KEY=VALUE>', PARAM_HELP, collect)
    .option('--population <p>', 'individuals per generation, at least 2 (default 24)')
    .option('--generations <g>', 'generations (default 30)')
    .option('--seed <n>', 'integer seed deciding every world drawn, every life and the breeding', '0')
    .option('--learning', 'let the within-life learning gene evolve (otherwise it stays 0)')
    .option(
      '--agent <file>',
      "breed this agent module's genome (its string option genome) instead of the built-in animal's",
    )
    .option('--workers <w>', 'worker threads (default: the number of cores); results are the same for any')
    .option('--out <dir>', 'output directory (default evolve-out)')
    .option('--json', 'print one JSON document (and no progress)')
    .action(async (env: string, o) => setExit(await evolveCommand(env, o)));

  program
    .command('sweep')
    .description(
      "the benchmark across a generator's parameter: every value × agent × seed in worker threads; writes DIR/summary.csv and DIR/report.html (deaths, return and regret against the parameter), DIR/sweep.json, and the runs in DIR/runs",
    )
    .argument('<env>', 'a generator: a built-in name (see `trapworld list`) or a .ts file exporting one')
    .option(
      '--param <KEY=VALUE>',
      'the swept parameter as KEY=FROM..TO:STEPS (exactly one), the others fixed as KEY=VALUE',
      collect,
    )
    .option(
      '--agents <list>',
      'agents, comma-separated, each NAME or NAME:KEY=VALUE[:KEY=VALUE…], or all (default)',
      collect,
    )
    .option('--agent <file>', 'an agent module ./my-agent.mjs|.js|.ts (repeatable)', collect)
    .option('--seeds <n>', 'seeds per value and agent (default 10)')
    .option('--episodes <k>', 'episodes per run (a family generator plays a new world each episode)', '1')
    .option('--workers <w>', 'worker threads (default: the number of cores); results are the same for any')
    .option('--out <dir>', 'output directory (default sweep-out)')
    .option('--resume', 'continue the sweep in --out, skipping the runs already complete')
    .option('--force', 'start over, replacing what --out holds')
    .option('--run-timeout <ms>', 'a run taking longer fails (default 600000)')
    .option('--json', 'print one JSON document (and no progress)')
    .action(async (env: string, o) => setExit(await sweepCommand(env, o)));

  program
    .command('solve')
    .description('exact values of every cell as the start, in a fully known world')
    .argument('<env>', 'built-in environment name, or a .json / .ts file')
    .addOption(
      new Option('--policy <policy>', 'optimal (value iteration) or random (policy evaluation)').default(
        'optimal',
      ),
    )
    .option('--gamma <g>', "discount in [0, 1] (default: the environment's)")
    .option('--truth <assignments...>', 'fix unknowns: ID=TILE or ID@X,Y=TILE')
    .option('--seed <n>', 'draw the unknowns not fixed by --truth from this seed')
    .option('--param <KEY=VALUE>', PARAM_HELP, collect)
    .option('--json', 'print { "values": [[…]] } and more')
    .action(async (env: string, o) => setExit(await solveCommand(env, o)));

  program
    .command('bench')
    .description(
      'the batch benchmark: every environment × agent × seed in worker threads; writes DIR/results.jsonl, summary.md, summary.csv and report.html',
    )
    .option(
      '--envs <list>',
      'environments: built-in names or .json/.ts files, comma-separated, or all (default)',
      collect,
    )
    .option(
      '--agents <list>',
      'agents, comma-separated, each NAME or NAME:KEY=VALUE[:KEY=VALUE…], or all (default: every agent but scripted)',
      collect,
    )
    .option(
      '--agent <file>',
      'an agent module ./my-agent.mjs|.js|.ts to benchmark (repeatable; without --agents, only the modules)',
      collect,
    )
    .option('--param <KEY=VALUE>', PARAM_HELP, collect)
    .option('--seeds <n>', `seeds 0..N-1 (default ${DEFAULT_SEEDS})`)
    .option('--episodes <k>', 'episodes per run; the agent keeps what it learned between them (default 1)')
    .option('--workers <w>', 'worker threads (default: the number of cores)')
    .option('--out <dir>', `output directory (default ${DEFAULT_OUT})`)
    .option('--shard <I/N>', 'run only shard I of N (1 ≤ I ≤ N): the runs whose index is I-1 modulo N')
    .option('--resume', 'continue the bench in --out, skipping the runs already complete')
    .option('--force', 'start over, replacing the results in --out')
    .option(
      '--run-timeout <ms>',
      `stop a run after this long and record an error (default ${DEFAULT_RUN_TIMEOUT_MS})`,
    )
    .option('--json', 'print one JSON document (and no progress)')
    .action(async (o) => setExit(await benchCommand(o)));

  program
    .command('serve')
    .description(
      'the engine as a JSON-lines service on stdin/stdout: make, reset, step, close (docs/serve.md)',
    )
    .option('--stdio', 'serve on stdin and stdout (the only transport)')
    .action(async (o: { stdio?: boolean }, cmd: Command) =>
      setExit(await serveCommand({ ...o, debug: cmd.optsWithGlobals().debug === true })),
    );

  program
    .command('merge')
    .description('merge bench directories (shards) into one: results, summary and report')
    .argument('<dirs...>', 'bench output directories')
    .requiredOption('--out <dir>', 'the merged directory')
    .option('--json', 'print one JSON document')
    .action(async (dirs: string[], o) => setExit(await mergeCommand(dirs, o)));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; everything else commander rejects is a usage error.
      return e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
        ? 0
        : 2;
    }
    if (debug) process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    if (e instanceof EnvLoadError || e instanceof UsageError || e instanceof AgentShapeError) {
      if (!debug) process.stderr.write(`trapworld: ${e.message.split('\n').join('\ntrapworld: ')}\n`);
      return 2;
    }
    if (e instanceof SolveError) {
      if (!debug) process.stderr.write(`trapworld: ${e.message}\n`);
      return 1;
    }
    if (!debug)
      process.stderr.write(
        `trapworld: internal error: ${(e as Error).message} (run with --debug for details)\n`,
      );
    return 1;
  }
}
