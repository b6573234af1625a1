/**
 * The report's plots as Vega-Lite specs (pure data → spec, testable) and their rendering to SVG in
 * Node with Vega's headless renderer: no browser, no canvas, and the SVG is inlined in report.html.
 * Vega is imported lazily, so the other subcommands do not pay for loading it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BenchRow } from './rows.ts';
import { wilson } from './stats.ts';
import type { AgentSummary, BenchSummary } from './summary.ts';

/** Legible at a glance: 12–13 px labels, a 15 px title, agent names never cut short. */
export const CONFIG = {
  font: 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif',
  view: { stroke: null },
  title: { fontSize: 15, anchor: 'start', offset: 10, subtitleFontSize: 12, subtitleColor: '#555' },
  axis: { labelFontSize: 12, titleFontSize: 13, labelLimit: 360, titlePadding: 8 },
  legend: { labelFontSize: 12, titleFontSize: 13, labelLimit: 360 },
};

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

export function scheme(labels: number): string {
  return labels > 10 ? 'tableau20' : 'tableau10';
}

/**
 * Outcomes in stacking order (from 0), with colours that read as what they mean, and the field that
 * counts them in a summary entry (and in an evolve generation).
 */
export const OUTCOMES = [
  { outcome: 'death', label: 'death', colour: '#c0392b', count: 'deaths' },
  { outcome: 'stuck', label: 'stuck', colour: '#e69f00', count: 'stuck' },
  { outcome: 'truncated', label: 'truncated', colour: '#9e9e9e', count: 'truncated' },
  { outcome: 'goal', label: 'goal', colour: '#2e8b57', count: 'goals' },
] as const;

/** The share of episodes that ended dead or stuck (null without episodes), with its Wilson interval. */
export function trappedRate(e: AgentSummary): { rate: number; low: number; high: number } | null {
  if (e.episodes === 0) return null;
  const k = e.deaths + e.stuck;
  const i = wilson(k, e.episodes)!;
  return { rate: k / e.episodes, low: i.low, high: i.high };
}

/**
 * Question: which agents fall into traps, in which worlds? The share of episodes ending dead or stuck,
 * for every world × agent, written into the cells of a heatmap.
 */
export function overviewSpec(summary: BenchSummary): TopLevelSpec {
  const values = summary.entries.map((e) => {
    const t = trappedRate(e);
    return {
      environment: e.environment,
      agent: e.label,
      trapped: t?.rate ?? null,
      text: t === null ? '–' : t.rate.toFixed(2),
    };
  });
  const base = {
    x: {
      field: 'agent',
      type: 'nominal',
      sort: summary.labels,
      title: 'agent',
      axis: { labelAngle: -35, orient: 'top' },
    },
    y: { field: 'environment', type: 'nominal', sort: summary.environments, title: 'world' },
  } as const;
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: 'Episodes ending dead or stuck',
      subtitle: 'share of episodes, per world and agent',
    },
    data: { values },
    width: { step: 56 },
    height: { step: 26 },
    layer: [
      {
        mark: 'rect',
        encoding: {
          ...base,
          color: {
            field: 'trapped',
            type: 'quantitative',
            scale: { domain: [0, 1], scheme: 'reds' },
            title: ['dead or', 'stuck'],
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 12 },
        encoding: {
          ...base,
          text: { field: 'text' },
          color: { condition: { test: 'datum.trapped > 0.5', value: 'white' }, value: 'black' },
        },
      },
    ],
  } as TopLevelSpec;
}

const agentAxis = (labels: readonly string[]) =>
  ({ field: 'agent', type: 'nominal', sort: labels, title: 'agent' }) as const;

/**
 * Question: how do this world's episodes end, agent by agent? Stacked shares of death, stuck,
 * truncated and goal; the black bar is the 95% Wilson interval of the share ending dead or stuck.
 */
