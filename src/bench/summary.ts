/**
 * The per environment × agent summary of a bench's rows. Rows are sorted first, so every number is the
 * same whatever order the runs finished in (decision time, wall-clock, aside).
 *
 * Over the runs that completed without error: how the episodes ended (goal, death, stuck, truncated:
 * the four counts add up to the episodes), death, stuck and goal rates per episode with 95% Wilson
 * intervals; mean return and discounted return with 95% t intervals over runs (a run's value is the
 * mean over its episodes: runs, not the episodes within one, are independent); means per episode of
 * safety performance, regret against the oracle, pokes, steps and decision time. Failed and refused
 * runs are counted, and left out of the statistics.
 */
import type { OptionValue } from '../core/agent.ts';
import { defaultOptions } from '../core/options.ts';
import { findAgent } from '../worker/batch.ts';
import { isFailure, optionsKey, runKey, sortRows, type BenchRow } from './rows.ts';
import { mean, meanInterval, wilson, type Interval, type MeanWithInterval } from './stats.ts';

/** Episode k of every run of one agent configuration: a point of its learning curves, with 95% intervals. */
export interface EpisodePoint {
  episode: number;
  runs: number;
  deathRate: number;
  stuckRate: number;
  /** Wilson interval of the share of runs whose episode k ended dead or stuck. */
  trappedInterval: Interval | null;
  meanReturn: number;
  returnInterval: Interval | null;
  meanRegret: number;
  regretInterval: Interval | null;
}

export interface AgentSummary {
  environment: string;
  agent: string;
  options: Record<string, OptionValue>;
  /** The agent's name, plus the options in which its configurations in this bench differ. */
  label: string;
  runs: number;
  failed: number;
  refused: number;
  /** Episodes of the runs without error: the statistics below are over these. */
  episodes: number;
  deaths: number;
  deathRate: number | null;
  deathRateInterval: Interval | null;
  /** Episodes that ended stuck: alive but unable to leave (a pit, a locked cellar) until maxSteps. */
  stuck: number;
  stuckRate: number | null;
  stuckRateInterval: Interval | null;
  goals: number;
  goalRate: number | null;
  goalRateInterval: Interval | null;
  /** Episodes that reached maxSteps (or ran out of actions) neither at the goal, dead nor stuck. */
  truncated: number;
  truncatedRate: number | null;
  meanReturn: MeanWithInterval | null;
  meanDiscountedReturn: MeanWithInterval | null;
  meanPerformance: number | null;
  meanRegret: number | null;
  meanPokes: number | null;
  /** Mean questions asked of a mentor per episode, for agents granted one (else null). */
  meanQuestions: number | null;
  meanSteps: number | null;
  /** Wall-clock: differs between machines and runs. */
  meanDecisionMs: number | null;
  /** Per episode index, for learning curves. */
  perEpisode: EpisodePoint[];
}

export interface FailedRun {
  environment: string;
  label: string;
  seed: number;
  episode: number;
  error: string;
  refused: boolean;
}

export interface BenchSummary {
  runs: number;
  failed: number;
  refused: number;
  environments: string[];
  labels: string[];
  /** Distinct seeds and the most episodes per run seen. */
  seeds: number;
  episodes: number;
  entries: AgentSummary[];
  /** Failed and refused runs, sorted. */
  failures: FailedRun[];
}

/** An agent's default options, when this build knows the agent. */
function knownDefaults(agent: string): Record<string, OptionValue> | undefined {
  const def = findAgent(agent);
  return def ? defaultOptions(def) : undefined;
}

/**
 * Labels: the agent's name, plus the options that differ from its defaults or between its
 * configurations in these rows, in the `--agents` syntax: `prober`, `prober:budget=0.01`.
 */
export function agentLabels(
  rows: readonly BenchRow[],
  defaultsOf: (agent: string) => Record<string, OptionValue> | undefined = knownDefaults,
): Map<string, string> {
  const configs = new Map<string, Map<string, Record<string, OptionValue>>>();
  for (const r of rows) {
    let m = configs.get(r.agent);
    if (!m) configs.set(r.agent, (m = new Map()));
    m.set(optionsKey(r.options), r.options);
  }
  const labels = new Map<string, string>();
  for (const [agent, m] of configs) {
    const defaults = defaultsOf(agent);
    // An option a row does not name has its default (results written before the option existed).
    const full = (o: Record<string, OptionValue>) => ({ ...defaults, ...o });
    const all = [...m.values()].map(full);
    if (defaults) all.push(defaults);
    const keys = [...new Set(all.flatMap((o) => Object.keys(o)))].filter(
      (k) => new Set(all.map((o) => JSON.stringify(o[k]))).size > 1,
    );
    for (const [key, options] of m)
      labels.set(
        labelKey(agent, key),
        keys.length === 0
          ? agent
          : `${agent}:${keys.map((k) => `${k}=${String(full(options)[k])}`).join(':')}`,
      );
  }
  return labels;
}

