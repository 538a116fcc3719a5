/**
 * A copy of `target` with the value at a dotted path replaced, creating the mappings on the way. Keys are set as own
 * properties, so a path through `__proto__` or `constructor` cannot reach any prototype.
 */
export function withPath<T>(target: T, dottedPath: string, value: unknown): T {
  const copy = structuredClone(target) as Record<string, unknown>;
  const segments = dottedPath.split(".");
  let node = copy;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (typeof next !== "object" || next === null || Array.isArray(next)) setOwn(node, segment, {});
    node = node[segment] as Record<string, unknown>;
  }
  setOwn(node, segments[segments.length - 1], structuredClone(value));
  return copy as T;
}

function setOwn(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

export function valueAtPath(target: unknown, dottedPath: string): unknown {
  let node: unknown = target;
  for (const segment of dottedPath.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}
