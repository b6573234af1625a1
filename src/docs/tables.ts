/**
 * The README's tables of environments and agents, generated from the registries' own descriptions so
 * the docs cannot drift from the code (`npm run docs` rewrites them; a test checks they are current).
 */
import { agents } from '../../agents/index.ts';
import { environments, generators } from '../../environments/index.ts';
import { describeParam, resolvedParams } from '../core/generator.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function environmentsTable(): string {
  const rows = environments.all().map((e) => {
    const plural = (n: number) => `${n} cell${n === 1 ? '' : 's'}`;
    const unknowns = [
      ...e.unknowns.map((u) => `${u.id} (${u.scope}, ${plural(u.cells.length)})`),
      ...e.theories.map(
        (t) =>
          `${t.id} (theory: ${t.hypotheses.map((h) => h.name).join(' or ')}; ${t.roles.map((r) => `${r.name} ${plural(r.cells.length)}`).join(', ')})`,
      ),
    ].join(', ');
    return `| \`${e.name}\` | ${e.width}×${e.height} | ${cell(unknowns || '–')} | ${cell(e.description)} |`;
  });
  return ['| name | size | unknowns and theories | description |', '|---|---|---|---|', ...rows].join('\n');
}

export function generatorsTable(): string {
  const rows = generators.all().map((g) => {
    const params = resolvedParams(g)
      .map((p) => `\`${p.name}\` (default \`${String(p.default)}\`, ${describeParam(p)}): ${p.description}`)
      .join('; ');
    return `| \`${g.name}\` | ${cell(g.description ?? '')} | ${cell(params)} |`;
  });
  return ['| name | description | parameters (`--param KEY=VALUE`) |', '|---|---|---|', ...rows].join('\n');
}

export function agentsTable(): string {
  const rows = agents.all().map((a) => {
    const options = a.options
      .map((o) => `\`${o.name}\` (default \`${String(o.default)}\`): ${o.description}`)
      .join('; ');
    return `| \`${a.name}\` | ${cell(a.description)} | ${cell(options || '–')} |`;
  });
  return ['| name | how it decides | options |', '|---|---|---|', ...rows].join('\n');
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function replaceSection(doc: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README has no ${start} … ${end} section`);
  return `${doc.slice(0, i + start.length)}\n${content}\n${doc.slice(j)}`;
}

export function renderReadme(doc: string): string {
  const sections: [string, string][] = [
    ['environments', environmentsTable()],
    ['generators', generatorsTable()],
    ['agents', agentsTable()],
  ];
  return sections.reduce((text, [name, content]) => replaceSection(text, name, content), doc);
}
