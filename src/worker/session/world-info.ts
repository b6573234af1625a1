/**
 * World descriptions: what the controls and the renderer need to know about a world (its cells' looks,
 * tiles and unknowns, the layout of the posterior vector), made in the worker from the engine's spec.
 * A world is a built-in by name or the text of a `.json` file, which the loader parses and never runs.
 */
import { environments } from '../../../environments/index.ts';
import { EnvLoadError, formatIssue, type EnvIssue } from '../../core/errors.ts';
import type { Action } from '../../core/format.ts';
import { loadEnvironmentText } from '../../core/load.ts';
import type { EnvSpec, UnknownSpec } from '../../core/spec.ts';
import { truthKey } from '../../core/truth.ts';
import { requireStart } from '../../core/validate.ts';
import { compileTiles } from '../../core/world.ts';

/** A world to run: a built-in by name, or the text of a `.json` file (parsed by the loader, never run). */
export type WorldRef = { builtin: string } | { text: string; source: string };

export interface TileInfo {
  name: string;
  look: string;
  effect: 'pass' | 'death' | 'stuck' | 'goal' | 'teleport';
  walkable: boolean;
  oneWay: string | null;
  pokeSignal: string;
  nearSignal: string | null;
  description: string;
}

/** An unknown as the app describes it: exactly what agents are told about it. */
export type UnknownInfo = UnknownSpec;

/** One factor of the posterior vector: a truth key (`id` or `id@x,y`) and its variants' slots. */
export interface PosteriorKey {
  key: string;
  unknown: number;
  cells: readonly number[];
  variants: string[];
  /** Index of the first variant in the posterior vector. */
  offset: number;
  /**
   * What each variant puts where: on `cells`, variant i is the tile `tiles[i]`. An unknown has one group
   * (its variants are tiles); a theory one per role (its variants are hypotheses, each naming a tile per
   * role), so a hypothesis is drawn and coloured by what it makes of each cell.
   */
  groups: { cells: readonly number[]; tiles: string[] }[];
}

export interface WorldInfo {
  name: string;
  title: string;
  description: string;
  source: string;
  /** For a world loaded from a file: its text, so other workers and exported records can reload it. */
  text: string | null;
  width: number;
  height: number;
  /** Every look a cell can show: the map's first, then those a `set` can bring in. */
  looks: string[];
  /** Index into `looks` per cell (what the agent sees). */
  cellLook: Uint16Array;
  /** Index into `tiles` per known cell, -1 for an unknown cell. */
  cellTile: Int16Array;
  /** Index into `unknowns` per unknown cell, -1 for a known cell. */
  cellUnknown: Int16Array;
  tiles: TileInfo[];
  unknowns: UnknownInfo[];
  keys: PosteriorKey[];
  /** Length of the posterior vector (all variants of all keys). */
  variantCount: number;
  /** Signal id → name (id 0 is "no signal"), as the engine numbers them. */
  signals: string[];
  start: number;
  actions: Action[];
  maxSteps: number;
  gamma: number;
  rewards: { step: number; goal: number; death: number; bump: number };
}

export type WorldResult = { ok: true; world: WorldInfo } | { ok: false; file: string; errors: string[] };

export function resolveWorld(ref: WorldRef): EnvSpec {
  if ('builtin' in ref) {
    const env = environments.get(ref.builtin);
    if (!env)
      throw new EnvLoadError(ref.builtin, [{ path: '', message: `no built-in world "${ref.builtin}"` }]);
    return env;
  }
  return loadEnvironmentText(ref.text, ref.source);
}

