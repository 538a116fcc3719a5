import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { PARSE_ONCE } from "../../domain/parse-once.ts";
import { workloadSpecSchema, type WorkloadSpec } from "../../domain/spec.ts";
import { WattplanError } from "../../errors.ts";
import { suggestNames } from "../../text/suggest-names.ts";
import { knownKeysAt } from "./schema-keys.ts";

const MOST_ISSUES_SHOWN = 3;
/** A spec is a few kilobytes; a megabyte is a mistake (or an attack), and parsing 50 MB of YAML takes a minute. */
export const MOST_SPEC_BYTES = 1024 * 1024;
/** YAML aliases expanded at most this often: an alias bomb grows exponentially with each level. */
const MOST_ALIASES = 100;

/**
 * Parses and validates a workload spec written in YAML. Every problem is reported with its key path and the line
 * it sits on ("traffic.peakRps (line 7): expected a number"), so a user can fix the file without guessing.
 */
export function parseSpecText(text: string, fileLabel = "spec"): WorkloadSpec {
  if (text.length > MOST_SPEC_BYTES) {
    throw new WattplanError("INVALID_SPEC", `${fileLabel}: ${text.length.toLocaleString("en-US")} characters is too long for a workload spec (at most ${MOST_SPEC_BYTES.toLocaleString("en-US")})`, "a spec is a few kilobytes of YAML: see examples/spec.yaml");
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = lineCounter.linePos(first.pos[0]).line;
    const message = first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new WattplanError("INVALID_SPEC", `${fileLabel}: line ${line}: ${message}`, "fix the YAML syntax at that line");
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MOST_ALIASES });
  } catch (error) {
    // The yaml package refuses an alias bomb with a ReferenceError; say it in the spec's terms.
    throw new WattplanError("INVALID_SPEC", `${fileLabel}: ${(error as Error).message.split("\n")[0]}`, "write the values out instead of expanding YAML aliases (&anchor / *alias) this often");
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new WattplanError("INVALID_SPEC", `${fileLabel}: expected a mapping of keys (name, model, traffic, ...)`, "see examples/spec.yaml");
  }
  const result = workloadSpecSchema.safeParse(data, { ...PARSE_ONCE, reportInput: true });
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => describeIssue(issue, document, lineCounter));
  const shown = messages.slice(0, MOST_ISSUES_SHOWN).join("; ");
  const more = messages.length > MOST_ISSUES_SHOWN ? ` (and ${messages.length - MOST_ISSUES_SHOWN} more)` : "";
  throw new WattplanError("INVALID_SPEC", `${fileLabel}: ${shown}${more}`, "see the spec format in examples/spec.yaml");
}

/** Validates a spec given as data (the library path); errors name the key path. */
export function parseSpecData(data: unknown, label = "spec"): WorkloadSpec {
  const result = workloadSpecSchema.safeParse(data, { ...PARSE_ONCE, reportInput: true });
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => `${formatPath(issuePath(issue))}: ${describeProblem(issue)}`);
  throw new WattplanError("INVALID_SPEC", `${label}: ${messages.slice(0, MOST_ISSUES_SHOWN).join("; ")}`, "see the spec format in examples/spec.yaml");
}

function issuePath(issue: z.core.$ZodIssue): PropertyKey[] {
  return issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]] : issue.path;
}

function describeIssue(issue: z.core.$ZodIssue, document: Document, lineCounter: LineCounter): string {
  const path = issuePath(issue);
  const offset = offsetOfPath(document, path);
  const where = offset === null ? "" : ` (line ${lineCounter.linePos(offset).line})`;
  return `${formatPath(path)}${where}: ${describeProblem(issue)}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((segment, index) => (typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${clipText(String(segment))}`))
    .join("");
}

function describeProblem(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type": {
      const expected = issue.expected === "object" ? "a mapping" : issue.expected === "array" ? "a list" : `a ${issue.expected}`;
      return issue.input === undefined ? `required (${expected})` : `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    case "unrecognized_keys": {
      const known = knownKeysAt(workloadSpecSchema, issue.path);
      const suggestions = suggestNames(issue.keys[0].slice(0, 100), known, 1);
      const didYouMean = suggestions.length > 0 ? ` (did you mean ${suggestions[0]}?)` : "";
      const keys = issue.keys.length === 1 ? "unknown key" : `unknown keys ${issue.keys.map((key) => clipText(key)).join(", ")}`;
      return `${keys}${didYouMean}; ${issue.path.length === 0 ? "the spec" : formatPath(issue.path)} takes ${known.join(", ")}`;
    }
    case "invalid_value": {
      const suggestions = typeof issue.input === "string" ? suggestNames(issue.input, issue.values.map(String), 1) : [];
      const didYouMean = suggestions.length > 0 ? ` (did you mean ${suggestions[0]}?)` : "";
      return `expected one of ${issue.values.map(String).join(", ")}, got ${describeValue(issue.input)}${didYouMean}`;
    }
    case "too_small":
      return issue.origin === "array" ? `needs at least ${String(issue.minimum)} item(s)` : issue.origin === "string" ? "must not be empty" : `must be ${issue.inclusive ? "at least" : "above"} ${String(issue.minimum)}`;
    case "too_big":
      return issue.origin === "array" ? `allows at most ${String(issue.maximum)} item(s)` : `must be ${issue.inclusive ? "at most" : "below"} ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

function clipText(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return `"${value.length > 30 ? `${value.slice(0, 30)}…` : value}"`;
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

/** Source offset of the deepest node along `path` (the key's position for mapping entries). */
function offsetOfPath(document: Document, path: readonly PropertyKey[]): number | null {
  let node: unknown = document.contents;
  // A key missing at the top level has no better line than none.
  let offset: number | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | null {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : null;
}
