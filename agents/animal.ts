/**
 * animal: an agent told only what an animal would be. It sees the map of looks (src/evolve/look-map.ts:
 * `lookMapOf` is the only thing that reads the environment for it), its own position and what it
 * perceives: signals, cues, bumps, changed looks and rewards. It is never told tile kinds, what they
 * do, the unknowns or their priors. Its behaviour is innate, a genome of dispositions per look and per
 * sound (src/evolve/genome.ts), bred by `trapworld evolve`; with the `learning` gene it also learns
 * within a life.
 *
 * How it decides: every allowed action gets a score, and it draws one from a softmax of the scores at
 * the genome's temperature (its own seeded stream):
 * - a move onto cell n of look L: −(aversion[L] + learned[L] + fear[n]) + curiosity[L] if n is unvisited
 *   + goalDrive × progress(n), where progress is +1 for a step along the cheapest path to the nearest
 *   cell that looks like food, −1 for a step away (clamped to [−1, 1]); a path pays e^max(0, avoidance)
 *   per cell entered (avoidance: the aversion, learned and heard fear above) and never crosses a cell
 *   it bumped into;
 * - a poke at a cell of look L that it has not poked in this life: poking[L];
 * - wait: 0. Moves and pokes off the map are not considered (it sees where the world ends).
 */
import FlatQueue from 'flatqueue';
import type { Agent, AgentDefinition, OptionValue, Transition } from '../src/core/agent.ts';
import type { Observation } from '../src/core/episode.ts';
import type { Action } from '../src/core/format.ts';
import type { Rng } from '../src/core/rng.ts';
import { ACTION_CODE, DIR_DX, DIR_DY } from '../src/core/world.ts';
import { NAIVE_GENOME, parseGenome, type Genome } from '../src/evolve/genome.ts';
import { lookMapOf, type LookMap } from '../src/evolve/look-map.ts';

/** Bounds the softmax: temperatures from e^-6 (nearly greedy) to e^6 (nearly uniform). */
const MAX_LOG_TEMPERATURE = 6;
/** Keeps path costs finite: a cell avoided this much costs e^40 steps, never crossed while a way round exists. */
const MAX_PATH_AVOIDANCE = 40;

/** What the animal is handed at the start of a life: its stream and its first observation, nothing more. */
export interface AnimalStart {
  rng: Rng;
  observation: Observation;
}

/** An animal's mind for one life at a time, built from a LookMap and a genome only. */
export class AnimalMind {
  private readonly size: number;
  /** Look names: the map's, then any new look a change shows. */
  private readonly looks: string[];
  private readonly lookIndex = new Map<string, number>();
  private aversion: number[] = [];
  private curiosity: number[] = [];
  private poking: number[] = [];
  private isGoal: boolean[] = [];
  private readonly temperature: number;
  private readonly learningRate: number;
  // Per life.
  private rng: Rng = () => 0;
  private look: Int32Array;
  private learned: number[] = [];
  private readonly fear: Float64Array;
  private readonly heard = new Set<string>();
  private readonly visited: Uint8Array;
  private readonly poked: Uint8Array;
  private readonly blocked: Uint8Array;
  private readonly dist: Float64Array;
  private distDirty = true;
  /** Dijkstra's queue and settled cells, kept between searches. */
  private readonly queue = new FlatQueue<number>();
  private readonly settled: Uint8Array;
  private pos = 0;
  private stuck = false;
  private rewardSum = 0;
  private rewardCount = 0;
  private readonly scores: number[] = [];
  private readonly choices: Action[] = [];

  constructor(
    readonly map: LookMap,
    readonly genome: Genome,
  ) {
    this.size = map.width * map.height;
    this.looks = [...map.looks];
    this.looks.forEach((l, i) => this.lookIndex.set(l, i));
    for (const l of this.looks) this.addLookGenes(l);
    this.temperature = Math.exp(
      Math.max(-MAX_LOG_TEMPERATURE, Math.min(MAX_LOG_TEMPERATURE, genome.logTemperature)),
    );
    this.learningRate = Math.max(0, genome.learning);
    this.look = Int32Array.from(map.cells);
    this.fear = new Float64Array(this.size);
    this.visited = new Uint8Array(this.size);
    this.poked = new Uint8Array(this.size);
    this.blocked = new Uint8Array(this.size);
    this.dist = new Float64Array(this.size);
    this.settled = new Uint8Array(this.size);
  }

  private addLookGenes(look: string): void {
    const g = Object.hasOwn(this.genome.looks, look) ? this.genome.looks[look] : null;
    this.aversion.push(g?.aversion ?? 0);
    this.curiosity.push(g?.curiosity ?? 0);
    this.poking.push(g?.poking ?? 0);
    this.isGoal.push(this.map.goalLooks.includes(look));
    this.learned.push(0);
  }

