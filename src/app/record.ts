/**
 * Episode records: a run exported as JSON (world, agents and options, seed, truth, and every finished
 * episode's trajectory with its hash) and read back. Importing parses with JSON.parse and validates the
 * shape strictly (zod); nothing in a record is ever executed, and a world from a file travels as its JSON
 * text, which goes through the same loader as a dropped file. Each trajectory's hash is checked against
 * its actions, positions and rewards, and the app then re-runs the record to show it reproduces.
 */
import { z } from 'zod';
import { ACTIONS } from '../core/format.ts';
import { hashTrajectory } from '../core/hash.ts';
import type { RunStore } from './run-store.ts';
import { HUMAN } from '../worker/session/protocol.ts';
import { MAX_EPISODES, MAX_PANES, MAX_SEED, type RunConfig } from './state.ts';

export const RECORD_FORMAT = 'trapworld-record';

const optionValue = z.union([z.number(), z.string().max(10_000), z.boolean()]);
const truth = z.record(z.string().max(200), z.string().max(200));
const count = z.number().int().min(0);

const episodeSchema = z.strictObject({
  episode: count,
  truth,
  outcome: z.enum(['goal', 'death', 'stuck', 'truncated']),
  return: z.number(),
  discountedReturn: z.number(),
  performance: z.number(),
  steps: count,
  pokes: count,
  deaths: count,
  hash: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hexadecimal digits'),
  actions: z.array(z.enum(ACTIONS)),
  positions: z.array(count),
  rewards: z.array(z.number()),
});

export const recordSchema = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  version: z.literal(1),
  world: z.union([
    z.strictObject({ builtin: z.string().min(1).max(200) }),
    z.strictObject({
      name: z.string().max(200),
      source: z.string().max(1000),
      text: z.string().max(5_000_000),
    }),
  ]),
  seed: z.number().int().min(0).max(MAX_SEED, 'expected an integer in [0, 2^32)'),
  episodes: z.number().int().min(1).max(MAX_EPISODES),
  truth,
  runs: z
    .array(
      z.strictObject({
        agent: z.string().min(1).max(200),
        options: z.record(z.string().max(200), optionValue),
        episodes: z.array(episodeSchema),
      }),
    )
    .min(1)
    .max(MAX_PANES),
});

export type EpisodeRecord = z.infer<typeof recordSchema>;
export type RecordedEpisode = z.infer<typeof episodeSchema>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Rejects keys that could reach an object's prototype when copied, and absurd nesting. */
function checkKeys(value: unknown, path: string, depth: number, problems: string[]): void {
  if (problems.length > 20) return;
  if (depth > 32) {
    problems.push(`${path || '(top level)'}: nested too deeply`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (v !== null && typeof v === 'object') checkKeys(v, `${path}[${i}]`, depth + 1, problems);
    });
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) problems.push(`${path ? `${path}.` : ''}${key}: this key is not allowed`);
      checkKeys((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1, problems);
    }
  }
}

export type ParsedRecord = { ok: true; record: EpisodeRecord } | { ok: false; errors: string[] };

/** Parses and validates a record's text. Never throws; never runs anything the text contains. */
export function parseRecord(text: string): ParsedRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const problems: string[] = [];
  checkKeys(raw, '', 0, problems);
  if (problems.length > 0) return { ok: false, errors: problems };
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues
        .slice(0, 20)
        .map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`),
    };
  const record = parsed.data;
  const errors: string[] = [];
  record.runs.forEach((run, r) => {
    if (run.episodes.length > record.episodes)
      errors.push(
        `runs.${r}.episodes: ${run.episodes.length} episodes, but the record says ${record.episodes}`,
      );
    run.episodes.forEach((e, i) => {
      const at = `runs.${r}.episodes.${i}`;
      if (e.episode !== i) errors.push(`${at}.episode: expected ${i}, got ${e.episode}`);
      if (e.positions.length !== e.actions.length + 1)
        errors.push(`${at}: ${e.actions.length} actions need ${e.actions.length + 1} positions`);
      if (e.rewards.length !== e.actions.length) errors.push(`${at}: one reward per action expected`);
      if (e.steps !== e.actions.length) errors.push(`${at}.steps: expected ${e.actions.length}`);
      if (errors.length === 0 && hashTrajectory(e) !== e.hash)
        errors.push(`${at}.hash: does not match the trajectory (the record was changed)`);
    });
  });
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, 20) } : { ok: true, record };
}

/** The run configuration a record describes. */
export function recordConfig(record: EpisodeRecord): RunConfig {
  return {
    world:
      'builtin' in record.world
        ? { kind: 'builtin', name: record.world.builtin }
        : { kind: 'file', name: record.world.name, source: record.world.source, text: record.world.text },
    panes: record.runs.map((r) => ({ agent: r.agent, options: { ...r.options } })),
    seed: record.seed,
    episodes: record.episodes,
    truth: { ...record.truth },
  };
}

/** Builds a record from the app's stores (finished episodes only). */
export function buildRecord(config: RunConfig, stores: readonly (RunStore | null)[]): EpisodeRecord {
  return {
    format: RECORD_FORMAT,
    version: 1,
    world:
      config.world.kind === 'builtin'
        ? { builtin: config.world.name }
        : { name: config.world.name, source: config.world.source, text: config.world.text },
    seed: config.seed,
    episodes: config.episodes,
    truth: { ...config.truth },
    runs: config.panes.map((p, i) => {
      const store = stores[i];
      const episodes: RecordedEpisode[] = [];
      if (store)
        for (const m of store.episodes) {
          if (!m?.end) break;
          const t = store.trajectory(m.episode);
          episodes.push({
            episode: m.episode,
            truth: { ...m.truth },
            outcome: m.end.outcome,
            return: m.end.return,
            discountedReturn: m.end.discountedReturn,
            performance: m.end.performance,
            steps: m.end.steps,
            pokes: m.end.pokes,
            deaths: m.end.deaths,
            hash: m.end.hash,
            actions: t.actions.map((a) => ACTIONS[a]),
            positions: t.positions,
            rewards: t.rewards,
          });
        }
      // A person's play travels as the scripted agent with the same actions: the same trajectory.
      if (p.agent === HUMAN)
        return {
          agent: 'scripted',
          options: { actions: episodes[0]?.actions.join(',') ?? '' },
          episodes: episodes.slice(0, 1),
        };
      return { agent: p.agent, options: { ...p.options }, episodes };
    }),
  };
}

/** Compares a re-run with the record it came from: null when every recorded episode reproduced. */
export function compareWithRecord(
  record: EpisodeRecord,
  stores: readonly (RunStore | null)[],
): string | null {
  for (let r = 0; r < record.runs.length; r++) {
    const store = stores[r];
    for (const e of record.runs[r].episodes) {
      const got = store?.episodes[e.episode]?.end;
      if (!got) return `run ${r + 1} (${record.runs[r].agent}) has not reached episode ${e.episode} yet`;
      if (got.hash !== e.hash)
        return `run ${r + 1} (${record.runs[r].agent}), episode ${e.episode}: hash ${got.hash}, the record says ${e.hash}`;
    }
  }
  return null;
}
