/**
 * npm run docs:figures: the worked runs of docs/experiments.md, run in this thread with fixed seeds,
 * their figures written to docs/figures/*.svg and their numbers printed (the doc quotes them). Every
 * number comes from seeded streams, so the figures are the same on every machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { agents } from '../agents/index.ts';
import { environments, generators } from '../environments/index.ts';
import { learningRegretSpec, renderSvg } from '../src/bench/charts.ts';
import { summarise } from '../src/bench/summary.ts';
import { fmt } from '../src/bench/summary-text.ts';
import { familyWorlds, instantiate } from '../src/cli/env-files.ts';
import { runAgent } from '../src/core/run.ts';
import { evaluateInThread } from '../src/evolve/evaluate.ts';
import { deathRateBetween, evolve } from '../src/evolve/evolve.ts';
import { outcomesSpec } from '../src/evolve/report.ts';
import { runJob } from '../src/worker/batch.ts';
import { sweepPoints } from '../src/sweep/points.ts';
import { sweepFigures } from '../src/sweep/report.ts';
import { normaliseRow, type BenchRow } from '../src/bench/rows.ts';

const out = new URL('../docs/figures/', import.meta.url);
mkdirSync(out, { recursive: true });
const write = async (name: string, svg: Promise<string>) => {
  writeFileSync(new URL(name, out), `${await svg}\n`);
  console.log(`docs/figures/${name}`);
};

// 1. Evolution on vertigo-plateau: deaths per individual by generation.
const vertigo = environments.get('vertigo-plateau')!;
const lineage = await evolve(
  { name: 'vertigo-plateau', spec: vertigo, builtin: true },
  { population: 24, generations: 30, seed: 0, learning: false },
  evaluateInThread,
);
await write('evolve-vertigo-plateau.svg', renderSvg(outcomesSpec(lineage)));
console.log(
  `evolve vertigo-plateau: deaths per individual ${deathRateBetween(lineage, 0, 4)!.toFixed(2)} (generations 0-4) → ${deathRateBetween(lineage, 25, 29)!.toFixed(2)} (25-29); feared: ${lineage.final!.feared.map((f) => `${f.look} (+${f.aboveStart})`).join(', ') || 'none'}`,
);

// 2. A family with persistent regularities: regret per episode, prober against hierarchical.
const regularity = generators.get('regularity')!;
const source = { kind: 'generator' as const, generator: regularity, file: 'regularity' };
const AGENTS = ['prober', 'hierarchical', 'thompson'];
/** Every agent's runs on one family (its worlds built once), agent by agent, seed by seed. */
const rowsOf = (params: Record<string, string>, seeds: number, episodes: number) => {
  const worlds = familyWorlds(source, params, episodes) ?? [instantiate(source, params)];
  const rows: BenchRow[] = [];
  for (const agent of AGENTS)
    for (let seed = 0; seed < seeds; seed++)
      rows.push(
        ...runJob({
          environment: worlds[0].name,
          spec: worlds[0],
          ...(worlds.length > 1 ? { worlds } : {}),
          agent,
          options: {},
          seed,
          episodes,
        }).map(normaliseRow),
      );
  return rows;
};
const familyParams = { size: '20', density: '0.1', regularity: '1' };
const family = rowsOf(familyParams, 20, 8);
const summary = summarise(family);
await write(
  'family-regret.svg',
  renderSvg(learningRegretSpec('regularity (size 20, regularity 1)', summary.entries)),
);
for (const e of summary.entries)
  console.log(
    `family ${e.label}: regret by episode ${e.perEpisode.map((p) => p.meanRegret.toFixed(1)).join(' ')}; dead or stuck ${((e.deaths + e.stuck) / e.episodes).toFixed(2)}`,
  );

// 3. A sweep of regularity, 6 episodes per run (families), three agents.
const values = [0, 0.25, 0.5, 0.75, 1];
const sweepRows = values.flatMap((value) =>
  rowsOf({ size: '20', density: '0.1', regularity: String(value) }, 12, 6).map((r) => ({
    ...r,
    environment: `regularity@regularity=${value}`,
  })),
);
const points = sweepPoints(sweepRows, (name) => Number(name.split('=')[1]));
const info = {
  environment: 'regularity',
  title: regularity.title ?? 'regularity',
  description: '',
  parameter: 'regularity',
  values,
  fixed: { size: '20', density: '0.1' },
  seeds: 12,
  episodes: 6,
};
const [trapped, , regret] = sweepFigures(info, points);
await write('sweep-regularity-dead.svg', renderSvg(trapped));
await write('sweep-regularity-regret.svg', renderSvg(regret));
for (const p of points)
  console.log(
    `sweep regularity=${p.value} ${p.label}: dead or stuck ${fmt(p.trappedRate)}, return ${fmt(p.meanReturn, 1)}, regret ${fmt(p.meanRegret, 1)}`,
  );

// 4. A mentor: deaths and returns over 200 seeds where the prober is sometimes bitten.
for (const world of ['snake-corridor', 'snake-pair', 'mentor-only'])
  for (const agent of ['prober', 'mentored', 'pessimist']) {
    const env = environments.get(world);
    if (!env) continue;
    let deaths = 0;
    let total = 0;
    let questions = 0;
    for (let seed = 0; seed < 200; seed++) {
      const e = runAgent(env, agents.get(agent)!, {}, { seed }).episodes[0];
      deaths += e.outcome === 'death' ? 1 : 0;
      total += e.return;
      questions += e.questions ?? 0;
    }
    console.log(
      `mentor ${world} ${agent}: mean return ${(total / 200).toFixed(2)}, deaths ${deaths}/200, questions per episode ${(questions / 200).toFixed(2)}`,
    );
  }
