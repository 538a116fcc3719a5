// The constraints a candidate must meet, in the order they are checked, and the tally of what each excluded.
import type { InstanceType, Region } from "../domain/catalog.ts";
import type { ConstraintsSpec } from "../domain/spec.ts";
import { compileRegionFilter } from "./region-filter.ts";

/** The constraints in the order they are checked; a candidate is counted under the first one it fails. */
export const CONSTRAINT_ORDER = [
  "providers",
  "regions",
  "countries",
  "residency",
  "accelerators",
  "pricing",
  "serving",
  "accuracy",
  "projection",
  "memory",
  "slo",
  "maxMonthlyUsd",
  "maxMonthlyKgCo2e",
] as const;
export type ConstraintName = (typeof CONSTRAINT_ORDER)[number];

/** How many candidates each constraint excluded (each counted under the first constraint it failed). */
export class Exclusions {
  private readonly counts: Partial<Record<ConstraintName, number>> = {};

  add(constraint: ConstraintName, candidates = 1): void {
    this.counts[constraint] = (this.counts[constraint] ?? 0) + candidates;
  }

  /** By constraint name, in code-point order (the plan's `search.excludedBy`). */
  sorted(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.counts).sort(([first], [second]) => (first < second ? -1 : first > second ? 1 : 0)));
  }
}

const NONE: readonly ConstraintName[] = [];

/**
 * The constraints on where a type may run (provider, region, country, residency, accelerator) that it fails there,
 * in order; compiled once per plan. The place's price under the pricing model is checked where the offer is read.
 */
export function compilePlaceConstraints(constraints: ConstraintsSpec): (instance: InstanceType, region: Region) => readonly ConstraintName[] {
  const regionFilter = compileRegionFilter(constraints);
  const allowedAccelerators = constraints.accelerators ? new Set(constraints.accelerators.map((name) => name.toLowerCase())) : null;
  return (instance, region) => {
    const regionFailure = regionFilter(instance.provider, region);
    const acceleratorAllowed = !allowedAccelerators || allowedAccelerators.has((instance.accelerator?.model ?? "none").toLowerCase());
    if (!regionFailure) return acceleratorAllowed ? NONE : ["accelerators"];
    return acceleratorAllowed ? [regionFailure] : [regionFailure, "accelerators"];
  };
}

/** The budgets a candidate's monthly figures exceed, in order. */
export function budgetFailures(constraints: ConstraintsSpec, monthlyCostUsd: number, monthlyKgCo2e: number): readonly ConstraintName[] {
  const overCost = constraints.maxMonthlyUsd !== undefined && monthlyCostUsd > constraints.maxMonthlyUsd;
  const overCarbon = constraints.maxMonthlyKgCo2e !== undefined && monthlyKgCo2e > constraints.maxMonthlyKgCo2e;
  if (!overCost) return overCarbon ? ["maxMonthlyKgCo2e"] : NONE;
  return overCarbon ? ["maxMonthlyUsd", "maxMonthlyKgCo2e"] : ["maxMonthlyUsd"];
}
