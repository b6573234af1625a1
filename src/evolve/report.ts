/**
 * evolve's outputs: evolve.json (the document `--json` prints), generations.csv and report.html with
 * Vega-Lite plots rendered to SVG in Node, as the bench's report is. Everything is a function of the
 * document, which is a function of the arguments: the files are identical for any --workers.
 */
import { stringify } from 'csv-stringify/sync';
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, OUTCOMES, renderSvg, SCHEMA, scheme } from '../bench/charts.ts';
import { escapeHtml } from '../bench/report.ts';
import { deathRateBetween, type EvolveDocument } from './evolve.ts';
import { LOOK_GENES } from './genome.ts';

function generationAxis(doc: EvolveDocument) {
  const n = doc.generations.length;
  return {
    field: 'generation',
    type: 'quantitative' as const,
    title: 'generation',
    scale: { domain: [0, Math.max(1, n - 1)], nice: false },
    axis: { format: 'd', tickMinStep: 1 },
  };
}

/** A line per series against the generation: the shape of the outcome and return plots. */
function generationLines(
  doc: EvolveDocument,
  title: { text: string; subtitle: string },
  values: readonly Record<string, unknown>[],
  y: Record<string, unknown>,
  color: Record<string, unknown>,
): TopLevelSpec {
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title,
    data: { values },
    width: 460,
    height: 240,
    mark: { type: 'line', point: { size: 24 }, strokeWidth: 2 },
    encoding: {
      x: generationAxis(doc),
      y: { type: 'quantitative', ...y },
      color: { type: 'nominal', ...color },
    },
  } as TopLevelSpec;
}

/** Question: does the lineage stop dying? The share of each generation's lives ending each way. */
export function outcomesSpec(doc: EvolveDocument): TopLevelSpec {
  const values = doc.generations.flatMap((g) =>
    OUTCOMES.map((o) => ({
      generation: g.generation,
      outcome: o.label,
      share: g[o.count] / doc.population,
    })),
  );
  return generationLines(
    doc,
    {
      text: `${doc.environment}: how lives end, by generation`,
      subtitle: `share of the ${doc.population} individuals of each generation (deaths per individual in red)`,
    },
    values,
    { field: 'share', title: 'share of individuals', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
    {
      field: 'outcome',
      sort: OUTCOMES.map((o) => o.label),
      scale: { domain: OUTCOMES.map((o) => o.label), range: OUTCOMES.map((o) => o.colour) },
      title: 'outcome',
    },
  );
}

/** Question: does the lineage get better at living? Mean and best return per generation. */
export function returnSpec(doc: EvolveDocument): TopLevelSpec {
  const values = doc.generations.flatMap((g) => [
    { generation: g.generation, series: 'mean', value: g.meanReturn },
    { generation: g.generation, series: 'best', value: g.bestReturn },
  ]);
  return generationLines(
    doc,
    { text: `${doc.environment}: return by generation`, subtitle: 'one life per individual' },
    values,
    { field: 'value', title: 'return (undiscounted)', scale: { zero: false } },
    {
      field: 'series',
      sort: ['mean', 'best'],
      scale: { domain: ['mean', 'best'], range: ['#1f77b4', '#9ecae1'] },
      title: 'return',
    },
  );
}

/** Question: which looks did the lineage learn to fear? Mean aversion per look, generation by generation. */
export function aversionSpec(doc: EvolveDocument): TopLevelSpec {
  const values = doc.generations.flatMap((g) =>
    Object.entries(g.dispositions.looks).map(([look, v]) => ({
      generation: g.generation,
      look,
      aversion: v.aversion,
    })),
  );
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: `${doc.environment}: aversion per look, by generation`,
      subtitle: 'mean over the generation; above 0 the look is shunned, below 0 sought',
    },
    data: { values },
    width: 460,
    height: 240,
    layer: [
      { mark: { type: 'rule', color: '#999' }, encoding: { y: { datum: 0 } } },
      {
        mark: { type: 'line', point: { size: 20 }, strokeWidth: 2 },
        encoding: {
          x: generationAxis(doc),
          y: { field: 'aversion', type: 'quantitative', title: 'mean aversion' },
          color: {
            field: 'look',
            type: 'nominal',
            sort: doc.looks,
            scale: { scheme: scheme(doc.looks.length) },
            title: 'look',
          },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Question: what are the evolved dispositions? The last generation's mean genes per look, as bars. */
export function dispositionsSpec(doc: EvolveDocument): TopLevelSpec {
  const d = doc.final!.dispositions;
  const genes = LOOK_GENES;
  const looks = [...doc.looks].sort((a, b) => d.looks[b].aversion - d.looks[a].aversion || (a < b ? -1 : 1));
  const values = looks.flatMap((look) => genes.map((gene) => ({ look, gene, value: d.looks[look][gene] })));
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: `${doc.environment}: evolved dispositions per look`,
      subtitle: `mean of generation ${doc.generations.length - 1}; most shunned look first`,
    },
    data: { values },
    width: 380,
    height: { step: 14 },
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: { field: 'look', type: 'nominal', sort: looks, title: 'look' },
          yOffset: { field: 'gene', type: 'nominal', sort: [...genes] },
          x: { field: 'value', type: 'quantitative', title: 'mean gene value' },
          color: {
            field: 'gene',
            type: 'nominal',
            sort: [...genes],
            scale: { domain: [...genes], range: ['#c0392b', '#2e8b57', '#e69f00'] },
            title: 'disposition',
          },
        },
      },
      { mark: { type: 'rule', color: '#555' }, encoding: { x: { datum: 0 } } },
    ],
  } as TopLevelSpec;
}

