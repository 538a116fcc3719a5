// The tables under the charts: the chosen deployment in full (with the ranges of projected figures), the
// ranked alternatives with the baseline, and base-versus-head when the report compares two plans.
import type { Candidate, FigureRange, Plan } from "../../domain/plan.ts";
import { providerName } from "./describe.ts";
import { escapeHtml } from "./escape.ts";
import { formatGrams, formatInteger, formatSignificant, formatUsd, formatUsdPerHour, massUnitFor } from "../../format/numbers.ts";
import { delta, deltaClass, formatDelta, type Delta } from "./headline.ts";

export function renderChosenFacts(plan: Plan): string {
  const chosen = plan.chosen;
  const ranges = chosen.estimate.ranges;
  const accelerator = chosen.accelerator ? `${chosen.accelerator.count}× ${chosen.accelerator.model} (${formatSignificant(chosen.accelerator.memoryGb, 3)} GB)` : "none (CPU)";
  const facts: Array<[string, string]> = [
    ["Cloud and region", `${providerName(chosen.provider)} ${chosen.region} (${chosen.regionName}, ${chosen.country})`],
    ["Instance type", `${chosen.instanceType}: ${chosen.vcpus} vCPU, ${formatSignificant(chosen.memoryGb, 3)} GB, ${chosen.architecture}`],
    ["Accelerator", accelerator],
    ["Precision and batch", `${chosen.precision}, batch ${chosen.batchSize}; ${chosen.replicas} replica${chosen.replicas === 1 ? "" : "s"} × ${chosen.threadsPerReplica} thread${chosen.threadsPerReplica === 1 ? "" : "s"}`],
    ["Instances", `${chosen.instances.min} quiet hour · ${chosen.instances.desired} mean · ${chosen.instances.max} peak`],
    ["Latency p95", `${formatSignificant(chosen.latencyP95Ms, 3)} ms ${rangeText(ranges.latencyP95Ms, (value) => `${formatSignificant(value, 3)} ms`)}`],
    ["Throughput per instance", `${formatSignificant(chosen.throughputPerInstanceRps, 3)} inferences/s ${rangeText(ranges.throughputPerInstanceRps, (value) => formatSignificant(value, 3))}`],
    ["Energy per inference", `${formatSignificant(chosen.energyPerInferenceJ, 3)} J ${rangeText(ranges.energyPerInferenceJ, (value) => `${formatSignificant(value, 3)} J`)}`],
    ["Monthly carbon", `${formatSignificant(chosen.monthlyKgCo2e, 3)} kgCO₂e ${rangeText(ranges.monthlyKgCo2e, (value) => formatSignificant(value, 3))}`],
    ["Monthly cost", `${formatUsd(chosen.monthlyCostUsd)} ${rangeText(ranges.monthlyCostUsd, formatUsd)}; ${formatUsdPerHour(chosen.usdPerHour)}/h ${chosen.pricing}`],
    ["Cost per million inferences", formatUsd(chosen.costPerMillionInferencesUsd)],
    ["Deployable", chosen.deployable.deployable ? "yes" : `no: ${chosen.deployable.reason ?? "no reason given"}`],
    ["Estimate", `${chosen.estimate.method}: ${chosen.estimate.source}`],
  ];
  const rows = facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join("");
  return `<section class="card" aria-labelledby="chosen-heading"><header><h2 id="chosen-heading">Chosen deployment</h2></header><dl class="facts two-column">${rows}</dl></section>`;
}

function rangeText(range: FigureRange, format: (value: number) => string): string {
  return `(range ${format(range.low)}–${format(range.high)})`;
}

export function renderAlternativesTable(plan: Plan): string {
  const paretoKeys = new Set(plan.pareto.map((candidate) => candidate.key));
  const ranked = [plan.chosen, ...plan.alternatives.filter((candidate) => candidate.key !== plan.chosen.key)];
  const unit = massUnitFor(Math.max(...ranked.map((candidate) => candidate.sciGCo2ePerInference), plan.baseline.sciGCo2ePerInference));
  const header =
    `<tr><th class="number">#</th><th>Region</th><th>Instance type</th><th>Precision · batch</th><th class="number">Instances</th>` +
    `<th class="number">p95 ms</th><th class="number">${unit.label}CO₂e / inference</th><th class="number">kgCO₂e / month</th><th class="number">USD / month</th></tr>`;
  const rows = ranked.map((candidate) => renderCandidateRow(candidate, plan, unit, paretoKeys)).join("");
  const baselineRow = renderCandidateRow(plan.baseline, plan, unit, paretoKeys);
  const note = `Ranked by the ${plan.objective.kind} objective; ◆ marks members of the Pareto front (${plan.pareto.length}). Searched ${formatInteger(plan.search.candidatesEnumerated)} candidates, ${formatInteger(plan.search.candidatesFeasible)} feasible.`;
  return (
    `<section class="card" aria-labelledby="alternatives-heading"><header><h2 id="alternatives-heading">Top alternatives</h2></header>` +
    `<div class="table-scroll"><table data-role="alternatives"><thead>${header}</thead><tbody>${rows}${baselineRow}</tbody></table></div>` +
    `<p class="note">${escapeHtml(note)}</p></section>`
  );
}

