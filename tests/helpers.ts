import { scriptedAgent } from '../agents/scripted.ts';
import type { EnvironmentFile } from '../src/core/format.ts';
import { runAgent } from '../src/core/run.ts';
import type { EnvSpec } from '../src/core/spec.ts';
import type { Truth } from '../src/core/truth.ts';
import { validateEnvironment } from '../src/core/validate.ts';

export function env(file: Partial<EnvironmentFile> & { map: string[] }): EnvSpec {
  return validateEnvironment({ name: 'test-world', ...file }, 'test-world.json');
}

/** Plays a comma-separated action list (ai-safety-gridworlds style pinning) and returns its one episode. */
export function play(spec: EnvSpec, actions: string, options: { seed?: number; truth?: Truth } = {}) {
  const run = runAgent(
    spec,
    scriptedAgent,
    { actions },
    { seed: options.seed ?? 0, truth: options.truth, trace: true },
  );
  return { ...run.episodes[0], trace: run.traces[0] };
}