export function outcomesSpec(env: string, entries: readonly AgentSummary[]): TopLevelSpec {
  const labels = entries.map((e) => e.label);
  const shares = entries
    .filter((e) => e.episodes > 0)
    .flatMap((e) =>
      OUTCOMES.map((o, order) => ({
        agent: e.label,
        outcome: o.label,
        order,
        episodes: e[o.count],
        share: e[o.count] / e.episodes,
      })),
    );
  const intervals = entries.flatMap((e) => {
    const t = trappedRate(e);
    return t ? [{ agent: e.label, ...t }] : [];
  });
  const y = agentAxis(labels);
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: `${env}: how episodes end`,
      subtitle: 'black bar: 95% Wilson interval of dead or stuck',
    },
    width: 380,
    height: { step: 24 },
    layer: [
      {
        data: { values: shares },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y,
          x: {
            field: 'share',
            type: 'quantitative',
            stack: 'zero',
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
            title: 'share of episodes',
          },
          color: {
            field: 'outcome',
            type: 'nominal',
            sort: OUTCOMES.map((o) => o.label),
            scale: { domain: OUTCOMES.map((o) => o.label), range: OUTCOMES.map((o) => o.colour) },
            title: 'outcome',
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        data: { values: intervals },
        mark: { type: 'errorbar', ticks: { size: 8 }, color: 'black', thickness: 1.5 },
        encoding: {
          y,
          x: { field: 'low', type: 'quantitative', title: 'share of episodes' },
          x2: { field: 'high' },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Question: what return does each agent get in this world? The distribution over its episodes. */
export function returnsSpec(
  env: string,
  entries: readonly AgentSummary[],
  rows: readonly BenchRow[],
  labelOf: (r: BenchRow) => string,
): TopLevelSpec {
  const labels = entries.map((e) => e.label);
  const values = rows
    .filter((r) => r.environment === env && r.error === null)
    .map((r) => ({ agent: labelOf(r), return: r.return }));
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: `${env}: return per episode`,
      subtitle: 'box: quartiles and median; whiskers: 1.5 × IQR',
    },
    data: { values },
    width: 380,
    height: { step: 24 },
    mark: { type: 'boxplot', extent: 1.5, size: 14 },
    encoding: {
      y: agentAxis(labels),
      x: {
        field: 'return',
        type: 'quantitative',
        title: 'return (undiscounted)',
        scale: { zero: false, padding: 12 },
      },
      color: {
        field: 'agent',
        type: 'nominal',
        sort: labels,
        legend: null,
        scale: { scheme: scheme(labels.length) },
      },
    },
  } as TopLevelSpec;
}

function episodeAxis(entries: readonly AgentSummary[]) {
  const episodes = entries.reduce((m, e) => Math.max(m, e.perEpisode.length), 0);
  return {
    field: 'episode',
    type: 'quantitative' as const,
    title: 'episode of the run',
    scale: { domain: [1, Math.max(2, episodes)], nice: false },
    axis: {
      format: 'd',
      ...(episodes <= 20 ? { values: Array.from({ length: episodes }, (_, i) => i + 1) } : {}),
    },
  };
}

type Point = AgentSummary['perEpisode'][number];

/** A value per agent along an x axis, with its 95% interval (equal to the value where there is none). */
export interface BandedValue {
  agent: string;
  x: number;
  value: number;
  low: number;
  high: number;
}

/** Lines per agent with their 95% bands: the figure of every curve the reports draw. */
export function bandedLines(
  values: readonly BandedValue[],
  labels: readonly string[],
  title: { text: string; subtitle: string },
  x: Record<string, unknown>,
  y: Record<string, unknown>,
  size = { width: 380, height: 220 },
): TopLevelSpec {
  const color = {
    field: 'agent',
    type: 'nominal',
    sort: labels,
    scale: { scheme: scheme(labels.length) },
    title: 'agent',
  };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title,
    data: { values },
    ...size,
    encoding: { x: { field: 'x', type: 'quantitative', ...x }, color },
    layer: [
      {
        mark: { type: 'errorband', opacity: 0.2 },
        encoding: { y: { field: 'low', type: 'quantitative', ...y }, y2: { field: 'high' } },
      },
      {
        mark: { type: 'line', point: true },
        encoding: { y: { field: 'value', type: 'quantitative', ...y } },
      },
    ],
  } as TopLevelSpec;
}

/** A learning curve per agent with its 95% band (over the runs' episode k). */
function learningSpec(
  entries: readonly AgentSummary[],
  title: { text: string; subtitle: string },
  y: Record<string, unknown>,
  value: (p: Point) => { mean: number; low?: number; high?: number },
): TopLevelSpec {
  const values = entries.flatMap((e) =>
    e.perEpisode.map((p) => {
      const v = value(p);
      return {
        agent: e.label,
        x: p.episode + 1,
        value: v.mean,
        low: v.low ?? v.mean,
        high: v.high ?? v.mean,
      };
    }),
  );
  const { field: _field, type: _type, ...x } = episodeAxis(entries);
  return bandedLines(
    values,
    entries.map((e) => e.label),
    title,
    x,
    y,
  );
}

/** Question (runs of several episodes): does the agent's return improve as it keeps what it learned? */
export function learningReturnSpec(env: string, entries: readonly AgentSummary[]): TopLevelSpec {
  return learningSpec(
    entries,
    { text: `${env}: learning curve, return`, subtitle: 'mean return of episode k over the runs, 95% band' },
    { title: 'mean return', scale: { zero: false } },
    (p) => ({ mean: p.meanReturn, low: p.returnInterval?.low, high: p.returnInterval?.high }),
  );
}

/** Question (runs of several episodes): does the agent stop falling into traps as it learns? */
export function learningTrappedSpec(env: string, entries: readonly AgentSummary[]): TopLevelSpec {
  return learningSpec(
    entries,
    {
      text: `${env}: learning curve, dead or stuck`,
      subtitle: 'share of runs whose episode k ended so, 95% Wilson band',
    },
    { title: 'dead or stuck', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
    (p) => ({ mean: p.deathRate + p.stuckRate, low: p.trappedInterval?.low, high: p.trappedInterval?.high }),
  );
}

/** Question (runs of several episodes): how fast does the agent close the gap to the oracle? */
export function learningRegretSpec(env: string, entries: readonly AgentSummary[]): TopLevelSpec {
  return learningSpec(
    entries,
    {
      text: `${env}: learning curve, regret`,
      subtitle: "oracle's expected discounted return minus the agent's, episode k, 95% band",
    },
    { title: 'mean regret' },
    (p) => ({ mean: p.meanRegret, low: p.regretInterval?.low, high: p.regretInterval?.high }),
  );
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
