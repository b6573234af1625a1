/** Parsing of option values shared by the subcommands, each failing with a UsageError that names the option. */
import { availableParallelism } from 'node:os';
import { UsageError } from '../core/errors.ts';
import { MAX_SEED } from '../core/rng.ts';

export function parseInteger(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < min || v > max)
    throw new UsageError(
      `${name}: expected an integer ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`}, got "${text}"`,
    );
  return v;
}

export function parseNumber(name: string, text: string, min: number, max: number): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max)
    throw new UsageError(`${name}: expected a number in [${min}, ${max}], got "${text}"`);
  return v;
}

export function parseSeed(text: string | undefined): number {
  return text === undefined ? 0 : parseInteger('--seed', text, 0, MAX_SEED);
}

/** `--episodes K`: episodes per run (default 1). */
export function parseEpisodes(text: string | undefined): number {
  return text === undefined ? 1 : parseInteger('--episodes', text, 1, 1_000_000);
}

/** `--workers W`: worker threads (default: one per core). */
export function parseWorkers(text: string | undefined): number {
  return text === undefined ? availableParallelism() : parseInteger('--workers', text, 1, 1024);
}
