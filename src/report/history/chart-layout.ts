// Where everything of one target's chart goes: the time and value scales, the recorded points, the trajectory, the
// tolerance band and the judging date. Pure geometry; chart.ts writes the SVG.
import type { HistoryRecord } from "../../domain/history.ts";
import { dataChanges } from "../../targets/data-changes.ts";
import type { TargetEvaluation } from "../../targets/evaluate-target.ts";
import { metricDefinition, metricValue } from "../../targets/metrics.ts";
import { expectedAt, timeOf } from "../../targets/trajectory.ts";
import { massUnitFor } from "../../format/numbers.ts";
import { linearScale, niceDomain, ticks, type LinearScale } from "../html/scale.ts";
import { monthTicks } from "./time-ticks.ts";

export const HISTORY_CHART_SIZE = { width: 640, height: 300, left: 76, right: 28, top: 28, bottom: 56 } as const;

export interface ChartPoint {
  x: number;
  y: number;
  record: HistoryRecord;
  /** The value in the chart's display unit. */
  value: number;
  /** The step into this point is a data refresh for this metric. */
  refresh: boolean;
  isStart: boolean;
  isCurrent: boolean;
}

export interface HistoryChartLayout {
  plot: { x: number; y: number; width: number; height: number };
  xScale: LinearScale;
  yScale: LinearScale;
  xTicks: number[];
  yTicks: number[];
  yStep: number;
  /** "µgCO₂e", "kgCO₂e", "USD", "J": what the y axis counts in. */
  unitLabel: string;
  /** Grams (or dollars, joules) per display unit. */
  unitSize: number;
  points: ChartPoint[];
  /** The straight line from start to target (then flat to the plot's end), as pixel vertices; empty without a trajectory. */
  trajectory: Array<{ x: number; y: number }>;
  /** The tolerance above the trajectory, as a closed polygon; null when there is no slack. */
  toleranceBand: Array<{ x: number; y: number }> | null;
  target: { x: number; y: number } | null;
  nowX: number;
}

export function layoutHistoryChart(evaluation: TargetEvaluation, records: readonly HistoryRecord[], nowMs: number): HistoryChartLayout {
  const { width, height, left, right, top, bottom } = HISTORY_CHART_SIZE;
  const plot = { x: left, y: top, width: width - left - right, height: height - top - bottom };
  const metric = evaluation.target.metric;
  const trajectory = evaluation.trajectory;
  const tolerance = evaluation.judgement?.tolerance ?? 0;

  const times = [...records.map((record) => timeOf(record.createdAt)), nowMs];
  if (trajectory) times.push(trajectory.startMs, ...(trajectory.byMs === null ? [] : [trajectory.byMs]));
  const firstMs = Math.min(...times);
  const lastMs = Math.max(...times);
  const padMs = Math.max((lastMs - firstMs) * 0.04, 86_400_000);
  const xScale = linearScale([firstMs - padMs, lastMs + padMs], [plot.x, plot.x + plot.width]);

  const values = records.map((record) => metricValue(record, metric));
  if (trajectory) values.push(trajectory.startValue + tolerance, trajectory.targetValue);
  const largest = Math.max(...values);
  const { unitLabel, unitSize } = displayUnit(metricDefinition(metric).unit, largest);
  // Headroom above the largest figure, so a ceiling or the start never runs along the plot's top edge.
  const { domain, step } = niceDomain(0, (largest * 1.08) / unitSize, 5);
  const yScale = linearScale(domain, [plot.y + plot.height, plot.y]);
  const at = (timeMs: number, value: number) => ({ x: xScale(timeMs), y: yScale(value / unitSize) });

  const startId = evaluation.start?.planId;
  const points = records.map((record, index): ChartPoint => {
    const value = metricValue(record, metric);
    return {
      ...at(timeOf(record.createdAt), value),
      record,
      value: value / unitSize,
      refresh: index > 0 && dataChanges(records[index - 1], record, [metric]).length > 0,
      isStart: record.planId === startId && index === records.findIndex((candidate) => candidate.planId === startId),
      isCurrent: index === records.length - 1,
    };
  });

  let line: Array<{ x: number; y: number }> = [];
  let band: Array<{ x: number; y: number }> | null = null;
  let target: { x: number; y: number } | null = null;
  if (trajectory) {
    const endMs = xScale.domain[1];
    // The vertices: start, the due date (where the line turns flat), the plot's end.
    const vertexTimes = [trajectory.startMs, ...(trajectory.byMs !== null && trajectory.byMs > trajectory.startMs ? [trajectory.byMs] : []), endMs];
    line = vertexTimes.map((timeMs) => at(timeMs, expectedAt(trajectory, timeMs)));
    if (tolerance > 0) band = [...line, ...[...vertexTimes].reverse().map((timeMs) => at(timeMs, expectedAt(trajectory, timeMs) + tolerance))];
    target = trajectory.byMs === null ? null : at(trajectory.byMs, trajectory.targetValue);
  }
  return {
    plot,
    xScale,
    yScale,
    xTicks: monthTicks(xScale.domain[0], xScale.domain[1]),
    yTicks: ticks(domain[0], domain[1], step),
    yStep: step,
    unitLabel,
    unitSize,
    points,
    trajectory: line,
    toleranceBand: band,
    target,
    nowX: xScale(nowMs),
  };
}

function displayUnit(unit: string, largest: number): { unitLabel: string; unitSize: number } {
  if (unit === "gCO2e") {
    const mass = massUnitFor(largest);
    return { unitLabel: `${mass.label}CO₂e`, unitSize: mass.gramsPerUnit };
  }
  return { unitLabel: unit === "kgCO2e" ? "kgCO₂e" : unit, unitSize: 1 };
}
