/**
 * Errors a user can fix carry a code, a one-line message and a hint; the CLI prints them without a
 * stack trace and exits 1. Anything else is our bug: exit 2.
 *
 * The library speaks in its own terms: messages and hints name spec keys and option names, never CLI flags.
 * Where the fix is another value for an option the caller passed, `detail` says which, and the CLI
 * (src/cli/hints.ts) turns that into a hint naming the flag that sets it.
 */
export type ErrorCode =
  | "INVALID_INPUT"
  | "FILE_NOT_FOUND"
  | "INVALID_SPEC"
  | "INVALID_CATALOG"
  | "UNKNOWN_NAME"
  | "INVALID_MODEL"
  | "INVALID_PROFILE"
  | "INVALID_PLAN"
  | "INFEASIBLE"
  | "REFUSED"
  | "REMOTE_ERROR"
  | "INVALID_STACK_CONFIG"
  /** `wattplan check`: a target is off its trajectory or regressed (exit 1, like any input the user can act on). */
  | "TARGET_MISSED";

/** The options of the library's entry points that a user sets (BenchOptions, EmitStackOptions, …), by name. */
export type OptionName =
  | "shapes"
  | "inputValues"
  | "batchSizes"
  | "threads"
  | "precisions"
  | "executionProvider"
  | "budgetSeconds"
  | "profilePaths"
  | "stackName"
  | "candidate"
  | "config"
  | "force"
  | "modelPath"
  | "uploadModel"
  | "repo"
  | "pullRequest"
  | "timeoutMs"
  | "vary"
  | "recordDirectory"
  | "now"
  | "specName"
  | "failOn"
  | "baseDocument"
  /** `bench --on`: the target machines, their regions, the go-ahead to spend money, the spending limit, the state backend. */
  | "targets"
  | "regions"
  | "confirm"
  | "maxUsd"
  | "backend";

/** Which option held the bad value, and a value that would do. */
export interface ErrorDetail {
  option: OptionName;
  /** For options keyed by name (shapes, inputValues, config): the entry at fault ("sr", "gcp:project"). */
  entry?: string;
  /** A value that would do, as text ("1,8", "prod", "1,sequence,16"). */
  example?: string;
}

/** An error the user can fix: a code, a one-line message, a hint, and the option at fault where there is one. */
export class WattplanError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly detail?: ErrorDetail;

  constructor(code: ErrorCode, message: string, hint?: string, detail?: ErrorDetail) {
    super(message);
    this.name = "WattplanError";
    this.code = code;
    this.hint = hint;
    this.detail = detail;
  }
}

/** A name not in the catalog (region, instance type, accelerator, provider, source), with close matches. */
export class UnknownNameError extends WattplanError {
  readonly suggestions: string[];

  /** `where` names the spec key that held the name ("constraints.regions.allow"). */
  constructor(kind: string, name: string, suggestions: string[], where?: string) {
    const didYouMean = suggestions.length > 0 ? `; did you mean ${suggestions.join(" or ")}?` : "";
    super("UNKNOWN_NAME", `${where ? `${where}: ` : ""}unknown ${kind} '${name}'${didYouMean}`, hintFor(kind));
    this.name = "UnknownNameError";
    this.suggestions = suggestions;
  }
}

function hintFor(kind: string): string {
  if (kind.endsWith("region") || kind === "region pattern") return "list them with: wattplan catalog regions";
  if (kind.endsWith("instance type")) return "list them with: wattplan catalog instances";
  if (kind === "accelerator") return "list the types that carry one with: wattplan catalog instances (column accelerator)";
  if (kind === "provider") return "providers are aws, gcp and azure";
  if (kind === "intensity source") return "sources are catalog, electricitymaps, watttime, uk and file:PATH";
  return "check the spelling";
}

/** A Pulumi stack's `wattplan:` config is missing or invalid (read by the Pulumi program in src/infra). */
export class StackConfigError extends WattplanError {
  constructor(message: string, hint?: string) {
    super("INVALID_STACK_CONFIG", message, hint);
    this.name = "StackConfigError";
  }
}

export function isWattplanError(error: unknown): error is WattplanError {
  return error instanceof WattplanError;
}
