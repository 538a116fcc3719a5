// The planner operates one fleet for every projection of a type that `operatesAlike` calls alike (an INT8 projection
// equal to the FP32 one). That is only right if operateFleet reads nothing of a projection beyond what it compares.
import { describe, expect, it } from "vitest";
import type { PerformanceProjection } from "../../src/estimate/contract.ts";
import { operateFleet, operatesAlike, type FleetOperationInput } from "../../src/estimate/fleet-operation.ts";
import { makeEstimateInput } from "./fixtures.ts";

/** Every field a projection can have, optional ones included: a field added to the type must be added here. */
const projection = {
  method: "roofline",
  source: "fixture",
  batchSize: 4,
  serviceTimeMs: 40,
  serviceTimeRangeMs: { low: 32, high: 50 },
  replicas: 4,
  threadsPerReplica: 2,
  capacityPerInstanceRps: 400,
  capacityRangeRps: { low: 320, high: 500 },
  modelMemoryGb: 0.5,
  serviceTimeP95Ms: 52,
  memoryBound: false,
  arithmeticIntensityFlopsPerByte: 40,
  efficiency: 0.6,
  overheadMs: 1,
  assumptions: ["fixture"],
} satisfies Required<PerformanceProjection>;

function changed(value: unknown): unknown {
  if (typeof value === "number") return value * 1.5 + 1;
  if (typeof value === "string") return `${value}, changed`;
  if (typeof value === "boolean") return !value;
  if (Array.isArray(value)) return [...value, "another"];
  const range = value as { low: number; high: number };
  return { low: range.low * 0.5, high: range.high * 2 };
}

/** Live traffic with a p95 budget tight enough for the headroom search, and batch work: both read the projection. */
const inputs: FleetOperationInput[] = [
  makeEstimateInput({ latencyP95BudgetMs: 120 }),
  makeEstimateInput({ traffic: { meanRps: 50, peakRps: 500, quietestRps: 0, batch: { inferencesPerDay: 4_320_000, windowHours: 6 } } }),
];

/** A fleet's operations without its input (which names the projection it was operated for). */
function operationsOf(input: FleetOperationInput, fleetProjection: PerformanceProjection) {
  const { input: _input, ...operations } = operateFleet({ ...input, projection: fleetProjection });
  return operations;
}

describe("operatesAlike", () => {
  it("calls two projections alike only where operateFleet gives the same operations for both", () => {
    let alike = 0;
    for (const key of Object.keys(projection) as (keyof typeof projection)[]) {
      const other = { ...projection, [key]: changed(projection[key]) } as PerformanceProjection;
      if (!operatesAlike(projection, other)) continue;
      alike++;
      for (const input of inputs) expect(operationsOf(input, other), `${key} changed`).toStrictEqual(operationsOf(input, projection));
    }
    // Not vacuous: the text, the thread count, the memory and the fitted figures are not what a fleet runs on.
    expect(alike).toBe(10);
  });

  it("tells apart projections that differ in any figure the fleet runs on", () => {
    for (const key of ["batchSize", "serviceTimeMs", "serviceTimeRangeMs", "replicas", "capacityPerInstanceRps", "serviceTimeP95Ms"] as const) {
      expect(operatesAlike(projection, { ...projection, [key]: changed(projection[key]) } as PerformanceProjection), key).toBe(false);
    }
    expect(operatesAlike(projection, { ...projection, assumptions: [] })).toBe(true);
  });
});
