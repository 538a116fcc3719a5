import type { Candidate } from "../domain/plan.ts";
import type { ModelProfile } from "../domain/profile.ts";
import type { WorkloadSpec } from "../domain/spec.ts";
import type { BaselineChoice } from "./baseline.ts";
import { deployabilityOf } from "./deployability.ts";
import type { EvaluatedCandidate } from "./enumerate.ts";

export interface NotesInput {
  spec: WorkloadSpec;
  profiles: ModelProfile[];
  chosen: EvaluatedCandidate;
  chosenRecord: Candidate;
  baseline: BaselineChoice;
  /** The best feasible candidate when it is not the chosen one (it is undeployable). */
  overallBest: EvaluatedCandidate | null;
  robust: boolean;
  trafficAssumption: string;
  objectiveDescription: string;
  networkModel: string | null;
  frontThinned: { from: number; to: number } | null;
  batchSizes: number[];
  nameWarnings: string[];
  intensityNote: string | null;
}

/** What the plan assumed and what a reader should be warned about, in plain sentences. */
export function planNotes(input: NotesInput): { assumptions: string[]; warnings: string[] } {
  const { spec, chosen } = input;
  const assumptions = [
    input.trafficAssumption,
    input.objectiveDescription,
    `grid intensity basis: ${spec.options.intensityBasis}; PUE: the region's disclosed figure where there is one, else the provider's fleet figure`,
    `pricing: ${spec.options.pricing}, 730 hours per month; fleet sized for the peak at ${Math.round(spec.options.targetUtilization * 100)} % target utilisation (min for the quietest hour, desired for the mean)`,
    `batch sizes tried: ${input.batchSizes.join(", ")} (measured, up to maxBatch ${spec.options.batching.maxBatch}); max queue delay ${spec.options.batching.maxQueueDelayMs} ms`,
    `precisions tried: ${spec.options.precisions.join(", ")}${spec.options.cacheHitRate > 0 ? `; ${Math.round(spec.options.cacheHitRate * 100)} % of requests answered from a cache` : ""}`,
    "alternatives: the best candidate of each other provider/region/instance type, in score order (rank 1 is the chosen one)",
    input.baseline.assumption,
    ...chosen.projection.assumptions,
    ...(chosen.estimate.assumptions ?? []),
  ];
  if (input.networkModel) assumptions.push(`network round trip: ${input.networkModel}`);
  if (input.frontThinned) assumptions.push(`Pareto front: ${input.frontThinned.to} of its ${input.frontThinned.from} members listed, evenly spaced along cost (both ends and the chosen one kept)`);
  if (input.intensityNote) assumptions.push(input.intensityNote);

  const warnings = [...input.nameWarnings, ...input.baseline.warnings];
  for (const profile of input.profiles) for (const warning of profile.warnings) warnings.push(`profile (${profile.model.name} on ${profile.host.cpuModel}): ${warning}`);
  if (input.chosenRecord.estimate.method !== "measured") {
    warnings.push(
      `the chosen candidate's performance is ${input.chosenRecord.estimate.method === "prior" ? "a published prior" : "projected by a roofline"}, not measured on ${chosen.instance.instanceType}: bench it there (wattplan bench --instance-type ${chosen.instance.instanceType}) to confirm`,
    );
  }
  if (!input.robust) warnings.push("the choice is not robust: it changes within the projected ranges (see robustness)");
  if (input.overallBest) {
    const best = input.overallBest;
    warnings.push(`${best.instance.provider} ${best.region.code} ${best.instance.instanceType} would score better but cannot be deployed: ${deployabilityOf(best.instance).reason}`);
  }
  if (!spec.model.uri) warnings.push("model.uri is not set: `wattplan emit` needs it to make a deployable stack");
  return { assumptions: dedupe(assumptions), warnings: dedupe(warnings) };
}

function dedupe(lines: string[]): string[] {
  return [...new Set(lines)];
}
