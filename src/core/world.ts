/**
 * A World is an environment with every unknown resolved, compiled to flat typed arrays indexed by cell.
 * `step.ts` reads only these arrays, never tile names, so any tile a file defines behaves correctly
 * without engine changes, and a World can be posted to a worker as plain data.
 */
import { ACTIONS, type Action, type Effect } from './format.ts';
import type { ChangeList, EnvSpec } from './spec.ts';
import { packedArrays, type TypedArray } from './packed.ts';
import { cellTiles, type Truth } from './truth.ts';

/**
 * What entering a cell does, as worlds store it. A const enum, so that bundled code reads each as a
 * literal: the step's hot path pays for every module constant it loads (npm run bench:engine).
 */
export const enum EffectCode {
  pass = 0,
  death = 1,
  stuck = 2,
  goal = 3,
  teleport = 4,
}
const EFFECT_CODE: Record<Effect, EffectCode> = {
  pass: EffectCode.pass,
  death: EffectCode.death,
  stuck: EffectCode.stuck,
  goal: EffectCode.goal,
  teleport: EffectCode.teleport,
};
/** Directions as indices: N E S W, matching action codes 0-3 (moves) and 4-7 (pokes). */
export const DIR_DX = [0, 1, 0, -1] as const;
export const DIR_DY = [-1, 0, 1, 0] as const;
export const ACTION_CODE: Record<Action, number> = Object.fromEntries(
  ACTIONS.map((a, i) => [a, i]),
) as Record<Action, number>;
export const WAIT = 8;
/**
 * The signal ids every world has (a file's own signals follow from 3): none, a bump, a poke at the
 * world's edge. A const enum, as `EffectCode`.
 */
export const enum Signal {
  none = 0,
  bump = 1,
  solid = 2,
}

export interface World {
  width: number;
  height: number;
  cellCount: number;
  truth: Truth;
  /** Tile name per cell: for views and messages, never read by `step`. */
  tileNames: string[];
  /** Every tile kind of the environment, compiled, for swapping variants into cells. */
  tiles: Map<string, CompiledTile>;
  /** The same tiles by id (`CompiledTile.id`), which is what cells and the change log store. */
  tileList: CompiledTile[];
  /** Tile id per cell, current: changes (format 1.1 `set`) write here as well as into the behaviour arrays. */
  tileId: Int32Array;
  /** The cells drawn with each glyph that a `set` names, by the glyph-group index a change list stores. */
  glyphGroups: Int32Array[];
  /** Compiled `set` lists: pairs (glyph group or HERE, tile id), in written order. */
  changeLists: Int32Array[];
  /** Per cell, the index into `changeLists` of its tile's enter / leave / poke `set`, or -1. */
  enterSet: Int32Array;
  leaveSet: Int32Array;
  pokeSet: Int32Array;
  /** `neighbour[cell * 4 + dir]`: the adjacent cell, or -1 off the map. */
  neighbour: Int32Array;
  walkable: Uint8Array;
  enterEffect: Uint8Array;
  enterReward: Float64Array;
  enterTo: Int32Array;
  enterSignal: Int32Array;
  leaveTo: Int32Array;
  leaveReward: Float64Array;
  /** Direction index, or -1 when the cell is not one-way. */
  oneWay: Int8Array;
  /**
   * `Rare` bits: what a step must look up beyond the common case (leave.to, one-way, a `set` on leave
   * or enter, a poke's risk or `set`). One array read instead of seven lets the common step run as fast as a hand-written loop
   * (npm run bench:engine); written with the arrays it summarises by `setCellTile`.
   */
  rare: Uint8Array;
  pokeSignal: Int32Array;
  pokeRisk: Float64Array;
  pokeRiskEffect: Uint8Array;
  nearSignal: Int32Array;
  nearP: Float64Array;
  /** Signal id → name; id 0 is "no signal". */
  signals: string[];
  stepReward: number;
  goalReward: number;
  deathReward: number;
  bumpReward: number;
  hiddenDeath: number;
  hiddenStuck: number;
  gamma: number;
  maxSteps: number;
  slip: number;
  start: number;
  /** Action codes allowed in this environment. */
  actions: Uint8Array;
}

/** Bits of `World.rare` (a const enum, read as literals by bundled code, as `EffectCode`). */
export const enum Rare {
  /** `leave.to`: moving out goes there, whatever the direction. */
  leaves = 1,
  oneWay = 2,
  /** A `set` on leave / on enter. */
  leaveSet = 4,
  enterSet = 8,
  /** A poke at the cell may hurt (risk) or change the world (`set`). */
  poke = 16,
}

function rareBits(t: CompiledTile): number {
  return (
    (t.leaveTo >= 0 ? Rare.leaves : 0) |
    (t.oneWay >= 0 ? Rare.oneWay : 0) |
    (t.leaveSet >= 0 ? Rare.leaveSet : 0) |
    (t.enterSet >= 0 ? Rare.enterSet : 0) |
    (t.pokeRisk > 0 || t.pokeSet >= 0 ? Rare.poke : 0)
  );
}

