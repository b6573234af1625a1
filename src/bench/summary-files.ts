/** summary.md and summary.csv: the summary as text (summary-text.ts) and as CSV, in the summary's order. */
import { stringify } from 'csv-stringify/sync';
import type { AgentSummary, BenchSummary } from './summary.ts';

export * from './summary-text.ts';

export const CSV_COLUMNS = [
  'environment',
  'agent',
  'label',
  'options',
  'runs',
  'failed',
  'refused',
  'episodes',
  'deaths',
  'deathRate',
  'deathRateLow',
  'deathRateHigh',
  'stuck',
  'stuckRate',
  'stuckRateLow',
  'stuckRateHigh',
  'goals',
  'goalRate',
  'goalRateLow',
  'goalRateHigh',
  'truncated',
  'truncatedRate',
  'meanReturn',
  'meanReturnLow',
  'meanReturnHigh',
  'meanDiscountedReturn',
  'meanDiscountedReturnLow',
  'meanDiscountedReturnHigh',
  'meanPerformance',
  'meanRegret',
  'meanPokes',
  'meanQuestions',
  'meanSteps',
  'meanDecisionMs',
] as const;

export function csvRecord(e: AgentSummary): Record<(typeof CSV_COLUMNS)[number], unknown> {
  return {
    environment: e.environment,
    agent: e.agent,
    label: e.label,
    options: e.options,
    runs: e.runs,
    failed: e.failed,
    refused: e.refused,
    episodes: e.episodes,
    deaths: e.deaths,
    deathRate: e.deathRate,
    deathRateLow: e.deathRateInterval?.low,
    deathRateHigh: e.deathRateInterval?.high,
    stuck: e.stuck,
    stuckRate: e.stuckRate,
    stuckRateLow: e.stuckRateInterval?.low,
    stuckRateHigh: e.stuckRateInterval?.high,
    goals: e.goals,
    goalRate: e.goalRate,
    goalRateLow: e.goalRateInterval?.low,
    goalRateHigh: e.goalRateInterval?.high,
    truncated: e.truncated,
    truncatedRate: e.truncatedRate,
    meanReturn: e.meanReturn?.mean,
    meanReturnLow: e.meanReturn?.interval?.low,
    meanReturnHigh: e.meanReturn?.interval?.high,
    meanDiscountedReturn: e.meanDiscountedReturn?.mean,
    meanDiscountedReturnLow: e.meanDiscountedReturn?.interval?.low,
    meanDiscountedReturnHigh: e.meanDiscountedReturn?.interval?.high,
    meanPerformance: e.meanPerformance,
    meanRegret: e.meanRegret,
    meanPokes: e.meanPokes,
    meanQuestions: e.meanQuestions,
    meanSteps: e.meanSteps,
    meanDecisionMs: e.meanDecisionMs,
  };
}

/**
 * RFC 4180 CSV (csv-stringify): fields holding commas, quotes or line breaks are quoted, the options
 * object is written as JSON, a missing value (an interval of one run) is an empty field, and numbers
 * keep full precision.
 */
export function renderCsv(s: BenchSummary): string {
  return stringify(s.entries.map(csvRecord), {
    header: true,
    columns: [...CSV_COLUMNS],
    cast: { object: (v) => JSON.stringify(v) },
  });
}
