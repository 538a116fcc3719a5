import type { Plan } from "../../domain/plan.ts";
import { hardwareLabel, instancesLabel } from "../describe.ts";
import { formatRange, formatSignificant, formatUsdPerHour, formatValue } from "../../format/numbers.ts";
import { escapeText, markdownTable } from "./text.ts";

/** The chosen deployment in full, with the projected range of every figure the planner projected. */
export function chosenSection(plan: Plan): string {
  const chosen = plan.chosen;
  const ranges = chosen.estimate.ranges;
  const slo = plan.spec.slo ? ` (SLO ${formatSignificant(plan.spec.slo.p95LatencyMs)} ms)` : "";
  const place = `**${chosen.provider.toUpperCase()} ${escapeText(chosen.region)}** (${escapeText(chosen.regionName)}, ${chosen.country})`;
  const lines = [
    `- ${place} · \`${escapeText(chosen.instanceType)}\` (${escapeText(hardwareLabel(chosen))}) · ${chosen.precision.toUpperCase()} · batch ${chosen.batchSize} · ${chosen.replicas} replica(s) × ${chosen.threadsPerReplica} thread(s)`,
    `- Instances min / desired / max: ${instancesLabel(chosen)} · ${chosen.pricing} ${formatUsdPerHour(chosen.usdPerHour)}/h each · utilisation ${formatSignificant(chosen.utilization * 100, 2)} %`,
    `- Estimate: **${chosen.estimate.method}** (${escapeText(chosen.estimate.source)})${chosen.deployable.deployable ? "" : ` · **not deployable**: ${escapeText(chosen.deployable.reason ?? "no reason given")}`}`,
    "",
  ];
  const rows: [string, number, { low: number; high: number }, string][] = [
    [`Latency p95${slo}`, chosen.latencyP95Ms, ranges.latencyP95Ms, "ms"],
    ["Throughput per instance", chosen.throughputPerInstanceRps, ranges.throughputPerInstanceRps, "inferences/s"],
    ["Energy per inference", chosen.energyPerInferenceJ, ranges.energyPerInferenceJ, "J"],
    ["Carbon per inference (SCI)", chosen.sciGCo2ePerInference, ranges.sciGCo2ePerInference, "gCO2e"],
    ["Monthly carbon", chosen.monthlyKgCo2e, ranges.monthlyKgCo2e, "kgCO2e"],
    ["Monthly cost", chosen.monthlyCostUsd, ranges.monthlyCostUsd, "USD"],
  ];
  const table = markdownTable(
    ["Figure", "Estimate", "Range (low–high)"],
    rows.map(([label, value, range, unit]) => [label, formatValue(value, unit), formatRange(range.low, range.high, unit)]),
    [false, true, true],
  );
  const robustness = `Robustness: ${plan.robustness.robust ? "" : "**not robust**: "}${escapeText(plan.robustness.summary)}`;
  return [...lines, table, "", robustness].join("\n");
}
