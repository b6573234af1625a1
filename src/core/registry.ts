/** Registries are arrays of values with a `name`; building one with a repeated name is a bug. */
export interface Named {
  name: string;
}

export class Registry<T extends Named> {
  private readonly byName = new Map<string, T>();
  constructor(
    readonly kind: string,
    items: readonly T[],
  ) {
    for (const item of items) {
      if (this.byName.has(item.name)) throw new Error(`duplicate ${kind} name "${item.name}"`);
      this.byName.set(item.name, item);
    }
  }
  get(name: string): T | undefined {
    return this.byName.get(name);
  }
  names(): string[] {
    return [...this.byName.keys()];
  }
  all(): T[] {
    return [...this.byName.values()];
  }
}
