/**
 * The swept parameter of `trapworld sweep`: `--param KEY=FROM..TO:STEPS` gives STEPS values evenly
 * spaced from FROM to TO (both included; an integer parameter's values rounded, repeats dropped); every
 * other `--param` is fixed for the whole sweep.
 */
import { UsageError } from '../core/errors.ts';
import { resolvedParams, type EnvironmentGenerator } from '../core/generator.ts';

export interface SweepAxis {
  key: string;
  values: number[];
  /** The other parameters, as given. */
  fixed: Record<string, string>;
}

const RANGE = /^\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*:\s*(\d+)\s*$/i;

export function parseSweepAxis(params: Record<string, string>, generator: EnvironmentGenerator): SweepAxis {
  const ranged = Object.entries(params).filter(([, v]) => v.includes('..'));
  if (ranged.length !== 1)
    throw new UsageError(
      `--param: give exactly one swept parameter as KEY=FROM..TO:STEPS (got ${ranged.length === 0 ? 'none' : ranged.map(([k]) => k).join(', ')})`,
    );
  const [key, text] = ranged[0];
  const spec = resolvedParams(generator).find((p) => p.name === key);
  if (!spec)
    throw new UsageError(
      `--param ${key}: ${generator.name} has no such parameter (it has ${resolvedParams(generator)
        .map((p) => p.name)
        .join(', ')})`,
    );
  if (spec.type !== 'number' && spec.type !== 'integer')
    throw new UsageError(
      `--param ${key}: only a number or integer parameter can be swept (it is ${spec.type})`,
    );
  const m = RANGE.exec(text);
  if (!m) throw new UsageError(`--param ${key}=${text}: expected FROM..TO:STEPS, e.g. 0..1:6`);
  const [from, to, steps] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (steps < 2 || steps > 1000) throw new UsageError(`--param ${key}=${text}: STEPS must be in [2, 1000]`);
  let values = Array.from({ length: steps }, (_, i) => from + ((to - from) * i) / (steps - 1));
  if (spec.type === 'integer') values = [...new Set(values.map((v) => Math.round(v)))];
  // Rounding noise (0.30000000000000004) would leak into names and tables.
  values = values.map((v) => Number(v.toPrecision(12)));
  const fixed = Object.fromEntries(Object.entries(params).filter(([k]) => k !== key));
  return { key, values, fixed };
}
