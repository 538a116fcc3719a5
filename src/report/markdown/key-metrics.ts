import type { Candidate, Plan } from "../../domain/plan.ts";
import { carbonPerInferenceDetail, flopsPerQuery, intensityYears } from "../describe.ts";
import { formatPue, formatSignificant, formatValue } from "../../format/numbers.ts";
import { escapeCell, markdownTable } from "./text.ts";

/** The four figures every wattplan report carries, for the chosen deployment. */
export function keyMetricsTable(plan: Plan, chosen: Candidate = plan.chosen): string {
  const intensity = chosen.gridIntensity;
  const queryFlops = flopsPerQuery(plan);
  const rows = [
    ["Carbon per inference (SCI)", formatValue(chosen.sciGCo2ePerInference, "gCO2e"), carbonPerInferenceDetail(chosen)],
    ["PUE", formatPue(chosen.pue), `${chosen.provider.toUpperCase()} data-centre overhead (energy × PUE)`],
    ["FLOPs per query", queryFlops.headline, escapeCell(`${queryFlops.detail ? `${queryFlops.detail}; ` : ""}model ${plan.model.name}`)],
    [
      "Grid intensity",
      `${formatSignificant(chosen.gridIntensityGCo2ePerKwh)} gCO2e/kWh`,
      escapeCell(`${intensity.basis} basis, ${intensity.year}, zone ${intensity.zone} (source: ${intensity.source}; plan-wide ${intensityYears(plan)})`),
    ],
  ];
  return markdownTable(["Metric", "Value", "Detail"], rows, [false, true, false]);
}
