// Damaging a document one key at a time, for the suites that feed the result back to a parser: every key path of a
// value, and a copy with the value at one path set, removed or renamed (a misspelt key).

export type KeyPath = (string | number)[];
export type Change = "set" | "delete" | "rename";

/** Every key path of a value, objects and lists alike (at most `mostItems` items of each list). */
export function keyPaths(value: unknown, mostItems = Number.POSITIVE_INFINITY, prefix: KeyPath = []): KeyPath[] {
  if (Array.isArray(value)) return [prefix, ...value.slice(0, mostItems).flatMap((item, index) => keyPaths(item, mostItems, [...prefix, index]))];
  if (value !== null && typeof value === "object") return [prefix, ...Object.entries(value).flatMap(([key, child]) => keyPaths(child, mostItems, [...prefix, key]))];
  return [prefix];
}

/** A copy of `document` with the value at `path` set to `value`, removed, or moved to the key with an "x" appended. */
export function changedAt(document: unknown, path: KeyPath, change: Change, value: unknown): unknown {
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let node = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (change === "delete") delete node[last];
  else if (change === "rename") {
    node[`${String(last)}x`] = node[last];
    delete node[last];
  } else node[last] = value;
  return copy;
}
