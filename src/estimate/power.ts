// Electrical power of one instance at a utilisation, from the catalog's coefficients (CCF's linear model).
import type { AcceleratorSpec, InstanceType } from "../domain/catalog.ts";

export interface PowerInput {
  instance: InstanceType;
  accelerator: AcceleratorSpec | null;
  /** Share of the instance's capacity in use, 0–1. */
  utilization: number;
  /** Replicas per instance: on accelerator types, how many host threads feed the devices. */
  replicas?: number;
}

export interface PowerBreakdown {
  cpuWatts: number;
  memoryWatts: number;
  acceleratorWatts: number;
  /** IT power: what the server draws, before the data centre's overhead (PUE). */
  itWatts: number;
  /** Assumptions made where the catalog lacked a coefficient. */
  assumptions: string[];
}

/**
 * CPU: vCPUs × (min + (max − min) × u) W; memory: GB × W/GB (no dependence on load, as in CCF); accelerators:
 * devices × (idle + (max − idle) × u). On accelerator types the devices do the work: the host CPU is taken as
 * busy with one feeding thread per replica while the devices are busy (an assumption).
 */
export function instancePowerWatts(input: PowerInput): PowerBreakdown {
  const { instance, accelerator } = input;
  const utilization = Math.min(1, Math.max(0, input.utilization));
  const assumptions: string[] = [];
  const attachment = instance.accelerator;
  const cpuUtilization = attachment === null ? utilization : (utilization * Math.min(instance.vcpus, input.replicas ?? 1)) / instance.vcpus;
  const minWatts = instance.power.cpuMinWattsPerVcpu.value;
  const maxWatts = instance.power.cpuMaxWattsPerVcpu.value;
  const cpuWatts = instance.vcpus * (minWatts + (maxWatts - minWatts) * cpuUtilization);
  const memoryWatts = instance.memoryGb * instance.power.memoryWattsPerGb.value;

  let acceleratorWatts = 0;
  if (attachment !== null) {
    const maxDevice = instance.power.acceleratorMaxWatts?.value ?? accelerator?.maxWatts?.value;
    let idleDevice = instance.power.acceleratorIdleWatts?.value ?? accelerator?.idleWatts?.value;
    if (maxDevice === undefined) {
      assumptions.push(`no power figure for ${attachment.model} in the catalog: its devices are counted at 0 W`);
    } else {
      if (idleDevice === undefined) {
        idleDevice = maxDevice * acceleratorIdleShareOfMax;
        assumptions.push(`no idle power for ${attachment.model}: assumed ${acceleratorIdleShareOfMax * 100} % of its ${maxDevice} W maximum`);
      }
      acceleratorWatts = attachment.count * (idleDevice + (maxDevice - idleDevice) * utilization);
    }
  }
  return { cpuWatts, memoryWatts, acceleratorWatts, itWatts: cpuWatts + memoryWatts + acceleratorWatts, assumptions };
}

/** ASSUMPTION where the catalog has no idle figure: a data-centre GPU idles near a fifth of its board power. */
export const acceleratorIdleShareOfMax = 0.2;

/** Facility power: IT power × PUE (the data centre's cooling, power conversion and lighting). */
export function facilityPowerWatts(itWatts: number, pue: number): number {
  return itWatts * pue;
}
