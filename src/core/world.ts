/**
 * A World is an environment with every unknown resolved, compiled to flat typed arrays indexed by cell.
 * `step.ts` reads only these arrays, never tile names, so any tile a file defines behaves correctly
 * without engine changes, and a World can be posted to a worker as plain data.
 */
import { ACTIONS, type Action } from './format.ts';
import type { EnvSpec } from './spec.ts';
import { cellTiles, type Truth } from './truth.ts';

export const EFFECT = { pass: 0, death: 1, stuck: 2, goal: 3, teleport: 4 } as const;
/** Directions as indices: N E S W, matching action codes 0-3 (moves) and 4-7 (pokes). */
export const DIR_DX = [0, 1, 0, -1] as const;
export const DIR_DY = [-1, 0, 1, 0] as const;
export const ACTION_CODE: Record<Action, number> = Object.fromEntries(
  ACTIONS.map((a, i) => [a, i]),
) as Record<Action, number>;
export const WAIT = 8;
export const NO_SIGNAL = 0;
export const BUMP_SIGNAL = 1;
export const SOLID_SIGNAL = 2;

export interface World {
  width: number;
  height: number;
  cellCount: number;
  truth: Truth;
  /** Tile name per cell: for views and messages, never read by `step`. */
  tileNames: string[];
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

function glyphCell(spec: EnvSpec, glyph: string | null): number {
  if (glyph === null) return -1;
  return spec.cells.findIndex((c) => c.glyph === glyph);
}

export function compileWorld(spec: EnvSpec, truth: Truth): World {
  const n = spec.width * spec.height;
  const tileNames = cellTiles(spec, truth);
  const signals = ['', 'bump', 'solid'];
  const signalId = (s: string | null): number => {
    if (s === null) return NO_SIGNAL;
    const i = signals.indexOf(s);
    if (i >= 0) return i;
    signals.push(s);
    return signals.length - 1;
  };
  const w: World = {
    width: spec.width,
    height: spec.height,
    cellCount: n,
    truth: { ...truth },
    tileNames,
    neighbour: new Int32Array(n * 4),
    walkable: new Uint8Array(n),
    enterEffect: new Uint8Array(n),
    enterReward: new Float64Array(n),
    enterTo: new Int32Array(n),
    enterSignal: new Int32Array(n),
    leaveTo: new Int32Array(n),
    leaveReward: new Float64Array(n),
    oneWay: new Int8Array(n),
    pokeSignal: new Int32Array(n),
    pokeRisk: new Float64Array(n),
    pokeRiskEffect: new Uint8Array(n),
    nearSignal: new Int32Array(n),
    nearP: new Float64Array(n),
    signals,
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
    actions: Uint8Array.from(spec.actions.map((a) => ACTION_CODE[a])),
  };
  for (let c = 0; c < n; c++) {
    const x = c % spec.width;
    const y = (c - x) / spec.width;
    for (let d = 0; d < 4; d++) {
      const nx = x + DIR_DX[d];
      const ny = y + DIR_DY[d];
      w.neighbour[c * 4 + d] =
        nx < 0 || ny < 0 || nx >= spec.width || ny >= spec.height ? -1 : ny * spec.width + nx;
    }
    const t = spec.tiles.get(tileNames[c])!;
    w.walkable[c] = t.walkable ? 1 : 0;
    w.enterEffect[c] = EFFECT[t.enter.effect];
    w.enterReward[c] = t.enter.reward;
    w.enterTo[c] = glyphCell(spec, t.enter.to);
    w.enterSignal[c] = signalId(t.enter.signal);
    w.leaveTo[c] = t.leave ? glyphCell(spec, t.leave.to) : -1;
    w.leaveReward[c] = t.leave?.reward ?? 0;
    w.oneWay[c] = t.oneWay === null ? -1 : 'NESW'.indexOf(t.oneWay);
    w.pokeSignal[c] = signalId(t.poke.signal);
    w.pokeRisk[c] = t.poke.risk;
    w.pokeRiskEffect[c] = EFFECT[t.poke.riskEffect];
    w.nearSignal[c] = t.near ? signalId(t.near.signal) : NO_SIGNAL;
    w.nearP[c] = t.near?.p ?? 0;
  }
  return w;
}
