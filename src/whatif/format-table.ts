import { deploymentLabel } from "../report/describe.ts";
import { formatVaryValue } from "./parse-vary.ts";
import { formatSignedPercent, formatSignedUsd, formatSignedValue, formatUsd, formatValue } from "../format/numbers.ts";
import type { TableFormatter } from "../format/table.ts";
import type { WhatIfResult } from "./types.ts";

/** The cross product as a terminal table: each case's choice and figures, and its change from the reference case. */
export function formatWhatIfTable(result: WhatIfResult, formatTable: TableFormatter): string {
  const rows = result.cases.map((entry) => {
    const row = result.table[entry.index];
    const chosen = entry.plan?.chosen;
    const marker = entry.index === result.referenceIndex ? "*" : "";
    const variation = Object.values(entry.settings).map(formatVaryValue).join(" · ");
    if (!chosen) return [`${entry.index + 1}${marker}`, variation, `infeasible: ${entry.error ?? "no plan"}`, "", "", "", "", "", ""];
    const carbon = row.diff?.metrics.find((metric) => metric.metric === "monthlyKgCo2e");
    const cost = row.diff?.metrics.find((metric) => metric.metric === "monthlyCostUsd");
    return [
      `${entry.index + 1}${marker}`,
      variation,
      deploymentLabel(chosen),
      formatValue(chosen.monthlyKgCo2e, "kgCO2e"),
      carbon ? `${formatSignedValue(carbon.absolute, "")} (${formatSignedPercent(carbon.percent)})` : "",
      formatUsd(chosen.monthlyCostUsd),
      cost ? `${formatSignedUsd(cost.absolute)} (${formatSignedPercent(cost.percent)})` : "",
      formatValue(chosen.sciGCo2ePerInference, "gCO2e"),
      formatValue(chosen.latencyP95Ms, ""),
    ];
  });
  const table = formatTable(["#", "variation", "chosen", "kgCO2e/month", "Δ carbon", "USD/month", "Δ cost", "CO2e/inference", "p95 ms"], rows);
  const legend = `variation = ${result.axes.map((axis) => axis.key).join(" · ")}`;
  const note = result.referenceIndex === null ? "no combination had a feasible plan" : `* = the reference case; Δ = change from case ${result.referenceIndex + 1}`;
  return `${legend}\n${table}\n${note}`;
}
