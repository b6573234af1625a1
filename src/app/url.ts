/**
 * The run in the address bar, so that a link reproduces it:
 *
 *   ?world=rotten-plank&agent=thompson&agent=prober:budget=0.01&seed=1&truth=plank@6,8=rotten-plank
 *
 * `agent` repeats (one per pane) with the options that differ from the defaults as `:key=value;…`;
 * `truth` repeats in the `--truth` syntax of `trapworld run` (`id=tile` fixes every cell of the unknown);
 * `episodes`, `overlays`, `speed` and `play=1` are optional. A world loaded from a file travels as
 * `file=NAME&data=…` (its text deflated, see url-world.ts) when that fits a link, else in an exported
 * record. Decoding never throws: what cannot be used is reported as a warning and left at its default.
 */
import type { OptionSpec, OptionValue } from '../core/agent.ts';
import type { Catalog } from '../worker/session/catalog.ts';
import { HUMAN } from '../worker/session/protocol.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import { decodeWorldText, encodeWorldText } from './url-world.ts';
import {
  DEFAULT_CONFIG,
  DEFAULT_OVERLAYS,
  DEFAULT_SPEED,
  isSeed,
  MAX_EPISODES,
  MAX_SEED,
  MAX_PANES,
  OVERLAYS,
  SPEEDS,
  type Overlay,
  type Overlays,
  type PaneConfig,
  type RunConfig,
} from './state.ts';

type AgentMeta = Catalog['agents'][number];

export function defaultOptionsOf(agent: AgentMeta): Record<string, OptionValue> {
  return Object.fromEntries(agent.options.map((o) => [o.name, o.default]));
}

/** Parses an option's text the way the CLI's `--opt` does; returns an error message instead of throwing. */
export function parseOption(spec: OptionSpec, text: string): { value: OptionValue } | { error: string } {
  switch (spec.type) {
    case 'boolean':
      if (text === 'true') return { value: true };
      if (text === 'false') return { value: false };
      return { error: `${spec.name}: expected true or false, got "${text}"` };
    case 'string':
      return { value: text };
    case 'number':
    case 'integer': {
      const v = Number(text);
      if (text.trim() === '' || !Number.isFinite(v))
        return {
          error: `${spec.name}: expected ${spec.type === 'integer' ? 'an integer' : 'a number'}, got "${text}"`,
        };
      if (spec.type === 'integer' && !Number.isInteger(v))
        return { error: `${spec.name}: expected an integer, got "${text}"` };
      if (spec.min !== undefined && v < spec.min) return { error: `${spec.name}: at least ${spec.min}` };
      if (spec.max !== undefined && v > spec.max) return { error: `${spec.name}: at most ${spec.max}` };
      return { value: v };
    }
  }
}

