/**
 * Outcome templates: for each reachable (position, action), what the engine does under every joint
 * variant of the unknown cells it reads. Outcomes are never re-derived from the rules: each joint variant
 * is written into the scratch world with `setCellTile` and the engine's `forEachOutcome` enumerates the
 * step (as the Belief does), so the planner cannot disagree with the engine.
 */
import { UsageError } from '../../core/errors.ts';
import { cellsReadBy, forEachOutcome } from '../../core/step.ts';
import { setCellTile } from '../../core/world.ts';
import { cueFactorsAt } from './cues.ts';
import { forEachDigit } from './joint.ts';
import type { PlanWorld } from './plan-world.ts';
import { ACTIVE, END, STUCK_KIND, type Group, type Template } from './types.ts';

/** Largest joint of variants enumerated for one (cell, action). */
const MAX_JOINT = 4096;

/**
 * Fills `positions`, `posIndex` and `templates`: breadth-first from the start over every outcome of
 * every action, then each template's relevant factors (its own and the cues heard where it leads).
 */
export function discoverPositions(pw: PlanWorld): void {
  const start = pw.spec.start!;
  const A = pw.actions.length;
  pw.posIndex[start] = 0;
  pw.positions.push(start);
  for (let i = 0; i < pw.positions.length; i++) {
    const cell = pw.positions[i];
    for (let k = 0; k < A; k++) {
      const t = buildTemplate(pw, cell, pw.actions[k]);
      pw.templates.push(t);
      for (const g of t.groups)
        if (pw.posIndex[g.cell] < 0) {
          pw.posIndex[g.cell] = pw.positions.length;
          pw.positions.push(g.cell);
        }
    }
  }
  for (const t of pw.templates) {
    const rel = new Set<number>(t.factors);
    for (const g of t.groups) for (const cf of cueFactorsAt(pw, g.cell)) rel.add(cf.factor);
    t.relevant = Int32Array.from([...rel].sort((a, b) => a - b));
  }
}

function buildTemplate(pw: PlanWorld, cell: number, code: number): Template {
  const w = pw.world;
  const cells = cellsReadBy(w, cell, code, (c) => pw.factorOfCell[c] >= 0);
  const factors = [...new Set(cells.map((c) => pw.factorOfCell[c]))];
  const sizes = factors.map((f) => pw.factors[f].variants.length);
  const joint = sizes.reduce((a, b) => a * b, 1);
  if (joint > MAX_JOINT)
    throw new UsageError(
      `bayes-optimal cannot plan ${pw.spec.name}: one action depends on ${joint} joint variants (limit ${MAX_JOINT})`,
    );
  const branchStart = new Int32Array(joint + 1);
  const bP: number[] = [];
  const bR: number[] = [];
  const bKind: number[] = [];
  const bGroup: number[] = [];
  const groups: Group[] = [];
  const groupKey = new Map<string, number>();
  const s = pw.engine;
  for (let j = 0; j < joint; j++) {
    branchStart[j] = bP.length;
    forEachDigit(sizes, j, (k, v) => {
      const tile = pw.factors[factors[k]].tiles[v];
      for (const c of cells) if (pw.factorOfCell[c] === factors[k]) setCellTile(w, c, tile);
    });
    forEachOutcome(w, s, cell, code, (p, r) => {
      bP.push(p);
      bR.push(r);
      if (!s.alive || s.terminated) {
        bKind.push(END);
        bGroup.push(-1);
      } else if (s.stuck) {
        bKind.push(STUCK_KIND);
        bGroup.push(-1);
      } else {
        bKind.push(ACTIVE);
        const key = `${s.pos}|${s.signal}|${r}`;
        let g = groupKey.get(key);
        if (g === undefined) {
          g = groups.length;
          groupKey.set(key, g);
          groups.push({ cell: s.pos, signal: s.signal, reward: r });
        }
        bGroup.push(g);
      }
    });
  }
  branchStart[joint] = bP.length;
  return {
    cell,
    code,
    factors: Int32Array.from(factors),
    sizes: Int32Array.from(sizes),
    joint,
    branchStart,
    bP: Float64Array.from(bP),
    bR: Float64Array.from(bR),
    bKind: Uint8Array.from(bKind),
    bGroup: Int32Array.from(bGroup),
    groups,
    relevant: new Int32Array(0),
  };
}
