/**
 * A sweep's results: for every value of the swept parameter and every agent configuration, the share
 * of episodes ending dead or stuck, the goal rate, the mean return and the mean regret, with 95%
 * intervals (Wilson for rates, Student's t over runs for means), read off the bench rows.
 */
import { optionsKey, sortRows, type BenchRow } from '../bench/rows.ts';
import { meanInterval, mean, wilson, type Interval } from '../bench/stats.ts';
import { agentLabels, labelKey } from '../bench/summary.ts';

export interface SweepPoint {
  value: number;
  agent: string;
  label: string;
  runs: number;
  episodes: number;
  /** Rates and means are null where every run failed (no episode to average). */
  deathRate: number | null;
  trappedRate: number | null;
  trappedInterval: Interval | null;
  goalRate: number | null;
  meanReturn: number | null;
  returnInterval: Interval | null;
  meanRegret: number | null;
  regretInterval: Interval | null;
  failed: number;
}

/** Points in value order, then label order; `valueOf` maps a row's environment name to its value. */
export function sweepPoints(
  rows: readonly BenchRow[],
  valueOf: (environment: string) => number,
): SweepPoint[] {
  // In the canonical order, as the bench's summary reads them: the order the runs finished in (which
  // results.jsonl keeps) must not change a label or the last digits of a mean.
  const sorted = sortRows(rows);
  const labels = agentLabels(sorted);
  const groups = new Map<string, { value: number; rows: BenchRow[] }>();
  for (const r of sorted) {
    const value = valueOf(r.environment);
    const key = JSON.stringify([value, labelKey(r.agent, optionsKey(r.options))]);
    const group = groups.get(key);
    if (group) group.rows.push(r);
    else groups.set(key, { value, rows: [r] });
  }
  const points: SweepPoint[] = [];
  for (const { value, rows: group } of groups.values()) {
    const ok = group.filter((r) => r.error === null);
    const byRun = new Map<number, BenchRow[]>();
    for (const r of ok) {
      const run = byRun.get(r.seed);
      if (run) run.push(r);
      else byRun.set(r.seed, [r]);
    }
    const runMeans = (f: (r: BenchRow) => number) => [...byRun.values()].map((l) => mean(l.map(f))!);
    const trapped = ok.filter((r) => r.outcome === 'death' || r.outcome === 'stuck').length;
    const returns = meanInterval(runMeans((r) => r.return!));
    const regrets = meanInterval(runMeans((r) => r.regret!));
    points.push({
      value,
      agent: group[0].agent,
      label: labels.get(labelKey(group[0].agent, optionsKey(group[0].options)))!,
      runs: byRun.size,
      episodes: ok.length,
      deathRate: ok.length ? ok.filter((r) => r.outcome === 'death').length / ok.length : null,
      trappedRate: ok.length ? trapped / ok.length : null,
      trappedInterval: wilson(trapped, ok.length),
      goalRate: ok.length ? ok.filter((r) => r.outcome === 'goal').length / ok.length : null,
      meanReturn: returns?.mean ?? null,
      returnInterval: returns?.interval ?? null,
      meanRegret: regrets?.mean ?? null,
      regretInterval: regrets?.interval ?? null,
      failed: new Set(group.filter((r) => r.error !== null).map((r) => r.seed)).size,
    });
  }
  return points.sort((a, b) => a.value - b.value || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
