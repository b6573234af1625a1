/**
 * The planner's fixed view of an environment: its factors (one per independent unknown, as in
 * `src/bayes/belief.ts`), a scratch compiled world in which variants are written before the engine is
 * stepped, and the reachable positions with one outcome template per (position, action). Every later
 * stage (sizing, solving, searching, tracking) reads this and nothing else about the world.
 */
import { UsageError } from '../../core/errors.ts';
import type { EnvSpec } from '../../core/spec.ts';
import { createState, type EngineState } from '../../core/step.ts';
import { truthKey, type Truth } from '../../core/truth.ts';
import { ACTION_CODE, compileWorld, WAIT, type World } from '../../core/world.ts';
import { stuckValue } from '../model.ts';
import type { CueFactor, PlanFactor, Template } from './types.ts';

export interface PlanWorld {
  readonly spec: EnvSpec;
  /** Compiled with each unknown's first possible variant; its unknown cells hold whatever was last written. */
  readonly world: World;
  /** The engine state the templates step. */
  readonly engine: EngineState;
  readonly gamma: number;
  /** Value of being stuck: step/(1-γ), or step·maxSteps when γ = 1. */
  readonly stuckValue: number;
  /** The environment's action codes, in `spec.actions` order. */
  readonly actions: number[];
  readonly waitAllowed: boolean;
  readonly factors: PlanFactor[];
  /** Factor index of each cell, or -1 for a known cell. */
  readonly factorOfCell: Int32Array;
  /** Reachable cells from the start, in discovery order; index = position index. */
  readonly positions: number[];
  /** Position index of each cell, or -1 when unreachable. */
  readonly posIndex: Int32Array;
  /** `templates[position index * actions.length + k]`: the outcomes of the k-th action there. */
  readonly templates: Template[];
  /** `near` cue factors per cell, built on first use. */
  readonly cueCache: Map<number, CueFactor[]>;
}

/** The factors and scratch world of `spec`; positions and templates are left for `discoverPositions`. */
export function createPlanWorld(spec: EnvSpec): PlanWorld {
  refuseFormat11(spec);
  const actions = spec.actions.map((a) => ACTION_CODE[a]);
  const base: Truth = {};
  for (const u of spec.unknowns) {
    const first = u.prior.find((v) => v.p > 0)!.tile;
    const keys = u.scope === 'all' ? [u.id] : u.cells.map((c) => truthKey(spec, u, c));
    for (const key of keys) base[key] = first;
  }
  const world = compileWorld(spec, base);
  const factors: PlanFactor[] = [];
  const factorOfCell = new Int32Array(spec.width * spec.height).fill(-1);
  for (const u of spec.unknowns) {
    const groups = u.scope === 'all' ? [u.cells] : u.cells.map((c) => [c]);
    for (const cells of groups) {
      if (cells.length === 0) continue;
      const prior = Float64Array.from(u.prior.map((v) => v.p));
      let full = 0;
      prior.forEach((p, v) => {
        if (p > 0 && v < 30) full |= 1 << v;
      });
      const index = factors.length;
      factors.push({
        key: u.scope === 'all' ? u.id : truthKey(spec, u, cells[0]),
        unknown: u.id,
        variants: u.prior.map((v) => v.tile),
        tiles: u.prior.map((v) => world.tiles.get(v.tile)!),
        prior,
        cells,
        full,
      });
      for (const c of cells) factorOfCell[c] = index;
    }
  }
  return {
    spec,
    world,
    engine: createState(world),
    gamma: spec.gamma,
    stuckValue: stuckValue(world),
    actions,
    waitAllowed: actions.includes(WAIT),
    factors,
    factorOfCell,
    positions: [],
    posIndex: new Int32Array(spec.width * spec.height).fill(-1),
    templates: [],
    cueCache: new Map(),
  };
}

/**
 * The planner's positions are cells, and its factors are unknowns: a world whose state includes changes
 * (format 1.1 `set`) or whose cells are decided by theories is outside what it computes exactly, so it
 * says so instead of planning something else.
 */
function refuseFormat11(spec: EnvSpec): void {
  const what: string[] = [];
  if (spec.theories.length > 0) what.push(`theories (${spec.theories.map((t) => t.id).join(', ')})`);
  const changing = [...spec.tiles.values()].filter(
    (t) => t.enter.set.length + (t.leave?.set.length ?? 0) + t.poke.set.length > 0,
  );
  if (changing.length > 0)
    what.push(`tiles that change the world (${changing.map((t) => t.name).join(', ')})`);
  if (what.length > 0)
    throw new UsageError(
      `bayes-optimal cannot plan ${spec.name}: it has ${what.join(' and ')}, which its exact planner does not model yet`,
    );
}

/** The template of the k-th action at a reachable `cell`. */
export function templateAt(pw: PlanWorld, cell: number, k: number): Template {
  return pw.templates[pw.posIndex[cell] * pw.actions.length + k];
}
