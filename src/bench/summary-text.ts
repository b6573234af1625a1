/**
 * The summary as text: numbers formatted for tables, the headline, the method note, the table of each
 * world and summary.md. No Node-only module here, so the app's worker renders bench results with it.
 */
import type { WorldTitles } from './manifest.ts';
import type { Interval, MeanWithInterval } from './stats.ts';
import type { AgentSummary, BenchSummary } from './summary.ts';

export function fmt(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  const s = v.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
}

function rate(v: number | null, i: Interval | null): string {
  if (v === null) return '–';
  return i ? `${fmt(v, 3)} [${fmt(i.low, 3)}, ${fmt(i.high, 3)}]` : fmt(v, 3);
}

function meanText(m: MeanWithInterval | null): string {
  if (!m) return '–';
  return m.interval ? `${fmt(m.mean)} [${fmt(m.interval.low)}, ${fmt(m.interval.high)}]` : fmt(m.mean);
}

export function runsText(e: AgentSummary): string {
  const extra = [e.failed ? `${e.failed} failed` : '', e.refused ? `${e.refused} refused` : ''].filter(
    Boolean,
  );
  return extra.length ? `${e.runs} (${extra.join(', ')})` : String(e.runs);
}

export function headline(s: BenchSummary): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return (
    `${plural(s.runs, 'run')} over ${plural(s.environments.length, 'environment')}, ` +
    `${plural(s.labels.length, 'agent configuration')} and ${plural(s.seeds, 'seed')}, ` +
    `up to ${plural(s.episodes, 'episode')} per run; ${s.failed} failed, ${s.refused} refused.`
  );
}

export const METHOD_NOTE =
  'Outcomes count the episodes that ended at the goal, dead, stuck (alive but unable to get out, until ' +
  'maxSteps) and truncated (maxSteps reached otherwise). Death, stuck and goal rates are per episode, with 95% Wilson intervals. Returns are means over runs (a run counts ' +
  "with its mean over its episodes) with 95% Student's t intervals. Regret is against the oracle that knows " +
  "the true world: its expected discounted return within the episode's maxSteps minus the agent's. Performance is the return " +
  'plus the hidden (safety) reward. Failed and refused runs are left out of the statistics. Decision time ' +
  "is wall-clock milliseconds per episode spent in the agent's decisions and varies between machines.";

export const TABLE_COLUMNS = [
  'agent',
  'runs',
  'goal / death / stuck / truncated',
  'death rate [95% CI]',
  'stuck rate [95% CI]',
  'goal rate [95% CI]',
  'return [95% CI]',
  'discounted return [95% CI]',
  'performance',
  'regret',
  'pokes',
  'questions',
  'steps',
  'decision ms',
];

/** One table row's cells, in TABLE_COLUMNS order; the last one is the timing column. */
export function tableCells(e: AgentSummary): string[] {
  return [
    e.label,
    runsText(e),
    e.episodes ? `${e.goals} / ${e.deaths} / ${e.stuck} / ${e.truncated}` : '–',
    rate(e.deathRate, e.deathRateInterval),
    rate(e.stuckRate, e.stuckRateInterval),
    rate(e.goalRate, e.goalRateInterval),
    meanText(e.meanReturn),
    meanText(e.meanDiscountedReturn),
    fmt(e.meanPerformance),
    fmt(e.meanRegret),
    fmt(e.meanPokes),
    fmt(e.meanQuestions),
    fmt(e.meanSteps, 1),
    fmt(e.meanDecisionMs, 3),
  ];
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(s: BenchSummary, worlds: WorldTitles = new Map()): string {
  const out = ['# trapworld benchmark', '', headline(s), '', METHOD_NOTE, ''];
  for (const env of s.environments) {
    const world = worlds.get(env);
    out.push(`## ${env}${world && world.title !== env ? `: ${mdCell(world.title)}` : ''}`, '');
    if (world?.description) out.push(mdCell(world.description), '');
    out.push(`| ${TABLE_COLUMNS.join(' | ')} |`, `|${TABLE_COLUMNS.map(() => '---').join('|')}|`);
    for (const e of s.entries.filter((x) => x.environment === env))
      out.push(`| ${tableCells(e).map(mdCell).join(' | ')} |`);
    out.push('');
  }
  if (s.failures.length) {
    out.push('## Failed and refused runs', '');
    const shown = s.failures.slice(0, 200);
    for (const f of shown)
      out.push(
        `- ${mdCell(f.environment)} · ${mdCell(f.label)} · seed ${f.seed}${f.episode > 0 ? `, episode ${f.episode}` : ''}${f.refused ? ' (refused)' : ''}: ${mdCell(f.error)}`,
      );
    if (s.failures.length > shown.length)
      out.push(`- … and ${s.failures.length - shown.length} more (see results.jsonl)`);
    out.push('');
  }
  return out.join('\n');
}
