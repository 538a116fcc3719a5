import type { Candidate } from "../domain/plan.ts";
import { noteTexts } from "../estimate/notes.ts";
import type { BaselineChoice } from "./baseline.ts";
import type { EvaluatedCandidate } from "./candidates.ts";
import type { Choice } from "./choose-candidates.ts";
import type { EvaluationSession } from "./evaluation-session.ts";
import { describeObjective } from "./objective.ts";
import type { PlanRecords } from "./plan-records.ts";

export interface NotesInput {
  session: EvaluationSession;
  choice: Choice;
  records: PlanRecords;
  baseline: BaselineChoice;
  robust: boolean;
  traffic: { assumption: string; warnings: string[] };
  /** Names in the spec that are valid but match nothing in the catalog. */
  nameWarnings: string[];
}

/** What the plan assumed and what a reader should be warned about, in plain sentences, each once. */
export function planNotes(input: NotesInput): { assumptions: string[]; warnings: string[] } {
  const { session, choice, records } = input;
  const { spec } = session;
  const chosen = session.evaluate(choice.feasible.placement(choice.chosen));
  const assumptions = [
    input.traffic.assumption,
    describeObjective(session.weights),
    `grid intensity basis: ${spec.options.intensityBasis}; PUE: the region's disclosed figure where there is one, else the provider's fleet figure`,
    `pricing: ${spec.options.pricing}, 730 hours per month; fleet sized for the peak at ${Math.round(spec.options.targetUtilization * 100)} % target utilisation (min for the quietest hour, desired for the mean)`,
    `batch sizes tried: ${session.batchSizes.join(", ")} (measured, up to maxBatch ${spec.options.batching.maxBatch})` +
      (session.gpuBatchSizes.length > session.batchSizes.length ? `; on NVIDIA GPUs ${session.gpuBatchSizes.join(", ")} (the GPU batch curve, as device memory allows)` : "") +
      `; max queue delay ${spec.options.batching.maxQueueDelayMs} ms`,
    `precisions tried: ${spec.options.precisions.join(", ")}${spec.options.cacheHitRate > 0 ? `; ${Math.round(spec.options.cacheHitRate * 100)} % of requests answered from a cache` : ""}`,
    "alternatives: the best candidate of each other provider/region/instance type, in score order (rank 1 is the chosen one)",
    input.baseline.assumption,
    ...noteTexts(chosen.projection.assumptions),
    ...(chosen.estimate.assumptions ?? []),
    // Every shown candidate's grid figure, not only the chosen one's, may be the lifecycle one standing in.
    ...records.shown.flatMap((candidate) => session.gridIntensity(candidate.region).assumptions),
  ];
  if (spec.users) assumptions.push(`network round trip: ${session.estimator.networkModelDescription}`);
  if (choice.frontSize > choice.pareto.length) {
    assumptions.push(`Pareto front: ${choice.pareto.length} of its ${choice.frontSize} members listed, evenly spaced along cost (both ends and the chosen one kept)`);
  }
  assumptions.push(...session.intensity.assumptions);
  assumptions.push(...(records.hourly?.assumptions ?? []), ...(records.batchTime?.assumptions ?? []));

  const warnings = [...input.nameWarnings, ...input.traffic.warnings, ...input.baseline.warnings];
  for (const profile of session.profiles) for (const warning of profile.warnings) warnings.push(`profile (${profile.model.name} on ${profile.host.cpuModel}): ${warning}`);
  warnings.push(...session.accuracyNotes);
  warnings.push(...methodWarnings(records.yearlyChosen, chosen));
  if (!input.robust) warnings.push("the choice is not robust: it changes within the projected ranges (see robustness)");
  if (choice.overallBest !== choice.chosen) {
    // The best feasible candidate is not the chosen one only when it cannot be deployed.
    const best = session.evaluate(choice.feasible.placement(choice.overallBest));
    warnings.push(`${best.instance.provider} ${best.region.code} ${best.instance.instanceType} would score better but cannot be deployed: ${session.deployability(best.instance).reason}`);
  }
  if (!spec.model.path) warnings.push("model.path is not set: `wattplan emit` needs the model to write the file the fleet serves");
  warnings.push(...(records.hourly?.warnings ?? []), ...(records.batchTime?.warnings ?? []));
  return { assumptions: dedupe(assumptions), warnings: dedupe(warnings) };
}

function methodWarnings(chosenRecord: Candidate, chosen: EvaluatedCandidate): string[] {
  if (chosenRecord.estimate.method === "measured") return [];
  const type = chosen.instance.instanceType;
  return [
    `the chosen candidate's performance is ${chosenRecord.estimate.method === "prior" ? "a published prior" : "projected by a roofline"}, not measured on ${type}: bench it there (wattplan bench --instance-type ${type}) to confirm`,
  ];
}

function dedupe(lines: string[]): string[] {
  return [...new Set(lines)];
}
