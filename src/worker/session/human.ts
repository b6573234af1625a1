/**
 * A person playing a world in the app ("Play yourself"): a session like an agent's, through the same
 * episode loop, whose "agent" acts with the key the player pressed. Each key is one step and comes back
 * as a one-frame batch, so the app shows the person's trajectory exactly as it shows an agent's (same
 * frames, same trajectory hash as `trapworld run --actions` with the same seed and actions).
 */
import type { AgentDefinition } from '../../core/agent.ts';
import { ACTIONS, type Action } from '../../core/format.ts';
import { HUMAN, type FrameBatch } from './protocol.ts';
import { Session } from './runner.ts';

export { HUMAN };

/** An agent that plays the actions put in its queue, one per step. */
export function humanDefinition(queue: Action[]): AgentDefinition {
  return {
    name: HUMAN,
    title: 'You (keyboard or touch)',
    description: 'A person playing with the keyboard or the on-screen pad.',
    options: [],
    create: () => ({
      reset() {},
      act() {
        return queue.shift() ?? null;
      },
      observe() {},
    }),
  };
}

/** A person's session: `act` plays one action and returns the frame it led to. */
export class HumanSession {
  readonly session: Session;
  private readonly queue: Action[] = [];

  constructor(make: (definition: AgentDefinition) => Session) {
    this.session = make(humanDefinition(this.queue));
  }

  /** Plays `action` (one of the world's actions) and returns the new frame; an empty batch once over. */
  act(action: string, now: () => number): FrameBatch {
    const s = this.session;
    if (!(ACTIONS as readonly string[]).includes(action) || !s.env.actions.includes(action as Action))
      throw new Error(`"${action}" is not an action of this world (${s.env.actions.join(', ')})`);
    if (s.done) return s.advance(0, Infinity, now);
    if (s.episodes.length === 0) s.startEpisode();
    this.queue.length = 0;
    this.queue.push(action as Action);
    return s.advance(1, Infinity, now);
  }

  /** The first frame (the start), before any step. */
  start(): FrameBatch {
    return this.session.startEpisode();
  }
}
