import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { counterDelta, probeRapl } from "../../src/bench/energy/rapl.ts";
import { selectEnergyMeter } from "../../src/bench/energy/select-meter.ts";

let root: string;

async function zone(name: string, label: string, energyMicrojoules: number, maxRangeMicrojoules = 262_143_328_850) {
  const directory = join(root, name);
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, "name"), `${label}\n`);
  await writeFile(join(directory, "energy_uj"), `${energyMicrojoules}\n`);
  await writeFile(join(directory, "max_energy_range_uj"), `${maxRangeMicrojoules}\n`);
}

const setEnergy = (name: string, energyMicrojoules: number) => writeFile(join(root, name, "energy_uj"), `${energyMicrojoules}\n`);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "wattplan-rapl-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the RAPL reader", () => {
  it("sums the package counters over a window, ignoring subzones", async () => {
    await zone("intel-rapl:0", "package-0", 1_000_000);
    await zone("intel-rapl:1", "package-1", 5_000_000);
    await zone("intel-rapl:0:0", "core", 10); // inside package 0: must not be added again
    const probe = await probeRapl(root);
    expect(probe.meter?.kind).toBe("rapl");
    const window = await probe.meter!.start();
    await setEnergy("intel-rapl:0", 3_500_000);
    await setEnergy("intel-rapl:1", 6_000_000);
    await setEnergy("intel-rapl:0:0", 99_999_999);
    expect(await window.stop()).toBeCloseTo(3.5, 9);
    expect(probe.meter!.description).toContain("package-0, package-1");
  });

  it("handles a counter that wrapped around max_energy_range_uj", async () => {
    await zone("intel-rapl:0", "package-0", 999_000, 1_000_000);
    const probe = await probeRapl(root);
    const window = await probe.meter!.start();
    await setEnergy("intel-rapl:0", 4_000); // passed 1_000_000 and restarted from 0
    expect(await window.stop()).toBeCloseTo(0.005, 12);
    expect(counterDelta(10, 30, 100)).toBe(20);
    expect(counterDelta(90, 5, 100)).toBe(15);
  });

  it("reports no meter, with the reason, when powercap is absent, empty or unreadable", async () => {
    const missing = await probeRapl(join(root, "nowhere"));
    expect(missing.meter).toBeNull();
    expect(missing).toMatchObject({ reason: expect.stringContaining("no powercap") });
    expect(await probeRapl(root)).toMatchObject({ meter: null, reason: expect.stringContaining("no RAPL package") });
    await mkdir(join(root, "intel-rapl:0"));
    expect(await probeRapl(root)).toMatchObject({ meter: null, reason: expect.stringContaining("not readable") });
  });

  it("selects no meter (and says so) on a CPU host without RAPL, never a made-up number", async () => {
    const choice = await selectEnergyMeter("cpu", { powercapRoot: join(root, "nowhere") });
    expect(choice.meter).toBeNull();
    expect(choice.note).toMatch(/no energy meter/);
  });

  it("selects RAPL for the CPU provider when it is there", async () => {
    await zone("intel-rapl:0", "package-0", 1);
    const choice = await selectEnergyMeter("cpu", { powercapRoot: root });
    expect(choice.meter?.kind).toBe("rapl");
  });
});
