// Shared by the history tests: golden files (UPDATE_GOLDEN=1 rewrites them) and the CLI run as a user runs it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { runCli, runCliProcess, type CliRun } from "../cli/run-cli.ts";

export const repositoryRoot = join(import.meta.dirname, "..", "..");

/** Compares `actual` with test/history/golden/NAME; UPDATE_GOLDEN=1 writes it instead (review the diff). */
export function expectGolden(name: string, actual: string): void {
  const path = join(import.meta.dirname, "golden", name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/history`);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

export type Run = CliRun;

/** The CLI, in this process, from the repository root. */
export function wattplan(args: string[]): Promise<Run> {
  return runCli(args, { cwd: repositoryRoot });
}

/** The CLI as separate processes, where several must run at once. */
export function wattplanProcess(args: string[]): Promise<Run> {
  return runCliProcess(args, { cwd: repositoryRoot });
}
