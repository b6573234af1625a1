import { environmentJsonSchema } from './format.ts';

/** The exact text of public/environment.schema.json. */
export function environmentSchemaText(): string {
  return `${JSON.stringify(environmentJsonSchema(), null, 2)}\n`;
}
