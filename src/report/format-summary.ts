import type { Candidate, Plan } from "../domain/plan.ts";
import { formatFixed, formatInteger } from "../format/numbers.ts";
import { flopsPerQuery } from "./describe.ts";
import { hourlySourceText, hourRanges, scheduleSavingText } from "./describe-schedule.ts";

export type TableFormatter = (header: string[], rows: string[][]) => string;

/** A readable summary of a plan for the terminal: the choice, its four headline metrics, savings, alternatives. */
export function formatPlanSummary(plan: Plan, formatTable: TableFormatter, alternativesShown = 5): string {
  const { chosen, baseline, savings } = plan;
  const lines: string[] = [];
  lines.push(`Plan ${plan.id.slice(0, 12)} for ${plan.spec.name} (${plan.model.name}, objective: ${objectiveLabel(plan)})`);
  lines.push("");
  lines.push(`Chosen: ${placeOf(chosen)}`);
  lines.push(`  ${chosen.instanceType} (${hardwareOf(chosen)}), ${chosen.precision.toUpperCase()}, batch ${chosen.batchSize}, ${chosen.replicas} replica(s) × ${chosen.threadsPerReplica} thread(s)`);
  lines.push(`  instances: min ${chosen.instances.min}, desired ${chosen.instances.desired}, max ${chosen.instances.max}`);
  lines.push(`  p95 latency ${fixed(chosen.latencyP95Ms, 1)} ms${plan.spec.slo ? ` (SLO ${plan.spec.slo.p95LatencyMs} ms)` : ""}, ${fixed(chosen.throughputPerInstanceRps, 1)} inferences/s per instance at full load`);
  lines.push("");
  lines.push(`  gCO2e per inference   ${chosen.sciGCo2ePerInference.toExponential(3)} g = ${grams(chosen.sciGCo2ePerInference)} (operational ${grams(chosen.gCo2ePerInference)} + embodied ${grams(chosen.embodiedGCo2ePerInference)}; range ${grams(chosen.estimate.ranges.sciGCo2ePerInference.low)}–${grams(chosen.estimate.ranges.sciGCo2ePerInference.high)})`);
  lines.push(`  PUE                   ${fixed(chosen.pue, 2)}`);
  const queryFlops = flopsPerQuery(plan);
  lines.push(`  FLOPs per query       ${queryFlops.headline}${queryFlops.detail ? ` (${queryFlops.detail})` : ""}`);
  lines.push(`  grid intensity        ${fixed(chosen.gridIntensityGCo2ePerKwh, 0)} gCO2e/kWh (${chosen.gridIntensity.basis}, ${chosen.gridIntensity.year}, ${chosen.gridIntensity.zone}, ${chosen.gridIntensity.source})`);
  lines.push(`  energy per inference  ${fixed(chosen.energyPerInferenceJ, 3)} J (${fixed(chosen.perfPerWatt, 2)} inferences/J)`);
  lines.push(`  monthly               $${money(chosen.monthlyCostUsd)}, ${fixed(chosen.monthlyKgCo2e, 1)} kgCO2e (estimate: ${chosen.estimate.method})`);
  lines.push("");
  lines.push(`Baseline: ${placeOf(baseline)}, ${baseline.instanceType} ${baseline.precision.toUpperCase()} batch ${baseline.batchSize}, ${baseline.instances.desired} instance(s)`);
  lines.push(`  ${grams(baseline.sciGCo2ePerInference)} CO2e per inference, $${money(baseline.monthlyCostUsd)} and ${fixed(baseline.monthlyKgCo2e, 1)} kgCO2e per month`);
  lines.push(
    `Savings vs baseline: carbon ${signed(savings.monthlyKgCo2e.absolute, 1)} kgCO2e/month (${percent(savings.monthlyKgCo2e.percent)}), ` +
      `per inference ${percent(savings.sciGCo2ePerInference.percent)}; cost ${signed(savings.monthlyCostUsd.absolute, 0, "$")}/month (${percent(savings.monthlyCostUsd.percent)})`,
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
      fixed(candidate.latencyP95Ms, 0),
      grams(candidate.sciGCo2ePerInference),
      fixed(candidate.monthlyKgCo2e, 1),
      money(candidate.monthlyCostUsd),
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

function objectiveLabel(plan: Plan): string {
  const objective = plan.objective;
  if (objective.kind !== "weighted") return objective.kind;
  return `${objective.carbonWeight.toFixed(2)} carbon + ${objective.costWeight.toFixed(2)} cost`;
}

function placeOf(candidate: Candidate): string {
  return `${candidate.provider.toUpperCase()} ${candidate.region} (${candidate.regionName}, ${candidate.country})`;
}

function hardwareOf(candidate: Candidate): string {
  const cpu = `${candidate.vcpus} vCPU ${candidate.architecture}, ${candidate.memoryGb} GB`;
  return candidate.accelerator ? `${candidate.accelerator.count} × ${candidate.accelerator.model} ${candidate.accelerator.memoryGb} GB, ${cpu}` : `CPU only, ${cpu}`;
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

function money(value: number): string {
  return formatFixed(value, 0);
}

/** A saving shown as the change it is: a positive saving is a reduction (−). */
function signed(value: number, digits: number, unitPrefix = ""): string {
  return `${value >= 0 ? "−" : "+"}${unitPrefix}${formatFixed(Math.abs(value), digits)}`;
}

function percent(value: number | null): string {
  return value === null ? "n/a" : `${value >= 0 ? "−" : "+"}${Math.abs(value).toFixed(1)} %`;
}

/** Per-inference carbon is tiny: grams in a unit that keeps three significant digits readable. */
function grams(value: number): string {
  if (value === 0) return "0 g";
  if (value >= 0.1) return `${value.toPrecision(3)} g`;
  if (value >= 1e-4) return `${(value * 1e3).toPrecision(3)} mg`;
  return `${(value * 1e6).toPrecision(3)} µg`;
}