  private lookId(look: string): number {
    let i = this.lookIndex.get(look);
    if (i === undefined) {
      i = this.looks.length;
      this.looks.push(look);
      this.lookIndex.set(look, i);
      this.addLookGenes(look);
    }
    return i;
  }

  private fearOf(sound: string): number {
    return Object.hasOwn(this.genome.fears, sound) ? this.genome.fears[sound] : 0;
  }

  /** A new life: everything learned in the last one is forgotten (the genome is what carries over). */
  reset(start: AnimalStart): void {
    this.rng = start.rng;
    this.look.set(this.map.cells);
    this.learned.fill(0);
    this.fear.fill(0);
    this.heard.clear();
    this.visited.fill(0);
    this.poked.fill(0);
    this.blocked.fill(0);
    this.rewardSum = 0;
    this.rewardCount = 0;
    this.distDirty = true;
    this.pos = this.cellOf(start.observation);
    this.stuck = start.observation.stuck;
    this.visited[this.pos] = 1;
  }

  private cellOf(o: Observation): number {
    return o.y * this.map.width + o.x;
  }

  private neighbour(cell: number, dir: number): number {
    const x = (cell % this.map.width) + DIR_DX[dir];
    const y = Math.floor(cell / this.map.width) + DIR_DY[dir];
    if (x < 0 || y < 0 || x >= this.map.width || y >= this.map.height) return -1;
    return y * this.map.width + x;
  }

  /** How much the animal shies away from cell c: its look's aversion, what it learned, what it heard there. */
  avoidance(c: number): number {
    const l = this.look[c];
    return this.aversion[l] + this.learned[l] + this.fear[c];
  }

  /**
   * What entering cell c costs a path: e^avoidance, at least 1. Avoidance is a log-odds, so a cell the
   * animal is e^2 ≈ 7 times less likely to step on is worth a detour of about 7 steps.
   */
  private cost(c: number): number {
    return Math.exp(Math.max(0, Math.min(MAX_PATH_AVOIDANCE, this.avoidance(c))));
  }

  /** Cheapest cost from each cell to a cell that looks like food (Dijkstra over the look map). */
  private updateDistances(): void {
    this.distDirty = false;
    const d = this.dist;
    d.fill(Infinity);
    const queue = this.queue;
    queue.clear();
    for (let c = 0; c < this.size; c++)
      if (this.isGoal[this.look[c]] && !this.blocked[c]) {
        d[c] = 0;
        queue.push(c, 0);
      }
    const done = this.settled;
    done.fill(0);
    while (queue.length > 0) {
      const v = queue.pop()!;
      if (done[v]) continue;
      done[v] = 1;
      // Entering v costs cost(v): a neighbour u of v is cost(v) further from food than v.
      const through = d[v] + this.cost(v);
      for (let dir = 0; dir < 4; dir++) {
        const u = this.neighbour(v, dir);
        if (u < 0 || this.blocked[u] || done[u] || through >= d[u]) continue;
        d[u] = through;
        queue.push(u, through);
      }
    }
  }

  /** +1 for a step along the cheapest way to food, −1 for a step away, clamped to [−1, 1]. */
  private progress(from: number, to: number): number {
    const a = this.dist[from];
    const b = this.dist[to];
    if (!Number.isFinite(b)) return Number.isFinite(a) ? -1 : 0;
    if (!Number.isFinite(a)) return 1;
    return Math.max(-1, Math.min(1, 1 + a - this.cost(to) - b));
  }

  /** The scores of the allowed actions (parallel to the returned actions), for act() and for tests. */
  options(): { actions: Action[]; scores: number[] } {
    const drive = this.genome.goalDrive;
    // Without a drive the way to food does not matter: no need to find it.
    if (this.distDirty && drive !== 0) this.updateDistances();
    const actions = this.choices;
    const scores = this.scores;
    actions.length = 0;
    scores.length = 0;
    for (const action of this.map.actions) {
      if (action === 'wait') {
        actions.push(action);
        scores.push(0);
        continue;
      }
      // Codes 0-3 move, 4-7 poke, each N E S W.
      const code = ACTION_CODE[action];
      const poke = code >= 4;
      const n = this.neighbour(this.pos, code & 3);
      if (n < 0) continue;
      const l = this.look[n];
      if (poke) {
        if (this.poked[n]) continue;
        actions.push(action);
        scores.push(this.poking[l]);
      } else {
        let s = -this.avoidance(n);
        if (!this.visited[n]) s += this.curiosity[l];
        if (drive !== 0) s += drive * this.progress(this.pos, n);
        actions.push(action);
        scores.push(s);
      }
    }
    return { actions, scores };
  }

