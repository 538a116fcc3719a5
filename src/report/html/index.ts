// The HTML report: one self-contained page (inline CSS, inline SVG drawn here, no script, nothing fetched) for a
// plan, or for a plan against the base branch's plan. renderHtml is pure and reads nothing but the plans.
import type { Plan } from "../../domain/plan.ts";
import { describeObjective, renderAppendix, renderWarnings } from "./appendix.ts";
import { renderAlternativesTable, renderBaseComparison, renderChosenFacts } from "./deployment-tables.ts";
import { configurationLabel, intensityBasisLabel, providerName } from "./describe.ts";
import { escapeHtml } from "./escape.ts";
import { deltaClass, formatKgDelta, formatUsdDelta, headlineFor } from "./headline.ts";
import { renderKeyFigures } from "./key-figures.ts";
import { renderPage } from "./page.ts";
import { renderParetoChart } from "./pareto-chart.ts";
import { regionLocationsOf, type RegionLocations } from "./plan-regions.ts";
import { renderRegionBarChart } from "./region-bar-chart.ts";
import { REPORT_CSS } from "./styles.ts";
import { renderWorldMap } from "./world-map.ts";

export { regionLocationsFromCatalog, regionLocationsOf, type RegionLocation, type RegionLocations } from "./plan-regions.ts";

export interface HtmlReportOptions {
  /** The base branch's plan: the headline and a table then compare against it. */
  base?: Plan;
  /**
   * Region coordinates keyed "provider/region"; default: those the plan's candidates carry. A plan of schemaVersion 1
   * carries none: pass regionLocationsFromCatalog(catalog, plan) to draw its regions. Regions without coordinates
   * are listed under the map, not drawn.
   */
  regions?: RegionLocations;
}

export function renderHtml(plan: Plan, options: HtmlReportOptions = {}): string {
  const headline = headlineFor(plan, options.base);
  const headlineText = `Monthly carbon ${formatKgDelta(headline.carbon)}, cost ${formatUsdDelta(headline.cost)} vs ${options.base ? "base branch" : "baseline"}`;
  const map = renderWorldMap(plan, options.regions ?? regionLocationsOf(plan));
  const mapNotes =
    `<p class="note" data-role="map-caption">${escapeHtml(map.caption)}</p>` +
    (map.unplaced.length === 0
      ? ""
      : `<p class="note">No coordinates given for ${escapeHtml(map.unplaced.map((region) => `${region.provider} ${region.region}`).join(", "))}: listed in the charts above, not on the map${plan.schemaVersion < 2 ? " (plans written before schemaVersion 2 carry no coordinates)" : ""}.</p>`);

  const body = [
    renderHero(plan, options.base, headlineText),
    renderKeyFigures(plan, headline),
    `<div class="charts">`,
    chartCard(
      "pareto-heading",
      "Cost against carbon",
      "The Pareto front: no other feasible candidate is cheaper and lower-carbon at once.",
      renderParetoChart(plan, options.base),
      renderParetoLegend(options.base !== undefined),
    ),
    chartCard(
      "regions-heading",
      "Carbon per inference by region",
      "Best candidate in each region, lowest first; bar colour is the region's grid intensity.",
      renderRegionBarChart(plan),
      "",
    ),
    `</div>`,
    `<div class="stack">`,
    chartCard("map-heading", "Where the candidates run", `Region locations coloured by grid carbon intensity (${intensityBasisLabel(plan)}).`, map.svg, mapNotes),
    `</div>`,
    renderWarnings(plan),
    options.base ? `<div class="stack">${renderBaseComparison(plan, options.base)}</div>` : "",
    `<div class="stack">${renderChosenFacts(plan)}${renderAlternativesTable(plan)}</div>`,
    renderAppendix(plan),
    renderFooter(plan),
  ].join("\n");

  return renderPage({ title: `${plan.spec.name}: ${headlineText} · wattplan`, css: REPORT_CSS, wattplanVersion: plan.wattplanVersion, body });
}

