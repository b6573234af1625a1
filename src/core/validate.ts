/**
 * Turns a raw environment object (parsed JSON or a module's export) into an EnvSpec, or throws one
 * EnvLoadError listing every problem found. Shape problems come from the zod definition in format.ts
 * (worded by shape-errors.ts); the cross-field rules of the format live here, theories' in
 * validate-theories.ts.
 */
import { BUILTIN_GLYPHS, BUILTIN_TILES } from './builtins.ts';
import { EnvLoadError, type EnvIssue } from './errors.ts';
import { ACTIONS, environmentSchema, type TileDefinition } from './format.ts';
import { entriesInWrittenOrder, pathToString, type JsonPath, type Locator } from './json-path.ts';
import {
  flattenUnions,
  protoKeyPaths,
  quoted,
  repairForCrossChecks,
  zodIssueMessage,
  type Damage,
} from './shape-errors.ts';
import type { CellSpec, ChangeList, EnvSpec, TileKind, UnknownSpec } from './spec.ts';
import { checkTheories, PRIOR_TOLERANCE } from './validate-theories.ts';

/** A `set` record as a change list, in written order. */
function changeList(set: Record<string, string> | undefined, path: JsonPath, locate?: Locator): ChangeList {
  return entriesInWrittenOrder(set, path, locate).map(([target, tile]) => ({ target, tile }));
}

function normaliseTile(name: string, def: TileDefinition, locate?: Locator): TileKind {
  const changes = (part: 'enter' | 'leave' | 'poke') =>
    changeList(def[part]?.set, ['tiles', name, part, 'set'], locate);
  return {
    name,
    look: def.look ?? name,
    walkable: def.walkable ?? true,
    enter: {
      effect: def.enter?.effect ?? 'pass',
      reward: def.enter?.reward ?? 0,
      to: def.enter?.to ?? null,
      signal: def.enter?.signal ?? null,
      set: changes('enter'),
    },
    leave: def.leave
      ? { to: def.leave.to ?? null, reward: def.leave.reward ?? 0, set: changes('leave') }
      : null,
    oneWay: def.oneWay ?? null,
    poke: {
      signal: def.poke?.signal ?? 'nothing',
      risk: def.poke?.risk ?? 0,
      riskEffect: def.poke?.riskEffect ?? 'death',
      set: changes('poke'),
    },
    near: def.near ? { signal: def.near.signal, p: def.near.p ?? 1 } : null,
    description: def.description ?? '',
  };
}

