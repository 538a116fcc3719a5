/** A copy of `target` with the value at a dotted path replaced, creating the mappings on the way. */
export function withPath<T>(target: T, dottedPath: string, value: unknown): T {
  const copy = structuredClone(target) as Record<string, unknown>;
  const segments = dottedPath.split(".");
  let node = copy;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]] = structuredClone(value);
  return copy as T;
}

export function valueAtPath(target: unknown, dottedPath: string): unknown {
  let node: unknown = target;
  for (const segment of dottedPath.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
