import type { SpecChange } from "../../domain/diff.ts";

/**
 * The spec keys (dotted paths) whose values differ between two plans, in a stable order. Lists compare as whole
 * values: "options.precisions: [fp32] → [fp32, int8]" reads better than per-index changes.
 */
export function specChangesBetween(base: unknown, head: unknown): SpecChange[] {
  const changes: SpecChange[] = [];
  walk(base, head, "", changes);
  return changes;
}

function walk(base: unknown, head: unknown, path: string, changes: SpecChange[]): void {
  if (isPlainObject(base) && isPlainObject(head)) {
    const keys = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
    for (const key of keys) walk(base[key], head[key], path === "" ? key : `${path}.${key}`, changes);
    return;
  }
  const baseText = base === undefined ? null : JSON.stringify(base);
  const headText = head === undefined ? null : JSON.stringify(head);
  if (baseText !== headText) changes.push({ path: path === "" ? "(spec)" : path, base: baseText, head: headText });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
