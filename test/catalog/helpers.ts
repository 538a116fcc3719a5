import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const catalogDirectory = join(repositoryRoot, "catalog");
export const referenceDirectory = resolve(repositoryRoot, "..", "shared", "reference");

/** Every object in a JSON value, with its path, depth first. */
export function* walkObjects(value: unknown, path = ""): Generator<{ path: string; object: Record<string, unknown> }> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* walkObjects(item, `${path}[${index}]`);
    return;
  }
  if (!value || typeof value !== "object") return;
  yield { path, object: value as Record<string, unknown> };
  for (const [key, child] of Object.entries(value)) yield* walkObjects(child, path ? `${path}.${key}` : key);
}
