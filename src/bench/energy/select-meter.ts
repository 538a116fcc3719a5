// Which meter a run uses: nvidia-smi when the model runs on a GPU (WebGPU or CUDA), RAPL for the CPU provider,
// and none (said plainly in the profile) everywhere else.
import type { ExecutionProvider } from "../../domain/profile.ts";
import type { EnergyMeter } from "./meter.ts";
import { probeNvidiaSmi } from "./nvidia-smi.ts";
import { defaultPowercapRoot, probeRapl } from "./rapl.ts";

export interface MeterChoice {
  meter: EnergyMeter | null;
  note: string;
  /** The GPU's name when nvidia-smi found one. */
  deviceName?: string;
}

export interface MeterLocations {
  powercapRoot?: string;
  nvidiaSmiExecutable?: string;
}

export async function selectEnergyMeter(executionProvider: ExecutionProvider, locations: MeterLocations = {}): Promise<MeterChoice> {
  if (executionProvider !== "cpu") {
    const nvidia = await probeNvidiaSmi(locations.nvidiaSmiExecutable);
    if (nvidia.meter) return { meter: nvidia.meter, note: nvidia.meter.description, deviceName: nvidia.deviceName };
    return { meter: null, note: `no energy meter: ${nvidia.reason}, and RAPL does not see the GPU; energy per inference is not measured (the planner models it)` };
  }
  const rapl = await probeRapl(locations.powercapRoot ?? defaultPowercapRoot);
  if (rapl.meter) return { meter: rapl.meter, note: rapl.meter.description };
  return { meter: null, note: `no energy meter: ${rapl.reason}; energy per inference is not measured (the planner models it)` };
}
