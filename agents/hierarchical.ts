/**
 * hierarchical: learns across episodes what a family of worlds has in common. Two kinds of knowledge:
 * - a family's regularities (`run`/`bench --episodes K` on a family generator such as `regularity`:
 *   the map is new each episode, the truth of its shared unknowns and theories persists, and the agent
 *   is told which keys persist, as a rule of the family): once settled in one world ("moss is a bog
 *   here"), it holds in every later one, so it is known, not tested again;
 * - base rates, the hyperprior of everything else ("how often is a single moss cell a bog?", or a
 *   shared unknown redrawn each episode): Dirichlet counts over the variants, from the declared prior
 *   with weight `strength` plus one for each variant seen settled.
 * Each episode it plays as the careful prober with the resulting priors. Its regret falls with the
 * episode index where regularities persist, and it plays as the prober does where nothing does. It
 * carries its knowledge across the worlds of a family (`acrossWorlds`).
 */
import { Belief } from '../src/bayes/belief.ts';
import type { Agent, AgentDefinition, OptionValue } from '../src/core/agent.ts';
import type { EnvSpec, TheorySpec, UnknownSpec } from '../src/core/spec.ts';
import { defaultOptions } from '../src/core/options.ts';
import { proberAgent } from './prober.ts';

/** Counts per base-rate key (`each:ID` or `all:ID` for an unknown, `theory:ID`), per variant name. */
type Counts = Map<string, Map<string, number>>;

function keyOfUnknown(u: UnknownSpec): string {
  return `${u.scope}:${u.id}`;
}

/** The posterior predictive of each variant: (strength × prior + count) / (strength + total). */
function predictive(
  counts: Counts,
  key: string,
  prior: readonly { name: string; p: number }[],
  strength: number,
) {
  const seen = counts.get(key);
  const total = seen ? [...seen.values()].reduce((a, b) => a + b, 0) : 0;
  return prior.map((v) => (strength * v.p + (seen?.get(v.name) ?? 0)) / (strength + total));
}

/** A prior with everything on one index, or the learned base rate when nothing is known. */
function priorFor<T extends { p: number }>(
  prior: readonly T[],
  names: readonly string[],
  settled: string | undefined,
  learned: () => number[],
): T[] {
  const at = settled === undefined ? -1 : names.indexOf(settled);
  const p = at >= 0 ? names.map((_, i) => (i === at ? 1 : 0)) : learned();
  return prior.map((v, i) => ({ ...v, p: p[i] }));
}

/** The world as the agent believes it a priori: what it knows of the family, else learned base rates. */
function learnedSpec(
  env: EnvSpec,
  counts: Counts,
  strength: number,
  known: ReadonlyMap<string, string>,
): EnvSpec {
  const unknowns = env.unknowns.map((u) => {
    const names = u.prior.map((v) => v.tile);
    const learned = () =>
      predictive(
        counts,
        keyOfUnknown(u),
        u.prior.map((v) => ({ name: v.tile, p: v.p })),
        strength,
      );
    return { ...u, prior: priorFor(u.prior, names, known.get(u.id), learned) };
  });
  const theories: TheorySpec[] = env.theories.map((t) => {
    const names = t.hypotheses.map((h) => h.name);
    const learned = () =>
      predictive(
        counts,
        `theory:${t.id}`,
        t.hypotheses.map((h) => ({ name: h.name, p: h.p })),
        strength,
      );
    return { ...t, hypotheses: priorFor(t.hypotheses, names, known.get(t.id), learned) };
  });
  return { ...env, unknowns, theories };
}

/**
 * What an episode settled: a persistent key becomes known; every other settled factor adds one count
 * to its base rate.
 */
function learnFrom(
  belief: Belief,
  env: EnvSpec,
  counts: Counts,
  persistent: ReadonlySet<string>,
  known: Map<string, string>,
): void {
  for (const f of belief.factors) {
    const settled = f.variants.findIndex((_, v) => f.p[v] >= 1 - 1e-9);
    if (settled < 0) continue;
    if (persistent.has(f.key)) {
      known.set(f.key, f.variants[settled]);
      continue;
    }
    const unknown = env.unknowns.find((u) => u.id === f.unknown);
    const key = unknown ? keyOfUnknown(unknown) : `theory:${f.unknown}`;
    const byVariant = counts.get(key) ?? new Map<string, number>();
    byVariant.set(f.variants[settled], (byVariant.get(f.variants[settled]) ?? 0) + 1);
    counts.set(key, byVariant);
  }
}

function createHierarchical(options: Record<string, OptionValue>): Agent {
  const strength = Number(options.strength);
  // The prober as it comes (its declared defaults), with this agent's budget.
  const proberOptions = { ...defaultOptions(proberAgent), budget: options.budget };
  const counts: Counts = new Map();
  /** The family's regularities settled so far: truth key → variant. */
  const known = new Map<string, string>();
  let persistent: ReadonlySet<string> = new Set();
  let inner: Agent | null = null;
  // A belief with the declared priors, kept only to see what each episode settled.
  let watcher: Belief | null = null;
  let world: EnvSpec | null = null;
  let pos = 0;
  let stuck = false;
  return {
    reset(context) {
      if (watcher && world) learnFrom(watcher, world, counts, persistent, known);
      world = context.env;
      persistent = new Set(context.persistent ?? []);
      // Outside a family nothing persists: what one episode settled is only a count.
      if (!context.persistent) known.clear();
      const spec = learnedSpec(world, counts, strength, known);
      inner = proberAgent.create(spec, proberOptions);
      inner.reset({ ...context, env: spec });
      watcher = new Belief(world);
      pos = context.observation.y * world.width + context.observation.x;
      stuck = context.observation.stuck;
      watcher.observeCues(pos, context.observation.cues);
    },
    act(observation) {
      return inner!.act(observation);
    },
    observe(t) {
      inner!.observe(t);
      if (!stuck) watcher!.observeTransition(pos, t.action, t.observation, t.reward);
      pos = t.observation.y * world!.width + t.observation.x;
      stuck = t.observation.stuck;
    },
    belief() {
      return inner?.belief?.() ?? {};
    },
  };
}

export const hierarchicalAgent: AgentDefinition = {
  name: 'hierarchical',
  title: 'Hierarchical (learns the family)',
  description:
    'Learns across episodes what a family of worlds has in common: a regularity of the family (a shared unknown or theory whose truth persists from world to world) once settled is known in every later world; everything else gets a learned base rate (Dirichlet counts over the variants, from the declared prior with weight `strength`). Each episode it plays as the careful prober with those priors, so where regularities persist its regret falls with the episode index.',
  options: [
    {
      name: 'strength',
      type: 'number',
      default: 1,
      min: 0.01,
      max: 1000,
      description: 'weight of the declared prior in the base rates, in episodes (pseudo-counts)',
    },
    {
      name: 'budget',
      type: 'number',
      default: 0.001,
      min: 0,
      max: 1,
      description: 'largest P(harm) it steps onto',
    },
  ],
  acrossWorlds: true,
  create(_env, options) {
    return createHierarchical(options);
  },
};
