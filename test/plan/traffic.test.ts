import { describe, expect, it } from "vitest";
import { trafficShapeOf } from "../../src/plan/traffic.ts";

const dayShape = [0.4, 0.3, 0.3, 0.3, 0.4, 0.6, 0.9, 1.2, 1.4, 1.5, 1.5, 1.4, 1.3, 1.4, 1.6, 1.7, 1.6, 1.4, 1.2, 1.0, 0.9, 0.8, 0.6, 0.5];

describe("traffic shape", () => {
  it("takes the peak and the quietest hour from the hourly multipliers of the mean", () => {
    const { shape, warnings } = trafficShapeOf({ meanRps: 100, hourly: dayShape });
    expect(shape).toMatchObject({ meanRps: 100, peakRps: 170, quietestRps: 30 });
    expect(warnings).toEqual([]);
  });

  it("warns when the multipliers do not average 1 (a shape in requests/s pasted as multipliers, say)", () => {
    const { warnings } = trafficShapeOf({ meanRps: 100, hourly: dayShape.map((multiplier) => multiplier * 2) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("traffic.hourly averages 2.02, not 1");
  });
});