/** Question: which sounds does the lineage fear? The last generation's mean fear per sound. */
export function fearsSpec(doc: EvolveDocument): TopLevelSpec {
  const d = doc.final!.dispositions;
  const sounds = [...doc.sounds].sort((a, b) => d.fears[b] - d.fears[a] || (a < b ? -1 : 1));
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: {
      text: `${doc.environment}: evolved fear per sound`,
      subtitle: 'added to the aversion of a cell that made the sound',
    },
    data: { values: sounds.map((sound) => ({ sound, fear: d.fears[sound] })) },
    width: 380,
    height: { step: 22 },
    layer: [
      {
        mark: { type: 'bar', tooltip: true, color: '#8e44ad' },
        encoding: {
          y: { field: 'sound', type: 'nominal', sort: sounds, title: 'sound' },
          x: { field: 'fear', type: 'quantitative', title: 'mean fear' },
        },
      },
      { mark: { type: 'rule', color: '#555' }, encoding: { x: { datum: 0 } } },
    ],
  } as TopLevelSpec;
}

/**
 * Deaths per individual in the first and the last k generations, k = 5 or fewer so the two windows
 * never overlap (null before any generation, `last` null with a single generation).
 */
export function deathWindows(doc: EvolveDocument): {
  first: { from: number; to: number; rate: number };
  last: { from: number; to: number; rate: number } | null;
} | null {
  const n = doc.generations.length;
  if (n === 0) return null;
  const k = Math.max(1, Math.min(5, Math.floor(n / 2)));
  const window = (from: number, to: number) => ({ from, to, rate: deathRateBetween(doc, from, to)! });
  return { first: window(0, k - 1), last: n >= 2 ? window(n - k, n - 1) : null };
}

export function headline(doc: EvolveDocument): string {
  const w = deathWindows(doc);
  const gens = doc.generations.length;
  const base = `${gens} generation${gens === 1 ? '' : 's'} of ${doc.population} individuals in ${doc.environment}, seed ${doc.seed}${doc.learning ? ', learning within a life' : ''}${doc.interrupted ? ` (interrupted: ${doc.generationsPlanned} were planned)` : ''}.`;
  if (!w) return base;
  const text = (x: { from: number; to: number; rate: number }) =>
    `${x.rate.toFixed(2)} in ${x.from === x.to ? `generation ${x.from}` : `generations ${x.from}–${x.to}`}`;
  return `${base} Deaths per individual: ${text(w.first)}${w.last ? `, ${text(w.last)}` : ''}.`;
}

export function fearedText(doc: EvolveDocument): string {
  const feared = doc.final?.feared ?? [];
  if (feared.length === 0)
    return `no look (none has a mean aversion 0.5 or more above ${doc.startLook}, the ground it starts on)`;
  return feared
    .map(
      (f) =>
        `${f.look} (aversion ${f.aversion.toFixed(2)}, ${f.aboveStart.toFixed(2)} above ${doc.startLook})`,
    )
    .join(', ');
}

const COLUMNS = [
  'generation',
  'deaths',
  'stuck',
  'goals',
  'truncated',
  'deathRate',
  'meanReturn',
  'bestReturn',
  'meanSteps',
  'meanPokes',
] as const;

