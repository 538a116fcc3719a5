// Chart 1: the Pareto front of monthly cost against monthly carbon, one circle per member, with the chosen
// candidate, the baseline (and the base branch's choice, when there is one) marked and labelled.
import type { Plan } from "../../domain/plan.ts";
import { candidateLabel, regionLabel } from "./describe.ts";
import { attributes, escapeHtml } from "./escape.ts";
import { formatSignificant, formatTick, formatUsd } from "../../format/numbers.ts";
import { placeLabels, type Box, type LabelRequest } from "./label-placement.ts";
import { layoutParetoChart, type ParetoPoint } from "./pareto-layout.ts";
import { px, renderBottomAxis, renderLeftAxis } from "./svg-axes.ts";

const LABEL_FONT_PX = 12;

export function renderParetoChart(plan: Plan, base?: Plan): string {
  const layout = layoutParetoChart(plan, base);
  const { width, height, plot } = layout;
  const plotBottom = plot.y + plot.height;
  const plotRight = plot.x + plot.width;
  const parts: string[] = [];
  parts.push(
    `<svg ${attributes({ class: "chart", "data-chart": "pareto", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "pareto-title pareto-desc" })}>`,
    `<title id="pareto-title">Pareto front: monthly cost against monthly carbon</title>`,
    `<desc id="pareto-desc">${escapeHtml(describeChart(plan, layout.points))}</desc>`,
    renderBottomAxis({
      scale: layout.xScale,
      tickValues: layout.xTicks,
      step: layout.xStep,
      label: "Monthly cost (USD)",
      across: [plot.y, plotBottom],
      y: plotBottom,
      formatValue: (value) => `$${formatTick(value, layout.xStep)}`,
    }),
    renderLeftAxis({ scale: layout.yScale, tickValues: layout.yTicks, step: layout.yStep, label: "Monthly carbon (kgCO₂e)", across: [plot.x, plotRight], x: plot.x }),
  );
  if (layout.frontPath) parts.push(`<path class="front-line" data-role="pareto-front" d="${layout.frontPath}"/>`);
  for (const point of layout.points) parts.push(renderPoint(point));
  parts.push(renderLabels(layout.points, plot));
  parts.push(`</svg>`);
  return parts.join("");
}

function renderPoint(point: ParetoPoint): string {
  const x = px(point.x);
  const y = px(point.y);
  const tooltip = `<title>${escapeHtml(pointTooltip(point))}</title>`;
  const arrow = renderOffScaleArrow(point);
  switch (point.role) {
    case "alternative":
      return `<circle class="point point-alternative" data-role="alternative-point" cx="${x}" cy="${y}" r="4.5">${tooltip}</circle>`;
    case "pareto":
    case "chosen": {
      const role = point.role === "pareto" ? "pareto-point" : "chosen-point";
      const ring = point.isChosen ? `<circle class="chosen-ring" data-role="chosen-marker" cx="${x}" cy="${y}" r="12"/>` : "";
      const classes = `point point-pareto${point.isChosen ? " is-chosen" : ""}`;
      return `${ring}<circle class="${classes}" data-role="${role}" cx="${x}" cy="${y}" r="${point.isChosen ? 7.5 : 6}">${tooltip}</circle>${arrow}`;
    }
    case "baseline": {
      const size = 7.5;
      return `<path class="point point-baseline" data-role="baseline-point" d="M${x},${px(point.y - size)}l${size},${size}l${-size},${size}l${-size},${-size}z">${tooltip}</path>${arrow}`;
    }
    case "base":
      return `<rect class="point point-base" data-role="base-point" x="${px(point.x - 6)}" y="${px(point.y - 6)}" width="12" height="12" rx="2">${tooltip}</rect>${arrow}`;
  }
}

/** A short arrow from an off-scale marker towards where its value really lies. */
function renderOffScaleArrow(point: ParetoPoint): string {
  const { x: directionX, y: directionY } = point.offScale;
  if (directionX === 0 && directionY === 0) return "";
  const length = Math.hypot(directionX, directionY);
  // Screen y grows downwards, so a value above the scale (y = +1) points up.
  const unitX = directionX / length;
  const unitY = -directionY / length;
  const startX = point.x + unitX * 11;
  const startY = point.y + unitY * 11;
  const endX = point.x + unitX * 22;
  const endY = point.y + unitY * 22;
  const headX = -unitX * 6;
  const headY = -unitY * 6;
  return (
    `<path class="off-scale-arrow" d="M${px(startX)},${px(startY)}L${px(endX)},${px(endY)}` +
    `M${px(endX + headX - unitY * 4)},${px(endY + headY + unitX * 4)}L${px(endX)},${px(endY)}L${px(endX + headX + unitY * 4)},${px(endY + headY - unitX * 4)}"/>`
  );
}

