// Coordinates for the fixture plan's regions (fixed here so golden files do not move with the catalog).
import type { Candidate, Plan } from "../../../src/domain/plan.ts";
import type { RegionLocations } from "../../../src/report/html/index.ts";

export const fixtureRegions: RegionLocations = {
  "aws/eu-north-1": { latitude: 59.33, longitude: 18.07 },
  "gcp/europe-north1": { latitude: 60.57, longitude: 27.2 },
  "azure/swedencentral": { latitude: 60.67, longitude: 17.14 },
  "aws/us-west-2": { latitude: 45.84, longitude: -119.7 },
  "aws/us-east-1": { latitude: 39.04, longitude: -77.49 },
};

/** A copy of the plan with every candidate passed through `change` (chosen, baseline, front, alternatives). */
export function mapCandidates(plan: Plan, change: (candidate: Candidate) => Candidate): Plan {
  return {
    ...plan,
    chosen: change(plan.chosen),
    baseline: change(plan.baseline),
    pareto: plan.pareto.map(change),
    alternatives: plan.alternatives.map(change),
  };
}
