/**
 * The cross-field checks of format 1.1 theories: every hypothesis gives a tile for each role some
 * hypothesis names, the tiles of one role share a look, the priors sum to 1. A theory whose roles cannot
 * be known (a shape error, no hypotheses, no roles) is `unchecked`: legend entries and map cells naming
 * it are not checked against it, so its one error is the only one reported. */
import { entriesInWrittenOrder, type JsonPath, type Locator } from './json-path.ts';
import type { TheoryDefinition } from './format.ts';
import type { Damage } from './shape-errors.ts';
import type { TheorySpec, TileKind } from './spec.ts';

/** A theory as checked, its roles' cells still to be filled in while the map is read. */
export type CheckedTheory = Omit<TheorySpec, 'roles'> & {
  roles: { name: string; look: string; cells: number[] }[];
};

/** Adds an issue at a JSON path (as `validateEnvironment` does). */
export type AddIssue = (path: JsonPath, message: string) => void;

/** Priors (of unknowns and of theories) must sum to 1 within this. */
export const PRIOR_TOLERANCE = 1e-9;

export function checkTheories(
  theoryDefs: Record<string, TheoryDefinition>,
  tiles: ReadonlyMap<string, TileKind>,
  damage: Damage,
  add: AddIssue,
  locate?: Locator,
): { theories: CheckedTheory[]; unchecked: Set<string> } {
  const theories: CheckedTheory[] = [];
  const unchecked = new Set<string>();
  for (const [id, def] of Object.entries(theoryDefs)) {
    const theory = { id, description: def.description ?? '', roles: [], hypotheses: [] };
    const at: JsonPath = ['theories', id, 'hypotheses'];
    const hyps = entriesInWrittenOrder(def.hypotheses, at, locate);
    if (damage.theories.has(id) || hyps.length === 0) {
      if (!damage.theories.has(id)) add(at, 'expected at least one hypothesis');
      unchecked.add(id);
      theories.push(theory);
      continue;
    }
    // A theory's roles are every role some hypothesis names, in the order they first appear; a
    // hypothesis without one of them is the one in error, whichever hypothesis comes first.
    const roleNames: string[] = [];
    const namedBy = new Map<string, string>();
    for (const [h, hyp] of hyps)
      for (const [role] of entriesInWrittenOrder(hyp.tiles, [...at, h, 'tiles'], locate))
        if (!namedBy.has(role)) {
          namedBy.set(role, h);
          roleNames.push(role);
        }
    if (roleNames.length === 0) {
      add([...at, hyps[0][0], 'tiles'], 'expected at least one role (role name → tile name)');
      unchecked.add(id);
    }
    for (const [h, hyp] of hyps)
      for (const role of roleNames)
        if (!Object.hasOwn(hyp.tiles, role))
          add(
            [...at, h, 'tiles', role],
            `missing role "${role}": every hypothesis gives a tile for every role (hypothesis "${namedBy.get(role)}" gives one)`,
          );
    for (const [h, hyp] of hyps)
      for (const [role, tile] of Object.entries(hyp.tiles))
        if (!tiles.has(tile))
          add([...at, h, 'tiles', role], `unknown tile "${tile}" (not built in and not in "tiles")`);
    const roles = roleNames.map((name) => {
      const looks = new Map<string, string[]>();
      let differs: string | undefined;
      for (const [h, hyp] of hyps) {
        const kind = Object.hasOwn(hyp.tiles, name) ? tiles.get(hyp.tiles[name]) : undefined;
        if (!kind) continue;
        if (looks.size > 0 && !looks.has(kind.look)) differs ??= h;
        looks.set(kind.look, [...(looks.get(kind.look) ?? []), h]);
      }
      if (differs !== undefined)
        add(
          [...at, differs, 'tiles', name],
          `role "${name}" must look the same in every hypothesis so they cannot be told apart by sight, got looks ${[
            ...looks,
          ]
            .map(([look, hs]) => `"${look}" (${hs.join(', ')})`)
            .join(', ')}`,
        );
      return { name, look: [...looks.keys()][0] ?? name, cells: [] as number[] };
    });
    const sum = hyps.reduce((total, [, hyp]) => total + hyp.prior, 0);
    if (Math.abs(sum - 1) > PRIOR_TOLERANCE)
      add(at, `priors must sum to 1, they sum to ${Number(sum.toPrecision(12))}`);
    theories.push({
      ...theory,
      roles,
      hypotheses: hyps.map(([name, hyp]) => ({ name, p: hyp.prior, tiles: { ...hyp.tiles } })),
    });
  }
  return { theories, unchecked };
}
