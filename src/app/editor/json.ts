/**
 * The editor's JSON: the value types of a world file, paths into it as the loader writes them in its
 * errors (so an error can find its field), and the conversions between what a person types in a field
 * and the value the file holds. Values the format refuses (a word where a number belongs) are kept as
 * typed, so the loader's own error can be shown next to the field. No DOM here.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type PathPart = string | number;

/** A JSON path as the loader writes it in its errors: `tiles.snake.enter`, `map[3]`. */
export { pathToString as pathText } from '../../core/json-path.ts';

/** Whether the loader's `path` is `holder` or lies inside it (`holder.x`, `holder[3]`). */
export function pathWithin(path: string, holder: string): boolean {
  return path === holder || path.startsWith(`${holder}.`) || path.startsWith(`${holder}[`);
}

export function isObject(v: Json | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The JSON object a text holds, or null when it is not JSON or not an object. */
export function parseObject(text: string): JsonObject | null {
  try {
    const v = JSON.parse(text) as Json;
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

export function getPath(doc: Json, path: readonly PathPart[]): Json | undefined {
  let v: Json | undefined = doc;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? v[p as number] : (v as JsonObject)[p as string];
  }
  return v;
}

/**
 * Sets (or with `undefined` deletes) the value at `path`, creating objects on the way; objects left
 * empty by a deletion are removed too, so a cleared field leaves no `"enter": {}` behind.
 */
export function setPath(doc: JsonObject, path: readonly PathPart[], value: Json | undefined): void {
  if (path.length === 0) return;
  const parents: JsonObject[] = [doc];
  let o: JsonObject = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const k = String(path[i]);
    let next = o[k];
    if (!isObject(next)) {
      if (value === undefined) return;
      next = {};
      o[k] = next;
    }
    o = next;
    parents.push(o);
  }
  const last = String(path[path.length - 1]);
  if (value === undefined) delete o[last];
  else o[last] = value;
  if (value !== undefined) return;
  for (let i = parents.length - 1; i > 0; i--) {
    if (Object.keys(parents[i]).length > 0) break;
    delete parents[i - 1][String(path[i - 1])];
  }
}

/** A copy of `o` with key `from` renamed `to`, in the same place among the keys (the file's order). */
export function renameKey(o: JsonObject, from: string, to: string): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) out[k === from ? to : k] = v;
  return out;
}

/** Renames key `from` of the object at `path` (see renameKey); an absent object becomes `{}`. */
export function renameKeyAt(doc: JsonObject, path: readonly PathPart[], from: string, to: string): void {
  const o = getPath(doc, path);
  setPath(doc, path, renameKey(isObject(o) ? o : {}, from, to));
}

/** Parses `G=floor, here=gap` (a `set`); null when a part is not GLYPH=TILE. */
export function parseSet(text: string): JsonObject | null {
  const out: JsonObject = {};
  for (const part of text.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq <= 0 || eq === p.length - 1) return null;
    out[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
  }
  return out;
}

export function formatSet(set: Json | undefined): string {
  if (!isObject(set)) return '';
  return Object.entries(set)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

/** A number field's text as the file should hold it: a number when it is one, else the text as typed. */
export function numberValue(text: string): Json | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : t;
}