/** A change-list target meaning the acting cell itself (`here`). */
export const HERE = -1;

/** A tile kind's behaviour as the numbers `step` reads; every cell drawn with it gets these. */
export interface CompiledTile {
  name: string;
  id: number;
  look: string;
  walkable: number;
  enterEffect: number;
  enterReward: number;
  enterTo: number;
  enterSignal: number;
  leaveTo: number;
  leaveReward: number;
  oneWay: number;
  pokeSignal: number;
  pokeRisk: number;
  pokeRiskEffect: number;
  nearSignal: number;
  nearP: number;
  enterSet: number;
  leaveSet: number;
  pokeSet: number;
}

function glyphCell(spec: EnvSpec, glyph: string | null): number {
  if (glyph === null) return -1;
  return spec.cells.findIndex((c) => c.glyph === glyph);
}

/**
 * Compiles every tile kind of the environment (not only those drawn), interning all signals, so that a
 * hypothetical world (a belief's sample, a planner's what-if) can swap any variant into any cell.
 */
export function compileTiles(spec: EnvSpec): {
  tiles: Map<string, CompiledTile>;
  signals: string[];
  glyphGroups: Int32Array[];
  changeLists: Int32Array[];
} {
  const signals = ['', 'bump', 'solid'];
  const names = [...spec.tiles.keys()];
  const groupOf = new Map<string, number>();
  const glyphGroups: Int32Array[] = [];
  const changeLists: Int32Array[] = [];
  const compileSet = (set: ChangeList): number => {
    if (set.length === 0) return -1;
    const pairs: number[] = [];
    for (const { target, tile } of set) {
      let g = HERE;
      if (target !== 'here') {
        g = groupOf.get(target) ?? glyphGroups.length;
        if (g === glyphGroups.length) {
          groupOf.set(target, g);
          glyphGroups.push(Int32Array.from(spec.cells.flatMap((c, i) => (c.glyph === target ? [i] : []))));
        }
      }
      pairs.push(g, names.indexOf(tile));
    }
    changeLists.push(Int32Array.from(pairs));
    return changeLists.length - 1;
  };
  const signalId = (s: string | null): number => {
    if (s === null) return Signal.none;
    const i = signals.indexOf(s);
    if (i >= 0) return i;
    signals.push(s);
    return signals.length - 1;
  };
  const tiles = new Map<string, CompiledTile>();
  for (const t of spec.tiles.values()) {
    tiles.set(t.name, {
      name: t.name,
      id: names.indexOf(t.name),
      look: t.look,
      walkable: t.walkable ? 1 : 0,
      enterEffect: EFFECT_CODE[t.enter.effect],
      enterReward: t.enter.reward,
      enterTo: glyphCell(spec, t.enter.to),
      enterSignal: signalId(t.enter.signal),
      leaveTo: t.leave ? glyphCell(spec, t.leave.to) : -1,
      enterSet: compileSet(t.enter.set),
      leaveSet: t.leave ? compileSet(t.leave.set) : -1,
      pokeSet: compileSet(t.poke.set),
      leaveReward: t.leave?.reward ?? 0,
      oneWay: t.oneWay === null ? -1 : 'NESW'.indexOf(t.oneWay),
      pokeSignal: signalId(t.poke.signal),
      pokeRisk: t.poke.risk,
      pokeRiskEffect: EFFECT_CODE[t.poke.riskEffect],
      nearSignal: t.near ? signalId(t.near.signal) : Signal.none,
      nearP: t.near?.p ?? 0,
    });
  }
  return { tiles, signals, glyphGroups, changeLists };
}

/** Puts a tile kind into one cell of a compiled world (used by compileWorld and by what-if planning). */
export function setCellTile(w: World, c: number, t: CompiledTile): void {
  w.tileNames[c] = t.name;
  w.tileId[c] = t.id;
  w.enterSet[c] = t.enterSet;
  w.leaveSet[c] = t.leaveSet;
  w.pokeSet[c] = t.pokeSet;
  w.walkable[c] = t.walkable;
  w.enterEffect[c] = t.enterEffect;
  w.enterReward[c] = t.enterReward;
  w.enterTo[c] = t.enterTo;
  w.enterSignal[c] = t.enterSignal;
  w.leaveTo[c] = t.leaveTo;
  w.leaveReward[c] = t.leaveReward;
  w.oneWay[c] = t.oneWay;
  w.rare[c] = rareBits(t);
  w.pokeSignal[c] = t.pokeSignal;
  w.pokeRisk[c] = t.pokeRisk;
  w.pokeRiskEffect[c] = t.pokeRiskEffect;
  w.nearSignal[c] = t.nearSignal;
  w.nearP[c] = t.nearP;
}

