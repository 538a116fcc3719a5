import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { int8IsaClassOfFlags } from "../../src/domain/int8-isa.ts";
import { modelProfileSchema, type Precision } from "../../src/domain/profile.ts";
import { projectPerformance } from "../../src/estimate/index.ts";
import { makeInstance } from "./fixtures.ts";

// The README's projection check: the bundled example's 1-thread cells, projected to 2 threads on the same host, against
// what the host measured at 2 threads. The host's INT8 class is named from its flags (this profile: an AMX Xeon).
const profile = modelProfileSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "examples", "profile.json"), "utf8")));
const oneThread = { ...profile, host: { ...profile.host, instanceType: "measuring-host" }, measurements: profile.measurements.filter((cell) => cell.intraOpThreads === 1) };
const host = makeInstance({ instanceType: "measuring-host", vcpus: 2, memoryGb: profile.host.memoryGb });

describe("projection check across thread counts on the example's host", () => {
  it(`names the host's INT8 class (${int8IsaClassOfFlags(profile.host.isaFlags)}) and projects 1 thread to 2 within 10 % at every batch and precision (measured: 1–9 %)`, () => {
    expect(int8IsaClassOfFlags(profile.host.isaFlags)).toBe("amx");
    const errors: number[] = [];
    for (const precision of ["fp32", "int8"] as Precision[]) {
      for (const measured of profile.measurements.filter((cell) => cell.intraOpThreads === 2 && cell.precision === precision)) {
        const result = projectPerformance({ profiles: [oneThread], instance: host, accelerator: null, priors: [], precision, batchSize: measured.batchSize, threadsPerReplica: 2 });
        if (!result.ok) throw new Error(result.reason);
        const error = result.projection.serviceTimeMs / measured.latencyMs.p50 - 1;
        errors.push(Math.abs(error));
        expect(Math.abs(error), `${precision} batch ${measured.batchSize}: ${(error * 100).toFixed(1)} %`).toBeLessThan(0.1);
      }
    }
    expect(errors).toHaveLength(8);
  });
});
