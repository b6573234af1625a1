/**
 * Shape errors (zod's issues against the format's schema) as messages that name the path and say what was
 * expected, and the repair that lets the cross-field checks still run after contained shape errors.
 */
import type { z } from 'zod';
import { isRecord } from './is-record.ts';
import type { JsonPath } from './json-path.ts';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Every path in a raw value where an object has an own "__proto__" key. */
export function protoKeyPaths(value: unknown, path: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => protoKeyPaths(v, [...path, i], out));
    return out;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') out.push([...path, key]);
    else protoKeyPaths((value as Record<string, unknown>)[key], [...path, key], out);
  }
  return out;
}

/**
 * A legend entry is a tile name or an object; when the user wrote an object, the object branch's own
 * issues (an unknown field, a missing "unknown") say far more than "expected one of three shapes". Of the
 * object branches, the one that recognises most of the keys written is the one meant (`{ "theory": … }`
 * with a typo in "role" is a theory entry); on a tie, the first.
 */
export function flattenUnions(issues: readonly z.core.$ZodIssue[], raw: unknown): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union') return [issue];
    const got = valueAt(raw, issue.path);
    if (got === null || typeof got !== 'object' || Array.isArray(got)) return [issue];
    const unknownKeys = (errs: readonly z.core.$ZodIssue[]): number =>
      errs.reduce(
        (n, e) => n + (e.code === 'unrecognized_keys' && e.path.length === 0 ? e.keys.length : 0),
        0,
      );
    const branch = issue.errors
      .filter((errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0))
      .reduce<z.core.$ZodIssue[] | undefined>(
        (best, errs) => (best === undefined || unknownKeys(errs) < unknownKeys(best) ? errs : best),
        undefined,
      );
    if (!branch) return [issue];
    return branch.map((e) => ({ ...e, path: [...issue.path, ...e.path] }) as z.core.$ZodIssue);
  });
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  record: 'an object',
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

export function quoted(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') {
    // A TypeScript module may pass a Map or a class instance where JSON can only hold a plain object.
    const kind = Object.getPrototypeOf(v)?.constructor?.name;
    return kind && kind !== 'Object' ? `a ${kind}` : 'an object';
  }
  return String(v);
}

export function zodIssueMessage(issue: z.core.$ZodIssue, raw: unknown): string {
  const got = valueAt(raw, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return got === undefined
        ? `missing required field (expected ${expected})`
        : `expected ${expected}, got ${describeValue(got)}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(got)}`;
    case 'too_big':
    case 'too_small': {
      if (issue.origin === 'number') {
        const lo = 'minimum' in issue ? issue.minimum : undefined;
        const hi = 'maximum' in issue ? issue.maximum : undefined;
        const bound =
          issue.code === 'too_big'
            ? `${issue.inclusive === false ? 'less than' : 'at most'} ${String(hi)}`
            : `${issue.inclusive === false ? 'greater than' : 'at least'} ${String(lo)}`;
        return `expected a number ${bound}, got ${describeValue(got)}`;
      }
      // Keep the schema's own wording where it has one (zod's defaults start "Too small" / "Too big").
      if (!/^Too (small|big)/.test(issue.message)) return issue.message;
      if (issue.code === 'too_small' && issue.origin === 'array')
        return `expected at least ${String(issue.minimum)} item(s)`;
      if (issue.code === 'too_small' && issue.origin === 'string') return 'expected a non-empty string';
      return issue.message;
    }
    case 'invalid_union':
      return `expected a tile name, { "unknown": id } or { "theory": id, "role": r }, got ${describeValue(got)}`;
    default:
      return `${issue.message}${got !== undefined ? `, got ${describeValue(got)}` : ''}`;
  }
}

/** Theories a shape error damaged: their own cross-checks are skipped, and so are legend entries naming them. */
export interface Damage {
  /** Theory ids whose definition had a shape error. */
  readonly theories: Set<string>;
  /** `theories` itself was malformed: every legend entry naming a theory is left unchecked. */
  allTheories: boolean;
}

/**
 * To report every problem at once, the cross-field checks still run after shape errors when the damage
 * is contained: a bad scalar field is dropped (its default stands in), a bad tile becomes a plain
 * floor-like tile of the same name that keeps its `look` (when that is a valid string, so the unknowns
 * and theory roles using it see no new look), and a bad theory is kept as an empty one whose checks are
 * skipped (see Damage). Damage to the name, map, legend or unknowns would only produce follow-on errors,
 * so then only the shape errors are reported. Returns null when not repairable.
 */
export function repairForCrossChecks(
  raw: unknown,
  zodIssues: readonly z.core.$ZodIssue[],
  damage: Damage,
): Record<string, unknown> | null {
  if (!isRecord(raw)) return null;
  const out: Record<string, unknown> = { ...raw };
  for (const issue of zodIssues) {
    const [top, entry] = issue.path;
    if (top === undefined) {
      if (issue.code !== 'unrecognized_keys') return null;
      for (const key of issue.keys) delete out[key];
    } else if (top === 'tiles' && typeof entry === 'string' && isRecord(out.tiles)) {
      const bad = out.tiles[entry];
      const look = isRecord(bad) && typeof bad.look === 'string' && bad.look !== '' ? { look: bad.look } : {};
      out.tiles = { ...out.tiles, [entry]: look };
    } else if (top === 'theories') {
      if (typeof entry === 'string' && isRecord(out.theories)) {
        damage.theories.add(entry);
        out.theories = { ...out.theories, [entry]: { hypotheses: {} } };
      } else {
        damage.allTheories = true;
        delete out.theories;
      }
    } else if (['name', 'map', 'legend', 'unknowns', 'tiles'].includes(String(top))) return null;
    else delete out[String(top)];
  }
  return out;
}
