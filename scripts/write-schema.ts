/**
 * Writes public/environment.schema.json from the zod definition the loader uses (one source of truth).
 * Run by `npm run schema`; a test fails if the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { environmentSchemaText } from '../src/core/schema-file.ts';

const target = fileURLToPath(new URL('../public/environment.schema.json', import.meta.url));
writeFileSync(target, environmentSchemaText());
console.log(`wrote ${target}`);
