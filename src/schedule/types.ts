import type { IntensityPoint } from "../domain/intensity.ts";

export interface BatchWindow {
  /** "HH:MM", wall clock in `timeZone`. */
  start: string;
  end: string;
  /** IANA name, e.g. "Europe/Stockholm". */
  timeZone: string;
}

export interface BatchScheduleInput {
  /** Hourly forecast (UTC hour starts), at least one whole occurrence of the window for a dated schedule. */
  forecast: IntensityPoint[];
  window: BatchWindow;
  inferencesPerDay: number;
  /** Inferences per second the sized fleet sustains. */
  fleetCapacityRps: number;
  /** Energy per inference (joules; include PUE for facility energy), to state the saving in grams as well. */
  energyPerInferenceJ?: number;
}

export interface ScheduledHour {
  hourOfDay: number;
  startsAt: string;
  gCo2ePerKwh: number;
  /** Share of the hour the fleet works in the chosen schedule: 1, a fraction for the last one, or 0. */
  chosenLoad: number;
  /** The same for running at once from the window start. */
  immediateLoad: number;
}

/** A daily recurring schedule: the fleet works during `hoursOfDay` (wall clock in `timeZone`) every day. */
export interface BatchSchedule {
  /** Chosen hours of the day, in window order (22, 23, 1 …), not sorted numerically. */
  hoursOfDay: number[];
  timeZone: string;
  /** The local date of the window occurrence the hours were picked from (the forecast's date). */
  forecastDate: string;
  window: BatchWindow & { hoursOfDay: number[] };
  inferencesPerDay: number;
  inferencesPerHourCapacity: number;
  /** The most the window holds per day on this fleet. */
  windowCapacityInferencesPerDay: number;
  /** Hours of work the volume needs (fractional: the last hour may be partly used). */
  hoursNeeded: number;
  immediateHoursOfDay: number[];
  /** Energy-weighted mean intensity of the chosen hours, and of running at once from the window start. */
  chosenMeanGCo2ePerKwh: number;
  immediateMeanGCo2ePerKwh: number;
  /** (immediate − chosen) / immediate × 100; never negative. */
  expectedSavingPercent: number;
  /** Present when energyPerInferenceJ was given. */
  chosenGCo2ePerDay?: number;
  immediateGCo2ePerDay?: number;
  savedGCo2ePerDay?: number;
  hours: ScheduledHour[];
  warnings: string[];
}
