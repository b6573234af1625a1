/** The catalog: the built-in worlds and the agents with their option specs, for the app's controls. */
import { agents } from '../../../agents/index.ts';
import { environments } from '../../../environments/index.ts';
import type { OptionSpec } from '../../core/agent.ts';

export interface Catalog {
  environments: { name: string; title: string; description: string; width: number; height: number }[];
  agents: {
    name: string;
    title: string;
    description: string;
    options: OptionSpec[];
    needsTruth: boolean;
  }[];
}

export function buildCatalog(): Catalog {
  return {
    environments: environments.all().map((e) => ({
      name: e.name,
      title: e.title,
      description: e.description,
      width: e.width,
      height: e.height,
    })),
    agents: agents.all().map((a) => ({
      name: a.name,
      title: a.title,
      description: a.description,
      options: a.options.map((o) => ({ ...o })),
      needsTruth: a.needsTruth === true,
    })),
  };
}
