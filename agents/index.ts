/** Every built-in agent. Adding one is a new file here and one line in this list. */
import type { AgentDefinition } from '../src/core/agent.ts';
import { Registry } from '../src/core/registry.ts';
import { animalAgent } from './animal.ts';
import { bayesOptimalAgent } from './bayes-optimal.ts';
import { greedyMeanAgent } from './greedy-mean.ts';
import { hierarchicalAgent } from './hierarchical.ts';
import { mentoredAgent } from './mentored.ts';
import { optimistAgent } from './optimist.ts';
import { oracleAgent } from './oracle.ts';
import { pessimistAgent } from './pessimist.ts';
import { proberAgent } from './prober.ts';
import { qLearningAgent } from './q-learning.ts';
import { randomAgent } from './random.ts';
import { sarsaAgent } from './sarsa.ts';
import { scriptedAgent } from './scripted.ts';
import { thompsonAgent } from './thompson.ts';

export const agents = new Registry<AgentDefinition>('agent', [
  randomAgent,
  scriptedAgent,
  oracleAgent,
  thompsonAgent,
  optimistAgent,
  greedyMeanAgent,
  pessimistAgent,
  proberAgent,
  qLearningAgent,
  sarsaAgent,
  bayesOptimalAgent,
  mentoredAgent,
  hierarchicalAgent,
  animalAgent,
]);
