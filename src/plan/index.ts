// The planner's entry: the pure core (./build-plan.ts) bound to the production estimator (src/estimate).
import type { Plan } from "../domain/plan.ts";
import type { WorkloadSpec, WorkloadSpecInput } from "../domain/spec.ts";
import { evaluateInRegion, networkModel, operateFleet, operatesAlike, projectPerformance, scoreInRegion, usersRoundTripP95Ms } from "../estimate/index.ts";
import { planWith, type PlanOptions } from "./build-plan.ts";
import type { Estimator } from "./estimator.ts";

export const productionEstimator: Estimator = {
  projectPerformance,
  operateFleet,
  operatesAlike,
  evaluateInRegion,
  scoreInRegion,
  networkRoundTripMs: (users, region) => usersRoundTripP95Ms(users, region),
  networkModelDescription: `${networkModel}; the 95th-percentile user's round trip is added to p95`,
};

/** Plans a workload: synchronous and pure (give `now` for a reproducible createdAt). */
export function plan(spec: WorkloadSpec | WorkloadSpecInput, options: PlanOptions): Plan {
  return planWith(productionEstimator, spec, options);
}

export { planWith, type PlanOptions } from "./build-plan.ts";
export type { Estimator } from "./estimator.ts";
export type { IntensityInput } from "./intensity-input.ts";
export { parseSpecText, parseSpecData } from "./spec/parse-spec.ts";
