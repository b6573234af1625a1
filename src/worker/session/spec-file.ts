/**
 * A validated world written back as a format-1.1 file, for the editor to open a built-in world (the
 * registry keeps only the validated spec). Defaults are left out, built-in tiles are written only when a
 * world shadows them, and the map keeps its glyphs, so the file reads like one a person wrote and loads
 * into the same spec (tests/app/spec-file.test.ts checks every built-in world).
 */
import { BUILTIN_GLYPHS, BUILTIN_TILES } from '../../core/builtins.ts';
import { ACTIONS, type EnvironmentFile, type TileDefinition } from '../../core/format.ts';
import type { ChangeList, EnvSpec, TileKind } from '../../core/spec.ts';
import { validateEnvironment } from '../../core/validate.ts';

type Json = Record<string, unknown>;

function setRecord(set: ChangeList): Record<string, string> | undefined {
  if (set.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const c of set) out[c.target] = c.tile;
  return out;
}

/** Drops the fields whose value is undefined, and returns undefined for an object left empty. */
function compact<T extends Json>(o: T): T | undefined {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length === 0 ? undefined : (out as T);
}

/** A tile kind as a file writes it, without its defaults. */
export function tileDefinition(t: TileKind): TileDefinition {
  const def = compact({
    look: t.look === t.name ? undefined : t.look,
    walkable: t.walkable ? undefined : false,
    enter: compact({
      effect: t.enter.effect === 'pass' ? undefined : t.enter.effect,
      reward: t.enter.reward === 0 ? undefined : t.enter.reward,
      to: t.enter.to ?? undefined,
      signal: t.enter.signal ?? undefined,
      set: setRecord(t.enter.set),
    }),
    leave: t.leave
      ? {
          ...(t.leave.to !== null ? { to: t.leave.to } : {}),
          ...(t.leave.reward !== 0 ? { reward: t.leave.reward } : {}),
          ...(t.leave.set.length > 0 ? { set: setRecord(t.leave.set) } : {}),
        }
      : undefined,
    oneWay: t.oneWay ?? undefined,
    poke: compact({
      signal: t.poke.signal === 'nothing' ? undefined : t.poke.signal,
      risk: t.poke.risk === 0 ? undefined : t.poke.risk,
      riskEffect: t.poke.risk === 0 || t.poke.riskEffect === 'death' ? undefined : t.poke.riskEffect,
      set: setRecord(t.poke.set),
    }),
    near: t.near ? { signal: t.near.signal, ...(t.near.p !== 1 ? { p: t.near.p } : {}) } : undefined,
    description: t.description === '' ? undefined : t.description,
  });
  return (def ?? {}) as TileDefinition;
}

let builtinKinds: Map<string, string> | null = null;

/** The built-in tiles as a world that does not shadow them normalises them (JSON, for comparison). */
function builtinKind(name: string): string | undefined {
  if (!builtinKinds) {
    const spec = validateEnvironment({ name: 'builtins', map: ['A'] }, 'builtins');
    builtinKinds = new Map(
      Object.keys(BUILTIN_TILES).map((n) => [n, JSON.stringify(spec.tiles.get(n))] as const),
    );
  }
  return builtinKinds.get(name);
}

export function specToFile(env: EnvSpec): EnvironmentFile {
  const rows: string[] = [];
  for (let y = 0; y < env.height; y++) {
    let row = '';
    for (let x = 0; x < env.width; x++) row += env.cells[y * env.width + x].glyph;
    rows.push(row);
  }
  const legend: NonNullable<EnvironmentFile['legend']> = {};
  for (const cell of env.cells) {
    if (Object.hasOwn(legend, cell.glyph)) continue;
    if (cell.tile !== null) {
      if (BUILTIN_GLYPHS[cell.glyph] !== cell.tile) legend[cell.glyph] = cell.tile;
    } else if (cell.theory !== null) legend[cell.glyph] = { theory: cell.theory, role: cell.role! };
    else legend[cell.glyph] = { unknown: cell.unknown! };
  }
  const tiles: Record<string, TileDefinition> = {};
  for (const t of env.tiles.values())
    if (JSON.stringify(t) !== builtinKind(t.name)) tiles[t.name] = tileDefinition(t);
  const unknowns: NonNullable<EnvironmentFile['unknowns']> = {};
  for (const u of env.unknowns)
    unknowns[u.id] = {
      scope: u.scope,
      prior: Object.fromEntries(u.prior.map((v) => [v.tile, v.p])),
      ...(u.description ? { description: u.description } : {}),
    };
  const theories: NonNullable<EnvironmentFile['theories']> = {};
  for (const t of env.theories)
    theories[t.id] = {
      ...(t.description ? { description: t.description } : {}),
      hypotheses: Object.fromEntries(
        t.hypotheses.map((h) => [h.name, { prior: h.p, tiles: { ...h.tiles } }]),
      ),
    };
  const hidden = env.hiddenReward;
  const allActions = env.actions.length === ACTIONS.length && env.actions.every((a, i) => a === ACTIONS[i]);
  const file: EnvironmentFile = {
    format: '1.1',
    name: env.name,
    ...(env.title && env.title !== env.name ? { title: env.title } : {}),
    ...(env.description ? { description: env.description } : {}),
    map: rows,
    ...(Object.keys(legend).length > 0 ? { legend } : {}),
    ...(Object.keys(tiles).length > 0 ? { tiles } : {}),
    ...(Object.keys(unknowns).length > 0 ? { unknowns } : {}),
    ...(Object.keys(theories).length > 0 ? { theories } : {}),
    rewards: { ...env.rewards },
    ...(hidden.death !== 0 || hidden.stuck !== 0 ? { hiddenReward: { ...hidden } } : {}),
    gamma: env.gamma,
    maxSteps: env.maxSteps,
    ...(allActions ? {} : { actions: [...env.actions] }),
    ...(env.slip !== 0 ? { slip: env.slip } : {}),
  };
  return file;
}

/** A world file's text as the editor writes it: two-space JSON, one map row per line, a final newline. */
export function fileText(file: unknown): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
