import { createHash } from "node:crypto";
import { canonicalJson } from "../domain/plan-id.ts";

/** The digest emit stores next to the keys it owns; a mismatch on re-emit means they were edited by hand. */
export function digestOf(values: Record<string, unknown>): string {
  return createHash("sha256").update(canonicalJson(values)).digest("hex");
}

/**
 * The digest of the values as Pulumi keeps them. Pulumi reads a top-level config scalar as a string and writes it
 * back quoted whenever it saves the file (`pulumi config set gcp:project …` turns `wattplan:batchSize: 8` into
 * `wattplan:batchSize: "8"`); objects keep their types. Hashing top-level numbers and booleans as their text makes
 * that rewrite invisible, while any real change of value still shows.
 */
export function stackValuesDigest(values: Record<string, unknown>): string {
  const asPulumiKeepsThem = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, typeof value === "number" || typeof value === "boolean" ? String(value) : value]),
  );
  return digestOf(asPulumiKeepsThem);
}
