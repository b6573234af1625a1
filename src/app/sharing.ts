/**
 * Sharing a run: its link (which carries everything but a world from a file too large for it), and records exported and
 * imported. An imported record is run again, and once every run is done the app checks that each
 * episode's trajectory hash matches the record's.
 */
import type { Catalog } from '../worker/session/catalog.ts';
import { downloadText } from './dom.ts';
import { notice, showErrors } from './messages.ts';
import {
  buildRecord,
  compareWithRecord,
  parseRecord,
  RECORD_FORMAT,
  recordConfig,
  type EpisodeRecord,
} from './record.ts';
import type { RunStore } from './run-store.ts';
import type { Action, RunConfig } from './state.ts';
import type { WorldLibrary } from './worlds.ts';

/** Copies the address (the run); `worldLeftOut` when the world is a file too large to ride in it. */
export async function copyLink(worldLeftOut: boolean): Promise<void> {
  const link = location.href;
  try {
    await navigator.clipboard.writeText(link);
    notice(`Link copied: ${link}`);
  } catch {
    notice(`Link: ${link}`);
  }
  if (worldLeftOut)
    notice('This world was loaded from a file too large to travel in a link: export a record instead.');
}

/** Builds the record of the runs and offers it as a download. */
export function exportRecord(
  config: RunConfig,
  stores: readonly (RunStore | null)[],
  worldName: string,
): EpisodeRecord {
  const record = buildRecord(config, stores);
  downloadText(`${JSON.stringify(record)}\n`, `trapworld-${worldName}-seed${config.seed}.json`);
  return record;
}

/** One sentence saying why a file is not a record a person can use, and what it seems to be instead. */
export function plainRecordError(name: string, text: string): string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const firstLine = text.split('\n', 1)[0] ?? '';
    if (/^\s*\{.*"environment".*"agent"/.test(firstLine))
      return `${name} looks like a bench's results.jsonl, not a record: open it under “Bench results”.`;
    return `${name} cannot be imported: it is not a JSON file, and a record is the JSON file that “Export record” saves.`;
  }
  const o =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (o && 'map' in o)
    return `${name} is a world, not a record: load it with “Load a world” in the sidebar, or drop it on the page.`;
  if (!o || o.format !== RECORD_FORMAT)
    return `${name} is not a trapworld record: a record is the JSON file that “Export record” saves (it says "format": "${RECORD_FORMAT}").`;
  return `${name} is a trapworld record, but it is damaged or was edited, so it cannot be replayed.`;
}

export interface ImportHost {
  readonly catalog: Catalog;
  readonly worlds: WorldLibrary;
  dispatch(a: Action): void;
}

export class RecordImport {
  /** A record being run again, to be compared with the runs once they are done. */
  private pending: EpisodeRecord | null = null;

  constructor(private readonly host: ImportHost) {}

  async importFile(file: File): Promise<void> {
    if (file.size > 50_000_000) {
      showErrors(`${file.name} could not be imported: it is larger than 50 MB.`, []);
      return;
    }
    await this.importText(await file.text(), file.name);
  }

  /** Checks a record can be replayed here (agents, world) and, if so, runs its configuration. */
  async importText(text: string, name: string): Promise<boolean> {
    const parsed = parseRecord(text);
    if (!parsed.ok) {
      showErrors(plainRecordError(name, text), parsed.errors, true);
      return false;
    }
    const { catalog, worlds } = this.host;
    const config = recordConfig(parsed.record);
    const world = config.world;
    const problems: string[] = [];
    for (const p of config.panes)
      if (!catalog.agents.some((a) => a.name === p.agent)) problems.push(`unknown agent "${p.agent}"`);
    if (world.kind === 'builtin' && !catalog.environments.some((e) => e.name === world.name))
      problems.push(`unknown world "${world.name}"`);
    if (world.kind === 'file') problems.push(...(await worlds.addRecordWorld(world)));
    if (problems.length > 0) {
      showErrors(`${name} cannot be replayed`, problems);
      return false;
    }
    this.pending = parsed.record;
    this.host.dispatch({ type: 'setConfig', config });
    notice(`Imported ${name}: re-running it to check that it reproduces…`);
    return true;
  }

  /** Once every run is done, says whether the imported record was reproduced (once per import). */
  checkReplay(stores: readonly (RunStore | null)[]): void {
    if (!this.pending || !stores.every((s) => s?.done)) return;
    const record = this.pending;
    this.pending = null;
    const diff = compareWithRecord(record, stores);
    const n = record.runs.reduce((s, r) => s + r.episodes.length, 0);
    if (diff === null)
      notice(`Imported record reproduced: all ${n} episode hash${n === 1 ? '' : 'es'} match.`);
    else showErrors('The imported record does not reproduce', [diff]);
  }
}
