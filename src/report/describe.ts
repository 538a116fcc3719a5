// Short human descriptions of candidates and plans, shared by the Markdown report and the what-if table.
import type { Candidate, Plan } from "../domain/plan.ts";
import { formatFlops, formatRange, formatSignificant, formatValue } from "../format/numbers.ts";

/** "1× T4" or "none". */
export function acceleratorLabel(candidate: Candidate): string {
  const accelerator = candidate.accelerator;
  return accelerator ? `${accelerator.count}× ${accelerator.model}` : "none";
}

/** "AWS eu-north-1 · c7g.2xlarge · INT8 · batch 8" */
export function deploymentLabel(candidate: Candidate): string {
  const accelerator = candidate.accelerator ? ` (${acceleratorLabel(candidate)})` : "";
  return `${candidate.provider.toUpperCase()} ${candidate.region} · ${candidate.instanceType}${accelerator} · ${candidate.precision.toUpperCase()} · batch ${candidate.batchSize}`;
}

/** "8 vCPU arm64, 16 GB, CPU only" or "1× T4 16 GB, 4 vCPU x86_64, 16 GB" */
export function hardwareLabel(candidate: Candidate): string {
  const cpu = `${candidate.vcpus} vCPU ${candidate.architecture}, ${candidate.memoryGb} GB`;
  const accelerator = candidate.accelerator;
  return accelerator ? `${accelerator.count}× ${accelerator.model} ${accelerator.memoryGb} GB, ${cpu}` : `${cpu}, CPU only`;
}

/**
 * FLOPs per query as every report shows it: the conventional count (2 × the multiply-accumulates of matrix products
 * and convolutions, the figure MLPerf and model cards quote) as the headline, the count of every operator beside it.
 * Plans before version 3 (or from older profiles) know only the latter.
 */
export function flopsPerQuery(plan: Plan): { headline: string; detail: string | null } {
  const { macFlopsPerInference, flopsPerInference } = plan.model;
  if (macFlopsPerInference === undefined) return { headline: formatFlops(flopsPerInference), detail: null };
  return { headline: formatFlops(macFlopsPerInference), detail: `2 × multiply-accumulates; every operator: ${formatFlops(flopsPerInference)}` };
}

export function instancesLabel(candidate: Candidate): string {
  return `${candidate.instances.min} / ${candidate.instances.desired} / ${candidate.instances.max}`;
}

/** "carbon", or "0.67 carbon + 0.33 cost": weights given as 2 : 1 are stored normalised (0.666…). */
export function objectiveLabel(plan: Plan): string {
  const objective = plan.objective;
  if (objective.kind !== "weighted") return objective.kind;
  return `${formatSignificant(objective.carbonWeight, 2)} carbon + ${formatSignificant(objective.costWeight, 2)} cost`;
}

/** "operational 5.87 µgCO2e + embodied 65.2 µgCO2e; range 56.9–92.4 µgCO2e": what carbon per inference (SCI) is made of. */
export function carbonPerInferenceDetail(candidate: Candidate): string {
  const range = candidate.estimate.ranges.sciGCo2ePerInference;
  return `operational ${formatValue(candidate.gCo2ePerInference, "gCO2e")} + embodied ${formatValue(candidate.embodiedGCo2ePerInference, "gCO2e")}; range ${formatRange(range.low, range.high, "gCO2e")}`;
}

/** "2024" or "2023–2024" */
export function intensityYears(plan: Plan): string {
  const { yearOldest, yearNewest } = plan.intensity;
  return yearOldest === yearNewest ? String(yearOldest) : `${yearOldest}–${yearNewest}`;
}