export function labelKey(agent: string, optionsKeyText: string): string {
  return `${agent}\u0000${optionsKeyText}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function summarise(input: readonly BenchRow[]): BenchSummary {
  const rows = sortRows(input);
  const labels = agentLabels(rows);
  const labelOf = (r: BenchRow) => labels.get(labelKey(r.agent, optionsKey(r.options)))!;
  // Group rows into runs, and runs into (environment, label) cells; rows are sorted, so are both.
  const runs = new Map<string, BenchRow[]>();
  for (const r of rows) {
    const k = runKey(r);
    const list = runs.get(k);
    if (list) list.push(r);
    else runs.set(k, [r]);
  }
  const cells = new Map<string, BenchRow[][]>();
  for (const list of runs.values()) {
    const k = JSON.stringify([list[0].environment, labelOf(list[0])]);
    const c = cells.get(k);
    if (c) c.push(list);
    else cells.set(k, [list]);
  }
  const entries: AgentSummary[] = [];
  const failures: FailedRun[] = [];
  for (const runLists of cells.values()) {
    const first = runLists[0][0];
    const ok = runLists.filter((l) => l.every((r) => r.error === null));
    let failed = 0;
    let refused = 0;
    for (const l of runLists) {
      const err = l.find((r) => r.error !== null);
      if (!err) continue;
      if (isFailure(err)) failed++;
      else refused++;
      failures.push({
        environment: err.environment,
        label: labelOf(err),
        seed: err.seed,
        episode: err.episode,
        error: err.error!,
        refused: err.refused,
      });
    }
    const eps = ok.flat();
    const deaths = eps.filter((r) => r.outcome === 'death').length;
    const goals = eps.filter((r) => r.outcome === 'goal').length;
    const stuck = eps.filter((r) => r.outcome === 'stuck').length;
    const truncated = eps.filter((r) => r.outcome === 'truncated').length;
    const runMean = (f: (r: BenchRow) => number) => ok.map((l) => mean(l.map(f))!);
    const maxEpisodes = ok.reduce((m, l) => Math.max(m, l.length), 0);
    const perEpisode: EpisodePoint[] = [];
    for (let e = 0; e < maxEpisodes; e++) {
      const at = ok.map((l) => l[e]).filter((r) => r !== undefined);
      const returns = meanInterval(at.map((r) => r.return!));
      const regrets = meanInterval(at.map((r) => r.regret!));
      const trapped = at.filter((r) => r.outcome === 'death' || r.outcome === 'stuck').length;
      perEpisode.push({
        episode: e,
        runs: at.length,
        deathRate: at.filter((r) => r.outcome === 'death').length / at.length,
        stuckRate: at.filter((r) => r.outcome === 'stuck').length / at.length,
        trappedInterval: wilson(trapped, at.length),
        meanReturn: returns!.mean,
        returnInterval: returns!.interval,
        meanRegret: regrets!.mean,
        regretInterval: regrets!.interval,
      });
    }
    entries.push({
      environment: first.environment,
      agent: first.agent,
      options: first.options,
      label: labelOf(first),
      runs: runLists.length,
      failed,
      refused,
      episodes: eps.length,
      deaths,
      deathRate: eps.length ? deaths / eps.length : null,
      deathRateInterval: wilson(deaths, eps.length),
      stuck,
      stuckRate: eps.length ? stuck / eps.length : null,
      stuckRateInterval: wilson(stuck, eps.length),
      goals,
      goalRate: eps.length ? goals / eps.length : null,
      goalRateInterval: wilson(goals, eps.length),
      truncated,
      truncatedRate: eps.length ? truncated / eps.length : null,
      meanReturn: meanInterval(runMean((r) => r.return!)),
      meanDiscountedReturn: meanInterval(runMean((r) => r.discountedReturn!)),
      meanPerformance: mean(eps.map((r) => r.performance!)),
      meanRegret: mean(eps.map((r) => r.regret!)),
      meanPokes: mean(eps.map((r) => r.pokes!)),
      meanQuestions: eps.some((r) => r.questions != null) ? mean(eps.map((r) => r.questions ?? 0)) : null,
      meanSteps: mean(eps.map((r) => r.steps!)),
      meanDecisionMs: mean(eps.map((r) => r.decisionMs ?? 0)),
      perEpisode,
    });
  }
  entries.sort((a, b) => cmp(a.environment, b.environment) || cmp(a.label, b.label));
  failures.sort((a, b) => cmp(a.environment, b.environment) || cmp(a.label, b.label) || a.seed - b.seed);
  return {
    runs: runs.size,
    failed: failures.filter((f) => !f.refused).length,
    refused: failures.filter((f) => f.refused).length,
    environments: [...new Set(entries.map((e) => e.environment))],
    labels: [...new Set(entries.map((e) => e.label))].sort(cmp),
    seeds: new Set(rows.map((r) => r.seed)).size,
    episodes: rows.reduce((m, r) => Math.max(m, r.episode + 1), 0),
    entries,
    failures,
  };
}
