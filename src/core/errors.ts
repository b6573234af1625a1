/** One problem in an environment file, located as precisely as the loader can. */
export interface EnvIssue {
  /** JSON path such as `unknowns.snake.prior`, or `map` for map problems. */
  path: string;
  message: string;
  /** 1-based position in the file text, when the file was JSON text. */
  line?: number;
  column?: number;
  /** 0-based map position for problems in the map (row = y, column = x). */
  mapRow?: number;
  mapColumn?: number;
}

export function formatIssue(file: string, issue: EnvIssue): string {
  const where = issue.line !== undefined ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
  const field =
    issue.mapRow !== undefined
      ? `map row ${issue.mapRow}${issue.mapColumn !== undefined ? `, column ${issue.mapColumn}` : ''}`
      : issue.path || '(top level)';
  return `${where}: ${field}: ${issue.message}`;
}

/** Issues with a position in the order they appear in the file, then those without one, as found. */
function inFileOrder(issues: readonly EnvIssue[]): EnvIssue[] {
  const line = (i: EnvIssue) => i.line ?? Infinity;
  return [...issues].sort((a, b) => line(a) - line(b) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * The only error the loader throws. Carries every issue found, so `validate` can report them all at once.
 * It is a user error: the CLI prints its message without a stack trace and exits 2.
 */
export class EnvLoadError extends Error {
  readonly file: string;
  readonly issues: readonly EnvIssue[];
  constructor(file: string, issues: readonly EnvIssue[]) {
    const sorted = inFileOrder(issues);
    super(sorted.map((i) => formatIssue(file, i)).join('\n'));
    this.name = 'EnvLoadError';
    this.file = file;
    this.issues = sorted;
  }
}

/** A user error outside environment files (bad option, bad truth, unknown name). CLI exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
