// The row of key figures under the headline: the four every wattplan report carries (carbon per inference, PUE,
// FLOPs per query, grid intensity with basis and year) and the monthly cost, carbon, latency and energy.
import type { Plan } from "../../domain/plan.ts";
import { escapeHtml } from "./escape.ts";
import { formatGrams, formatPue, formatSignificant, formatUsd, massUnitFor } from "../../format/numbers.ts";
import { flopsPerQuery } from "../describe.ts";
import { deltaClass, formatKgDelta, formatUsdDelta, type Headline } from "./headline.ts";

interface KeyFigure {
  id: string;
  label: string;
  value: string;
  unit: string;
  /** Already-escaped HTML. */
  noteHtml: string;
}

export function renderKeyFigures(plan: Plan, headline: Headline): string {
  const chosen = plan.chosen;
  const queryFlops = flopsPerQuery(plan);
  const sciUnit = massUnitFor(chosen.sciGCo2ePerInference);
  const sciRange = chosen.estimate.ranges.sciGCo2ePerInference;
  const versus = headline.reference === "the base branch" ? "vs base" : "vs baseline";
  const figures: KeyFigure[] = [
    {
      id: "carbon-per-inference",
      label: "Carbon per inference",
      value: formatSignificant(chosen.sciGCo2ePerInference / sciUnit.gramsPerUnit, 3),
      unit: `${sciUnit.label}CO₂e`,
      noteHtml: escapeHtml(`operational ${formatGrams(chosen.gCo2ePerInference)} + embodied ${formatGrams(chosen.embodiedGCo2ePerInference)}; range ${formatGrams(sciRange.low, sciUnit)}–${formatGrams(sciRange.high, sciUnit)}`),
    },
    {
      id: "monthly-carbon",
      label: "Monthly carbon",
      value: formatSignificant(chosen.monthlyKgCo2e, 3),
      unit: "kgCO₂e",
      noteHtml: `<span class="delta ${deltaClass(headline.carbon)}">${escapeHtml(formatKgDelta(headline.carbon))}</span> ${versus}`,
    },
    {
      id: "monthly-cost",
      label: `Monthly cost, ${chosen.pricing}`,
      value: formatUsd(chosen.monthlyCostUsd),
      unit: "",
      noteHtml: `<span class="delta ${deltaClass(headline.cost)}">${escapeHtml(formatUsdDelta(headline.cost))}</span> ${versus}`,
    },
    {
      id: "grid-intensity",
      label: "Grid intensity",
      value: formatSignificant(chosen.gridIntensityGCo2ePerKwh),
      unit: "gCO₂e/kWh",
      noteHtml: escapeHtml(`${chosen.gridIntensity.basis} basis, ${chosen.gridIntensity.year} · zone ${chosen.gridIntensity.zone}`),
    },
    {
      id: "pue",
      label: "PUE",
      value: formatPue(chosen.pue),
      unit: "",
      noteHtml: escapeHtml(`facility ÷ IT energy, ${chosen.provider} ${chosen.region}`),
    },
    {
      id: "flops-per-query",
      label: "FLOPs per query",
      value: queryFlops.headline.split(" ")[0],
      unit: queryFlops.headline.split(" ")[1] ?? "",
      noteHtml: escapeHtml(`${queryFlops.detail ? `${queryFlops.detail} · ` : ""}${plan.model.name}, ${formatSignificant(plan.model.params / 1e6, 3)} M parameters`),
    },
    {
      id: "latency-p95",
      label: "Latency p95",
      value: formatSignificant(chosen.latencyP95Ms, 3),
      unit: "ms",
      noteHtml: escapeHtml(`${plan.spec.slo ? `SLO ${formatSignificant(plan.spec.slo.p95LatencyMs, 3)} ms` : "no SLO"}; range ${formatSignificant(chosen.estimate.ranges.latencyP95Ms.low, 3)}–${formatSignificant(chosen.estimate.ranges.latencyP95Ms.high, 3)} ms`),
    },
    {
      id: "energy-per-inference",
      label: "Energy per inference",
      value: formatSignificant(chosen.energyPerInferenceJ, 3),
      unit: "J",
      noteHtml: escapeHtml(`${formatSignificant(chosen.perfPerWatt, 3)} inferences per joule; ${formatSignificant(chosen.powerWattsPerInstance, 3)} W per instance`),
    },
  ];
  return `<section class="figures" aria-label="Key figures">${figures.map(renderFigure).join("")}</section>`;
}

function renderFigure(figure: KeyFigure): string {
  const unit = figure.unit ? `<span class="unit">${escapeHtml(figure.unit)}</span>` : "";
  return (
    `<div class="figure" data-role="key-figure" data-figure="${figure.id}">` +
    `<div class="label">${escapeHtml(figure.label)}</div>` +
    `<div class="value">${escapeHtml(figure.value)}${unit}</div>` +
    `<div class="note">${figure.noteHtml}</div>` +
    `</div>`
  );
}
