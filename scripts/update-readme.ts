/** npm run docs: regenerates the README's environment and agent tables from the registries. */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadme } from '../src/docs/tables.ts';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, renderReadme(readFileSync(path, 'utf8')));
console.log('README.md tables updated');
