import { WattplanError } from "../errors.ts";
import type { IntensityPoint } from "../domain/intensity.ts";
import { checkTimeZone, localParts, windowHoursOfDay } from "./local-time.ts";
import type { BatchSchedule, BatchScheduleInput, ScheduledHour } from "./types.ts";

const hourMs = 60 * 60 * 1000;
const joulesPerKwh = 3.6e6;
/** Volumes within this of a whole number of hours count as whole (floating-point division noise). */
const epsilon = 1e-9;

interface WindowHour {
  hourOfDay: number;
  startsAt: string;
  gCo2ePerKwh: number;
}

/**
 * Picks the hours of the batch window with the lowest forecast intensity that still fit the daily volume on
 * the sized fleet (cleanest first; the last, partly used hour is the dirtiest of those chosen), and compares
 * with running at once from the window start: same energy, different hours. Pure: no clock, no I/O.
 */
export function scheduleBatchWork(input: BatchScheduleInput): BatchSchedule {
  validate(input);
  const { window } = input;
  checkTimeZone(window.timeZone);
  const windowHours = windowHoursOfDay(window.start, window.end);
  const describeWindow = `${window.start}–${window.end} ${window.timeZone}`;
  if (windowHours.length === 0) {
    throw new WattplanError("INVALID_INPUT", `the batch window ${describeWindow} holds no whole hour`, "widen the window to at least one whole hour");
  }
  const inferencesPerHourCapacity = input.fleetCapacityRps * 3600;
  const windowCapacityInferencesPerDay = inferencesPerHourCapacity * windowHours.length;
  let hoursNeeded = input.inferencesPerDay / inferencesPerHourCapacity;
  if (Math.abs(hoursNeeded - Math.round(hoursNeeded)) < epsilon) hoursNeeded = Math.round(hoursNeeded);
  if (hoursNeeded > windowHours.length) {
    throw new WattplanError(
      "INFEASIBLE",
      `the batch window ${describeWindow} has ${windowHours.length} whole hours; at ${formatNumber(input.fleetCapacityRps)} inferences/s the fleet fits ${formatNumber(windowCapacityInferencesPerDay)} inferences a day in it, short of the ${formatNumber(input.inferencesPerDay)} asked for`,
      "widen the window, lower traffic.batch.inferencesPerDay, or plan a larger fleet",
    );
  }

  const { occurrence, forecastDate, warnings } = pickWindowOccurrence(input.forecast, windowHours, window.timeZone);
  const fullHours = Math.floor(hoursNeeded);
  const remainder = hoursNeeded - fullHours;
  const usedHours = Math.ceil(hoursNeeded);

  const cleanestFirst = occurrence.map((hour, index) => ({ hour, index })).sort((a, b) => a.hour.gCo2ePerKwh - b.hour.gCo2ePerKwh || a.index - b.index);
  const chosenLoad = new Array<number>(occurrence.length).fill(0);
  cleanestFirst.slice(0, usedHours).forEach((entry, rank) => {
    chosenLoad[entry.index] = rank < fullHours ? 1 : remainder;
  });
  const immediateLoad = occurrence.map((_, index) => (index < fullHours ? 1 : index === fullHours ? remainder : 0));

  const weighted = (loads: number[]) => occurrence.reduce((sum, hour, index) => sum + hour.gCo2ePerKwh * loads[index], 0);
  const chosenWeighted = weighted(chosenLoad);
  const immediateWeighted = weighted(immediateLoad);
  const chosenMean = hoursNeeded > 0 ? chosenWeighted / hoursNeeded : 0;
  const immediateMean = hoursNeeded > 0 ? immediateWeighted / hoursNeeded : 0;
  const savingPercent = immediateWeighted > 0 ? Math.max(0, ((immediateWeighted - chosenWeighted) / immediateWeighted) * 100) : 0;

  const hours: ScheduledHour[] = occurrence.map((hour, index) => ({ ...hour, chosenLoad: round(chosenLoad[index], 6), immediateLoad: round(immediateLoad[index], 6) }));
  const schedule: BatchSchedule = {
    hoursOfDay: occurrence.filter((_, index) => chosenLoad[index] > 0).map((hour) => hour.hourOfDay),
    timeZone: window.timeZone,
    forecastDate,
    window: { ...window, hoursOfDay: windowHours },
    inferencesPerDay: input.inferencesPerDay,
    inferencesPerHourCapacity,
    windowCapacityInferencesPerDay,
    hoursNeeded: round(hoursNeeded, 6),
    immediateHoursOfDay: occurrence.filter((_, index) => immediateLoad[index] > 0).map((hour) => hour.hourOfDay),
    chosenMeanGCo2ePerKwh: round(chosenMean, 2),
    immediateMeanGCo2ePerKwh: round(immediateMean, 2),
    expectedSavingPercent: round(savingPercent, 1),
    hours,
    warnings,
  };
  if (input.energyPerInferenceJ !== undefined) {
    // Grams per day = intensity (g/kWh) × energy (kWh) of each hour's share of the volume.
    const kwhPerFullHour = (inferencesPerHourCapacity * input.energyPerInferenceJ) / joulesPerKwh;
    schedule.chosenGCo2ePerDay = round(chosenWeighted * kwhPerFullHour, 3);
    schedule.immediateGCo2ePerDay = round(immediateWeighted * kwhPerFullHour, 3);
    schedule.savedGCo2ePerDay = round((immediateWeighted - chosenWeighted) * kwhPerFullHour, 3);
  }
  return schedule;
}

