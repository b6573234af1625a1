/**
 * Truths: which tile each unknown really is, and which hypothesis each theory. Keys follow the
 * environment format: the unknown's id for `scope: "all"`, `id@x,y` per cell for `scope: "each"`, the
 * theory's id for a theory (whose value is a hypothesis name, not a tile).
 */
import { UsageError } from './errors.ts';
import { createStream, drawIndex, type Rng } from './rng.ts';
import { cellXY, type EnvSpec, type TheorySpec, type UnknownSpec } from './spec.ts';

export type Truth = Record<string, string>;

export function truthKey(spec: EnvSpec, unknown: UnknownSpec, cell: number): string {
  if (unknown.scope === 'all') return unknown.id;
  const { x, y } = cellXY(spec, cell);
  return `${unknown.id}@${x},${y}`;
}

/** Every key a complete truth for this environment has, in draw order: unknowns, then theories. */
export function truthKeys(spec: EnvSpec): string[] {
  const keys: string[] = [];
  for (const u of spec.unknowns) {
    if (u.scope === 'all') keys.push(u.id);
    else for (const c of u.cells) keys.push(truthKey(spec, u, c));
  }
  for (const t of spec.theories) keys.push(t.id);
  return keys;
}

/**
 * Draws a complete truth from the priors. Unknowns come from `rng` (the `world` stream) in a fixed
 * order (declaration order, cells row-major); each theory from its own `theory:ID` stream of the
 * episode. Every key is always drawn, so fixing part of a truth never shifts the rest.
 */
export function drawTruth(spec: EnvSpec, rng: Rng, seed = 0, episode = 0): Truth {
  const truth: Truth = {};
  for (const u of spec.unknowns) {
    const weights = u.prior.map((v) => v.p);
    if (u.scope === 'all') truth[u.id] = u.prior[drawIndex(rng, weights)].tile;
    else for (const c of u.cells) truth[truthKey(spec, u, c)] = u.prior[drawIndex(rng, weights)].tile;
  }
  for (const t of spec.theories) {
    const stream = createStream(seed, `theory:${t.id}`, episode);
    truth[t.id] =
      t.hypotheses[
        drawIndex(
          stream,
          t.hypotheses.map((h) => h.p),
        )
      ].name;
  }
  return truth;
}

/** The truth of episode `episode` of `seed`: what `Episode.reset` draws before any fixed entries. */
export function drawEpisodeTruth(spec: EnvSpec, seed: number, episode = 0): Truth {
  return drawTruth(spec, createStream(seed, 'world', episode), seed, episode);
}

/** The tile a theory's hypothesis puts into a cell drawn as `role`. */
export function theoryTile(theory: TheorySpec, hypothesis: string, role: string): string {
  return theory.hypotheses.find((h) => h.name === hypothesis)!.tiles[role];
}

const CELL_KEY = /^([^@=]+)@(\d+),(\d+)$/;

/**
 * Parses `ID=TILE` and `ID@X,Y=TILE` assignments (the `--truth` syntax) into a partial truth with
 * canonical keys. `ID=TILE` on a per-cell unknown fixes every one of its cells.
 */
export function parseTruthAssignments(spec: EnvSpec, assignments: readonly string[]): Truth {
  const out: Truth = {};
  for (const text of assignments) {
    const eq = text.lastIndexOf('=');
    if (eq <= 0 || eq === text.length - 1)
      throw new UsageError(
        `bad truth "${text}": expected UNKNOWN=TILE, UNKNOWN@X,Y=TILE or THEORY=HYPOTHESIS`,
      );
    Object.assign(out, resolveTruthEntry(spec, text.slice(0, eq), text.slice(eq + 1)));
  }
  return out;
}

/** Checks one key → tile (or theory → hypothesis) entry and expands `ID` on per-cell unknowns to every cell. */
export function resolveTruthEntry(spec: EnvSpec, key: string, tile: string): Truth {
  const m = CELL_KEY.exec(key);
  const id = m ? m[1] : key;
  const theory = spec.theories.find((t) => t.id === id);
  if (theory) {
    if (m) throw new UsageError(`bad truth "${key}=${tile}": "${id}" is a theory; name it without a cell`);
    if (!theory.hypotheses.some((h) => h.name === tile))
      throw new UsageError(
        `bad truth "${key}=${tile}": "${tile}" is not a hypothesis of theory "${id}" (hypotheses: ${theory.hypotheses.map((h) => h.name).join(', ')})`,
      );
    return { [id]: tile };
  }
  const unknown = spec.unknowns.find((u) => u.id === id);
  const known = [...spec.unknowns.map((u) => u.id), ...spec.theories.map((t) => t.id)].join(', ') || 'none';
  if (!unknown)
    throw new UsageError(`bad truth "${key}=${tile}": no unknown or theory "${id}" (known: ${known})`);
  if (!unknown.prior.some((v) => v.tile === tile))
    throw new UsageError(
      `bad truth "${key}=${tile}": "${tile}" is not a variant of "${id}" (variants: ${unknown.prior.map((v) => v.tile).join(', ')})`,
    );
  if (!m) {
    if (unknown.scope === 'all') return { [id]: tile };
    return Object.fromEntries(unknown.cells.map((c) => [truthKey(spec, unknown, c), tile]));
  }
  if (unknown.scope === 'all')
    throw new UsageError(`bad truth "${key}=${tile}": "${id}" has scope "all"; name it without a cell`);
  const cell = Number(m[3]) * spec.width + Number(m[2]);
  if (Number(m[2]) >= spec.width || !unknown.cells.includes(cell))
    throw new UsageError(
      `bad truth "${key}=${tile}": cell ${m[2]},${m[3]} is not drawn with unknown "${id}"`,
    );
  return { [key]: tile };
}

/** Checks an externally supplied truth object (from a trace or the app) and canonicalises it. */
export function checkTruth(spec: EnvSpec, truth: Truth): Truth {
  const out: Truth = {};
  for (const [k, v] of Object.entries(truth)) Object.assign(out, resolveTruthEntry(spec, k, v));
  return out;
}

/** The tile of every cell under a complete truth. */
export function cellTiles(spec: EnvSpec, truth: Truth): string[] {
  return spec.cells.map((cell, index) => {
    if (cell.tile !== null) return cell.tile;
    if (cell.theory !== null) {
      const hypothesis = truth[cell.theory];
      if (hypothesis === undefined) throw new UsageError(`truth is missing "${cell.theory}"`);
      return theoryTile(
        spec.theories.find((t) => t.id === cell.theory)!,
        hypothesis,
        cell.role!,
      );
    }
    const u = spec.unknowns.find((v) => v.id === cell.unknown)!;
    const tile = truth[truthKey(spec, u, index)];
    if (tile === undefined) throw new UsageError(`truth is missing "${truthKey(spec, u, index)}"`);
    return tile;
  });
}
