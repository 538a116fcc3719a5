// Linux RAPL through the powercap sysfs tree: cumulative package energy counters in microjoules that wrap
// around at max_energy_range_uj.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { EnergyMeter, EnergyWindow } from "./meter.ts";

export const defaultPowercapRoot = "/sys/class/powercap";

interface RaplPackage {
  directory: string;
  name: string;
  maxEnergyRangeMicrojoules: number;
}

export type RaplProbe = { meter: EnergyMeter } | { meter: null; reason: string };

/** Top-level zones only (intel-rapl:0, intel-rapl:1): subzones (core, uncore, dram) are already inside a package. */
export async function probeRapl(root = defaultPowercapRoot): Promise<RaplProbe> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return { meter: null, reason: `no powercap sysfs at ${root}` };
  }
  const packageDirectories = entries.filter((entry) => /^intel-rapl:\d+$/.test(entry)).sort();
  if (packageDirectories.length === 0) return { meter: null, reason: "powercap has no RAPL package zones" };
  const packages: RaplPackage[] = [];
  for (const entry of packageDirectories) {
    const directory = join(root, entry);
    try {
      await readMicrojoules(directory);
      const maxEnergyRangeMicrojoules = Number((await readFile(join(directory, "max_energy_range_uj"), "utf8")).trim());
      const name = (await readFile(join(directory, "name"), "utf8").catch(() => entry)).trim();
      packages.push({ directory, name, maxEnergyRangeMicrojoules });
    } catch {
      return { meter: null, reason: `RAPL counters under ${root} are not readable (reading energy_uj usually needs root)` };
    }
  }
  return { meter: raplMeter(packages) };
}

function raplMeter(packages: RaplPackage[]): EnergyMeter {
  return {
    kind: "rapl",
    description: `RAPL package energy (${packages.map((zone) => zone.name).join(", ")}): whole CPU packages, so idle draw and other processes count too; DRAM and the rest of the machine do not`,
    async start(): Promise<EnergyWindow> {
      const before = await Promise.all(packages.map((zone) => readMicrojoules(zone.directory)));
      return {
        async stop() {
          const after = await Promise.all(packages.map((zone) => readMicrojoules(zone.directory).catch(() => null)));
          let microjoules = 0;
          for (const [index, zone] of packages.entries()) {
            const end = after[index];
            if (end === null) return null;
            microjoules += counterDelta(before[index], end, zone.maxEnergyRangeMicrojoules);
          }
          return microjoules / 1e6;
        },
      };
    },
  };
}

/** A counter that reads lower than before has wrapped once (windows are far shorter than a wrap period). */
export function counterDelta(before: number, after: number, range: number): number {
  return after >= before ? after - before : range - before + after;
}

async function readMicrojoules(directory: string): Promise<number> {
  const value = Number((await readFile(join(directory, "energy_uj"), "utf8")).trim());
  if (!Number.isFinite(value)) throw new Error(`energy_uj in ${directory} is not a number`);
  return value;
}
