import { agents } from '../../../agents/index.ts';
import { environments, generators } from '../../../environments/index.ts';
import { describeParam, resolvedParams, type ResolvedParam } from '../../core/generator.ts';
import type { EnvSpec } from '../../core/spec.ts';
import { instantiate, loadEnvironmentSource } from '../env-files.ts';
import { printJson } from '../output.ts';

function envEntry(e: EnvSpec) {
  return {
    name: e.name,
    title: e.title,
    description: e.description,
    width: e.width,
    height: e.height,
    unknowns: e.unknowns.map((u) => ({
      id: u.id,
      scope: u.scope,
      cells: u.cells.length,
      prior: Object.fromEntries(u.prior.map((v) => [v.tile, v.p])),
    })),
    theories: e.theories.map((t) => ({
      id: t.id,
      roles: Object.fromEntries(t.roles.map((r) => [r.name, r.cells.length])),
      prior: Object.fromEntries(t.hypotheses.map((h) => [h.name, h.p])),
    })),
  };
}

/**
 * The built-in environments, generators and agents; or, given files, those environments. A generator
 * is shown as built with its defaults, with `generator: true` and its `params`: name, type, default,
 * min, max, values, description.
 */
export async function listCommand(options: { json?: boolean }, files: readonly string[] = []): Promise<void> {
  type Entry = ReturnType<typeof envEntry> & { file?: string; generator?: boolean; params?: ResolvedParam[] };
  let envs: Entry[];
  if (files.length === 0)
    envs = [
      ...environments.all().map(envEntry),
      ...generators.all().map((g) => ({
        ...envEntry(instantiate({ kind: 'generator', generator: g, file: g.name })),
        generator: true,
        params: resolvedParams(g),
      })),
    ];
  else {
    envs = [];
    for (const file of files) {
      const source = await loadEnvironmentSource(file);
      const entry: Entry = { ...envEntry(instantiate(source)), file };
      if (source.kind === 'generator') {
        entry.generator = true;
        entry.params = resolvedParams(source.generator);
      }
      envs.push(entry);
    }
  }
  const agentList =
    files.length > 0
      ? []
      : agents
          .all()
          .map((a) => ({ name: a.name, title: a.title, description: a.description, options: a.options }));
  if (options.json) return printJson({ environments: envs, agents: agentList });
  const pad = Math.max(...envs.map((e) => e.name.length), ...agentList.map((a) => a.name.length)) + 2;
  const lines = ['Environments:'];
  for (const e of envs) {
    lines.push(
      `  ${e.name.padEnd(pad)}${e.title} (${e.generator ? 'generator; at its defaults ' : ''}${e.width}×${e.height}, ${e.unknowns.length} unknown${e.unknowns.length === 1 ? '' : 's'}${e.theories.length > 0 ? `, ${e.theories.length} theor${e.theories.length === 1 ? 'y' : 'ies'}` : ''})`,
    );
    for (const p of e.params ?? [])
      lines.push(
        `  ${''.padEnd(pad)}  --param ${p.name}=${String(p.default)}  ${describeParam(p)}${p.description ? `: ${p.description}` : ''}`,
      );
  }
  if (agentList.length > 0) {
    lines.push('', 'Agents:');
    for (const a of agentList) {
      lines.push(`  ${a.name.padEnd(pad)}${a.title}: ${a.description}`);
      for (const o of a.options)
        lines.push(`  ${''.padEnd(pad)}  --opt ${o.name}=${String(o.default)}  ${o.description}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
