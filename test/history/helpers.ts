// Shared by the history tests: golden files (UPDATE_GOLDEN=1 rewrites them) and the CLI run as a user runs it.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

export const repositoryRoot = join(import.meta.dirname, "..", "..");

/** Compares `actual` with test/history/golden/NAME; UPDATE_GOLDEN=1 writes it instead (review the diff). */
export function expectGolden(name: string, actual: string): void {
  const path = join(import.meta.dirname, "golden", name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  if (!existsSync(path)) throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/history`);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function wattplan(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(repositoryRoot, "bin", "wattplan.js"), ...args], { cwd: repositoryRoot, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