function renderCandidateRow(candidate: Candidate, plan: Plan, unit: ReturnType<typeof massUnitFor>, paretoKeys: Set<string>): string {
  const isChosen = candidate.key === plan.chosen.key;
  const isBaseline = candidate.key === plan.baseline.key && !isChosen;
  const rowClass = isChosen ? ` class="is-chosen"` : isBaseline ? ` class="is-baseline"` : "";
  const tag = isChosen ? `<span class="tag chosen">chosen</span>` : isBaseline ? `<span class="tag baseline">baseline</span>` : "";
  const front = paretoKeys.has(candidate.key) ? " ◆" : "";
  const rank = isBaseline ? "–" : candidate.rank === null ? "" : String(candidate.rank);
  const accelerator = candidate.accelerator ? ` + ${candidate.accelerator.count}× ${candidate.accelerator.model}` : "";
  return (
    `<tr${rowClass}>` +
    `<td class="number">${escapeHtml(rank)}</td>` +
    `<td>${escapeHtml(`${candidate.provider} ${candidate.region}`)}${escapeHtml(front)}${tag}<div class="range">${escapeHtml(candidate.regionName)}</div></td>` +
    `<td><code>${escapeHtml(candidate.instanceType)}</code>${escapeHtml(accelerator)}</td>` +
    `<td>${escapeHtml(`${candidate.precision} · ${candidate.batchSize}`)}</td>` +
    `<td class="number">${escapeHtml(`${candidate.instances.min}–${candidate.instances.max}`)}</td>` +
    `<td class="number">${escapeHtml(formatSignificant(candidate.latencyP95Ms, 3))}</td>` +
    `<td class="number">${escapeHtml(formatSignificant(candidate.sciGCo2ePerInference / unit.gramsPerUnit, 3))}</td>` +
    `<td class="number">${escapeHtml(formatSignificant(candidate.monthlyKgCo2e, 3))}</td>` +
    `<td class="number">${escapeHtml(formatUsd(candidate.monthlyCostUsd))}</td>` +
    `</tr>`
  );
}

/** Base branch against this branch: what changed in the deployment and by how much. */
export function renderBaseComparison(plan: Plan, base: Plan): string {
  const head = plan.chosen;
  const previous = base.chosen;
  const describe = (candidate: Candidate) => `${candidate.provider} ${candidate.region} · ${candidate.instanceType} · ${candidate.precision} · batch ${candidate.batchSize} · ${candidate.instances.desired} instances`;
  const metrics: Array<[string, number, number, (value: number) => string]> = [
    ["Monthly carbon (kgCO₂e)", previous.monthlyKgCo2e, head.monthlyKgCo2e, (value) => formatSignificant(value, 3)],
    ["Monthly cost (USD)", previous.monthlyCostUsd, head.monthlyCostUsd, formatUsd],
    ["Carbon per inference (SCI)", previous.sciGCo2ePerInference, head.sciGCo2ePerInference, (value) => formatGrams(value)],
    ["Latency p95 (ms)", previous.latencyP95Ms, head.latencyP95Ms, (value) => formatSignificant(value, 3)],
  ];
  const rows = metrics
    .map(([label, before, after, format]) => {
      const change: Delta = delta(after, before);
      return `<tr><td>${escapeHtml(label)}</td><td class="number">${escapeHtml(format(before))}</td><td class="number">${escapeHtml(format(after))}</td><td class="number"><span class="delta ${deltaClass(change)}">${escapeHtml(formatDelta(change, format))}</span></td></tr>`;
    })
    .join("");
  return (
    `<section class="card" aria-labelledby="base-heading"><header><h2 id="base-heading">Base branch → this branch</h2></header>` +
    `<dl class="facts"><dt>Base</dt><dd>${escapeHtml(describe(previous))}</dd><dt>This branch</dt><dd>${escapeHtml(describe(head))}</dd></dl>` +
    `<div class="table-scroll"><table data-role="base-comparison"><thead><tr><th>Metric</th><th class="number">Base</th><th class="number">This branch</th><th class="number">Change</th></tr></thead><tbody>${rows}</tbody></table></div></section>`
  );
}