/** generations.csv: one row per generation, then the mean genes (aversion:LOOK, …, fear:SOUND, …). */
export function generationsCsv(doc: EvolveDocument): string {
  const lookCols = doc.looks.flatMap((l) => LOOK_GENES.map((g) => `${g}:${l}`));
  const soundCols = doc.sounds.map((s) => `fear:${s}`);
  const header = [...COLUMNS, ...lookCols, ...soundCols, 'goalDrive', 'temperature', 'learning'];
  const rows = doc.generations.map((g) => {
    const d = g.dispositions;
    return [
      ...COLUMNS.map((c) => g[c]),
      ...doc.looks.flatMap((l) => LOOK_GENES.map((g) => d.looks[l][g])),
      ...doc.sounds.map((s) => d.fears[s]),
      d.goalDrive,
      d.temperature,
      d.learning,
    ];
  });
  return stringify([header, ...rows]);
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto;
  max-width: 1320px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
p.description { color: #444; max-width: 80ch; } .note { color: #555; font-size: 0.9rem; max-width: 60rem; }
table { border-collapse: collapse; font-size: 0.8rem; margin: 0.8rem 0; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.4rem; text-align: right; white-space: nowrap; }
th { background: #f5f5f5; } td:first-child, th:first-child { text-align: left; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; align-items: flex-start; }
figure.chart { margin: 0.5rem 0; } code { font-size: 0.8rem; word-break: break-all; }
`;

export interface ReportWorld {
  title?: string;
  description?: string;
  /** How to name the world on the command line (a path, with its --param), for the replay hint. */
  argument?: string;
}

export async function renderEvolveReport(doc: EvolveDocument, world: ReportWorld = {}): Promise<string> {
  const title = world.title && world.title !== doc.environment ? ` (${world.title})` : '';
  const parts = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>trapworld evolve: ${escapeHtml(doc.environment)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>trapworld evolve: ${escapeHtml(doc.environment)}${escapeHtml(title)}</h1>`,
  ];
  if (world.description) parts.push(`<p class="description">${escapeHtml(world.description)}</p>`);
  parts.push(
    `<p>${escapeHtml(headline(doc))}</p>`,
    `<p>Learned to fear: ${escapeHtml(fearedText(doc))}.</p>`,
    `<p class="note">Each individual is an <code>animal</code>: it is told the map of looks, what food looks like, its position and what it perceives, never the tile kinds, the unknowns or their priors. It lives one episode in a fresh draw of the world. The next generation is bred from the fittest (the living before the dead, then by return): ${doc.breeding.elites} elites, tournaments of ${doc.breeding.tournament}, uniform crossover, gaussian mutation (rate ${doc.breeding.mutationRate}, sd ${doc.breeding.mutationSd}); generation 0 is drawn around zero (sd ${doc.breeding.initialSd}).</p>`,
  );
  if (doc.generations.length > 0) {
    const figures = [outcomesSpec(doc), returnSpec(doc), aversionSpec(doc), dispositionsSpec(doc)];
    if (doc.sounds.length > 0) figures.push(fearsSpec(doc));
    parts.push('<h2>Figures</h2>', '<div class="figures">');
    for (const spec of figures) parts.push(`<figure class="chart">${await renderSvg(spec)}</figure>`);
    parts.push('</div>');
    const head = [
      'generation',
      'deaths',
      'stuck',
      'goals',
      'truncated',
      'mean return',
      'best return',
      'mean steps',
    ];
    parts.push('<h2>Generations</h2>', '<table>', `<tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>`);
    for (const g of doc.generations)
      parts.push(
        `<tr>${[g.generation, g.deaths, g.stuck, g.goals, g.truncated, g.meanReturn.toFixed(2), g.bestReturn.toFixed(2), g.meanSteps.toFixed(1)].map((v) => `<td>${v}</td>`).join('')}</tr>`,
      );
    parts.push('</table>');
    const f = doc.final!;
    parts.push(
      '<h2>The fittest of the last generation</h2>',
      `<p>Individual ${f.fittest.index} of generation ${f.fittest.generation}, return ${f.fittest.return.toFixed(2)}. Replay it with <code>trapworld run ${escapeHtml(world.argument ?? doc.environment)} --agent animal --opt genome='${escapeHtml(f.fittest.genome)}'</code>.</p>`,
    );
  }
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}