/** The per-cell arrays of a World, packed into one buffer (see packed.ts for why). */
const CELL_LAYOUT = [
  ['enterReward', Float64Array],
  ['leaveReward', Float64Array],
  ['pokeRisk', Float64Array],
  ['nearP', Float64Array],
  ['enterTo', Int32Array],
  ['enterSignal', Int32Array],
  ['leaveTo', Int32Array],
  ['pokeSignal', Int32Array],
  ['nearSignal', Int32Array],
  ['tileId', Int32Array],
  ['enterSet', Int32Array],
  ['leaveSet', Int32Array],
  ['pokeSet', Int32Array],
  ['walkable', Uint8Array],
  ['enterEffect', Uint8Array],
  ['oneWay', Int8Array],
  ['rare', Uint8Array],
  ['pokeRiskEffect', Uint8Array],
] as const;

type CellArrays = Pick<World, (typeof CELL_LAYOUT)[number][0]>;

/** Fresh cell arrays for `n` cells, copied from `from` when given. */
function packCellArrays(n: number, from?: CellArrays): CellArrays {
  const views = packedArrays(CELL_LAYOUT.map(([, Type]) => [Type, n] as const));
  const out: Record<string, TypedArray> = {};
  CELL_LAYOUT.forEach(([name], i) => {
    if (from) views[i].set(from[name]);
    out[name] = views[i];
  });
  return out as unknown as CellArrays;
}

/** What every world of an environment shares, compiled once per spec: tiles, signals, neighbours. */
interface Template {
  tiles: Map<string, CompiledTile>;
  tileList: CompiledTile[];
  signals: string[];
  glyphGroups: Int32Array[];
  changeLists: Int32Array[];
  neighbour: Int32Array;
  actions: Uint8Array;
  /** The cells as compiled for `tileNames` (the first truth seen); a world copies them and patches. */
  cells: CellArrays;
  tileNames: string[];
}

/** Specs are read-only once validated (EnvSpec's types say so), so a template can be keyed by the spec object. */
const templates = new WeakMap<EnvSpec, Template>();

function templateOf(spec: EnvSpec, names: string[]): Template {
  let t = templates.get(spec);
  if (t) return t;
  const n = spec.width * spec.height;
  const { tiles, signals, glyphGroups, changeLists } = compileTiles(spec);
  const neighbour = new Int32Array(n * 4);
  for (let c = 0; c < n; c++) {
    const x = c % spec.width;
    const y = (c - x) / spec.width;
    for (let d = 0; d < 4; d++) {
      const nx = x + DIR_DX[d];
      const ny = y + DIR_DY[d];
      neighbour[c * 4 + d] =
        nx < 0 || ny < 0 || nx >= spec.width || ny >= spec.height ? -1 : ny * spec.width + nx;
    }
  }
  const cells = packCellArrays(n);
  const tileNames = [...names];
  const holder = { ...cells, tileNames } as World;
  for (let c = 0; c < n; c++) setCellTile(holder, c, tiles.get(names[c])!);
  t = {
    tiles,
    tileList: [...tiles.values()],
    signals,
    glyphGroups,
    changeLists,
    neighbour,
    actions: Uint8Array.from(spec.actions.map((a) => ACTION_CODE[a])),
    cells,
    tileNames,
  };
  templates.set(spec, t);
  return t;
}

/**
 * Compiles the environment with its unknowns resolved by `truth`. The shared parts (`tiles`, `signals`,
 * `neighbour`, `actions`) are the same objects in every world of one spec: read them, never write them.
 */
export function compileWorld(spec: EnvSpec, truth: Truth): World {
  const n = spec.width * spec.height;
  const names = cellTiles(spec, truth);
  const t = templateOf(spec, names);
  const w: World = {
    width: spec.width,
    height: spec.height,
    cellCount: n,
    truth: { ...truth },
    tileNames: names,
    tiles: t.tiles,
    tileList: t.tileList,
    glyphGroups: t.glyphGroups,
    changeLists: t.changeLists,
    neighbour: t.neighbour,
    ...packCellArrays(n, t.cells),
    signals: t.signals,
    stepReward: spec.rewards.step,
    goalReward: spec.rewards.goal,
    deathReward: spec.rewards.death,
    bumpReward: spec.rewards.bump,
    hiddenDeath: spec.hiddenReward.death,
    hiddenStuck: spec.hiddenReward.stuck,
    gamma: spec.gamma,
    maxSteps: spec.maxSteps,
    slip: spec.slip,
    start: spec.start ?? -1,
    actions: t.actions,
  };
  for (let c = 0; c < n; c++) if (names[c] !== t.tileNames[c]) setCellTile(w, c, t.tiles.get(names[c])!);
  return w;
}

/** A copy whose cells can be changed without touching the original (what-if worlds). */
export function cloneWorld(w: World): World {
  return {
    ...w,
    truth: { ...w.truth },
    tileNames: [...w.tileNames],
    ...packCellArrays(w.cellCount, w),
  };
}
