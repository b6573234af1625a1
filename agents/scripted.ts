/**
 * scripted: plays a fixed, comma-separated action list (what `trapworld run --actions` uses), for tests,
 * tutorials and bug reports. Every episode replays the list from the start; when the list runs out
 * before the episode ends, the episode stops there and counts as truncated.
 */
import type { AgentDefinition } from '../src/core/agent.ts';
import { UsageError } from '../src/core/errors.ts';
import type { Action } from '../src/core/format.ts';
import type { EnvSpec } from '../src/core/spec.ts';

/** The comma-separated entries of an action list; an empty list is a usage error. */
function actionTokens(text: string): string[] {
  const tokens = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tokens.length === 0)
    throw new UsageError('the action list is empty: give actions such as E,E,poke-S (option actions)');
  return tokens;
}

export function parseActionList(env: EnvSpec, text: string): Action[] {
  return actionTokens(text).map((token, i) => {
    if (!(env.actions as string[]).includes(token))
      throw new UsageError(
        `action ${i + 1} "${token}" is not an action of ${env.name} (allowed: ${env.actions.join(' ')})`,
      );
    return token as Action;
  });
}

export const scriptedAgent: AgentDefinition = {
  name: 'scripted',
  title: 'Scripted action list',
  description:
    'Plays a fixed action list (option actions, e.g. "E,E,S"); stops the episode when the list ends.',
  options: [
    {
      name: 'actions',
      type: 'string',
      default: '',
      description: 'comma-separated actions, e.g. E,E,poke-S,S',
    },
  ],
  checkOptions(options) {
    actionTokens(String(options.actions));
  },
  create(env, options) {
    const actions = parseActionList(env, String(options.actions));
    let next = 0;
    return {
      reset() {
        next = 0;
      },
      act() {
        return next < actions.length ? actions[next++] : null;
      },
      observe() {},
    };
  },
};