function renderHero(plan: Plan, base: Plan | undefined, headlineText: string): string {
  const headline = headlineFor(plan, base);
  const chosen = plan.chosen;
  const reference = headline.referenceCandidate;
  const counts = chosen.instances.min === chosen.instances.max ? `${chosen.instances.min}` : `${chosen.instances.min}–${chosen.instances.max}`;
  const chips = [
    chip(describeObjective(plan), ""),
    chip(plan.robustness.robust ? "robust within ranges" : "not robust within ranges", plan.robustness.robust ? "good" : "caution"),
    chip(`estimate: ${chosen.estimate.method}`, chosen.estimate.method === "measured" ? "good" : "caution"),
    chip(chosen.deployable.deployable ? "deployable" : "not deployable", chosen.deployable.deployable ? "good" : "caution"),
    chip(`grid intensity: ${intensityBasisLabel(plan)}`, ""),
  ];
  return (
    `<header class="hero">` +
    `<p class="eyebrow"><span class="brand">wattplan</span> · planning report · ${escapeHtml(plan.spec.name)}</p>` +
    `<h1 data-role="headline" aria-label="${escapeHtml(headlineText)}">Monthly carbon <span class="headline-delta ${deltaClass(headline.carbon)}">${escapeHtml(formatKgDelta(headline.carbon))}</span>, ` +
    `cost <span class="headline-delta ${deltaClass(headline.cost)}">${escapeHtml(formatUsdDelta(headline.cost))}</span>` +
    `<span class="headline-reference"> vs ${base ? "base branch" : "baseline"}</span></h1>` +
    `<p class="lede">Run <strong>${escapeHtml(plan.model.name)}</strong> on <strong>${escapeHtml(`${providerName(chosen.provider)} ${chosen.region}`)}</strong> ` +
    `(${escapeHtml(chosen.regionName)}): ${escapeHtml(`${counts} × ${configurationLabel(chosen)}`)}. ` +
    `Compared with ${escapeHtml(headline.reference)}: ${escapeHtml(`${providerName(reference.provider)} ${reference.region}, ${configurationLabel(reference)}`)}.</p>` +
    `<div class="chips">${chips.join("")}</div>` +
    `</header>`
  );
}

function chip(text: string, tone: "" | "good" | "caution"): string {
  return `<span class="chip${tone ? ` ${tone}` : ""}">${escapeHtml(text)}</span>`;
}

function chartCard(headingId: string, title: string, subtitle: string, chartSvg: string, afterHtml: string): string {
  return (
    `<section class="card" aria-labelledby="${headingId}">` +
    `<header><h2 id="${headingId}">${escapeHtml(title)}</h2><p>${escapeHtml(subtitle)}</p></header>` +
    `<figure>${chartSvg}</figure>${afterHtml}</section>`
  );
}

function renderParetoLegend(withBase: boolean): string {
  const icon = (shape: string) => `<svg viewBox="-7 -7 14 14" aria-hidden="true">${shape}</svg>`;
  const items = [
    `<li>${icon(`<circle class="point-pareto" r="5"/>`)}Pareto front</li>`,
    `<li>${icon(`<circle class="chosen-ring" r="6.5"/><circle class="point-chosen" r="4"/>`)}chosen</li>`,
    `<li>${icon(`<path class="point-baseline" d="M0,-6l6,6l-6,6l-6,-6z"/>`)}baseline</li>`,
    `<li>${icon(`<circle class="point-alternative" r="4"/>`)}other alternatives</li>`,
  ];
  if (withBase) items.push(`<li>${icon(`<rect class="point-base" x="-5" y="-5" width="10" height="10" rx="2"/>`)}base branch</li>`);
  return `<ul class="legend-list" aria-hidden="true">${items.join("")}</ul>`;
}

function renderFooter(plan: Plan): string {
  return (
    `<footer>Generated by wattplan ${escapeHtml(plan.wattplanVersion)} from plan <code>${escapeHtml(plan.id.slice(0, 12))}</code>, created ${escapeHtml(plan.createdAt)}. ` +
    `Grid intensity: ${escapeHtml(plan.intensity.description)}. Figures are estimates with the ranges shown; see the data sources above.</footer>`
  );
}