/**
 * The first occurrence of the window that the forecast covers hour by hour. When none is whole, each window
 * hour gets the forecast's average for that hour of the day, with a warning; an hour of the day the forecast
 * never reaches is an error.
 */
function pickWindowOccurrence(forecast: IntensityPoint[], windowHours: number[], timeZone: string): { occurrence: WindowHour[]; forecastDate: string; warnings: string[] } {
  const byTime = new Map<number, number>();
  for (const point of forecast) byTime.set(Math.floor(Date.parse(point.startsAt) / hourMs) * hourMs, point.gCo2ePerKwh);
  const times = [...byTime.keys()].sort((a, b) => a - b);
  for (const time of times) {
    const local = localParts(new Date(time), timeZone);
    if (local.hour !== windowHours[0]) continue;
    const occurrence: WindowHour[] = [];
    for (let index = 0; index < windowHours.length; index += 1) {
      const at = time + index * hourMs;
      const value = byTime.get(at);
      const hourOfDay = localParts(new Date(at), timeZone).hour;
      // A clock change inside the window (a skipped or repeated hour) makes this occurrence irregular; take another day.
      if (value === undefined || hourOfDay !== windowHours[index]) break;
      occurrence.push({ hourOfDay, startsAt: new Date(at).toISOString(), gCo2ePerKwh: value });
    }
    if (occurrence.length === windowHours.length) return { occurrence, forecastDate: local.date, warnings: [] };
  }
  return typicalDay(times, byTime, windowHours, timeZone);
}

function typicalDay(times: number[], byTime: Map<number, number>, windowHours: number[], timeZone: string): { occurrence: WindowHour[]; forecastDate: string; warnings: string[] } {
  if (times.length === 0) throw new WattplanError("INVALID_INPUT", "the intensity forecast is empty", "fetch one with: wattplan intensity REGION (48 hours, as JSON)");
  const sums = new Map<number, { total: number; count: number; firstAt: number }>();
  for (const time of times) {
    const hour = localParts(new Date(time), timeZone).hour;
    const sum = sums.get(hour) ?? { total: 0, count: 0, firstAt: time };
    sum.total += byTime.get(time) as number;
    sum.count += 1;
    sums.set(hour, sum);
  }
  const missing = windowHours.filter((hour) => !sums.has(hour));
  if (missing.length > 0) {
    throw new WattplanError(
      "INVALID_INPUT",
      `the intensity forecast has no value for ${missing.map((hour) => `${String(hour).padStart(2, "0")}:00`).join(", ")} (${timeZone}) in the batch window`,
      "use a forecast of at least 24 hours",
    );
  }
  const occurrence = windowHours.map((hour) => {
    const sum = sums.get(hour) as { total: number; count: number; firstAt: number };
    return { hourOfDay: hour, startsAt: new Date(sum.firstAt).toISOString(), gCo2ePerKwh: round(sum.total / sum.count, 2) };
  });
  return {
    occurrence,
    forecastDate: localParts(new Date(times[0]), timeZone).date,
    warnings: ["the forecast covers no whole occurrence of the batch window; each window hour uses the forecast's average for that hour of the day"],
  };
}

function validate(input: BatchScheduleInput): void {
  const positive: Array<[string, number]> = [
    ["inferencesPerDay", input.inferencesPerDay],
    ["fleetCapacityRps", input.fleetCapacityRps],
  ];
  for (const [name, value] of positive) {
    if (!Number.isFinite(value) || value <= 0) throw new WattplanError("INVALID_INPUT", `${name} must be a positive number, got ${value}`);
  }
  if (input.energyPerInferenceJ !== undefined && (!Number.isFinite(input.energyPerInferenceJ) || input.energyPerInferenceJ < 0)) {
    throw new WattplanError("INVALID_INPUT", `energyPerInferenceJ must be a non-negative number, got ${input.energyPerInferenceJ}`);
  }
  for (const [index, point] of input.forecast.entries()) {
    if (Number.isNaN(Date.parse(point.startsAt)) || !Number.isFinite(point.gCo2ePerKwh) || point.gCo2ePerKwh < 0) {
      throw new WattplanError("INVALID_INPUT", `forecast point ${index + 1} is not a valid {startsAt, gCo2ePerKwh}`);
    }
  }
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
