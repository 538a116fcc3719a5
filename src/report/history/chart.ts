// One target's chart: the recorded figure over time, the straight-line trajectory to the target with its tolerance
// band, the target itself and the judging date. Inline SVG in the report's style; nothing is fetched.
import type { TargetEvaluation } from "../../targets/evaluate-target.ts";
import { attributes, escapeHtml } from "../html/escape.ts";
import { formatTick } from "../../format/numbers.ts";
import { px, renderBottomAxis, renderLeftAxis } from "../html/svg-axes.ts";
import { layoutHistoryChart, HISTORY_CHART_SIZE, type ChartPoint } from "./chart-layout.ts";
import { dateOf, deploymentOf, formatMetric, recordDate, shortPlanId, statusText, targetLabel } from "./labels.ts";
import type { HistoryRecord } from "../../domain/history.ts";
import { monthLabel } from "./time-ticks.ts";

/** `chartId` keeps the title and description ids unique when a page holds several charts. */
export function renderHistoryChart(evaluation: TargetEvaluation, records: readonly HistoryRecord[], nowMs: number, tolerancePercent: number, chartId: string): string {
  const layout = layoutHistoryChart(evaluation, records, nowMs);
  const { plot } = layout;
  const plotBottom = plot.y + plot.height;
  const plotRight = plot.x + plot.width;
  const path = (vertices: Array<{ x: number; y: number }>) => vertices.map((vertex, index) => `${index === 0 ? "M" : "L"}${px(vertex.x)},${px(vertex.y)}`).join("");
  const parts: string[] = [
    `<svg ${attributes({ class: "chart", "data-chart": "target", "data-metric": evaluation.target.metric, viewBox: `0 0 ${HISTORY_CHART_SIZE.width} ${HISTORY_CHART_SIZE.height}`, role: "img", "aria-labelledby": `${chartId}-title ${chartId}-desc` })}>`,
    `<title id="${chartId}-title">${escapeHtml(targetLabel(evaluation.target))}</title>`,
    `<desc id="${chartId}-desc">${escapeHtml(describe(evaluation, tolerancePercent))}</desc>`,
    renderBottomAxis({ scale: layout.xScale, tickValues: layout.xTicks, step: 1, label: "Plan date (UTC)", across: [plot.y, plotBottom], y: plotBottom, formatValue: monthLabel }),
    renderLeftAxis({ scale: layout.yScale, tickValues: layout.yTicks, step: layout.yStep, label: layout.unitLabel, across: [plot.x, plotRight], x: plot.x, formatValue: (value) => formatTick(value, layout.yStep) }),
  ];
  if (layout.toleranceBand) parts.push(`<path class="tolerance-band" data-role="tolerance-band" d="${path(layout.toleranceBand)}Z"/>`);
  if (layout.trajectory.length > 0) parts.push(`<path class="trajectory" data-role="trajectory" d="${path(layout.trajectory)}"/>`);
  parts.push(
    `<line class="now-line" data-role="now-line" x1="${px(layout.nowX)}" x2="${px(layout.nowX)}" y1="${px(plot.y)}" y2="${px(plotBottom)}"/>`,
    `<text class="now-label" x="${px(layout.nowX)}" y="${px(plot.y - 8)}" text-anchor="middle">${escapeHtml(`as of ${dateOf(new Date(nowMs).toISOString())}`)}</text>`,
  );
  for (let index = 1; index < layout.points.length; index++) {
    const [from, to] = [layout.points[index - 1], layout.points[index]];
    parts.push(`<line class="history-line${to.refresh ? " is-refresh" : ""}" data-role="history-segment" x1="${px(from.x)}" y1="${px(from.y)}" x2="${px(to.x)}" y2="${px(to.y)}"/>`);
  }
  if (layout.target) {
    const { x, y } = layout.target;
    parts.push(
      `<path class="target-point" data-role="target-point" d="M${px(x)},${px(y - 7)}l7,7l-7,7l-7,-7z"><title>${escapeHtml(`target ${formatMetric(evaluation.trajectory!.targetValue, evaluation.target)} by ${evaluation.target.by}`)}</title></path>`,
      `<text class="point-label label-target" x="${px(x - 10)}" y="${px(y + 22)}" text-anchor="end">${escapeHtml(`target ${formatMetric(evaluation.trajectory!.targetValue, evaluation.target)}`)}</text>`,
    );
  }
  for (const point of layout.points) parts.push(renderPoint(point, evaluation));
  parts.push(`</svg>`);
  return parts.join("");
}

function renderPoint(point: ChartPoint, evaluation: TargetEvaluation): string {
  const classes = ["history-point", point.refresh ? "is-refresh" : "", point.isCurrent ? "is-current" : "", point.isStart ? "is-start" : ""].filter(Boolean).join(" ");
  const tooltip = [
    `${recordDate(point.record)} · plan ${shortPlanId(point.record.planId)}${point.isStart ? " · start" : ""}${point.isCurrent ? " · current" : ""}`,
    `${formatMetric(point.record.metrics[evaluation.target.metric], evaluation.target)} · ${deploymentOf(point.record)}`,
    ...(point.refresh ? ["data refresh: not progress"] : []),
  ].join("\n");
  return `<circle class="${classes}" data-role="history-point" cx="${px(point.x)}" cy="${px(point.y)}" r="${point.isCurrent ? 6 : 4.5}"><title>${escapeHtml(tooltip)}</title></circle>`;
}

function describe(evaluation: TargetEvaluation, tolerancePercent: number): string {
  const { start, current, target } = evaluation;
  const from = start ? `from ${formatMetric(start.value, target)} on ${dateOf(start.createdAt)} ` : "";
  return `${targetLabel(target)}: ${from}to ${formatMetric(current.value, target)} on ${dateOf(current.createdAt)}; ${statusText(evaluation, tolerancePercent)}.`;
}
