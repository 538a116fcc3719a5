// End to end on a real model nobody on the team wrote: Silero VAD, shipped inside @ricky0123/vad-web.
// Its graph is Equal -> If with the Conv/LSTM work inside nested branches; `sr` (an int64 scalar) picks the branch.
import { join } from "node:path";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { bench, modelProfileSchema } from "../../src/index.ts";

const silero = "node_modules/@ricky0123/vad-web/dist/silero_vad_legacy.onnx";
const noPowercap = join(tmpdir(), "wattplan-no-powercap-here");

describe("bench on Silero VAD", () => {
  it("measures every cell, counts FLOPs above zero and produces a valid profile", async () => {
    const profile = await bench(silero, {
      batchSizes: [1, 2],
      threads: [1],
      precisions: ["fp32"],
      budgetSeconds: 1,
      shapes: { input: [512] },
      inputValues: { sr: 16000 },
      powercapRoot: noPowercap,
    });
    expect(modelProfileSchema.safeParse(profile).success).toBe(true);
    expect(profile.model.name).toBe("silero_vad_legacy");
    expect(profile.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(profile.model.cost.flopsPerInference).toBeGreaterThan(0);
    expect(profile.model.inputShapes).toMatchObject({ input: [1, 512], sr: [], h: [2, 1, 64], c: [2, 1, 64] });
    expect(profile.model.inputValues).toEqual({ sr: 16000 });
    // sr reached the analysis: the If on it was decided, not guessed.
    expect(profile.warnings.filter((warning) => /not known statically/.test(warning))).toEqual([]);
    expect(profile.measurements.map((measurement) => [measurement.precision, measurement.batchSize, measurement.intraOpThreads])).toEqual([
      ["fp32", 1, 1],
      ["fp32", 2, 1],
    ]);
    for (const measurement of profile.measurements) {
      expect(measurement.iterations).toBeGreaterThanOrEqual(3);
      expect(measurement.latencyMs.p50).toBeGreaterThan(0);
      expect(measurement.latencyMs.p95).toBeGreaterThanOrEqual(measurement.latencyMs.p50);
      expect(measurement.throughputInferencesPerSecond).toBeCloseTo(measurement.batchSize / (measurement.latencyMs.p50 / 1000), 6);
      expect(measurement.achievedGflops).toBeCloseTo((profile.model.cost.flopsPerInference * measurement.batchSize) / (measurement.latencyMs.p50 * 1e6), 6);
      expect(measurement.efficiency).toBeGreaterThan(0);
      // No meter on this host (and none at the fixture path): no number, never an invented one.
      expect(measurement.energyJoulesPerInference).toBeNull();
    }
    expect(profile.energy.meter).toBe("none");
    expect(profile.energy.note).toMatch(/no energy meter/);
    expect(profile.host.calibration.fp32Gflops).toBeGreaterThan(0);
    expect(profile.host.calibration.byThreads?.map((calibration) => calibration.intraOpThreads)).toEqual([1]);
    expect(profile.quantization).toBeNull();
  });
});