/** Validates and normalises. `source` names the file in messages; `locate` adds line and column. */
export function validateEnvironment(raw: unknown, source: string, locate?: Locator): EnvSpec {
  const issues: EnvIssue[] = [];
  const add = (path: JsonPath, message: string, mapRow?: number, mapColumn?: number): void => {
    const at = locate?.(path, mapColumn);
    issues.push({ path: pathToString(path), message, ...at, mapRow, mapColumn });
  };

  // zod's records drop a "__proto__" key silently (it sets the prototype instead), so refuse it up front.
  for (const path of protoKeyPaths(raw)) add(path, '"__proto__" is reserved and cannot name anything here');
  if (issues.length > 0) throw new EnvLoadError(source, issues);

  const damage: Damage = { theories: new Set(), allTheories: false };
  let parsed = environmentSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of flattenUnions(parsed.error.issues, raw)) {
      // Report each unknown field at the field itself, so the line and column point at the typo.
      if (issue.code === 'unrecognized_keys')
        for (const key of issue.keys) add([...(issue.path as JsonPath), key], `unknown field "${key}"`);
      else add(issue.path as JsonPath, zodIssueMessage(issue, raw));
    }
    const repaired = repairForCrossChecks(raw, parsed.error.issues, damage);
    parsed = repaired === null ? parsed : environmentSchema.safeParse(repaired);
    if (!parsed.success) throw new EnvLoadError(source, issues);
  }
  const file = parsed.data;

  // Map: equal-length rows of single glyphs (code points, so any Unicode glyph works).
  const rows = file.map.map((row) => Array.from(row));
  const width = rows[0].length;
  rows.forEach((row, y) => {
    if (row.length !== width) add(['map', y], `row has ${row.length} cells but row 0 has ${width}`, y);
  });

  // Tiles: built-ins, shadowed by the file's own.
  const tileDefs: Record<string, TileDefinition> = { ...BUILTIN_TILES, ...(file.tiles ?? {}) };
  const tiles = new Map<string, TileKind>();
  for (const [name, def] of Object.entries(tileDefs))
    tiles.set(name, normaliseTile(name, def, Object.hasOwn(file.tiles ?? {}, name) ? locate : undefined));
  for (const [name, def] of Object.entries(file.tiles ?? {})) {
    if (def.enter?.effect === 'teleport' && def.enter.to === undefined)
      add(['tiles', name, 'enter'], 'effect "teleport" needs "to": the glyph of the destination cell');
    if (def.enter?.to !== undefined && def.enter.effect !== 'teleport')
      add(['tiles', name, 'enter', 'to'], '"to" is only used with effect "teleport"');
    if (def.leave && def.leave.to === undefined && def.leave.set === undefined)
      add(
        ['tiles', name, 'leave', 'to'],
        'missing required field: a leave needs "to" (the glyph of the destination cell) or "set" (the cells it changes)',
      );
  }

  const legend = file.legend ?? {};
  const unknownDefs = file.unknowns ?? {};
  const theoryDefs = file.theories ?? {};

  // Unknowns: priors over existing tiles, summing to 1, all with one look.
  // Cells are filled in while the map is read below; the finished spec's are read-only.
  const unknowns: (Omit<UnknownSpec, 'cells'> & { cells: number[] })[] = [];
  for (const [id, def] of Object.entries(unknownDefs)) {
    const prior = Object.entries(def.prior).map(([tile, p]) => ({ tile, p }));
    const looks = new Set<string>();
    let ok = true;
    for (const { tile } of prior) {
      const kind = tiles.get(tile);
      if (!kind) {
        add(['unknowns', id, 'prior', tile], `unknown tile "${tile}" (not built in and not in "tiles")`);
        ok = false;
      } else looks.add(kind.look);
    }
    if (prior.length === 0) {
      add(['unknowns', id, 'prior'], 'expected at least one tile');
      ok = false;
    }
    const sum = prior.reduce((s, v) => s + v.p, 0);
    if (prior.length > 0 && Math.abs(sum - 1) > PRIOR_TOLERANCE)
      add(
        ['unknowns', id, 'prior'],
        `probabilities must sum to 1, they sum to ${Number(sum.toPrecision(12))}`,
      );
    if (ok && looks.size > 1)
      add(
        ['unknowns', id, 'prior'],
        `all variants must share one look so they cannot be told apart by sight, got looks ${[...looks].map((l) => `"${l}"`).join(', ')}`,
      );
    unknowns.push({
      id,
      scope: def.scope ?? 'each',
      prior,
      cells: [],
      look: [...looks][0] ?? id,
      description: def.description ?? '',
    });
  }

  const { theories, unchecked } = checkTheories(theoryDefs, tiles, damage, add, locate);

  // Legend.
  for (const [g, entry] of Object.entries(legend)) {
    if (Array.from(g).length !== 1) add(['legend', g], `a legend key must be a single glyph, got "${g}"`);
    if (typeof entry === 'string') {
      if (!tiles.has(entry)) add(['legend', g], `unknown tile "${entry}" (not built in and not in "tiles")`);
    } else if ('unknown' in entry) {
      if (!Object.hasOwn(unknownDefs, entry.unknown))
        add(['legend', g, 'unknown'], `unknown "${entry.unknown}" is not declared in "unknowns"`);
    } else if (!damage.allTheories) {
      const theory = theories.find((t) => t.id === entry.theory);
      if (!Object.hasOwn(theoryDefs, entry.theory) || theory === undefined)
        add(['legend', g, 'theory'], `theory "${entry.theory}" is not declared in "theories"`);
      else if (!unchecked.has(theory.id) && !theory.roles.some((r) => r.name === entry.role))
        add(
          ['legend', g, 'role'],
          `theory "${theory.id}" has no role "${entry.role}" (its roles: ${quoted(theory.roles.map((r) => r.name))})`,
        );
    }
  }

  // Cells.
  const cells: CellSpec[] = [];
  const glyphCells = new Map<string, number[]>();
  const startCells: { x: number; y: number }[] = [];
  rows.forEach((row, y) => {
    if (row.length !== width) return;
    row.forEach((g, x) => {
      const index = y * width + x;
      const list = glyphCells.get(g) ?? [];
      list.push(index);
      glyphCells.set(g, list);
      const entry = legend[g] ?? BUILTIN_GLYPHS[g];
      if (entry === 'start') startCells.push({ x, y });
      if (entry === undefined) {
        add(['map', y], `unknown glyph "${g}" at x=${x}, y=${y} (not built in and not in the legend)`, y, x);
        cells.push({ glyph: g, tile: 'floor', unknown: null, theory: null, role: null });
      } else if (typeof entry === 'string')
        cells.push({ glyph: g, tile: entry, unknown: null, theory: null, role: null });
      else if ('unknown' in entry) {
        cells.push({ glyph: g, tile: null, unknown: entry.unknown, theory: null, role: null });
        unknowns.find((u) => u.id === entry.unknown)?.cells.push(index);
      } else {
        cells.push({ glyph: g, tile: null, unknown: null, theory: entry.theory, role: entry.role });
        theories
          .find((t) => t.id === entry.theory)
          ?.roles.find((r) => r.name === entry.role)
          ?.cells.push(index);
      }
    });
  });

  // At most one start (a world with none loads: it can be solved, though not run; see requireStart).
  // Reported at the second start, naming every start cell by x, y and, from text, line:column.
  if (startCells.length > 1) {
    const where = startCells.map(({ x, y }) => {
      const at = locate?.(['map', y], x);
      return `x=${x}, y=${y}${at ? ` (${at.line}:${at.column})` : ''}`;
    });
    const second = startCells[1];
    add(
      ['map', second.y],
      `${startCells.length} start cells, ${where.slice(0, -1).join(', ')} and ${where[where.length - 1]}: the map needs exactly one start (glyph "A")`,
      second.y,
      second.x,
    );
  }

  // Destinations named by glyph must be drawn exactly once.
  for (const [name, def] of Object.entries(file.tiles ?? {})) {
    const targets: [JsonPath, string | undefined][] = [
      [['tiles', name, 'enter', 'to'], def.enter?.to],
      [['tiles', name, 'leave', 'to'], def.leave?.to],
    ];
    for (const [path, to] of targets) {
      if (to === undefined) continue;
      const count = glyphCells.get(to)?.length ?? 0;
      if (count !== 1) add(path, `"${to}" must be drawn exactly once in the map, it is drawn ${count} times`);
    }
  }

  // Every theory and every role is drawn somewhere (skipped when a ragged row left cells unread).
  if (rows.every((row) => row.length === width))
    for (const t of theories) {
      if (unchecked.has(t.id)) continue;
      if (t.roles.every((r) => r.cells.length === 0))
        add(
          ['theories', t.id],
          `theory "${t.id}" is drawn nowhere: no cell of the map is drawn as one of its roles (a legend entry { "theory": "${t.id}", "role": … })`,
        );
      else
        for (const r of t.roles)
          if (r.cells.length === 0)
            add(
              ['theories', t.id, 'hypotheses', t.hypotheses[0].name, 'tiles', r.name],
              `role "${r.name}" of theory "${t.id}" is drawn nowhere: no cell of the map is drawn as { "theory": "${t.id}", "role": "${r.name}" }`,
            );
    }

  // Changes (format 1.1): a set names glyphs the map draws (or "here") and existing tiles.
  const drawn = new Set(rows.flat());
  for (const [name, def] of Object.entries(file.tiles ?? {}))
    for (const part of ['enter', 'leave', 'poke'] as const)
      for (const [target, tile] of Object.entries(def[part]?.set ?? {})) {
        const path = ['tiles', name, part, 'set', target];
        if (target !== 'here' && !drawn.has(target))
          add(
            path,
            `"${target}" is not drawn in the map (a set names glyphs of the map, or "here" for the cell itself)`,
          );
        if (!tiles.has(tile)) add(path, `unknown tile "${tile}" (not built in and not in "tiles")`);
      }

  const actions = file.actions ?? [...ACTIONS];
  if (new Set(actions).size !== actions.length) add(['actions'], 'actions must not repeat');

  if (issues.length > 0) throw new EnvLoadError(source, issues);

  const starts = cells.flatMap((c, i) => (c.tile === 'start' ? [i] : []));
  return {
    name: file.name,
    title: file.title ?? file.name,
    description: file.description ?? '',
    source,
    width,
    height: rows.length,
    cells,
    tiles,
    unknowns,
    theories,
    rewards: {
      step: file.rewards?.step ?? -1,
      goal: file.rewards?.goal ?? 10,
      death: file.rewards?.death ?? -100,
      bump: file.rewards?.bump ?? 0,
    },
    hiddenReward: { death: file.hiddenReward?.death ?? 0, stuck: file.hiddenReward?.stuck ?? 0 },
    gamma: file.gamma ?? 0.95,
    maxSteps: file.maxSteps ?? 200,
    actions,
    slip: file.slip ?? 0,
    start: starts.length === 1 ? starts[0] : null,
  };
}

/** Running an episode needs exactly one start; solving does not. */
export function requireStart(spec: EnvSpec): number {
  if (spec.start !== null) return spec.start;
  const starts = spec.cells.flatMap((c, i) =>
    c.tile === 'start' ? [`x=${i % spec.width}, y=${Math.floor(i / spec.width)}`] : [],
  );
  throw new EnvLoadError(spec.source, [
    {
      path: 'map',
      message:
        starts.length === 0
          ? 'no start: the map needs exactly one start cell (glyph "A") to run an episode'
          : `${starts.length} start cells (${starts.join('; ')}): the map needs exactly one to run an episode`,
    },
  ]);
}