/** Escapes the characters that separate options inside an `agent` value. */
function escapePart(s: string): string {
  return s.replace(/[%:;=&#+]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function unescapePart(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function encodeAgent(pane: PaneConfig, agent: AgentMeta | undefined): string {
  const defaults = agent ? defaultOptionsOf(agent) : {};
  const changed = Object.entries(pane.options).filter(([k, v]) => defaults[k] !== v);
  if (changed.length === 0) return pane.agent;
  return `${pane.agent}:${changed.map(([k, v]) => `${escapePart(k)}=${escapePart(String(v))}`).join(';')}`;
}

export function decodeAgent(text: string, catalog: Catalog, warnings: string[]): PaneConfig | null {
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  // "you": a person playing (Play yourself), not an agent of the registry.
  if (name === HUMAN) return { agent: HUMAN, options: {} };
  const agent = catalog.agents.find((a) => a.name === name);
  if (!agent) {
    warnings.push(`unknown agent "${name}"`);
    return null;
  }
  const options = defaultOptionsOf(agent);
  if (colon >= 0) {
    for (const pair of text.slice(colon + 1).split(';')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = unescapePart(eq < 0 ? pair : pair.slice(0, eq));
      const spec = agent.options.find((o) => o.name === key);
      if (!spec || eq < 0) {
        warnings.push(`agent "${name}" has no option "${key}"`);
        continue;
      }
      const parsed = parseOption(spec, unescapePart(pair.slice(eq + 1)));
      if ('error' in parsed) warnings.push(`agent "${name}" option ${parsed.error}`);
      else options[key] = parsed.value;
    }
  }
  return { agent: name, options };
}

/** Truth entries as the CLI writes them, shortest form first: `id=tile` when every cell agrees. */
export function compressTruth(world: WorldInfo, truth: Record<string, string>): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  world.unknowns.forEach((u, ui) => {
    if (u.scope === 'all') {
      if (truth[u.id] !== undefined) {
        out.push(`${u.id}=${truth[u.id]}`);
        used.add(u.id);
      }
      return;
    }
    const keys = world.keys.filter((k) => k.unknown === ui).map((k) => k.key);
    const tiles = keys.map((k) => truth[k]);
    if (keys.length > 0 && tiles.every((t) => t !== undefined && t === tiles[0])) {
      out.push(`${u.id}=${tiles[0]}`);
      keys.forEach((k) => used.add(k));
      return;
    }
    keys.forEach((k, i) => {
      if (tiles[i] !== undefined) {
        out.push(`${k}=${tiles[i]}`);
        used.add(k);
      }
    });
  });
  return out;
}

/** Expands `id=tile` / `id@x,y=tile` entries into canonical keys, like `parseTruthAssignments`. */
export function expandTruth(
  world: WorldInfo,
  entries: readonly string[],
  warnings: string[],
): Record<string, string> {
  const truth: Record<string, string> = {};
  for (const text of entries) {
    const eq = text.lastIndexOf('=');
    if (eq <= 0 || eq === text.length - 1) {
      warnings.push(`bad truth "${text}": expected UNKNOWN=TILE or UNKNOWN@X,Y=TILE`);
      continue;
    }
    const key = text.slice(0, eq);
    const tile = text.slice(eq + 1);
    const at = key.indexOf('@');
    const id = at < 0 ? key : key.slice(0, at);
    const ui = world.unknowns.findIndex((u) => u.id === id);
    const u = world.unknowns[ui];
    if (!u) {
      warnings.push(`bad truth "${text}": no unknown "${id}"`);
      continue;
    }
    if (!u.prior.some((v) => v.tile === tile)) {
      warnings.push(`bad truth "${text}": "${tile}" is not a variant of "${id}"`);
      continue;
    }
    const keys = world.keys.filter((k) => k.unknown === ui);
    if (at < 0) {
      for (const k of keys) truth[k.key] = tile;
      continue;
    }
    const found = keys.find((k) => k.key === key);
    if (!found || u.scope === 'all') {
      warnings.push(`bad truth "${text}": no such cell of "${id}"`);
      continue;
    }
    truth[found.key] = tile;
  }
  return truth;
}

/** The app's pages besides watching agents (watching is the default, with no `view`). */
export const VIEWS = ['watch', 'edit', 'gallery', 'bench'] as const;
export type View = (typeof VIEWS)[number];

export interface UrlState {
  view: View;
  /** The world being edited (`view=edit&draft=…&draftname=…`), or why it could not be read. */
  draft: { text: string; source: string } | null;
  config: RunConfig;
  /** Truth entries as written; they can only be checked once the world is known. */
  truthEntries: string[];
  overlays: Overlays;
  speed: number;
  play: boolean;
  warnings: string[];
}

/** Reads the query string. The world's truth entries are returned raw (see `expandTruth`). */
export function decodeUrl(search: string, catalog: Catalog): UrlState {
  const q = new URLSearchParams(search);
  const warnings: string[] = [];
  const hasRun = q.has('world') || q.has('agent') || q.has('data');
  const config: RunConfig = structuredClone(DEFAULT_CONFIG);
  let truthEntries = hasRun ? [] : compressDefaults(config.truth);
  config.truth = {};
  const world = q.get('world');
  const data = q.get('data');
  const decoded = data === null ? null : decodeWorldText(data);
  if (decoded && 'text' in decoded) {
    // The name is the file's until the loader has read the world's own.
    const source = q.get('file') || 'world.json';
    config.world = { kind: 'file', name: source, source, text: decoded.text };
    if (world !== null) warnings.push(`the link has both "world" and "data"; using the world in "data"`);
  } else if (world !== null) {
    if (catalog.environments.some((e) => e.name === world)) config.world = { kind: 'builtin', name: world };
    else warnings.push(`unknown world "${world}"`);
  }
  if (decoded && 'error' in decoded) warnings.push(decoded.error);
  if (q.has('agent')) {
    const panes = q
      .getAll('agent')
      .slice(0, MAX_PANES)
      .map((a) => decodeAgent(a, catalog, warnings))
      .filter((p): p is PaneConfig => p !== null);
    if (panes.length > 0) config.panes = panes;
  }
  config.panes = config.panes.map((p) => {
    const meta = catalog.agents.find((a) => a.name === p.agent);
    return meta ? { agent: p.agent, options: { ...defaultOptionsOf(meta), ...p.options } } : p;
  });
  const seed = q.get('seed');
  if (seed !== null) {
    const n = Number(seed);
    if (seed.trim() !== '' && isSeed(n)) config.seed = n;
    else warnings.push(`bad seed "${seed}": expected an integer from 0 to ${MAX_SEED}`);
  }
  const episodes = q.get('episodes');
  if (episodes !== null) {
    const n = Number(episodes);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_EPISODES) config.episodes = n;
    else warnings.push(`bad episodes "${episodes}": expected an integer from 1 to ${MAX_EPISODES}`);
  }
  if (q.has('truth')) truthEntries = q.getAll('truth').flatMap((t) => (t === '' ? [] : [t]));
  let overlays = { ...DEFAULT_OVERLAYS };
  const ov = q.get('overlays');
  if (ov !== null) {
    overlays = Object.fromEntries(OVERLAYS.map((o) => [o, false])) as Overlays;
    for (const name of ov.split(',')) {
      if (name === '') continue;
      if ((OVERLAYS as readonly string[]).includes(name)) overlays[name as Overlay] = true;
      else warnings.push(`unknown overlay "${name}"`);
    }
  }
  let speed = DEFAULT_SPEED;
  const sp = q.get('speed');
  if (sp !== null) {
    const v = sp === 'max' ? Infinity : Number(sp);
    if (v === Infinity || (Number.isFinite(v) && v > 0)) speed = v;
    else warnings.push(`bad speed "${sp}"`);
  }
  const viewText = q.get('view');
  let view: View = 'watch';
  if (viewText !== null) {
    if ((VIEWS as readonly string[]).includes(viewText)) view = viewText as View;
    else warnings.push(`unknown view "${viewText}"`);
  }
  let draft: UrlState['draft'] = null;
  const draftData = q.get('draft');
  if (draftData !== null) {
    const d = decodeWorldText(draftData);
    if ('text' in d) draft = { text: d.text, source: q.get('draftname') || 'world.json' };
    else
      warnings.push(`the world being edited in the link: ${d.error.replace(/^the world in the link /, '')}`);
  }
  return { view, draft, config, truthEntries, overlays, speed, play: q.get('play') === '1', warnings };
}

