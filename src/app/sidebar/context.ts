/** What every sidebar section is given: the state to show, and the way to change it. */
import type { Catalog } from '../../worker/session/catalog.ts';
import type { WorldInfo } from '../../worker/session/world-info.ts';
import type { Action, AppState, WorldChoice } from '../state.ts';

export interface SidebarContext {
  catalog: Catalog;
  world: WorldInfo | null;
  state: AppState;
  loadErrors: { file: string; errors: string[] } | null;
  /** Worlds loaded from files in this visit, offered in the picker. */
  fileWorlds: Extract<WorldChoice, { kind: 'file' }>[];
}

export interface SidebarActions {
  dispatch(a: Action): void;
  loadFile(file: File): void;
  newSeed(): number;
}
