/**
 * Errors a user can fix carry a code, a one-line message and a hint; the CLI prints them without a
 * stack trace and exits 1. Anything else is our bug: exit 2.
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
  /** `wattplan check`: a target is off its trajectory or regressed (exit 1, like any input the user can act on). */
  | "TARGET_MISSED";

export class WattplanError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = "WattplanError";
    this.code = code;
    this.hint = hint;
  }
}

export class UnknownNameError extends WattplanError {
  readonly suggestions: string[];

  /** `where` names the spec key or flag that held the name ("constraints.regions.allow"). */
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
  if (kind === "accelerator") return "list the types that carry one with: wattplan catalog instances --json (field accelerator.model)";
  if (kind === "provider") return "providers are aws, gcp and azure";
  if (kind === "intensity source") return "sources are catalog, electricitymaps, watttime, uk and file:PATH";
  return "check the spelling";
}

export function isWattplanError(error: unknown): error is WattplanError {
  return error instanceof WattplanError;
}
