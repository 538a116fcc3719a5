import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../../src/domain/plan.ts";
import { layoutParetoChart, PARETO_CHART_SIZE } from "../../../src/report/html/pareto-layout.ts";
import { mapCandidates } from "./fixture.ts";
import { headPlan } from "../helpers.ts";

const plan = headPlan();

function inside(point: { x: number; y: number }, plot: { x: number; y: number; width: number; height: number }): boolean {
  return point.x >= plot.x - 1e-9 && point.x <= plot.x + plot.width + 1e-9 && point.y >= plot.y - 1e-9 && point.y <= plot.y + plot.height + 1e-9;
}

describe("layoutParetoChart", () => {
  it("draws one front point per Pareto member, the chosen one flagged once", () => {
    const layout = layoutParetoChart(plan);
    expect(layout.points.filter((point) => point.role === "pareto")).toHaveLength(plan.pareto.length);
    expect(layout.points.filter((point) => point.isChosen)).toHaveLength(1);
    expect(layout.points.find((point) => point.isChosen)?.candidate.key).toBe(plan.chosen.key);
  });

  it("places cheaper points left and lower-carbon points lower, inside the plot", () => {
    const layout = layoutParetoChart(plan);
    const front = layout.points.filter((point) => point.role === "pareto");
    for (const first of front)
      for (const second of front) {
        if (first.candidate.monthlyCostUsd < second.candidate.monthlyCostUsd) expect(first.x).toBeLessThan(second.x);
        if (first.candidate.monthlyKgCo2e < second.candidate.monthlyKgCo2e) expect(first.y).toBeGreaterThan(second.y);
      }
    for (const point of layout.points) expect(inside(point, layout.plot)).toBe(true);
    expect(layout.xScale(layout.xTicks[0])).toBeCloseTo(layout.plot.x, 6);
    expect(layout.xScale(layout.xTicks[layout.xTicks.length - 1])).toBeCloseTo(layout.plot.x + layout.plot.width, 6);
  });

  it("keeps a far-off baseline at the plot's edge, marked off scale, so the front keeps its room", () => {
    // Fixture: the front spans 22–32 kg a month, the baseline 67 kg.
    const layout = layoutParetoChart(plan);
    const baseline = layout.points.find((point) => point.role === "baseline");
    expect(baseline?.offScale.y).toBe(1);
    expect(baseline?.y).toBeCloseTo(layout.plot.y, 6);
    expect(layout.yTicks[layout.yTicks.length - 1]).toBeLessThan(plan.baseline.monthlyKgCo2e);
  });

  it("puts a baseline close to the front on the scale", () => {
    const near: Plan = { ...plan, baseline: { ...plan.baseline, monthlyCostUsd: 1000, monthlyKgCo2e: 35 } };
    const baseline = layoutParetoChart(near).points.find((point) => point.role === "baseline");
    expect(baseline?.offScale).toEqual({ x: 0, y: 0 });
  });

  it("adds the base branch's choice as its own marker", () => {
    const base = mapCandidates(plan, (candidate) => ({ ...candidate, monthlyCostUsd: candidate.monthlyCostUsd * 1.1 }));
    const layout = layoutParetoChart(plan, base);
    expect(layout.points.filter((point) => point.role === "base")).toHaveLength(1);
    expect(layout.points.filter((point) => point.role === "pareto")).toHaveLength(plan.pareto.length);
  });

  it("draws the front as a staircase through its members in cost order", () => {
    const { frontPath } = layoutParetoChart(plan);
    expect(frontPath.startsWith("M")).toBe(true);
    expect(frontPath.match(/H/g)).toHaveLength(plan.pareto.length - 1);
  });

  it("keeps every point inside the plot for any figures", () => {
    const figures = fc.record({ cost: fc.double({ min: 0, max: 1e6, noNaN: true }), carbon: fc.double({ min: 0, max: 1e5, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(figures, { minLength: 1, maxLength: 12 }), figures, (front, baseline) => {
        const members = front.map((figure, index) => ({ ...plan.chosen, key: `member-${index}`, monthlyCostUsd: figure.cost, monthlyKgCo2e: figure.carbon }));
        const randomPlan: Plan = {
          ...plan,
          chosen: members[0],
          pareto: members,
          alternatives: [],
          baseline: { ...plan.baseline, monthlyCostUsd: baseline.cost, monthlyKgCo2e: baseline.carbon },
        };
        const layout = layoutParetoChart(randomPlan);
        expect(layout.width).toBe(PARETO_CHART_SIZE.width);
        expect(layout.points.filter((point) => point.role === "pareto")).toHaveLength(members.length);
        for (const point of layout.points) {
          expect(Number.isFinite(point.x) && Number.isFinite(point.y)).toBe(true);
          expect(inside(point, layout.plot)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
