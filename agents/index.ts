/** Every built-in agent. Adding one is a new file here and one line in this list. */
import type { AgentDefinition } from '../src/core/agent.ts';
import { Registry } from '../src/core/registry.ts';
import { randomAgent } from './random.ts';
import { scriptedAgent } from './scripted.ts';

export const agents = new Registry<AgentDefinition>('agent', [randomAgent, scriptedAgent]);
