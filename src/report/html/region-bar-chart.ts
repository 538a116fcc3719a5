// Chart 2: carbon per inference (SCI: operational + embodied) of the best candidate in each region the plan
// names, lowest first, bars coloured by the region's grid intensity; the baseline closes the list on its own row.
// Labels sit above their bars so long region codes never squeeze the bars.
import type { Candidate, Plan } from "../../domain/plan.ts";
import { configurationLabel, formatIntensity } from "./describe.ts";
import { attributes, escapeHtml } from "./escape.ts";
import { formatGrams, massUnitFor } from "../../format/numbers.ts";
import { intensityColour } from "./intensity-colour.ts";
import { reportRegions } from "./plan-regions.ts";
import { linearScale, niceDomain, ticks } from "./scale.ts";
import { px, renderBottomAxis } from "./svg-axes.ts";

/** Past this multiple of the longest regional bar, the baseline's bar is drawn broken so the regions stay readable. */
const BROKEN_BAR_RATIO = 2.5;

export const REGION_CHART_SIZE = { width: 560, rowHeightPx: 42, valueColumnPx: 64, top: 4, bottom: 52, baselineGapPx: 12 } as const;

export interface RegionBarRow {
  candidate: Candidate;
  regionName: string;
  isChosen: boolean;
  isBaseline: boolean;
}

export function regionBarRows(plan: Plan): RegionBarRow[] {
  const rows: RegionBarRow[] = reportRegions(plan)
    .filter((region) => region.best.key !== plan.baseline.key)
    .map((region) => ({ candidate: region.best, regionName: region.regionName, isChosen: region.best.key === plan.chosen.key, isBaseline: false }));
  rows.push({ candidate: plan.baseline, regionName: plan.baseline.regionName, isChosen: false, isBaseline: true });
  return rows;
}

export function renderRegionBarChart(plan: Plan): string {
  const rows = regionBarRows(plan);
  const { width, rowHeightPx, valueColumnPx, top, bottom, baselineGapPx } = REGION_CHART_SIZE;
  const plotBottom = top + rows.length * rowHeightPx + baselineGapPx;
  const height = plotBottom + bottom;
  const { scaleMaximumGrams, baselineBroken } = regionChartExtent(rows);
  const unit = massUnitFor(scaleMaximumGrams);
  const { domain, step } = niceDomain(0, scaleMaximumGrams / unit.gramsPerUnit, 5);
  const scale = linearScale(domain, [0, width - valueColumnPx]);

  const parts: string[] = [
    `<svg ${attributes({ class: "chart", "data-chart": "regions", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "regions-title regions-desc" })}>`,
    `<title id="regions-title">Carbon per inference by region (SCI, operational + embodied)</title>`,
    `<desc id="regions-desc">${escapeHtml(describeRows(rows))}</desc>`,
    renderBottomAxis({
      scale,
      tickValues: ticks(domain[0], domain[1], step),
      step,
      label: `${unit.label}CO₂e per inference (SCI)`,
      across: [top, plotBottom],
      y: plotBottom,
    }),
  ];
  rows.forEach((row, index) => {
    const rowTop = top + index * rowHeightPx + (row.isBaseline ? baselineGapPx : 0);
    const value = row.candidate.sciGCo2ePerInference / unit.gramsPerUnit;
    const broken = row.isBaseline && baselineBroken;
    const barWidth = broken ? width - valueColumnPx : Math.max(2, scale(value));
    const barTop = rowTop + 20;
    const rowClass = row.isBaseline ? "bar-row is-baseline" : row.isChosen ? "bar-row is-chosen" : "bar-row";
    if (row.isBaseline) parts.push(`<line class="baseline-divider" x1="0" x2="${width}" y1="${px(rowTop - baselineGapPx / 2)}" y2="${px(rowTop - baselineGapPx / 2)}"/>`);
    const tag = row.isChosen ? "Chosen" : row.isBaseline ? "Baseline" : "";
    const tagText = tag ? `<tspan class="bar-tag">${tag}</tspan><tspan class="bar-separator"> · </tspan>` : "";
    const details = `${row.candidate.provider} ${row.candidate.region} · ${formatIntensity(row.candidate.gridIntensityGCo2ePerKwh)}`;
    parts.push(
      `<g class="${rowClass}" data-role="region-bar-row" data-region="${escapeHtml(`${row.candidate.provider}/${row.candidate.region}`)}">`,
      `<title>${escapeHtml(rowTooltip(row))}</title>`,
      `<text class="bar-label" x="0" y="${px(rowTop + 13)}">${tagText}${escapeHtml(row.regionName)}<tspan class="bar-sublabel"> ${escapeHtml(details)}</tspan></text>`,
      `<rect class="bar" data-role="region-bar" x="0" y="${px(barTop)}" width="${px(barWidth)}" height="14" rx="2" fill="${intensityColour(row.candidate.gridIntensityGCo2ePerKwh)}"/>`,
      broken ? renderBreakMark(barWidth - 26, barTop) : "",
      `<text class="bar-value" x="${px(barWidth + 8)}" y="${px(barTop + 7)}" dy="0.35em">${escapeHtml(formatGrams(row.candidate.sciGCo2ePerInference, unit))}</text>`,
      `</g>`,
    );
  });
  parts.push(`</svg>`);
  return parts.join("");
}

/** The value the axis runs to, and whether the baseline's bar breaks past it. */
export function regionChartExtent(rows: RegionBarRow[]): { scaleMaximumGrams: number; baselineBroken: boolean } {
  const regional = rows.filter((row) => !row.isBaseline).map((row) => row.candidate.sciGCo2ePerInference);
  const baseline = rows.filter((row) => row.isBaseline).map((row) => row.candidate.sciGCo2ePerInference);
  const regionalMaximum = Math.max(0, ...regional);
  const baselineMaximum = Math.max(0, ...baseline);
  const baselineBroken = regional.length > 0 && regionalMaximum > 0 && baselineMaximum > regionalMaximum * BROKEN_BAR_RATIO;
  return { scaleMaximumGrams: baselineBroken ? regionalMaximum : Math.max(regionalMaximum, baselineMaximum), baselineBroken };
}

/** Two slanted gaps across a bar: the bar is longer than drawn. */
function renderBreakMark(x: number, barTop: number): string {
  const slant = (offset: number) => `M${px(x + offset - 3)},${px(barTop + 17)}L${px(x + offset + 3)},${px(barTop - 3)}`;
  return `<path class="bar-break" d="${slant(0)}${slant(7)}"/>`;
}

function rowTooltip(row: RegionBarRow): string {
  const role = row.isBaseline ? " (baseline)" : row.isChosen ? " (chosen)" : "";
  return `${row.regionName}${role}: ${configurationLabel(row.candidate)}, ${formatGrams(row.candidate.sciGCo2ePerInference)} CO₂e per inference at ${formatIntensity(row.candidate.gridIntensityGCo2ePerKwh)}`;
}

function describeRows(rows: RegionBarRow[]): string {
  const listed = rows.map((row) => `${row.isBaseline ? "baseline " : ""}${row.regionName} (${row.candidate.provider} ${row.candidate.region}) ${formatGrams(row.candidate.sciGCo2ePerInference)}`);
  return `${rows.length} rows, the best candidate of each region, lowest first: ${listed.join("; ")}.`;
}