export function describeSpec(env: EnvSpec, text: string | null): WorldInfo {
  const tiles = [...env.tiles.values()];
  const tileIndex = new Map(tiles.map((t, i) => [t.name, i]));
  const looks: string[] = [];
  const lookIndex = (look: string): number => {
    let i = looks.indexOf(look);
    if (i < 0) i = looks.push(look) - 1;
    return i;
  };
  const n = env.width * env.height;
  const cellLook = new Uint16Array(n);
  const cellTile = new Int16Array(n).fill(-1);
  const cellUnknown = new Int16Array(n).fill(-1);
  const unknowns = [...env.unknowns, ...theoryRolesAsUnknowns(env)];
  for (let c = 0; c < n; c++) {
    const cell = env.cells[c];
    if (cell.tile !== null) {
      cellTile[c] = tileIndex.get(cell.tile)!;
      cellLook[c] = lookIndex(env.tiles.get(cell.tile)!.look);
    } else {
      const id = cell.theory !== null ? roleId(cell.theory, cell.role!) : cell.unknown;
      const u = unknowns.findIndex((v) => v.id === id);
      cellUnknown[c] = u;
      cellLook[c] = lookIndex(unknowns[u].look);
    }
  }
  // Looks a change can bring in (a plank's `gap`), so changed cells have a look index too.
  for (const t of tiles)
    for (const c of [...t.enter.set, ...(t.leave?.set ?? []), ...t.poke.set])
      lookIndex(env.tiles.get(c.tile)!.look);
  const keys: PosteriorKey[] = [];
  let offset = 0;
  env.unknowns.forEach((u, ui) => {
    const groups = u.scope === 'all' ? [u.cells] : u.cells.map((c) => [c]);
    for (const cells of groups) {
      if (cells.length === 0) continue;
      const variants = u.prior.map((v) => v.tile);
      keys.push({
        key: truthKey(env, u, cells[0]),
        unknown: ui,
        cells,
        variants,
        offset,
        groups: [{ cells, tiles: variants }],
      });
      offset += variants.length;
    }
  });
  for (const t of env.theories) {
    const variants = t.hypotheses.map((h) => h.name);
    const cells = t.roles.flatMap((r) => r.cells).sort((a, b) => a - b);
    const first = unknowns.findIndex((u) => u.id === roleId(t.id, t.roles[0].name));
    const groups = t.roles.map((r) => ({ cells: r.cells, tiles: t.hypotheses.map((h) => h.tiles[r.name]) }));
    keys.push({ key: t.id, unknown: first, cells, variants, offset, groups });
    offset += variants.length;
  }
  return {
    name: env.name,
    title: env.title,
    description: env.description,
    source: env.source,
    text,
    width: env.width,
    height: env.height,
    looks,
    cellLook,
    cellTile,
    cellUnknown,
    tiles: tiles.map((t) => ({
      name: t.name,
      look: t.look,
      effect: t.enter.effect,
      walkable: t.walkable,
      oneWay: t.oneWay,
      pokeSignal: t.poke.signal,
      nearSignal: t.near?.signal ?? null,
      description: t.description,
    })),
    unknowns: unknowns.map((u) => ({
      id: u.id,
      scope: u.scope,
      prior: u.prior.map((v) => ({ ...v })),
      cells: [...u.cells],
      look: u.look,
      description: u.description,
    })),
    keys,
    variantCount: offset,
    signals: compileTiles(env).signals,
    start: env.start ?? -1,
    actions: [...env.actions],
    maxSteps: env.maxSteps,
    gamma: env.gamma,
    rewards: { ...env.rewards },
  };
}

const roleId = (theory: string, role: string) => `${theory}.${role}`;

/**
 * A theory's roles as the app's unknowns (`lake.shore`): the look its cells share and the prior of each
 * tile the role may hold. The theory's posterior is one key (`lake`) over its hypotheses.
 */
function theoryRolesAsUnknowns(env: EnvSpec): UnknownSpec[] {
  return env.theories.flatMap((t) =>
    t.roles.map((r) => {
      const prior = new Map<string, number>();
      for (const h of t.hypotheses) prior.set(h.tiles[r.name], (prior.get(h.tiles[r.name]) ?? 0) + h.p);
      return {
        id: roleId(t.id, r.name),
        scope: 'all' as const,
        prior: [...prior].map(([tile, p]) => ({ tile, p })),
        cells: r.cells,
        look: r.look,
        description: t.description,
      };
    }),
  );
}

/** A load failure as the file it concerns and one line per problem. */
export function loadErrors(e: unknown, fallbackFile: string): { file: string; errors: string[] } {
  if (e instanceof EnvLoadError)
    return { file: e.file, errors: e.issues.map((i: EnvIssue) => formatIssue(e.file, i)) };
  return { file: fallbackFile, errors: [e instanceof Error ? e.message : String(e)] };
}

export function describeWorld(ref: WorldRef): WorldResult {
  try {
    const env = resolveWorld(ref);
    requireStart(env);
    return { ok: true, world: describeSpec(env, 'text' in ref ? ref.text : null) };
  } catch (e) {
    return { ok: false, ...loadErrors(e, 'builtin' in ref ? ref.builtin : ref.source) };
  }
}
