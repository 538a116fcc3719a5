// Shared by the report tests: fixture plans and golden-file comparison (UPDATE_GOLDEN=1 rewrites the goldens).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { planSchema, type Candidate, type Plan } from "../../src/domain/plan.ts";
import { expectGoldenFile } from "../golden.ts";

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
  expectGoldenFile(join(here, "golden", name), actual);
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
