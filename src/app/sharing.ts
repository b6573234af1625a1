/**
 * Sharing a run: its link (which carries everything but a world from a file too large for it), and records exported and
 * imported. An imported record is run again, and once every run is done the app checks that each
 * episode's trajectory hash matches the record's.
 */
import type { Catalog } from '../worker/session/catalog.ts';
import { h } from './dom.ts';
import { notice, showErrors } from './messages.ts';
import { buildRecord, compareWithRecord, parseRecord, recordConfig, type EpisodeRecord } from './record.ts';
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
  const blob = new Blob([`${JSON.stringify(record)}\n`], { type: 'application/json' });
  const a = h('a', {
    attrs: {
      href: URL.createObjectURL(blob),
      download: `trapworld-${worldName}-seed${config.seed}.json`,
    },
  });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
  return record;
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
      showErrors(`${file.name} could not be imported`, ['larger than 50 MB']);
      return;
    }
    await this.importText(await file.text(), file.name);
  }

  /** Checks a record can be replayed here (agents, world) and, if so, runs its configuration. */
  async importText(text: string, name: string): Promise<boolean> {
    const parsed = parseRecord(text);
    if (!parsed.ok) {
      showErrors(`${name} is not a valid trapworld record`, parsed.errors);
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
