import { EnvLoadError, formatIssue, UsageError, type EnvIssue } from '../../core/errors.ts';
import { loadEnvironmentFile } from '../env-files.ts';
import { printJson } from '../output.ts';

interface FileReport {
  file: string;
  ok: boolean;
  name?: string;
  errors: EnvIssue[];
}

/** Loads every file and reports every problem; exit status 2 when any file is bad. */
export async function validateCommand(files: string[], options: { json?: boolean }): Promise<number> {
  const reports: FileReport[] = [];
  for (const file of files) {
    try {
      const spec = await loadEnvironmentFile(file);
      reports.push({ file, ok: true, name: spec.name, errors: [] });
    } catch (e) {
      if (e instanceof EnvLoadError) reports.push({ file, ok: false, errors: [...e.issues] });
      else if (e instanceof UsageError)
        reports.push({ file, ok: false, errors: [{ path: '', message: e.message }] });
      else throw e;
    }
  }
  if (options.json) printJson({ files: reports });
  else
    for (const r of reports) {
      if (r.ok) process.stdout.write(`${r.file}: ok\n`);
      else
        for (const issue of r.errors)
          process.stderr.write(
            `${issue.path === '' && issue.line === undefined ? issue.message : formatIssue(r.file, issue)}\n`,
          );
    }
  return reports.every((r) => r.ok) ? 0 : 2;
}
