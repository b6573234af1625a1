import { agents } from '../../../agents/index.ts';
import { parseActionList, scriptedAgent } from '../../../agents/scripted.ts';
import { UsageError } from '../../core/errors.ts';
import { parseOptions } from '../../core/options.ts';
import { playRun, type EpisodeResult, type EpisodeTrace } from '../../core/run.ts';
import { hashTrajectory } from '../../core/hash.ts';
import type { EnvSpec } from '../../core/spec.ts';
import { parseTruthAssignments } from '../../core/truth.ts';
import { cellXY } from '../../core/spec.ts';
import { parseEpisodes, parseSeed } from '../args.ts';
import { loadAgentModule, looksLikeModulePath } from '../agent-modules.ts';
import { familyOf, instantiate, loadEnvironmentSource, parseParamPairs } from '../env-files.ts';
import { episodeRowJson, observationJson, traceStepJson } from '../episode-json.ts';
import { formatNumber, printJson, writeFileAtomic } from '../output.ts';

export interface RunCommandOptions {
  actions?: string;
  agent?: string;
  seed?: string;
  episodes?: string;
  truth?: string[];
  opt?: string[];
  /** Generator parameters (--param KEY=VALUE, repeatable). */
  param?: string[];
  trace?: string;
  json?: boolean;
}

export function summarise(episodes: readonly EpisodeResult[]) {
  const count = (o: string) => episodes.filter((e) => e.outcome === o).length;
  const mean = (f: (e: EpisodeResult) => number) =>
    episodes.reduce((s, e) => s + f(e), 0) / Math.max(1, episodes.length);
  return {
    episodes: episodes.length,
    goal: count('goal'),
    death: count('death'),
    stuck: count('stuck'),
    truncated: count('truncated'),
    meanReturn: mean((e) => e.return),
    meanDiscountedReturn: mean((e) => e.discountedReturn),
    meanPerformance: mean((e) => e.performance),
    meanSteps: mean((e) => e.steps),
    pokes: episodes.reduce((s, e) => s + e.pokes, 0),
    ...(episodes.some((e) => e.questions !== undefined)
      ? { questions: episodes.reduce((s, e) => s + (e.questions ?? 0), 0) }
      : {}),
  };
}

function traceDocument(
  env: EnvSpec,
  agent: string,
  seed: number,
  episodes: EpisodeResult[],
  traces: EpisodeTrace[],
) {
  return {
    environment: env.name,
    agent,
    seed,
    episodes: traces.map((t, i) => ({
      episode: i,
      truth: episodes[i].truth,
      outcome: episodes[i].outcome,
      steps: t.actions.map((_, k) => traceStepJson(env, t, k)),
      start: cellXY(env, t.positions[0]),
      // What the agent saw after reset (serve --stdio's reset reply has the same observation).
      observation: observationJson(t.observations[0]),
    })),
  };
}

export async function runCommand(envArg: string, o: RunCommandOptions): Promise<number> {
  if (o.actions !== undefined && o.agent !== undefined)
    throw new UsageError('give either --actions or --agent, not both');
  if (o.actions === undefined && o.agent === undefined)
    throw new UsageError('give --agent NAME or --actions E,E,S…');
  const params = parseParamPairs(o.param);
  const source = await loadEnvironmentSource(envArg);
  const seed = parseSeed(o.seed);
  const episodes = parseEpisodes(o.episodes);
  // A family (a generator that declares one) plays a new world each episode, built as it starts.
  const worlds = familyOf(source, params, episodes);
  const env = worlds ? worlds(0) : instantiate(source, params);
  if (worlds && o.truth?.length)
    throw new UsageError(
      `--truth fixes the unknowns of one world, and ${envArg} is a family (a new world each episode, its regularities drawn once): give --param ${source.kind === 'generator' ? source.generator.family : 'the family parameter'}=N to play one world with --truth`,
    );
  const truth = parseTruthAssignments(env, o.truth ?? []);
  let definition = scriptedAgent;
  let agentOptions;
  if (o.actions !== undefined) {
    if (o.opt?.length) throw new UsageError('--opt applies to --agent, not --actions');
    parseActionList(env, o.actions);
    agentOptions = { actions: o.actions };
  } else {
    const found = looksLikeModulePath(o.agent!)
      ? (await loadAgentModule(o.agent!)).definition
      : agents.get(o.agent!);
    if (!found)
      throw new UsageError(
        `unknown agent "${o.agent}" (agents: ${agents.names().join(', ')}, or a module such as ./my-agent.mjs)`,
      );
    definition = found;
    agentOptions = parseOptions(found, o.opt ?? []);
  }
  // An action list is played by the scripted agent; reports name it so, as bench rows do.
  const agentName = definition.name;
  // Every episode is traced for its hash (the fingerprint the app shows); the traces are kept only for
  // --trace, so a long run holds one episode's trace at a time.
  const result: { episodes: EpisodeResult[]; traces: EpisodeTrace[]; hashes: string[] } = {
    episodes: [],
    traces: [],
    hashes: [],
  };
  for (const { result: e, trace } of playRun(env, definition, agentOptions, {
    seed,
    episodes,
    truth,
    clock: () => performance.now(),
    trace: true,
    ...(worlds ? { worlds } : {}),
  })) {
    result.episodes.push(e);
    result.hashes.push(hashTrajectory(trace!));
    if (o.trace !== undefined) result.traces.push(trace!);
  }
  if (o.trace !== undefined)
    writeFileAtomic(
      o.trace,
      `${JSON.stringify(traceDocument(env, agentName, seed, result.episodes, result.traces))}\n`,
    );
  const rows = result.episodes.map((e, i) => ({ ...episodeRowJson(e), hash: result.hashes[i] }));
  const summary = summarise(result.episodes);
  if (o.json) {
    printJson({
      environment: env.name,
      agent: agentName,
      options: agentOptions,
      seed,
      episodes: rows,
      summary,
    });
    return 0;
  }
  const lines = [`${env.name} · ${agentName} · seed ${seed}`];
  for (const e of rows) {
    const truthText = Object.entries(e.truth)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    lines.push(
      `episode ${e.episode}: ${e.outcome.padEnd(9)} return ${formatNumber(e.return)}  discounted ${formatNumber(e.discountedReturn)}  performance ${formatNumber(e.performance)}  steps ${e.steps}  pokes ${e.pokes}${e.questions !== undefined ? `  questions ${e.questions}` : ''}  hash ${e.hash}${truthText ? `  truth ${truthText}` : ''}`,
    );
  }
  if (rows.length > 1)
    lines.push(
      `summary: ${summary.episodes} episodes, ${summary.goal} goal, ${summary.death} death, ${summary.stuck} stuck, ${summary.truncated} truncated; mean return ${formatNumber(summary.meanReturn)}, mean discounted ${formatNumber(summary.meanDiscountedReturn)}`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
