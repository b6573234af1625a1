/**
 * The common machinery of the tabular temporal-difference agents (q-learning, sarsa): a table of action
 * values kept for the whole run, ε-greedy choice with ties broken uniformly at random, and the one-step
 * update Q(s,a) += α (target − Q(s,a)). The agents differ only in how the next state enters the target
 * (`Bootstrap`): Q-learning takes the best value there, SARSA the value of the action it will actually take.
 *
 * State: the agent's cell, plus one extra absorbing row shared by every cell where the agent is stuck
 * (a stuck agent's actions all do the same nothing, whatever cell it is stuck in; giving it its own row
 * keeps those steps from dragging down the values of an ordinary cell where a poke left it stuck).
 * All randomness comes from the agent's seeded stream, handed over in `reset`.
 */
import type { AgentDefinition, OptionSpec, OptionValue } from '../src/core/agent.ts';
import type { Observation } from '../src/core/episode.ts';
import { UsageError } from '../src/core/errors.ts';
import { randomInt, type Rng } from '../src/core/rng.ts';
import type { EnvSpec } from '../src/core/spec.ts';

/** Action values, row-major: `q[state * actions + action]`. */
export class QTable {
  readonly q: Float64Array;
  readonly actions: number;
  readonly states: number;
  /** Scratch for the indices of tied best actions (no allocation per step). */
  private readonly ties: Int32Array;

  constructor(states: number, actions: number, initial: number) {
    this.states = states;
    this.actions = actions;
    this.q = new Float64Array(states * actions).fill(initial);
    this.ties = new Int32Array(actions);
  }

  get(state: number, action: number): number {
    return this.q[state * this.actions + action];
  }

  max(state: number): number {
    const base = state * this.actions;
    let best = this.q[base];
    for (let a = 1; a < this.actions; a++) if (this.q[base + a] > best) best = this.q[base + a];
    return best;
  }

  /** A best action; among equal values, one drawn uniformly (a draw is made only when there is a tie). */
  greedy(state: number, rng: Rng): number {
    const base = state * this.actions;
    let best = -Infinity;
    let n = 0;
    for (let a = 0; a < this.actions; a++) {
      const v = this.q[base + a];
      if (v > best) {
        best = v;
        this.ties[0] = a;
        n = 1;
      } else if (v === best) {
        this.ties[n++] = a;
      }
    }
    return n === 1 ? this.ties[0] : this.ties[randomInt(rng, n)];
  }

  /** With probability ε a uniformly random action, otherwise a greedy one. */
  epsilonGreedy(state: number, epsilon: number, rng: Rng): number {
    return rng() < epsilon ? randomInt(rng, this.actions) : this.greedy(state, rng);
  }
}

/**
 * How the next state s′ enters the target r + γ·value. `choose(s′)` draws the behaviour policy's action
 * there; a rule that uses it returns that action as `next`, and the agent then plays it (on-policy).
 * `next` is -1 when the rule chose nothing, and the agent chooses afresh at its next `act`.
 */
export type Bootstrap = (
  table: QTable,
  nextState: number,
  choose: (state: number) => number,
) => { value: number; next: number };

export const TD_OPTIONS: OptionSpec[] = [
  {
    name: 'epsilon',
    type: 'number',
    default: 0.1,
    min: 0,
    max: 1,
    description: 'probability of a uniformly random action instead of a greedy one (exploration)',
  },
  {
    name: 'alpha',
    type: 'number',
    default: 0.5,
    min: 0,
    max: 1,
    description: 'step size of each update, in (0, 1]',
  },
  {
    name: 'initial',
    type: 'number',
    default: 0,
    description: 'initial value of every Q(s, a); 0 is optimistic in worlds where every reward is negative',
  },
];

/** Options may come from code as well as from the parser, so create() checks them again. */
function numberOption(
  agent: string,
  options: Record<string, OptionValue>,
  name: string,
  check: (v: number) => boolean,
  expected: string,
): number {
  const spec = TD_OPTIONS.find((o) => o.name === name)!;
  const v = options[name] ?? spec.default;
  if (typeof v !== 'number' || !Number.isFinite(v) || !check(v))
    throw new UsageError(
      `agent "${agent}" option "${name}": expected a number in ${expected}, got ${String(v)}`,
    );
  return v;
}

export function defineTdAgent(meta: {
  name: string;
  title: string;
  description: string;
  bootstrap: Bootstrap;
}): AgentDefinition {
  return {
    name: meta.name,
    title: meta.title,
    description: meta.description,
    options: TD_OPTIONS,
    create(env: EnvSpec, options) {
      const epsilon = numberOption(meta.name, options, 'epsilon', (v) => v >= 0 && v <= 1, '[0, 1]');
      const alpha = numberOption(meta.name, options, 'alpha', (v) => v > 0 && v <= 1, '(0, 1]');
      const initial = numberOption(meta.name, options, 'initial', () => true, '(-∞, ∞)');
      const gamma = env.gamma;
      const cells = env.width * env.height;
      const stuckState = cells;
      // Created once per run and kept across episodes: this is what the agent learns.
      const table = new QTable(cells + 1, env.actions.length, initial);
      let rng: Rng = () => 0;
      const choose = (s: number): number => table.epsilonGreedy(s, epsilon, rng);
      const stateOf = (o: Observation): number => (o.stuck ? stuckState : o.y * env.width + o.x);
      let state = 0;
      let action = 0;
      let pending = -1;
      return {
        reset(context) {
          rng = context.rng;
          state = stateOf(context.observation);
          pending = -1;
        },
        act(observation) {
          state = stateOf(observation);
          action = pending >= 0 ? pending : choose(state);
          pending = -1;
          return env.actions[action];
        },
        observe(t) {
          const i = state * table.actions + action;
          let target = t.reward;
          // A terminal transition (goal, death) has no future. A truncated one does: only the clock ran out.
          if (!t.terminated) {
            const b = meta.bootstrap(table, stateOf(t.observation), choose);
            target += gamma * b.value;
            pending = t.truncated ? -1 : b.next;
          }
          table.q[i] += alpha * (target - table.q[i]);
        },
      };
    },
  };
}