  act(): Action {
    const { actions, scores } = this.options();
    // A world whose only actions lead off the map: take the first, it bumps harmlessly.
    if (actions.length === 0) return this.map.actions[0];
    let max = -Infinity;
    for (const s of scores) max = Math.max(max, s);
    let total = 0;
    for (let i = 0; i < scores.length; i++) {
      scores[i] = Math.exp((scores[i] - max) / this.temperature);
      total += scores[i];
    }
    let u = this.rng() * total;
    for (let i = 0; i < scores.length; i++) {
      u -= scores[i];
      if (u < 0) return actions[i];
    }
    return actions[actions.length - 1];
  }

  private hear(cell: number, sound: string): void {
    if (cell < 0) return;
    const key = `${cell}:${sound}`;
    if (this.heard.has(key)) return;
    this.heard.add(key);
    const f = this.fearOf(sound);
    if (f !== 0) {
      this.fear[cell] += f;
      // Learning generalises from the cell to its look: a crack heard from one patch of ice is a
      // reason to shun every patch that looks the same (the world's regularities, learned in a life).
      if (this.learningRate > 0) this.learned[this.look[cell]] += this.learningRate * f;
      this.distDirty = true;
    }
  }

  observe(t: Transition): void {
    const o = t.observation;
    const from = this.pos;
    for (const ch of o.changes) {
      this.look[ch.y * this.map.width + ch.x] = this.lookId(ch.look);
      this.distDirty = true;
    }
    const code = ACTION_CODE[t.action];
    if (code >= 4 && code < 8) {
      const n = this.neighbour(from, code & 3);
      if (n >= 0) {
        this.poked[n] = 1;
        if (o.signal !== null) this.hear(n, o.signal);
      }
    } else if (code < 4 && !this.stuck) {
      const target = this.neighbour(from, code);
      if (o.signal === 'bump') {
        if (target >= 0) {
          this.blocked[target] = 1;
          this.distDirty = true;
          this.hear(target, 'bump');
        }
      } else {
        const to = this.cellOf(o);
        // The cell entered: the target, or the neighbour a slip took it to. After a teleport (which
        // may land back where it stood) it is still the target that did it.
        let entered = target;
        for (let dir = 0; dir < 4; dir++) if (this.neighbour(from, dir) === to) entered = to;
        if (entered >= 0 && o.signal !== null) this.hear(entered, o.signal);
        if (entered >= 0 && this.learningRate > 0 && this.rewardCount > 0 && o.alive) {
          const surprise = this.rewardSum / this.rewardCount - t.reward;
          if (surprise !== 0) {
            this.learned[this.look[entered]] += this.learningRate * surprise;
            this.distDirty = true;
          }
        }
      }
    }
    this.rewardSum += t.reward;
    this.rewardCount++;
    this.pos = this.cellOf(o);
    this.stuck = o.stuck;
    this.visited[this.pos] = 1;
    for (const cue of o.cues) this.hear(this.neighbour(this.pos, ACTION_CODE[cue.dir]), cue.signal);
  }
}

/** The animal as an agent. Its reset takes the stream and the first observation from the context, nothing else. */
export function createAnimal(map: LookMap, genome: Genome): Agent & { mind: AnimalMind } {
  const mind = new AnimalMind(map, genome);
  return {
    mind,
    reset(context) {
      mind.reset({ rng: context.rng, observation: context.observation });
    },
    act() {
      return mind.act();
    },
    observe(t) {
      mind.observe(t);
    },
  };
}

function genomeOption(options: Record<string, OptionValue>): Genome {
  const text = options.genome;
  return typeof text === 'string' ? parseGenome(text) : NAIVE_GENOME;
}

export const animalAgent: AgentDefinition = {
  name: 'animal',
  title: 'Animal (innate dispositions)',
  description:
    'Told only the map of looks, what food looks like, its position and what it perceives; never tile kinds, unknowns or priors. ' +
    'Draws each action from a softmax of innate scores: aversion and curiosity per look, poking per look, fear per sound heard from a cell, ' +
    'and a drive toward the nearest cell that looks like food. Its genome is bred by `trapworld evolve`; the default is the naive animal (every gene 0: a random walk).',
  options: [
    {
      name: 'genome',
      type: 'string',
      default: '',
      description:
        'its genes as JSON, {"looks":{"LOOK":[aversion,curiosity,poking]},"fears":{"SOUND":fear},"goalDrive":d,"logTemperature":t,"learning":l} (any key may be left out; empty: the naive animal); evolve.json holds evolved ones',
    },
  ],
  checkOptions(options) {
    genomeOption(options);
  },
  create(env, options) {
    // The environment is read here once, through lookMapOf; the animal gets only its result.
    return createAnimal(lookMapOf(env), genomeOption(options));
  },
};
