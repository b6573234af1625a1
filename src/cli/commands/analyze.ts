import { analyzeWorld, DEFAULT_ANALYSIS } from '../../plan/analysis.ts';
import { parseInteger } from '../args.ts';
import { parseParamPairs, resolveEnvironment } from '../env-files.ts';
import { formatNumber, printJson } from '../output.ts';

export interface AnalyzeCommandOptions {
  maxHypotheses?: string;
  maxNodes?: string;
  /** Generator parameters (--param KEY=VALUE, repeatable). */
  param?: string[];
  json?: boolean;
}

export async function analyzeCommand(envArg: string, o: AnalyzeCommandOptions): Promise<number> {
  const env = await resolveEnvironment(envArg, parseParamPairs(o.param));
  const maxHypotheses =
    o.maxHypotheses === undefined
      ? DEFAULT_ANALYSIS.maxHypotheses
      : parseInteger('--max-hypotheses', o.maxHypotheses, 1, 1_000_000);
  const maxNodes =
    o.maxNodes === undefined
      ? DEFAULT_ANALYSIS.maxNodes
      : parseInteger('--max-nodes', o.maxNodes, 1, 50_000_000);
  const a = analyzeWorld(env, { ...DEFAULT_ANALYSIS, maxHypotheses, maxNodes });
  if (o.json) {
    printJson(a);
    return 0;
  }
  const lines = [
    `${a.environment}: ${a.hypotheses > 1e9 ? a.hypotheses.toExponential(2) : a.hypotheses} hypotheses${a.enumerated ? '' : ` (not enumerated: ${a.sampled} distinct draws from the prior stand for them)`}, ${a.nodes} belief states${a.explored ? '' : ` (the search stopped at its budget: --max-nodes ${maxNodes} or the work it may do; questions not settled in it are reported as never)`}`,
    '',
    'question                 learnable  risk     cost   cheapest test',
  ];
  for (const q of a.questions) {
    const test = q.test;
    lines.push(
      `${q.id.padEnd(24)} ${q.learnable.padEnd(10)} ${(test ? formatNumber(test.risk, 3) : '-').padEnd(8)} ${(test ? formatNumber(test.cost, 1) : '-').padEnd(6)} ${test ? test.actions.join(',') : `no observation tells ${q.values.join(' / ')} apart`}`,
    );
  }
  lines.push('', 'points of no return (traps and dead ends) per hypothesis:');
  for (const p of a.pointsOfNoReturn.slice(0, 16)) {
    const truth = Object.entries(p.truth)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    lines.push(
      `  ${truth || '(no hidden choices)'}: ${p.cells.map(([x, y]) => `${x},${y}`).join(' ') || 'none'}`,
    );
  }
  if (a.pointsOfNoReturn.length > 16)
    lines.push(`  … and ${a.pointsOfNoReturn.length - 16} more (see --json)`);
  const v = a.values;
  lines.push(
    '',
    `expected discounted return from the start: oracle ${formatNumber(v.oracle)}, bayes-optimal ${v.bayesOptimal === null ? 'n/a (beyond the budget)' : formatNumber(v.bayesOptimal)}, never taking a risk ${formatNumber(v.pessimist)}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
