import { agents } from '../../../agents/index.ts';
import { environments } from '../../../environments/index.ts';
import { printJson } from '../output.ts';

export function listCommand(options: { json?: boolean }): void {
  const envs = environments.all().map((e) => ({
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
  }));
  const agentList = agents
    .all()
    .map((a) => ({ name: a.name, title: a.title, description: a.description, options: a.options }));
  if (options.json) return printJson({ environments: envs, agents: agentList });
  const pad = Math.max(...envs.map((e) => e.name.length), ...agentList.map((a) => a.name.length)) + 2;
  const lines = ['Environments:'];
  for (const e of envs)
    lines.push(
      `  ${e.name.padEnd(pad)}${e.title} (${e.width}×${e.height}, ${e.unknowns.length} unknown${e.unknowns.length === 1 ? '' : 's'}${e.theories.length > 0 ? `, ${e.theories.length} theor${e.theories.length === 1 ? 'y' : 'ies'}` : ''})`,
    );
  lines.push('', 'Agents:');
  for (const a of agentList) {
    lines.push(`  ${a.name.padEnd(pad)}${a.title}: ${a.description}`);
    for (const o of a.options)
      lines.push(`  ${''.padEnd(pad)}  --opt ${o.name}=${String(o.default)}  ${o.description}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
