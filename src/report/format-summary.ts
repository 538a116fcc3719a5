import type { Candidate, Plan } from "../domain/plan.ts";
import { formatGrams, formatInteger, formatPue, formatSignedPercent, formatSignedUsd, formatSignedValue, formatSignificant, formatUsd, formatValue } from "../format/numbers.ts";
import type { TableFormatter } from "../format/table.ts";
import { carbonPerInferenceDetail, flopsPerQuery, hardwareLabel, objectiveLabel } from "./describe.ts";
import { hourlySourceText, hourRanges, scheduleSavingText } from "./describe-schedule.ts";
import { compareWithBaseline } from "./diff/compare.ts";
import { metricOf } from "./markdown/headline.ts";

/** A readable summary of a plan for the terminal: the choice, its four headline metrics, savings, alternatives. */
export function formatPlanSummary(plan: Plan, formatTable: TableFormatter, alternativesShown = 5): string {
  const { chosen, baseline } = plan;
  const lines: string[] = [];
  lines.push(`Plan ${plan.id.slice(0, 12)} for ${plan.spec.name} (${plan.model.name}, objective: ${objectiveLabel(plan)})`);
  lines.push("");
  lines.push(`Chosen: ${placeOf(chosen)}`);
  lines.push(`  ${chosen.instanceType} (${hardwareLabel(chosen)}), ${chosen.precision.toUpperCase()}, batch ${chosen.batchSize}, ${chosen.replicas} replica(s) × ${chosen.threadsPerReplica} thread(s)`);
  lines.push(`  instances: min ${chosen.instances.min}, desired ${chosen.instances.desired}, max ${chosen.instances.max}`);
  const slo = plan.spec.slo ? ` (SLO ${formatSignificant(plan.spec.slo.p95LatencyMs)} ms)` : "";
  lines.push(`  p95 latency ${formatValue(chosen.latencyP95Ms, "ms")}${slo}, ${formatValue(chosen.throughputPerInstanceRps, "inferences/s")} per instance at full load`);
  lines.push("");
  lines.push(`  gCO2e per inference   ${formatValue(chosen.sciGCo2ePerInference, "gCO2e")} (${carbonPerInferenceDetail(chosen)})`);
  lines.push(`  PUE                   ${formatPue(chosen.pue)}`);
  const queryFlops = flopsPerQuery(plan);
  lines.push(`  FLOPs per query       ${queryFlops.headline}${queryFlops.detail ? ` (${queryFlops.detail})` : ""}`);
  lines.push(`  grid intensity        ${formatSignificant(chosen.gridIntensityGCo2ePerKwh)} gCO2e/kWh (${chosen.gridIntensity.basis}, ${chosen.gridIntensity.year}, ${chosen.gridIntensity.zone}, ${chosen.gridIntensity.source})`);
  lines.push(`  energy per inference  ${formatValue(chosen.energyPerInferenceJ, "J")} (${formatValue(chosen.perfPerWatt, "inferences/J")})`);
  lines.push(`  monthly               ${formatUsd(chosen.monthlyCostUsd)}, ${formatValue(chosen.monthlyKgCo2e, "kgCO2e")} (estimate: ${chosen.estimate.method})`);
  lines.push("");
  lines.push(`Baseline: ${placeOf(baseline)}, ${baseline.instanceType} ${baseline.precision.toUpperCase()} batch ${baseline.batchSize}, ${baseline.instances.desired} instance(s)`);
  lines.push(`  ${formatValue(baseline.sciGCo2ePerInference, "gCO2e")} per inference, ${formatUsd(baseline.monthlyCostUsd)} and ${formatValue(baseline.monthlyKgCo2e, "kgCO2e")} per month`);
  // The change from the baseline as the Markdown report's headline states it (head − base: a reduction is −).
  const vsBaseline = compareWithBaseline(plan);
  const carbon = metricOf(vsBaseline, "monthlyKgCo2e");
  const perInference = metricOf(vsBaseline, "sciGCo2ePerInference");
  const cost = metricOf(vsBaseline, "monthlyCostUsd");
  lines.push(
    `Savings vs baseline: carbon ${formatSignedValue(carbon.absolute, "kgCO2e")}/month (${formatSignedPercent(carbon.percent)}), ` +
      `per inference ${formatSignedPercent(perInference.percent)}; cost ${formatSignedUsd(cost.absolute)}/month (${formatSignedPercent(cost.percent)})`,
  );
  const hourlySource = hourlySourceText(plan);
  if (hourlySource) lines.push(`Hourly grid intensity: ${hourlySource}: ${plan.intensity.hourly!.use}`);
  if (plan.schedule) {
    const schedule = plan.schedule;
    lines.push(
      `Batch schedule: ${hourRanges(schedule.hoursOfDay)} ${schedule.timeZone} every day (${schedule.activeInstances} instance(s), ${schedule.idleInstances} outside), ` +
        `from the forecast for ${schedule.forecastDate}; ${scheduleSavingText(schedule)}`,
    );
  }
  lines.push(`Robustness: ${plan.robustness.robust ? "robust" : "not robust"}: ${plan.robustness.summary}`);
  lines.push(`Searched ${formatInteger(plan.search.candidatesEnumerated)} candidates, ${formatInteger(plan.search.candidatesFeasible)} feasible; Pareto front: ${plan.pareto.length} member(s)`);

  const shown = plan.alternatives.slice(0, alternativesShown);
  if (shown.length > 0) {
    lines.push("");
    lines.push("Top alternatives:");
    const listed = [chosen, ...shown];
    const anyUndeployable = listed.some((candidate) => !candidate.deployable.deployable);
    const rows = listed.map((candidate) => [
      String(candidate.rank ?? ""),
      candidate.provider,
      candidate.region,
      candidate.instanceType,
      `${candidate.precision}/b${candidate.batchSize}`,
      String(candidate.instances.desired),
      formatSignificant(candidate.latencyP95Ms),
      formatGrams(candidate.sciGCo2ePerInference),
      formatSignificant(candidate.monthlyKgCo2e),
      formatUsd(candidate.monthlyCostUsd),
      ...(anyUndeployable ? [candidate.deployable.deployable ? "" : "not deployable"] : []),
    ]);
    const header = ["#", "cloud", "region", "type", "prec/batch", "inst", "p95 ms", "CO2e/inf", "kgCO2e/mo", "$/mo", ...(anyUndeployable ? ["note"] : [])];
    lines.push(formatTable(header, rows));
  }
  if (plan.warnings.length > 0) {
    lines.push("");
    lines.push("Warnings:");
    for (const warning of plan.warnings) lines.push(`  - ${warning}`);
  }
  return lines.join("\n");
}

function placeOf(candidate: Candidate): string {
  return `${candidate.provider.toUpperCase()} ${candidate.region} (${candidate.regionName}, ${candidate.country})`;
}
