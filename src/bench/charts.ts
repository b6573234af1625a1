/**
 * The report's plots as Vega-Lite specs (pure data → spec, testable) and their rendering to SVG in
 * Node with Vega's headless renderer: no browser, no canvas, and the SVG is inlined in report.html.
 * Vega is imported lazily, so the other subcommands do not pay for loading it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BenchRow } from './rows.ts';
import type { AgentSummary, BenchSummary } from './summary.ts';

const CONFIG = {
  font: 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
};

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

function scheme(labels: number): string {
  return labels > 10 ? 'tableau20' : 'tableau10';
}

/** Death rate of every agent in every environment, as a heatmap with the rates written in. */
export function overviewSpec(summary: BenchSummary): TopLevelSpec {
  const values = summary.entries.map((e) => ({
    environment: e.environment,
    agent: e.label,
    deathRate: e.deathRate,
    text: e.deathRate === null ? '–' : e.deathRate.toFixed(2),
  }));
  const base = {
    x: {
      field: 'agent',
      type: 'nominal',
      sort: summary.labels,
      title: null,
      axis: { labelAngle: -40, orient: 'top' },
    },
    y: {
      field: 'environment',
      type: 'nominal',
      sort: summary.environments,
      title: null,
      axis: { labelLimit: 320 },
    },
  } as const;
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: 'Death rate per episode',
    data: { values },
    width: { step: 44 },
    height: { step: 22 },
    layer: [
      {
        mark: 'rect',
        encoding: {
          ...base,
          color: {
            field: 'deathRate',
            type: 'quantitative',
            scale: { domain: [0, 1], scheme: 'reds' },
            title: 'death rate',
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          ...base,
          text: { field: 'text' },
          color: { condition: { test: 'datum.deathRate > 0.5', value: 'white' }, value: 'black' },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Per environment: death rate by agent with 95% Wilson intervals, and the distribution of returns. */
export function environmentSpec(
  env: string,
  entries: readonly AgentSummary[],
  rows: readonly BenchRow[],
  labelOf: (r: BenchRow) => string,
): TopLevelSpec {
  const labels = entries.map((e) => e.label);
  const rates = entries
    .filter((e) => e.deathRate !== null)
    .map((e) => ({
      agent: e.label,
      deathRate: e.deathRate,
      low: e.deathRateInterval!.low,
      high: e.deathRateInterval!.high,
    }));
  const returns = rows
    .filter((r) => r.environment === env && r.error === null)
    .map((r) => ({ agent: labelOf(r), return: r.return }));
  const x = {
    field: 'agent',
    type: 'nominal',
    sort: labels,
    title: null,
    axis: { labelAngle: -40 },
  } as const;
  const color = {
    field: 'agent',
    type: 'nominal',
    sort: labels,
    legend: null,
    scale: { scheme: scheme(labels.length) },
  } as const;
  return {
    $schema: SCHEMA,
    config: CONFIG,
    hconcat: [
      {
        title: 'Death rate (95% Wilson interval)',
        data: { values: rates },
        width: { step: 34 },
        height: 180,
        layer: [
          {
            mark: 'bar',
            encoding: {
              x,
              y: { field: 'deathRate', type: 'quantitative', scale: { domain: [0, 1] }, title: 'death rate' },
              color,
            },
          },
          {
            mark: { type: 'errorbar', ticks: true, color: '#333' },
            encoding: {
              x,
              y: { field: 'low', type: 'quantitative', title: 'death rate' },
              y2: { field: 'high' },
            },
          },
        ],
      },
      {
        title: 'Return per episode',
        data: { values: returns },
        width: { step: 34 },
        height: 180,
        mark: { type: 'boxplot', extent: 1.5, size: 18 },
        encoding: {
          x,
          y: { field: 'return', type: 'quantitative', title: 'return', scale: { zero: false } },
          color,
        },
      },
    ],
  } as TopLevelSpec;
}

/** For multi-episode runs: mean return and death rate per episode, one line per agent. */
export function learningCurveSpec(entries: readonly AgentSummary[]): TopLevelSpec {
  const labels = entries.map((e) => e.label);
  const values = entries.flatMap((e) =>
    e.perEpisode.map((p) => ({
      agent: e.label,
      episode: p.episode + 1,
      meanReturn: p.meanReturn,
      deathRate: p.deathRate,
    })),
  );
  const color = {
    field: 'agent',
    type: 'nominal',
    sort: labels,
    scale: { scheme: scheme(labels.length) },
    title: 'agent',
  } as const;
  const episodes = entries.reduce((m, e) => Math.max(m, e.perEpisode.length), 0);
  const x = {
    field: 'episode',
    type: 'quantitative' as const,
    title: 'episode',
    scale: { domain: [1, Math.max(2, episodes)], nice: false },
    axis: {
      format: 'd',
      ...(episodes <= 20 ? { values: Array.from({ length: episodes }, (_, i) => i + 1) } : {}),
    },
  };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    data: { values },
    hconcat: [
      {
        title: 'Learning curve: mean return',
        width: 260,
        height: 170,
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'meanReturn', type: 'quantitative', title: 'mean return', scale: { zero: false } },
          color,
        },
      },
      {
        title: 'Learning curve: death rate',
        width: 260,
        height: 170,
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'deathRate', type: 'quantitative', title: 'death rate', scale: { domain: [0, 1] } },
          color,
        },
      },
    ],
  } as TopLevelSpec;
}

type VegaModules = [typeof import('vega'), typeof import('vega-lite')];
let modules: Promise<VegaModules> | null = null;

function loadVega(): Promise<VegaModules> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]);
  return modules;
}

/** Compiles a Vega-Lite spec and renders it to an SVG string, headless. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await loadVega();
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
