// Shared by the report tests: fixture plans and golden-file comparison (UPDATE_GOLDEN=1 rewrites the goldens).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { planSchema, type Candidate, type Plan } from "../../src/domain/plan.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const fixturesDirectory = join(here, "..", "fixtures");
export const headPlanPath = join(fixturesDirectory, "plan.example.json");
export const basePlanPath = join(fixturesDirectory, "report", "base.plan.json");

export function loadPlan(path: string): Plan {
  return planSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

export function headPlan(): Plan {
  return loadPlan(headPlanPath);
}

export function basePlan(): Plan {
  return loadPlan(basePlanPath);
}

/** Compares `actual` with test/report/golden/NAME; UPDATE_GOLDEN=1 writes it instead. */
export function expectGolden(name: string, actual: string): void {
  const path = join(here, "golden", name);
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report`);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

/** A copy of `candidate` as another region/type, with scaled carbon and cost (for padded plans). */
export function variantOf(candidate: Candidate, index: number): Candidate {
  const copy = structuredClone(candidate);
  copy.key = `aws/region-${index}/type-${index}.xlarge/fp32/b1`;
  copy.region = `region-${index}`;
  copy.instanceType = `type-${index}.xlarge`;
  copy.rank = index + 2;
  copy.monthlyKgCo2e = candidate.monthlyKgCo2e * (1 + index / 100);
  copy.monthlyCostUsd = candidate.monthlyCostUsd * (1 - index / 10_000);
  return copy;
}