/** The editor's part of a link: its world, when it fits (null when it does not). */
export function encodeDraft(text: string, source: string): string | null {
  const data = encodeWorldText(text);
  return data === null ? null : `view=edit&draftname=${encodeValue(source)}&draft=${data}`;
}

function compressDefaults(truth: Record<string, string>): string[] {
  return Object.entries(truth).map(([k, v]) => `${k}=${v}`);
}

/** Characters left readable in query values (URLSearchParams decodes them either way). */
function encodeValue(s: string): string {
  return encodeURIComponent(s).replace(/%(3A|2C|40|3D|3B)/gi, (m) => decodeURIComponent(m));
}

export function encodeUrl(
  config: RunConfig,
  catalog: Catalog,
  world: WorldInfo | null,
  extras: { overlays?: Overlays; speed?: number; play?: boolean } = {},
): string {
  const parts: [string, string][] = [];
  if (config.world.kind === 'builtin') parts.push(['world', config.world.name]);
  const data = config.world.kind === 'file' ? encodeWorldText(config.world.text) : null;
  if (config.world.kind === 'file' && data !== null) parts.push(['file', config.world.source]);
  for (const p of config.panes)
    parts.push([
      'agent',
      encodeAgent(
        p,
        catalog.agents.find((a) => a.name === p.agent),
      ),
    ]);
  parts.push(['seed', String(config.seed)]);
  if (config.episodes !== 1) parts.push(['episodes', String(config.episodes)]);
  // A world from a file too large for the link is not in it, so neither is its truth.
  if (config.world.kind === 'builtin' || data !== null) {
    const truth = world
      ? compressTruth(world, config.truth)
      : Object.entries(config.truth).map(([k, v]) => `${k}=${v}`);
    for (const t of truth) parts.push(['truth', t]);
  }
  if (extras.overlays && OVERLAYS.some((o) => extras.overlays![o] !== DEFAULT_OVERLAYS[o]))
    parts.push(['overlays', OVERLAYS.filter((o) => extras.overlays![o]).join(',')]);
  if (extras.speed !== undefined && extras.speed !== DEFAULT_SPEED)
    parts.push(['speed', extras.speed === Infinity ? 'max' : String(extras.speed)]);
  if (extras.play) parts.push(['play', '1']);
  if (data !== null) parts.push(['data', data]);
  return `?${parts.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&')}`;
}

/** The speed in `SPEEDS` closest to `v` (for the speed control). */
export function speedIndex(v: number): number {
  if (v === Infinity) return SPEEDS.length - 1;
  let best = 0;
  for (let i = 1; i < SPEEDS.length - 1; i++)
    if (Math.abs(Math.log(SPEEDS[i] / v)) < Math.abs(Math.log(SPEEDS[best] / v))) best = i;
  return best;
}
