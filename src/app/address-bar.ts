/**
 * The address bar and the app: what a link asks for when the app starts (its world loaded or described,
 * a world that loads in place of one that does not, a sentence on what could not be used), and the
 * address of what is shown, written back in place (no history entry per change).
 */
import type { Catalog } from '../worker/session/catalog.ts';
import type { WorldInfo } from '../worker/session/world-info.ts';
import type { AppState, RunConfig } from './state.ts';
import { decodeUrl, encodeUrl, expandTruth, type UrlState, type View } from './url.ts';
import type { WorldLibrary } from './worlds.ts';

/** What a link starts the app with. */
export interface LinkStart {
  url: UrlState;
  /** The run to start: on a world that loads, with the link's truth checked against it. */
  config: RunConfig;
  /** What of the link could not be used, in a sentence; null when all of it could. */
  problem: string | null;
}

/** Reads the link the app was opened with (`search`, the query string). */
export async function readLink(search: string, catalog: Catalog, worlds: WorldLibrary): Promise<LinkStart> {
  const url = decodeUrl(search, catalog);
  const warnings = [...url.warnings];
  let world = await linkedWorld(url.config, worlds, warnings);
  if (!world) {
    const asked = url.config.world;
    url.config.world = { kind: 'builtin', name: catalog.environments[0].name };
    if (asked.kind === 'builtin' && asked.name !== url.config.world.name)
      warnings.push(`world "${asked.name}" could not be loaded`);
    world = await worlds.describe(url.config.world);
  }
  const replaced = warnings.some((w) => /^unknown world|^the world in the link|could not be loaded/.test(w));
  const config: RunConfig = {
    ...url.config,
    truth: world ? expandTruth(world, url.truthEntries, warnings) : {},
  };
  const problem =
    warnings.length > 0
      ? `Some of the link could not be used: ${warnings.join('; ')}.${replaced && world ? ` Showing “${world.title}” instead.` : ''}`
      : null;
  return { url, config, problem };
}

/** The link's world, described; a world carried in the link joins the file worlds under its own name. */
async function linkedWorld(
  config: RunConfig,
  worlds: WorldLibrary,
  warnings: string[],
): Promise<WorldInfo | null> {
  if (config.world.kind === 'builtin') return worlds.describe(config.world);
  const { text, source } = config.world;
  const loaded = await worlds.loadText(text, source);
  if (!loaded) {
    warnings.push(`the world in the link (${source}) does not load (see its errors under the world picker)`);
    return null;
  }
  config.world = loaded.choice;
  return loaded.world;
}

/**
 * Writes the address of what is shown: the run, and the page (in the editor, the world being edited
 * when it fits in a link).
 */
export function writeLink(
  s: AppState,
  catalog: Catalog,
  worlds: WorldLibrary,
  view: View,
  editor: { linkPart(): string | null } | null,
): void {
  // The truth is written in its short form only with the description of the configured world: with
  // another world's (an undo back to a world still loading) it is written entry by entry, never lost.
  const world = worlds.cached(s.config.world);
  let search = encodeUrl(s.config, catalog, world, { overlays: s.overlays, speed: s.speed });
  if (view === 'gallery' || view === 'bench') search += `&view=${view}`;
  if (view === 'edit') {
    const draft = editor?.linkPart();
    search += `&${draft ?? 'view=edit'}`;
  }
  if (search !== location.search) history.replaceState(null, '', search);
}
