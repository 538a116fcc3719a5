import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { integrateJoules, parsePowerLine, probeNvidiaSmi } from "../../src/bench/energy/nvidia-smi.ts";
import { selectEnergyMeter } from "../../src/bench/energy/select-meter.ts";

let directory: string;
let originalPath: string | undefined;

/** A stand-in nvidia-smi: answers the name query, and streams 4 samples 100 ms apart (by their timestamps) at 50-80 W. */
const fakeNvidiaSmi = `#!/bin/sh
case "$*" in
  *query-gpu=name*) echo "NVIDIA L4"; exit 0 ;;
esac
echo "2026/11/28 12:00:00.000, 0, 50.00"
echo "2026/11/28 12:00:00.100, 0, 60.00"
echo "2026/11/28 12:00:00.200, 0, [N/A]"
echo "2026/11/28 12:00:00.300, 0, 80.00"
echo "2026/11/28 12:00:00.400, 0, 80.00"
exec sleep 30
`;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-nvidia-"));
  const executable = join(directory, "nvidia-smi");
  await writeFile(executable, fakeNvidiaSmi);
  await chmod(executable, 0o755);
  originalPath = process.env.PATH;
  process.env.PATH = `${directory}${delimiter}${originalPath ?? ""}`;
});
afterEach(async () => {
  process.env.PATH = originalPath;
  await rm(directory, { recursive: true, force: true });
});

describe("nvidia-smi power sampling", () => {
  it("parses sample lines and rejects N/A or malformed ones", () => {
    expect(parsePowerLine("2026/11/28 12:00:00.250, 1, 72.5")).toEqual({ timestampMs: Date.UTC(2026, 10, 28, 12, 0, 0) + 250, gpuIndex: 1, powerWatts: 72.5 });
    expect(parsePowerLine("2026/11/28 12:00:00.250, 0, [N/A]")).toBeNull();
    expect(parsePowerLine("power.draw [W]")).toBeNull();
    expect(parsePowerLine("")).toBeNull();
  });

  it("integrates power over time per GPU (trapezoids) and sums GPUs", () => {
    const at = (ms: number, gpuIndex: number, powerWatts: number) => ({ timestampMs: ms, gpuIndex, powerWatts });
    expect(integrateJoules([at(0, 0, 100), at(1000, 0, 100), at(0, 1, 50), at(500, 1, 150)])).toBeCloseTo(150, 9);
    expect(integrateJoules([at(0, 0, 100)])).toBeNull();
  });

  it("finds the fake executable on PATH and measures a window from its samples", async () => {
    const probe = await probeNvidiaSmi();
    expect(probe.meter?.kind).toBe("nvidia-smi");
    expect(probe).toMatchObject({ deviceName: "NVIDIA L4" });
    const window = await probe.meter!.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    // 0–100 ms at 50→60 W, 100–300 ms at 60→80 W (the N/A sample skipped), 300–400 ms at 80 W.
    expect(await window.stop()).toBeCloseTo(0.1 * 55 + 0.2 * 70 + 0.1 * 80, 6);
  });

  it("is chosen for WebGPU and CUDA, and absent (said plainly) when nvidia-smi is missing", async () => {
    expect((await selectEnergyMeter("webgpu")).meter?.kind).toBe("nvidia-smi");
    expect((await selectEnergyMeter("cuda")).meter?.kind).toBe("nvidia-smi");
    const missing = await selectEnergyMeter("webgpu", { nvidiaSmiExecutable: join(directory, "no-such-nvidia-smi") });
    expect(missing.meter).toBeNull();
    expect(missing.note).toMatch(/no energy meter: nvidia-smi is not available/);
  });
});
