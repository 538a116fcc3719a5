// The calibration report compares each machine's measurement with what the planner projects for it from the
// profiles measured elsewhere, through the planner's own projection.
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { findAccelerator, findInstanceType } from "../../src/catalog/queries.ts";
import { calibrate, formatCalibration } from "../../src/bench-fleet/calibration.ts";
import { instancePowerWatts, projectPerformance } from "../../src/estimate/index.ts";
import type { ModelProfile } from "../../src/domain/profile.ts";
import { FIXTURE_PROFILE, profileMeasuredOn } from "./fakes.ts";

const catalog = loadCatalog();
const local = FIXTURE_PROFILE;

/** The fixture as if measured on c7i.large with RAPL: each cell twice as slow as here, 0.5 J per inference. */
function measuredOnC7i(): ModelProfile {
  const profile = profileMeasuredOn("c7i.large");
  return {
    ...profile,
    energy: { meter: "rapl", note: "RAPL package energy" },
    measurements: profile.measurements.map((cell) => ({
      ...cell,
      latencyMs: { ...cell.latencyMs, p50: cell.latencyMs.p50 * 2 },
      throughputInferencesPerSecond: cell.throughputInferencesPerSecond / 2,
      energyJoulesPerInference: 0.5,
    })),
  };
}

describe("calibrate", () => {
  it("projects each measured cell from the profiles measured elsewhere, exactly as the planner does", () => {
    const measured = measuredOnC7i();
    const rows = calibrate({ catalog, measured: [measured], evidence: [local] });
    // The whole machine's cells: the largest thread count measured (2), every precision and batch size.
    expect(rows).toHaveLength(measured.measurements.filter((cell) => cell.intraOpThreads === 2).length);
    const instance = findInstanceType(catalog, "c7i.large");
    for (const row of rows) {
      const cell = measured.measurements.find((item) => item.precision === row.precision && item.batchSize === row.batchSize && item.intraOpThreads === 2)!;
      const planner = projectPerformance({ profiles: [local], instance, accelerator: null, priors: catalog.priors, precision: row.precision, batchSize: row.batchSize, threadsPerReplica: 2 });
      if (!planner.ok || "reason" in row.projected) throw new Error("both project");
      expect(row.projected.latencyP50Ms).toBe(planner.projection.serviceTimeMs);
      expect(row.projected.throughputInferencesPerSecond).toBeCloseTo((row.batchSize * 1000) / planner.projection.serviceTimeMs, 9);
      // RAPL sees the CPU packages: the projection compares the model's CPU power at this load.
      const power = instancePowerWatts({ instance, accelerator: null, utilization: 2 / instance.vcpus, replicas: 1 });
      expect(row.projected.energyJoulesPerInference).toBeCloseTo(power.cpuWatts / row.projected.throughputInferencesPerSecond, 9);
      expect(row.measured).toEqual({ throughputInferencesPerSecond: cell.throughputInferencesPerSecond, latencyP50Ms: cell.latencyMs.p50, energyJoulesPerInference: 0.5 });
      expect(row.energyBasis).toBe("CPU packages (RAPL) vs the model's CPU power");
    }
  });

  it("without profiles from elsewhere, projects each machine from the other machines' profiles, never from its own", () => {
    const onC7i = measuredOnC7i();
    const onM7i = profileMeasuredOn("m7i.large");
    const rows = calibrate({ catalog, measured: [onC7i, onM7i], evidence: [] });
    const c7iRow = rows.find((row) => row.instanceType === "c7i.large" && row.precision === "fp32" && row.batchSize === 1)!;
    const fromM7i = projectPerformance({ profiles: [onM7i], instance: findInstanceType(catalog, "c7i.large"), accelerator: null, priors: catalog.priors, precision: "fp32", batchSize: 1, threadsPerReplica: 2 });
    if (!fromM7i.ok || "reason" in c7iRow.projected) throw new Error("projects");
    expect(c7iRow.projected.latencyP50Ms).toBe(fromM7i.projection.serviceTimeMs);
    const alone = calibrate({ catalog, measured: [onC7i], evidence: [] });
    expect(alone.every((row) => "reason" in row.projected && row.projected.reason === "no profile measured elsewhere to project from")).toBe(true);
  });

  it("shows targets that brought nothing back with their projection alone, GPUs through their accelerator's power", () => {
    const rows = calibrate({ catalog, measured: [], evidence: [local], unmeasured: [{ instanceType: "g6.xlarge", precisions: ["fp32"], batchSizes: [1, 8] }] });
    expect(rows.map((row) => [row.instanceType, row.executionProvider, row.batchSize, row.measured])).toEqual([
      ["g6.xlarge", "cuda", 1, null],
      ["g6.xlarge", "cuda", 8, null],
    ]);
    const instance = findInstanceType(catalog, "g6.xlarge");
    const accelerator = findAccelerator(catalog, "L4");
    const power = instancePowerWatts({ instance, accelerator, utilization: 1, replicas: 1 });
    const [first] = rows;
    if ("reason" in first.projected) throw new Error("projects");
    expect(first.projected.energyJoulesPerInference).toBeCloseTo(power.acceleratorWatts / first.projected.throughputInferencesPerSecond, 9);
    expect(first.energyBasis).toBe("GPU board (nvidia-smi) vs the model's accelerator power");
  });

  it("prints measured / projected with their ratio, and dashes where there is nothing", () => {
    const text = formatCalibration(calibrate({ catalog, measured: [measuredOnC7i()], evidence: [local] }), "profile.json");
    const lines = text.split("\n");
    expect(lines[0]).toBe("Calibration: measured / projected (× = measured ÷ projected); projected from profile.json");
    expect(lines[1]).toMatch(/^target +prec\/batch\/run +inf\/s \(one replica\) +p50 ms +J\/inference +note$/);
    expect(lines.find((line) => line.startsWith("c7i.large  fp32/b1/2t"))).toMatch(/c7i\.large +fp32\/b1\/2t +[\d.,]+ \/ [\d.,]+ ×\d\.\d\d +[\d.,]+ \/ [\d.,]+ ×\d\.\d\d +0\.5 \/ [\d.]+ ×\d\.\d\d +CPU packages/);
    expect(formatCalibration([], "x")).toBe("Calibration: no profile measured on a target to compare with.");
  });
});
