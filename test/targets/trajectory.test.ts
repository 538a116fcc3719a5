import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedAt, judge, targetValueOf, timeOf, toleranceOf, type Trajectory } from "../../src/targets/trajectory.ts";
import { DAY_MS } from "./records.ts";

const startMs = timeOf("2025-01-01");
/** 100 → 70 over 100 days: 30 % less, 0.3 a day. */
const straight: Trajectory = { startMs, startValue: 100, targetValue: 70, byMs: startMs + 100 * DAY_MS };

describe("the straight-line trajectory", () => {
  it("starts at the start figure, ends at the target on its date, stays there after, and is the start before", () => {
    expect(expectedAt(straight, startMs)).toBe(100);
    expect(expectedAt(straight, startMs + 50 * DAY_MS)).toBe(85);
    expect(expectedAt(straight, startMs + 100 * DAY_MS)).toBe(70);
    expect(expectedAt(straight, startMs + 400 * DAY_MS)).toBe(70);
    expect(expectedAt(straight, startMs - 10 * DAY_MS)).toBe(100);
  });

  it("reads reduceBy as a percentage of the start (string or number) and atMost as the value", () => {
    expect(targetValueOf({ metric: "monthlyCostUsd", reduceBy: "30%", by: "2026-01-01" }, 200)).toBeCloseTo(140, 12);
    expect(targetValueOf({ metric: "monthlyCostUsd", reduceBy: 25, by: "2026-01-01" }, 200)).toBe(150);
    expect(targetValueOf({ metric: "monthlyCostUsd", atMost: 99 }, 200)).toBe(99);
  });

  it("dates are midnight UTC; date-times are taken as written", () => {
    expect(timeOf("2025-03-01")).toBe(Date.UTC(2025, 2, 1));
    expect(timeOf("2025-03-01T12:00:00Z")).toBe(Date.UTC(2025, 2, 1, 12));
  });

  it("a ceiling already met at the start asks for the ceiling throughout, not a line rising to it", () => {
    const ceiling: Trajectory = { startMs, startValue: 100, targetValue: 140, byMs: startMs + 100 * DAY_MS };
    expect(expectedAt(ceiling, startMs)).toBe(140);
    expect(expectedAt(ceiling, startMs + 30 * DAY_MS)).toBe(140);
    expect(toleranceOf(ceiling, 5)).toBe(0);
  });

  it("a ceiling without a date, or a due date before the start, asks for the target at once", () => {
    expect(expectedAt({ ...straight, byMs: null }, startMs)).toBe(70);
    expect(expectedAt({ ...straight, byMs: startMs - DAY_MS }, startMs + DAY_MS)).toBe(70);
  });
});

describe("on track or not", () => {
  const halfway = startMs + 50 * DAY_MS;

  it("the tolerance is 5 % of the reduction the target asks for: 1.5 of the 30", () => {
    expect(toleranceOf(straight, 5)).toBe(1.5);
  });

  it("exactly on the trajectory plus the tolerance is on track; anything above is off", () => {
    expect(judge(straight, 86.5, halfway, 5)).toMatchObject({ expected: 85, gap: 1.5, tolerance: 1.5, onTrack: true, gapPercentOfReduction: 5 });
    const justAbove = judge(straight, 86.50000000000001, halfway, 5);
    expect(justAbove.onTrack).toBe(false);
    expect(judge(straight, 85, halfway, 0)).toMatchObject({ gap: 0, onTrack: true });
    expect(judge(straight, 85.00000000000001, halfway, 0).onTrack).toBe(false);
  });

  it("below the trajectory is on track with a negative gap (ahead)", () => {
    expect(judge(straight, 80, halfway, 5)).toMatchObject({ gap: -5, onTrack: true });
  });

  it("on the due date, the boundary is the target plus the tolerance", () => {
    expect(judge(straight, 71.5, straight.byMs!, 5).onTrack).toBe(true);
    expect(judge(straight, 71.6, straight.byMs!, 5).onTrack).toBe(false);
  });

  it("a target that asks for no reduction has no slack and no share of it", () => {
    const ceiling: Trajectory = { startMs, startValue: 100, targetValue: 140, byMs: null };
    expect(judge(ceiling, 140, startMs, 5)).toMatchObject({ onTrack: true, tolerance: 0, gapPercentOfReduction: null });
    expect(judge(ceiling, 140.01, startMs, 5).onTrack).toBe(false);
  });
});

