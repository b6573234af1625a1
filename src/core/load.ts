/**
 * Loading environment text. JSON is parsed with jsonc-parser in strict mode (no comments, no trailing
 * commas) because it reports syntax errors by offset and gives a tree we can use to put a line and
 * column on every validation error. Loading a `.json` file never runs code.
 */
import {
  findNodeAtLocation,
  getNodePath,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { EnvLoadError, type EnvIssue } from './errors.ts';
import type { EnvSpec } from './spec.ts';
import { pathToString, type JsonPath, type Locator } from './json-path.ts';
import { validateEnvironment } from './validate.ts';

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionOf(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/**
 * Text offset of the `column`-th glyph (code point) of a JSON string literal, stepping over escape
 * sequences (`\u002e` is one glyph written as six characters) and surrogate pairs.
 */
function glyphOffset(text: string, node: Node, column: number): number {
  let i = node.offset + 1;
  const end = node.offset + node.length - 1;
  for (let g = 0; g < column && i < end; g++) {
    if (text[i] === '\\') {
      if (text[i + 1] !== 'u') i += 2;
      else {
        const unit = parseInt(text.slice(i + 2, i + 6), 16);
        i += 6;
        // A surrogate pair written as two escapes is one glyph.
        if (unit >= 0xd800 && unit < 0xdc00 && text[i] === '\\' && text[i + 1] === 'u') i += 6;
      }
    } else {
      const code = text.codePointAt(i) ?? 0;
      i += code > 0xffff ? 2 : 1;
    }
  }
  return i;
}

/** Deeper than any environment needs; refusing early keeps the recursive parsers off the stack limit. */
const MAX_DEPTH = 64;

function nestingTooDeep(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      if (++depth > MAX_DEPTH) return i;
    } else if (ch === ']' || ch === '}') depth--;
  }
  return -1;
}

function makeLocator(text: string, root: Node, starts: number[]): Locator {
  return (path: JsonPath, mapColumn?: number) => {
    // Walk up to the nearest existing node: a missing field is reported at its parent object.
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, path.slice(0, n));
      if (!node) continue;
      // A property key's problem (e.g. an unknown field) is best shown at the key itself.
      const offset =
        n === path.length && mapColumn !== undefined && node.type === 'string'
          ? glyphOffset(text, node, mapColumn)
          : n === path.length && node.parent?.type === 'property'
            ? node.parent.offset
            : node.offset;
      return positionOf(starts, offset);
    }
    return undefined;
  };
}

/** Parses JSON text strictly and validates it. Throws EnvLoadError with line and column on any problem. */
export function loadEnvironmentText(text: string, source: string): EnvSpec {
  const starts = lineStarts(text);
  const tooDeep = nestingTooDeep(text);
  if (tooDeep >= 0)
    throw new EnvLoadError(source, [
      { path: '', message: `nesting deeper than ${MAX_DEPTH} levels`, ...positionOf(starts, tooDeep) },
    ]);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || root === undefined) {
    const first = errors[0];
    const comma = first ? trailingComma(text, first.offset) : -1;
    const at = positionOf(starts, comma >= 0 ? comma : (first?.offset ?? 0));
    const what =
      comma >= 0
        ? `trailing comma before "${text[first!.offset]}" (JSON allows none)`
        : first
          ? describeParseError(printParseErrorCode(first.error))
          : 'empty file';
    throw new EnvLoadError(source, [{ path: '', message: `JSON syntax error: ${what}`, ...at }]);
  }
  const duplicates: Node[] = [];
  const value: unknown = nodeValue(root, duplicates);
  const locator = makeLocator(text, root, starts);
  if (duplicates.length === 0) return validateEnvironment(value, source, locator);
  const repeated: EnvIssue[] = duplicates.map((key) => ({
    path: pathToString(getNodePath(key).slice(0, -1)),
    message: `duplicate key "${String(key.value)}"`,
    ...positionOf(starts, key.offset),
  }));
  // The rest is still checked, so every error shows at once: once with the last copy of each repeated
  // key and once with the first. Only issues found both ways are reported; the others depend on which
  // copy was meant, and the duplicate key is the error to fix first.
  const issuesOf = (v: unknown): readonly EnvIssue[] => {
    try {
      validateEnvironment(v, source, locator);
      return [];
    } catch (e) {
      if (!(e instanceof EnvLoadError)) throw e;
      return e.issues;
    }
  };
  const id = (i: EnvIssue) => `${i.path}\u0000${i.message}`;
  const withFirst = new Set(issuesOf(nodeValue(root, [], 'first')).map(id));
  const others = issuesOf(value).filter((i) => withFirst.has(id(i)));
  throw new EnvLoadError(source, [...repeated, ...others]);
}

/**
 * The offset of the comma when the error at `offset` is a closing bracket right after one (`[1, 2,]`),
 * which jsonc-parser reports as a missing value or property name; else -1.
 */
function trailingComma(text: string, offset: number): number {
  if (text[offset] !== '}' && text[offset] !== ']') return -1;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : -1;
}

/** jsonc-parser names errors like `CommaExpected`; say them as words. */
function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Builds the value from the tree ourselves: a repeated key is reported instead of silently overwriting
 * the first (`keep` says which copy the value holds), and `__proto__` is stored as a plain field rather
 * than changing the object's prototype.
 */
function nodeValue(node: Node, duplicates: Node[], keep: 'first' | 'last' = 'last'): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, val] = prop.children ?? [];
        if (key === undefined) continue;
        const name = key.value as string;
        if (Object.prototype.hasOwnProperty.call(out, name)) {
          duplicates.push(key);
          if (keep === 'first') continue;
        }
        Object.defineProperty(out, name, {
          value: val === undefined ? undefined : nodeValue(val, duplicates, keep),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map((child) => nodeValue(child, duplicates, keep));
    default:
      return node.value;
  }
}
