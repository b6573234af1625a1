/** Agent options: parsing `KEY=VALUE` strings against an agent's declared options, with clear errors. */
import type { AgentDefinition, OptionValue } from './agent.ts';
import { UsageError } from './errors.ts';

export function defaultOptions(def: AgentDefinition): Record<string, OptionValue> {
  return Object.fromEntries(def.options.map((o) => [o.name, o.default]));
}

export function parseOptionValue(def: AgentDefinition, key: string, text: string): OptionValue {
  const spec = def.options.find((o) => o.name === key);
  if (!spec) {
    const known = def.options.map((o) => o.name).join(', ') || 'none';
    throw new UsageError(`agent "${def.name}" has no option "${key}" (options: ${known})`);
  }
  const bad = (expected: string): UsageError =>
    new UsageError(`agent "${def.name}" option "${key}": expected ${expected}, got "${text}"`);
  switch (spec.type) {
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw bad('true or false');
    case 'string':
      return text;
    case 'number':
    case 'integer': {
      const v = Number(text);
      if (text.trim() === '' || !Number.isFinite(v))
        throw bad(spec.type === 'integer' ? 'an integer' : 'a number');
      if (spec.type === 'integer' && !Number.isInteger(v)) throw bad('an integer');
      if (spec.min !== undefined && v < spec.min) throw bad(`a value of at least ${spec.min}`);
      if (spec.max !== undefined && v > spec.max) throw bad(`a value of at most ${spec.max}`);
      return v;
    }
  }
}

/** Parses `KEY=VALUE` pairs; unspecified options take their defaults. */
export function parseOptions(def: AgentDefinition, pairs: readonly string[]): Record<string, OptionValue> {
  const out = defaultOptions(def);
  const given = new Set<string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`bad option "${pair}" for agent "${def.name}": expected KEY=VALUE`);
    const key = pair.slice(0, eq);
    // The last would silently win; a repeated key is more likely a mistake than a wish.
    if (given.has(key)) throw new UsageError(`agent "${def.name}" option "${key}" is given twice`);
    given.add(key);
    out[key] = parseOptionValue(def, key, pair.slice(eq + 1));
  }
  def.checkOptions?.(out);
  return out;
}
