/**
 * A sweep's outputs: summary.csv (a row per value × agent) and report.html (one figure per question,
 * each against the swept parameter, with 95% bands: how often agents end dead or stuck, what they
 * return, how far they fall short of the oracle).
 */
import { stringify } from 'csv-stringify/sync';
import type { TopLevelSpec } from 'vega-lite';
import { bandedLines, renderSvg } from '../bench/charts.ts';
import { escapeHtml } from '../bench/report.ts';
import { fmt } from '../bench/summary-text.ts';
import type { SweepPoint } from './points.ts';

export interface SweepInfo {
  environment: string;
  title: string;
  description: string;
  parameter: string;
  values: number[];
  fixed: Record<string, string>;
  seeds: number;
  episodes: number;
}

export function renderSweepCsv(points: readonly SweepPoint[], parameter: string): string {
  return stringify(
    points.map((p) => ({
      [parameter]: p.value,
      agent: p.agent,
      label: p.label,
      runs: p.runs,
      episodes: p.episodes,
      failed: p.failed,
      deathRate: p.deathRate,
      trappedRate: p.trappedRate,
      trappedLow: p.trappedInterval?.low,
      trappedHigh: p.trappedInterval?.high,
      goalRate: p.goalRate,
      meanReturn: p.meanReturn,
      returnLow: p.returnInterval?.low,
      returnHigh: p.returnInterval?.high,
      meanRegret: p.meanRegret,
      regretLow: p.regretInterval?.low,
      regretHigh: p.regretInterval?.high,
    })),
    { header: true },
  );
}

function curveSpec(
  info: SweepInfo,
  points: readonly SweepPoint[],
  title: { text: string; subtitle: string },
  y: Record<string, unknown>,
  value: (p: SweepPoint) => { mean: number | null; low?: number; high?: number },
): TopLevelSpec {
  // A value where every run failed has no mean: the line skips it rather than drawing a zero.
  const values = points.flatMap((p) => {
    const { mean, low, high } = value(p);
    return mean === null
      ? []
      : [{ agent: p.label, x: p.value, value: mean, low: low ?? mean, high: high ?? mean }];
  });
  return bandedLines(
    values,
    [...new Set(points.map((p) => p.label))],
    title,
    { title: info.parameter, scale: { zero: false, nice: false } },
    y,
    { width: 420, height: 240 },
  );
}

export function sweepFigures(info: SweepInfo, points: readonly SweepPoint[]): TopLevelSpec[] {
  const at = `${info.environment}, against ${info.parameter}`;
  return [
    curveSpec(
      info,
      points,
      { text: `Dead or stuck, ${at}`, subtitle: 'share of episodes ending so, 95% Wilson band' },
      { title: 'dead or stuck', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
      (p) => ({ mean: p.trappedRate, low: p.trappedInterval?.low, high: p.trappedInterval?.high }),
    ),
    curveSpec(
      info,
      points,
      { text: `Return, ${at}`, subtitle: "mean of the runs' mean returns, 95% band" },
      { title: 'mean return', scale: { zero: false } },
      (p) => ({ mean: p.meanReturn, low: p.returnInterval?.low, high: p.returnInterval?.high }),
    ),
    curveSpec(
      info,
      points,
      { text: `Regret, ${at}`, subtitle: "oracle's expected discounted return minus the agent's, 95% band" },
      { title: 'mean regret' },
      (p) => ({ mean: p.meanRegret, low: p.regretInterval?.low, high: p.regretInterval?.high }),
    ),
  ];
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto;
  max-width: 1320px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } p { max-width: 80ch; color: #444; }
table { border-collapse: collapse; font-size: 0.8rem; margin: 0.8rem 0; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.4rem; text-align: right; white-space: nowrap; }
th { background: #f5f5f5; } td:nth-child(2), th:nth-child(2) { text-align: left; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; } figure { margin: 0.5rem 0; }
`;

export async function renderSweepReport(info: SweepInfo, points: readonly SweepPoint[]): Promise<string> {
  const fixed = Object.entries(info.fixed)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const rows = points
    .map(
      (p) =>
        `<tr><td>${p.value}</td><td>${escapeHtml(p.label)}</td><td>${p.runs}</td><td>${fmt(p.trappedRate, 3)}</td><td>${fmt(p.goalRate, 3)}</td><td>${fmt(p.meanReturn)}</td><td>${fmt(p.meanRegret)}</td></tr>`,
    )
    .join('\n');
  const figures: string[] = [];
  for (const spec of sweepFigures(info, points)) figures.push(`<figure>${await renderSvg(spec)}</figure>`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>trapworld sweep</title>',
    `<style>${STYLE}</style></head>`,
    '<body>',
    `<h1>trapworld sweep: ${escapeHtml(info.environment)} against ${escapeHtml(info.parameter)}</h1>`,
    `<p>${escapeHtml(info.title)}: ${info.values.length} values of ${escapeHtml(info.parameter)} (${info.values.join(', ')})${fixed ? `, with ${escapeHtml(fixed)}` : ''}; ${info.seeds} seeds, ${info.episodes} episode${info.episodes === 1 ? '' : 's'} per run.</p>`,
    `<p>${escapeHtml(info.description)}</p>`,
    `<div class="figures">${figures.join('\n')}</div>`,
    `<table><tr><th>${escapeHtml(info.parameter)}</th><th>agent</th><th>runs</th><th>dead or stuck</th><th>goal</th><th>mean return</th><th>mean regret</th></tr>`,
    rows,
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