function renderLabels(points: ParetoPoint[], plot: { x: number; y: number; width: number; height: number }): string {
  const requests: Array<LabelRequest & { className: string }> = [];
  for (const point of points) {
    const offScale = point.offScale.x !== 0 || point.offScale.y !== 0;
    const figures = offScale ? ` (${formatUsd(point.candidate.monthlyCostUsd)}, ${formatSignificant(point.candidate.monthlyKgCo2e, 3)} kg, off scale)` : "";
    if (point.isChosen) requests.push({ x: point.x, y: point.y, radius: 12, text: `Chosen · ${regionLabel(point.candidate)}${figures}`, priority: 3, required: true, className: "label-chosen" });
    else if (point.role === "baseline") requests.push({ x: point.x, y: point.y, radius: offScale ? 22 : 9, text: `Baseline · ${regionLabel(point.candidate)}${figures}`, priority: 2, required: true, className: "label-baseline" });
    else if (point.role === "base") requests.push({ x: point.x, y: point.y, radius: offScale ? 22 : 8, text: `Base branch${figures}`, priority: 2, required: true, className: "label-base" });
    else if (point.role === "pareto" && !labelledNearby(requests, point, regionLabel(point.candidate)))
      requests.push({ x: point.x, y: point.y, radius: 7, text: regionLabel(point.candidate), priority: 1, className: "label-pareto" });
  }
  const bounds = { x: plot.x + 2, y: plot.y - 30, width: plot.width + 30, height: plot.height + 30 };
  // Unlabelled alternatives and the front's staircase keep labels off themselves.
  const obstacles = [
    ...points.filter((point) => point.role === "alternative").map((point) => ({ x: point.x - 5, y: point.y - 5, width: 10, height: 10 })),
    ...staircaseBoxes(points.filter((point) => point.role === "pareto")),
  ];
  return placeLabels(requests, bounds, LABEL_FONT_PX, obstacles)
    .map((label) => {
      const className = (label.request as (typeof requests)[number]).className;
      const leader = label.leader ? `<line class="leader" x1="${px(label.leader.x1)}" y1="${px(label.leader.y1)}" x2="${px(label.leader.x2)}" y2="${px(label.leader.y2)}"/>` : "";
      return `${leader}<text class="point-label ${className}" x="${px(label.x)}" y="${px(label.y)}" text-anchor="${label.anchor}">${escapeHtml(label.request.text)}</text>`;
    })
    .join("");
}

/** Thin boxes along the front's staircase (right, then down from each member to the next). */
function staircaseBoxes(front: ParetoPoint[]): Box[] {
  const sorted = [...front].sort((first, second) => first.x - second.x || second.y - first.y);
  const boxes: Box[] = [];
  for (let index = 1; index < sorted.length; index++) {
    const from = sorted[index - 1];
    const to = sorted[index];
    boxes.push({ x: from.x, y: from.y - 1.5, width: to.x - from.x, height: 3 });
    boxes.push({ x: to.x - 1.5, y: Math.min(from.y, to.y), width: 3, height: Math.abs(to.y - from.y) });
  }
  return boxes;
}

/** Two members of one region drawn almost on top of each other share one label. */
function labelledNearby(requests: LabelRequest[], point: ParetoPoint, text: string): boolean {
  return requests.some((request) => request.text === text && Math.hypot(request.x - point.x, request.y - point.y) < 16);
}

function pointTooltip(point: ParetoPoint): string {
  const role = { pareto: "Pareto front", alternative: "alternative", chosen: "chosen", baseline: "baseline", base: "base branch's choice" }[point.role];
  const chosen = point.isChosen && point.role === "pareto" ? ", chosen" : "";
  return `${candidateLabel(point.candidate)} (${role}${chosen}): ${formatUsd(point.candidate.monthlyCostUsd)} and ${formatSignificant(point.candidate.monthlyKgCo2e, 3)} kgCO₂e per month`;
}

function describeChart(plan: Plan, points: ParetoPoint[]): string {
  const members = points.filter((point) => point.role === "pareto").length;
  return (
    `${members} Pareto-optimal candidate${members === 1 ? "" : "s"} by monthly cost and monthly carbon. ` +
    `Chosen: ${candidateLabel(plan.chosen)}, ${formatUsd(plan.chosen.monthlyCostUsd)} and ${formatSignificant(plan.chosen.monthlyKgCo2e, 3)} kgCO₂e per month. ` +
    `Baseline: ${candidateLabel(plan.baseline)}, ${formatUsd(plan.baseline.monthlyCostUsd)} and ${formatSignificant(plan.baseline.monthlyKgCo2e, 3)} kgCO₂e per month.`
  );
}
