import { EnvLoadError, formatIssue, UsageError, type EnvIssue } from '../../core/errors.ts';
import { lintEnvironment } from '../../core/lint.ts';
import { loadEnvironmentFile } from '../env-files.ts';
import { printJson } from '../output.ts';

interface FileReport {
  file: string;
  ok: boolean;
  name?: string;
  errors: EnvIssue[];
  /** Things that load but are probably not what the author meant (src/core/lint.ts). */
  notes: string[];
}

/** Loads every file and reports every problem; exit status 2 when any file is bad. */
export async function validateCommand(files: string[], options: { json?: boolean }): Promise<number> {
  const reports: FileReport[] = [];
  /** Reports whose messages name the file themselves. */
  const named = new WeakSet<FileReport>();
  for (const file of files) {
    try {
      const spec = await loadEnvironmentFile(file);
      reports.push({ file, ok: true, name: spec.name, errors: [], notes: lintEnvironment(spec) });
    } catch (e) {
      if (e instanceof EnvLoadError) reports.push({ file, ok: false, errors: [...e.issues], notes: [] });
      // A usage error's message already starts with the file name ("x.json: no such file").
      else if (e instanceof UsageError) {
        const report = { file, ok: false, errors: [{ path: '', message: e.message }], notes: [] };
        named.add(report);
        reports.push(report);
      } else throw e;
    }
  }
  if (options.json) printJson({ files: reports });
  else
    for (const r of reports) {
      if (r.ok) {
        process.stdout.write(`${r.file}: ok\n`);
        for (const note of r.notes) process.stderr.write(`${r.file}: note: ${note}\n`);
      } else
        for (const issue of r.errors) {
          const bare = issue.path === '' && issue.line === undefined;
          const text = named.has(r)
            ? issue.message
            : bare
              ? `${r.file}: ${issue.message}`
              : formatIssue(r.file, issue);
          process.stderr.write(`${text}\n`);
        }
    }
  return reports.every((r) => r.ok) ? 0 : 2;
}
