/**
 * The transition function. Pure in the sense that matters: the next state depends only on the World,
 * the state, the action and the engine stream. It mutates a caller-owned state object and allocates
 * nothing, so batch rollouts run at typed-array speed; the episode API wraps it with observations.
 */
import type { Rng } from './rng.ts';
import { BUMP_SIGNAL, EFFECT, NO_SIGNAL, SOLID_SIGNAL, WAIT, type World } from './world.ts';

/** Event bits of one step: what happened, for metrics and views (agents never see these). */
export const EV = {
  bump: 1,
  slip: 2,
  poke: 4,
  death: 8,
  stuck: 16,
  goal: 32,
  teleport: 64,
  leave: 128,
  /** The trap was triggered by a poke's risk, not by walking in. */
  pokeHurt: 256,
} as const;
export type EventName = keyof typeof EV;

export interface EngineState {
  pos: number;
  steps: number;
  alive: boolean;
  stuck: boolean;
  terminated: boolean;
  truncated: boolean;
  /** Outputs of the last step. */
  signal: number;
  events: number;
  hidden: number;
}

export function createState(world: World): EngineState {
  const s: EngineState = {
    pos: 0,
    steps: 0,
    alive: true,
    stuck: false,
    terminated: false,
    truncated: false,
    signal: 0,
    events: 0,
    hidden: 0,
  };
  resetState(world, s);
  return s;
}

/** Puts the agent, alive and free, at `pos` (the start unless told otherwise) with a fresh step count. */
export function resetState(world: World, s: EngineState, pos = world.start): void {
  s.pos = pos;
  s.steps = 0;
  s.alive = true;
  s.stuck = false;
  s.terminated = false;
  s.truncated = false;
  s.signal = NO_SIGNAL;
  s.events = 0;
  s.hidden = 0;
}

function applyTrap(world: World, s: EngineState, effect: number): number {
  if (effect === EFFECT.death) {
    s.alive = false;
    s.terminated = true;
    s.events |= EV.death;
    s.hidden += world.hiddenDeath;
    return world.deathReward;
  }
  s.stuck = true;
  s.events |= EV.stuck;
  s.hidden += world.hiddenStuck;
  return 0;
}

function move(world: World, s: EngineState, dir: number, engine: Rng): number {
  const from = s.pos;
  const leaveTo = world.leaveTo[from];
  if (leaveTo >= 0) {
    s.pos = leaveTo;
    s.events |= EV.leave;
    return world.leaveReward[from];
  }
  if (world.slip > 0 && engine() < world.slip) {
    dir = (dir + 1 + Math.floor(engine() * 3)) & 3;
    s.events |= EV.slip;
  }
  const to = world.neighbour[from * 4 + dir];
  const fromWay = world.oneWay[from];
  if (
    to < 0 ||
    world.walkable[to] === 0 ||
    (fromWay >= 0 && fromWay !== dir) ||
    (world.oneWay[to] >= 0 && world.oneWay[to] !== dir)
  ) {
    s.signal = BUMP_SIGNAL;
    s.events |= EV.bump;
    return world.bumpReward;
  }
  s.pos = to;
  s.signal = world.enterSignal[to];
  const r = world.enterReward[to];
  switch (world.enterEffect[to]) {
    case EFFECT.death:
    case EFFECT.stuck:
      return r + applyTrap(world, s, world.enterEffect[to]);
    case EFFECT.goal:
      s.terminated = true;
      s.events |= EV.goal;
      return r + world.goalReward;
    case EFFECT.teleport:
      s.pos = world.enterTo[to];
      s.events |= EV.teleport;
      return r;
    default:
      return r;
  }
}

function poke(world: World, s: EngineState, dir: number, engine: Rng): number {
  s.events |= EV.poke;
  const target = world.neighbour[s.pos * 4 + dir];
  if (target < 0) {
    s.signal = SOLID_SIGNAL;
    return 0;
  }
  s.signal = world.pokeSignal[target];
  const risk = world.pokeRisk[target];
  if (risk > 0 && engine() < risk) {
    s.events |= EV.pokeHurt;
    return applyTrap(world, s, world.pokeRiskEffect[target]);
  }
  return 0;
}

/**
 * Advances one step and returns the visible reward. The caller must not step a finished episode.
 * A stuck agent's actions do nothing but cost the step reward.
 */
export function stepState(world: World, s: EngineState, action: number, engine: Rng): number {
  s.signal = NO_SIGNAL;
  s.events = 0;
  s.hidden = 0;
  s.steps++;
  let r = world.stepReward;
  if (!s.stuck && action !== WAIT)
    r += action < 4 ? move(world, s, action, engine) : poke(world, s, action - 4, engine);
  if (!s.terminated && s.steps >= world.maxSteps) s.truncated = true;
  return r;
}
