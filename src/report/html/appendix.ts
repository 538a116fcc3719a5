// Warnings in plain sight, then the fine print in collapsed sections (native <details>, no script): assumptions,
// robustness, data sources with their dates, and what the search covered.
import type { Plan } from "../../domain/plan.ts";
import { escapeHtml } from "./escape.ts";
import { formatInteger, formatSignificant } from "../../format/numbers.ts";

export function renderWarnings(plan: Plan): string {
  const warnings = [...plan.warnings];
  if (!plan.chosen.deployable.deployable) warnings.push(`the chosen candidate cannot be emitted as a stack: ${plan.chosen.deployable.reason ?? "no reason given"}`);
  if (warnings.length === 0) return "";
  return (
    `<section class="warnings" data-role="warnings" aria-labelledby="warnings-heading"><h2 id="warnings-heading">Warnings</h2>` +
    `<ul>${warnings.map((warning) => `<li>${escapeHtml(warning)}</li>`).join("")}</ul></section>`
  );
}

export function renderAppendix(plan: Plan): string {
  const sections = [
    details("Assumptions", `<ul>${plan.assumptions.map((assumption) => `<li>${escapeHtml(assumption)}</li>`).join("")}</ul>`),
    details(
      `Robustness: ${plan.robustness.robust ? "the choice holds across the projected ranges" : "the choice may change within the projected ranges"}`,
      `<p>${escapeHtml(plan.robustness.summary)}</p>` +
        `<ul>${plan.robustness.scenarios.map((scenario) => `<li>${escapeHtml(`${scenario.scenario}: ${scenario.winnerKey}${scenario.changed ? " (a different winner)" : " (same winner)"}`)}</li>`).join("")}</ul>`,
    ),
    details("Data sources and dates", renderSources(plan)),
    details("Search", renderSearch(plan)),
  ];
  return `<section class="appendix" aria-label="Details">${sections.join("")}</section>`;
}

function details(summary: string, bodyHtml: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>${bodyHtml}</details>`;
}

function renderSources(plan: Plan): string {
  const intensity = plan.intensity;
  const fetched = intensity.fetchedAt ? `, fetched ${intensity.fetchedAt}` : "";
  const dates = Object.entries(plan.catalog.asOf)
    .map(([part, range]) => `<tr><td>${escapeHtml(part)}</td><td>${escapeHtml(range.oldest === range.newest ? range.oldest : `${range.oldest} to ${range.newest}`)}</td></tr>`)
    .join("");
  const sources = plan.catalog.sources
    .map((source) => `<tr><td>${escapeHtml(source.title)}</td><td>${escapeHtml(source.publisher)}</td><td>${escapeHtml(source.licence)}</td><td>${escapeHtml(source.retrieved)}</td></tr>`)
    .join("");
  return (
    `<p>Grid intensity: ${escapeHtml(`${intensity.description} (source: ${intensity.source}, ${intensity.basis} basis, ${intensity.yearOldest === intensity.yearNewest ? intensity.yearNewest : `${intensity.yearOldest}–${intensity.yearNewest}`}${fetched})`)}.</p>` +
    `<p class="note">Catalog ${escapeHtml(plan.catalog.version)}, built from ${escapeHtml(plan.catalog.builtFrom)}.</p>` +
    `<div class="table-scroll"><table><thead><tr><th>Figures</th><th>As of</th></tr></thead><tbody>${dates}</tbody></table></div>` +
    `<div class="table-scroll"><table><thead><tr><th>Source</th><th>Publisher</th><th>Licence</th><th>Retrieved</th></tr></thead><tbody>${sources}</tbody></table></div>`
  );
}

function renderSearch(plan: Plan): string {
  const excluded = Object.entries(plan.search.excludedBy)
    .filter(([, count]) => count > 0)
    .map(([constraint, count]) => `<li>${escapeHtml(`${constraint}: ${formatInteger(count)}`)}</li>`)
    .join("");
  return (
    `<p>${escapeHtml(`${formatInteger(plan.search.candidatesEnumerated)} candidates enumerated, ${formatInteger(plan.search.candidatesFeasible)} feasible; the objective is ${describeObjective(plan)}.`)}</p>` +
    (excluded ? `<p class="note">Excluded by the first constraint each failed:</p><ul>${excluded}</ul>` : "")
  );
}

export function describeObjective(plan: Plan): string {
  const objective = plan.objective;
  if (objective.kind === "weighted") return `weighted (carbon ${formatSignificant(objective.carbonWeight, 2)}, cost ${formatSignificant(objective.costWeight, 2)})`;
  return `least ${objective.kind}`;
}