describe("trajectory properties (fast-check, fixed seed)", () => {
  const trajectoryArbitrary = fc.record({
    startDay: fc.integer({ min: 0, max: 3650 }),
    lengthDays: fc.integer({ min: 1, max: 2000 }),
    startValue: fc.double({ min: 1e-9, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    reductionPercent: fc.double({ min: 0.5, max: 99, noNaN: true }),
  });
  const toTrajectory = (value: { startDay: number; lengthDays: number; startValue: number; reductionPercent: number }): Trajectory => {
    const start = startMs + value.startDay * DAY_MS;
    return {
      startMs: start,
      startValue: value.startValue,
      targetValue: targetValueOf({ metric: "sciGCo2ePerInference", reduceBy: value.reductionPercent, by: "2030-01-01" }, value.startValue),
      byMs: start + value.lengthDays * DAY_MS,
    };
  };

  it("the trajectory never rises, stays between target and start, and meets both ends exactly", () => {
    fc.assert(
      fc.property(trajectoryArbitrary, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (value, first, second) => {
        const trajectory = toTrajectory(value);
        const span = trajectory.byMs! - trajectory.startMs;
        const [earlier, later] = [Math.min(first, second), Math.max(first, second)].map((share) => trajectory.startMs + share * span);
        const atEarlier = expectedAt(trajectory, earlier);
        const atLater = expectedAt(trajectory, later);
        expect(atLater).toBeLessThanOrEqual(atEarlier);
        expect(atEarlier).toBeLessThanOrEqual(trajectory.startValue);
        expect(atLater).toBeGreaterThanOrEqual(trajectory.targetValue);
        expect(expectedAt(trajectory, trajectory.startMs)).toBe(trajectory.startValue);
        expect(expectedAt(trajectory, trajectory.byMs!)).toBe(trajectory.targetValue);
      }),
      { seed: 16, numRuns: 400 },
    );
  });

  it("on track exactly when the figure is at most trajectory + tolerance, the boundary included", () => {
    let onTrack = 0;
    let offTrack = 0;
    fc.assert(
      fc.property(trajectoryArbitrary, fc.double({ min: 0, max: 1.2, noNaN: true }), fc.integer({ min: -1000, max: 1000 }), fc.double({ min: 0, max: 20, noNaN: true }), (value, share, offsetPermille, tolerancePercent) => {
        const trajectory = toTrajectory(value);
        const atMs = trajectory.startMs + share * (trajectory.byMs! - trajectory.startMs);
        const expected = expectedAt(trajectory, atMs);
        const tolerance = toleranceOf(trajectory, tolerancePercent);
        // The boundary itself is on track.
        expect(judge(trajectory, expected + tolerance, atMs, tolerancePercent).onTrack).toBe(true);
        // Around the boundary: up to 20 % of the start figure below or above it.
        const current = Math.max(0, expected + tolerance + (offsetPermille / 1000) * 0.2 * trajectory.startValue);
        const judgement = judge(trajectory, current, atMs, tolerancePercent);
        expect(judgement.onTrack).toBe(current <= expected + tolerance);
        expect(judgement.gap).toBeCloseTo(current - expected, 6);
        if (judgement.onTrack) onTrack++;
        else offTrack++;
      }),
      { seed: 21031, numRuns: 400 },
    );
    // Both outcomes were exercised, not just one.
    expect(onTrack).toBeGreaterThan(50);
    expect(offTrack).toBeGreaterThan(50);
  });
});
