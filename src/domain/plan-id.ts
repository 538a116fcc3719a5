import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so equal plans hash equally whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = sortKeysDeep(child);
    }
    return sorted;
  }
  return value;
}

/** The plan id: sha256 of the canonical plan without `id` and `createdAt` (the only field that varies run to run). */
export function computePlanId(plan: Record<string, unknown>): string {
  const { id: _id, createdAt: _createdAt, ...rest } = plan;
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}
