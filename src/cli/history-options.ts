// Options shared by `wattplan history`, `wattplan check` and `report --history`: the history folder, the spec,
// the judging date and the tolerance, parsed once and read the same way everywhere.
import { InvalidArgumentError, Option } from "commander";
import { DEFAULT_TOLERANCE_PERCENT } from "../targets/defaults.ts";
import type { CommandOutput } from "./output.ts";

/** "5", "5%" or "5 %" → 5; a share of something, so never negative. */
export function parsePercentOption(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  if (!match) throw new InvalidArgumentError("expected a percentage such as 5 or 5%");
  return Number(match[1]);
}

/** A date (YYYY-MM-DD, midnight UTC) or an ISO 8601 date-time, kept as an ISO instant. */
export function parseDateOption(value: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const time = Date.parse(dateOnly ? `${value}T00:00:00.000Z` : value);
  // Date.parse rolls 2025-02-30 over into March: a date must read back as itself.
  const valid = /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(time) && (!dateOnly || new Date(time).toISOString().startsWith(value));
  if (!valid) throw new InvalidArgumentError("expected a date as YYYY-MM-DD or an ISO 8601 date-time");
  return new Date(time).toISOString();
}

export function toleranceOption(): Option {
  return new Option("--tolerance <percent>", "how far above the trajectory still counts as on track, in percent of the target's reduction").argParser(parsePercentOption).default(DEFAULT_TOLERANCE_PERCENT);
}

export function judgingDateOption(): Option {
  return new Option("--now <date>", "judge the targets as of DATE (YYYY-MM-DD or ISO date-time; default: the newest record's date)").argParser(parseDateOption);
}

export function specNameOption(): Option {
  return new Option("--spec <name>", "the spec whose records to read, when the folder holds several");
}

/** Skipped records are named on stderr: the reader decides whether they matter. */
export function reportSkipped(output: CommandOutput, warnings: readonly string[]): void {
  for (const warning of warnings) output.note(`warning: ${warning}`);
}
