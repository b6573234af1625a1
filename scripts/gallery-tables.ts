/**
 * The tables of docs/gallery.md, from bench outputs.
 *
 *   npx tsx scripts/gallery-tables.ts                 print every world's table (markdown)
 *   npx tsx scripts/gallery-tables.ts --bench --write run the benches first, then rewrite the tables in place
 *
 * The worlds are the sections of docs/gallery.md that hold an agent table (`## NAME`). Each world's
 * bench is `trapworld bench --envs NAME --agents all --seeds 50 --episodes 1 --out DIR --force --json`,
 * read from DIR/results.jsonl, where DIR is `--dir` with `{world}` replaced (default
 * /tmp/gallery-{world}). `--bench` runs those benches one after the other (build first: npm run
 * build); `--write` replaces each table in docs/gallery.md and leaves the prose alone; `--worlds a,b`
 * limits both to some worlds.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readResults } from '../src/bench/results-file.ts';
import type { BenchRow } from '../src/bench/rows.ts';
import { mean } from '../src/bench/stats.ts';
import { fmt } from '../src/bench/summary-text.ts';

/** The rows of a table, in this order; agents outside it follow in the bench's order. */
const AGENT_ORDER = [
  'oracle',
  'bayes-optimal',
  'prober',
  'pessimist',
  'greedy-mean',
  'thompson',
  'optimist',
  'mentored',
  'hierarchical',
  'q-learning',
  'sarsa',
  'random',
];

const HEADER = [
  '| agent | goal / death / stuck / truncated | return | discounted | pokes | steps |',
  '|---|---|---|---|---|---|',
];

const SEEDS = 50;

const galleryPath = fileURLToPath(new URL('../docs/gallery.md', import.meta.url));
const cliPath = fileURLToPath(new URL('../bin/trapworld.js', import.meta.url));

interface Args {
  dir: string;
  worlds: string[] | undefined;
  bench: boolean;
  write: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { dir: '/tmp/gallery-{world}', worlds: undefined, bench: false, write: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--dir') args.dir = value();
    else if (arg === '--worlds') args.worlds = value().split(',').filter(Boolean);
    else if (arg === '--bench') args.bench = true;
    else if (arg === '--write') args.write = true;
    else throw new Error(`unknown argument ${arg} (expected --dir, --worlds, --bench, --write)`);
  }
  return args;
}

/** The worlds of the gallery: the `## NAME` sections that hold an agent table. */
function galleryWorlds(text: string): string[] {
  const worlds: string[] = [];
  for (const section of text.split(/^## /m).slice(1)) {
    const name = section.slice(0, section.indexOf('\n')).trim();
    if (section.includes(HEADER[0])) worlds.push(name);
  }
  return worlds;
}

function agentRow(agent: string, rows: readonly BenchRow[]): string {
  const played = rows.filter((r) => r.error === null);
  const refused = rows.filter((r) => r.error !== null && r.refused);
  const failed = rows.filter((r) => r.error !== null && !r.refused);
  const name = `\`${agent}\``;
  if (played.length === 0) {
    const what = failed.length === 0 ? 'refuses the world' : `fails: ${failed[0].error ?? ''}`;
    return `| ${name} | ${what.replace(/\|/g, '\\|')} | | | | |`;
  }
  const count = (outcome: string) => played.filter((r) => r.outcome === outcome).length;
  const outcomes = ['goal', 'death', 'stuck', 'truncated'].map(count).join(' / ');
  const num = (pick: (r: BenchRow) => number | null) => mean(played.map((r) => pick(r) ?? 0))!;
  const questions = played.some((r) => r.questions !== null)
    ? ` (${fmt(
        num((r) => r.questions),
        2,
      )} questions)`
    : '';
  const notes: string[] = [];
  if (refused.length) notes.push(`refused ${refused.length}`);
  if (failed.length) notes.push(`failed ${failed.length}`);
  const note = notes.length ? ` (${notes.join(', ')} of ${rows.length})` : '';
  return (
    `| ${name}${questions} | ${outcomes}${note} | ${fmt(
      num((r) => r.return),
      2,
    )} | ` +
    `${fmt(
      num((r) => r.discountedReturn),
      2,
    )} | ${fmt(
      num((r) => r.pokes),
      2,
    )} | ` +
    `${fmt(
      num((r) => r.steps),
      1,
    )} |`
  );
}

/** The table of one world, from its bench's results.jsonl. */
function worldTable(world: string, resultsPath: string): string[] {
  const rows = readResults(resultsPath, 'infer').rows.filter((r) => r.environment === world);
  if (rows.length === 0) throw new Error(`${resultsPath} has no rows for ${world}`);
  const byAgent = new Map<string, BenchRow[]>();
  for (const row of rows) {
    const list = byAgent.get(row.agent) ?? [];
    list.push(row);
    byAgent.set(row.agent, list);
  }
  const rank = (a: string) => {
    const i = AGENT_ORDER.indexOf(a);
    return i < 0 ? AGENT_ORDER.length : i;
  };
  const agents = [...byAgent.keys()].sort((a, b) => rank(a) - rank(b));
  return [...HEADER, ...agents.map((a) => agentRow(a, byAgent.get(a) ?? []))];
}

/** Replaces the agent table in the `## world` section of the gallery. */
function replaceTable(text: string, world: string, table: readonly string[]): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${world}`);
  if (start < 0) throw new Error(`docs/gallery.md has no section ## ${world}`);
  let head = start + 1;
  while (head < lines.length && lines[head] !== HEADER[0]) {
    if (lines[head].startsWith('## ')) throw new Error(`section ## ${world} has no agent table`);
    head++;
  }
  let end = head;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  lines.splice(head, end - head, ...table);
  return lines.join('\n');
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  let text = readFileSync(galleryPath, 'utf8');
  const known = galleryWorlds(text);
  const worlds = args.worlds ?? known;
  for (const w of worlds) if (!known.includes(w)) throw new Error(`${w} is not a world of docs/gallery.md`);
  const dirOf = (world: string) => args.dir.replaceAll('{world}', world);

  if (args.bench)
    for (const world of worlds) {
      console.error(`bench ${world} → ${dirOf(world)}`);
      execFileSync(
        process.execPath,
        [
          cliPath,
          'bench',
          '--envs',
          world,
          '--agents',
          'all',
          '--seeds',
          String(SEEDS),
          '--episodes',
          '1',
          '--out',
          dirOf(world),
          '--force',
          '--json',
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
    }

  const out: string[] = [];
  for (const world of worlds) {
    const table = worldTable(world, `${dirOf(world)}/results.jsonl`);
    if (args.write) text = replaceTable(text, world, table);
    else out.push(`## ${world}`, '', ...table, '');
  }
  if (args.write) {
    writeFileSync(galleryPath, text);
    console.log(`docs/gallery.md: ${worlds.length} tables updated`);
  } else console.log(out.join('\n'));
}

main();
