/** JSON paths of an environment file and where they sit in its text. */

export type JsonPath = (string | number)[];
/** Maps a JSON path (and, for map rows, a column) to a 1-based line and column in the file text. */
export type Locator = (path: JsonPath, mapColumn?: number) => { line: number; column: number } | undefined;

export function pathToString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * The entries of a record in written order. A JavaScript object lists integer-like keys (a glyph such as
 * "1", a hypothesis named "2") first, so when the file was text the entries are put back in the order of
 * the text; `path` is the record's JSON path.
 */
export function entriesInWrittenOrder<T>(
  record: Record<string, T> | undefined,
  path: JsonPath,
  locate?: Locator,
): [string, T][] {
  const list = Object.entries(record ?? {});
  if (locate === undefined || list.length < 2) return list;
  const at = list.map(([key]) => locate([...path, key]));
  if (at.some((p) => p === undefined)) return list;
  const rank = (i: number) => at[i]!.line * 1e9 + at[i]!.column;
  return list
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => rank(a.i) - rank(b.i))
    .map(({ entry }) => entry);
}
