// An energy meter brackets a stretch of work and says how many joules the hardware counted over it.

export type MeterKind = "rapl" | "nvidia-smi";

export interface EnergyMeter {
  kind: MeterKind;
  /** What is measured, for the profile's energy note. */
  description: string;
  start(): Promise<EnergyWindow>;
}

export interface EnergyWindow {
  /** Joules over the window, or null when the meter could not produce a reading (never a guess). */
  stop(): Promise<number | null>;
}
