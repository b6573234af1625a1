import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReadme } from '../../src/docs/tables.ts';

describe('README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  it('has the environment and agent tables the registries generate (run `npm run docs`)', () => {
    expect(readme).toBe(renderReadme(readme));
  });
  it('shows the two commands of the quick start', () => {
    expect(readme).toContain('npm install');
    expect(readme).toContain('npm test');
  });
});
