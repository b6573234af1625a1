/**
 * Module exports as written. Outside a package with `"type": "module"` tsx compiles a `.ts` file to
 * CommonJS, and its exports arrive wrapped as the `default` of the namespace, marked `__esModule`.
 */
export function moduleExports(mod: Record<string, unknown>): Record<string, unknown> {
  const wrapped = mod.default;
  if (
    wrapped !== null &&
    typeof wrapped === 'object' &&
    (wrapped as { __esModule?: unknown }).__esModule === true
  )
    return wrapped as Record<string, unknown>;
  return mod;
}
