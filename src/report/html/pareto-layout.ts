// Geometry of the Pareto chart (monthly cost × monthly carbon), kept apart from the SVG so it can be tested: which
// points are drawn, where, and which reference markers (baseline, base branch) sit off the scale.
import type { Candidate, Plan } from "../../domain/plan.ts";
import type { Box } from "./label-placement.ts";
import { linearScale, niceDomain, ticks, type LinearScale } from "./scale.ts";

export const PARETO_CHART_SIZE = { width: 560, height: 400, margin: { top: 30, right: 24, bottom: 58, left: 70 } } as const;

/** A reference marker joins the scale only while the plan's own candidates keep this share of each axis. */
const MINIMUM_CORE_SHARE = 0.3;
const TICK_COUNT = 6;

export type ParetoPointRole = "pareto" | "alternative" | "chosen" | "baseline" | "base";

export interface ParetoPoint {
  candidate: Candidate;
  role: ParetoPointRole;
  isChosen: boolean;
  x: number;
  y: number;
  /** Past the axes: drawn at the edge, pointing where the value lies. */
  offScale: { x: -1 | 0 | 1; y: -1 | 0 | 1 };
}

export interface ParetoLayout {
  width: number;
  height: number;
  plot: Box;
  xScale: LinearScale;
  yScale: LinearScale;
  xTicks: number[];
  yTicks: number[];
  xStep: number;
  yStep: number;
  /** Points in drawing order: alternatives, then the front, then reference markers. */
  points: ParetoPoint[];
  /** The staircase along the front (the edge of what it dominates), as SVG path data; empty for one member. */
  frontPath: string;
}

export function layoutParetoChart(plan: Plan, base?: Plan): ParetoLayout {
  const { width, height, margin } = PARETO_CHART_SIZE;
  const plot: Box = { x: margin.left, y: margin.top, width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };

  const paretoKeys = new Set(plan.pareto.map((candidate) => candidate.key));
  const core: Array<{ candidate: Candidate; role: ParetoPointRole }> = [];
  const alternatives = plan.alternatives.filter((candidate) => !paretoKeys.has(candidate.key) && candidate.key !== plan.chosen.key);
  for (const candidate of dedupe(alternatives)) core.push({ candidate, role: "alternative" });
  for (const candidate of plan.pareto) core.push({ candidate, role: "pareto" });
  if (!paretoKeys.has(plan.chosen.key)) core.push({ candidate: plan.chosen, role: "chosen" });
  const references: Array<{ candidate: Candidate; role: ParetoPointRole }> = [];
  if (!core.some((point) => point.candidate.key === plan.baseline.key)) references.push({ candidate: plan.baseline, role: "baseline" });
  if (base) references.push({ candidate: base.chosen, role: "base" });

  const xDomain = axisDomain(core.map((point) => cost(point.candidate)), references.map((point) => cost(point.candidate)));
  const yDomain = axisDomain(core.map((point) => carbon(point.candidate)), references.map((point) => carbon(point.candidate)));
  const xScale = linearScale(xDomain.domain, [plot.x, plot.x + plot.width]);
  const yScale = linearScale(yDomain.domain, [plot.y + plot.height, plot.y]);

  const points: ParetoPoint[] = [...core, ...references].map(({ candidate, role }) => {
    const [xValue, xOff] = clamp(cost(candidate), xDomain.domain);
    const [yValue, yOff] = clamp(carbon(candidate), yDomain.domain);
    return { candidate, role, isChosen: candidate.key === plan.chosen.key && role !== "base", x: xScale(xValue), y: yScale(yValue), offScale: { x: xOff, y: yOff } };
  });

  const front = points.filter((point) => point.role === "pareto").sort((first, second) => first.x - second.x || second.y - first.y);
  const frontPath = front.length < 2 ? "" : front.map((point, index) => (index === 0 ? `M${round(point.x)},${round(point.y)}` : `H${round(point.x)}V${round(point.y)}`)).join("");

  return {
    width,
    height,
    plot,
    xScale,
    yScale,
    xTicks: ticks(xDomain.domain[0], xDomain.domain[1], xDomain.step),
    yTicks: ticks(yDomain.domain[0], yDomain.domain[1], yDomain.step),
    xStep: xDomain.step,
    yStep: yDomain.step,
    points,
    frontPath,
  };
}

/** The nice domain of the core values, widened to the references unless that would squash the core. */
export function axisDomain(coreValues: number[], referenceValues: number[]): { domain: [number, number]; step: number } {
  const coreLow = Math.min(...coreValues);
  const coreHigh = Math.max(...coreValues);
  const allLow = Math.min(coreLow, ...referenceValues);
  const allHigh = Math.max(coreHigh, ...referenceValues);
  const coreSpan = coreHigh - coreLow;
  const allSpan = allHigh - allLow;
  const includeReferences = allSpan === 0 || (coreSpan > 0 && coreSpan / allSpan >= MINIMUM_CORE_SHARE) || (coreSpan === 0 && allSpan <= Math.abs(coreHigh));
  const [low, high] = includeReferences ? [allLow, allHigh] : [coreLow, coreHigh];
  // A little air so no point sits on an axis line; carbon and cost are never negative.
  const pad = (high - low) * 0.06 || Math.abs(high) * 0.1 || 1;
  return niceDomain(Math.max(0, low - pad), high + pad, TICK_COUNT);
}

function clamp(value: number, [low, high]: [number, number]): [number, -1 | 0 | 1] {
  if (value < low) return [low, -1];
  if (value > high) return [high, 1];
  return [value, 0];
}

function dedupe(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => !seen.has(candidate.key) && seen.add(candidate.key));
}

const cost = (candidate: Candidate) => candidate.monthlyCostUsd;
const carbon = (candidate: Candidate) => candidate.monthlyKgCo2e;
const round = (value: number) => Math.round(value * 10) / 10;
