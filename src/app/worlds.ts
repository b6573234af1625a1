/**
 * The worlds the app knows: descriptions the worker made (cached, since every run of a world needs one)
 * and the worlds loaded from files in this visit, offered in the picker. Files are parsed by the engine's
 * loader in the worker; nothing in them is ever run.
 */
import type { WorldInfo, WorldRef, WorldResult } from '../worker/session/world-info.ts';
import type { Simulator } from './client.ts';
import type { WorldChoice } from './state.ts';

export type FileWorld = Extract<WorldChoice, { kind: 'file' }>;

export function worldRef(w: WorldChoice): WorldRef {
  return w.kind === 'builtin' ? { builtin: w.name } : { text: w.text, source: w.source };
}

function fileWorldKey(source: string, text: string): string {
  return `file:${source}:${text.length}:${text}`;
}

export function worldKey(w: WorldChoice): string {
  return w.kind === 'builtin' ? `builtin:${w.name}` : fileWorldKey(w.source, w.text);
}

export class WorldLibrary {
  private readonly cache = new Map<string, WorldInfo>();
  /** Worlds loaded from files in this visit, in the order they were loaded. */
  readonly fileWorlds: FileWorld[] = [];
  /** Why the last world asked for did not load (shown under the picker), or null. */
  loadErrors: { file: string; errors: string[] } | null = null;

  constructor(private readonly simulator: () => Simulator) {}

  /** Asks the worker to describe a world, caching the description under `key`. */
  private async fetch(ref: WorldRef, key: string): Promise<WorldResult> {
    const result = await this.simulator().describeWorld(ref);
    if (result.ok) this.cache.set(key, result.world);
    return result;
  }

  /** A chosen world's description if it was already fetched (no message to the worker), else null. */
  cached(choice: WorldChoice): WorldInfo | null {
    return this.cache.get(worldKey(choice)) ?? null;
  }

  /** A chosen world's description; null (and `loadErrors` set) if it does not load. */
  async describe(choice: WorldChoice): Promise<WorldInfo | null> {
    const key = worldKey(choice);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = await this.fetch(worldRef(choice), key);
    if (!result.ok) {
      this.loadErrors = { file: result.file, errors: result.errors };
      return null;
    }
    return result.world;
  }

  /**
   * Loads a world file's text. On success it joins the file worlds (once) and comes back as the choice
   * to make; on failure `loadErrors` says why and null comes back.
   */
  async loadText(text: string, source: string): Promise<{ choice: FileWorld; world: WorldInfo } | null> {
    const result = await this.fetch({ text, source }, fileWorldKey(source, text));
    if (!result.ok) {
      this.loadErrors = { file: result.file, errors: result.errors };
      return null;
    }
    this.loadErrors = null;
    const known = this.fileWorlds.find((f) => f.source === source && f.text === text);
    if (known) return { choice: known, world: result.world };
    const choice: FileWorld = { kind: 'file', name: result.world.name, source, text };
    this.fileWorlds.push(choice);
    return { choice, world: result.world };
  }

  /** Makes the file world of an imported record known; returns the loader's errors (none if it loads). */
  async addRecordWorld(world: FileWorld): Promise<string[]> {
    const result = await this.fetch(worldRef(world), worldKey(world));
    if (!result.ok) return result.errors;
    if (!this.fileWorlds.some((f) => f.text === world.text)) this.fileWorlds.push(world);
    return [];
  }

  /** Refuses a file without reading it (too large). */
  reject(file: string, why: string): void {
    this.loadErrors = { file, errors: [why] };
  }
}
