// Operational and embodied emissions, and the SCI score (ISO/IEC 21031:2024).
import { gramsPerKilogram, joulesPerKilowattHour } from "./units.ts";

/** Operational emissions of `energyJoules` drawn from a grid of `gCo2ePerKwh`, g. */
export function operationalGramsCo2e(energyJoules: number, gridIntensityGCo2ePerKwh: number): number {
  return (energyJoules / joulesPerKilowattHour) * gridIntensityGCo2ePerKwh;
}

export interface EmbodiedShareInput {
  /** TE: the hardware's total embodied emissions, kg. */
  totalEmbodiedKgCo2e: number;
  /** TiR: the time the software reserves it, h. */
  hoursReserved: number;
  /** EL: the hardware's expected lifespan, h. */
  lifespanHours: number;
  /** RR / ToR: the share of the hardware reserved (1 for a whole instance whose TE is already its share). */
  resourceShare?: number;
}

/** SCI's M = TE × (TiR / EL) × (RR / ToR), in g (CCF allocates embodied emissions the same way). */
export function embodiedGramsCo2e(input: EmbodiedShareInput): number {
  return input.totalEmbodiedKgCo2e * gramsPerKilogram * (input.hoursReserved / input.lifespanHours) * (input.resourceShare ?? 1);
}

export interface SciInput {
  /** E: energy, kWh. */
  energyKwh: number;
  /** I: grid intensity, gCO2e/kWh. */
  gridIntensityGCo2ePerKwh: number;
  /** M: embodied emissions for the same period, g. */
  embodiedGramsCo2e: number;
  /** R: functional units served in that period (here: inferences). */
  functionalUnits: number;
}

/** SCI = (E × I + M) per R, gCO2e per functional unit. */
export function softwareCarbonIntensity(input: SciInput): number {
  return (input.energyKwh * input.gridIntensityGCo2ePerKwh + input.embodiedGramsCo2e) / input.functionalUnits;
}
