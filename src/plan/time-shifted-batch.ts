// Batch work in time: the chosen fleet runs only in the cleanest hours of the spec's window, picked on the
// chosen region's hourly intensity. Pure: the series was fetched before planning (src/load), or is the
// catalog's yearly figure as a flat profile.
import type { GridIntensity, IntensityBasis, Region } from "../domain/catalog.ts";
import type { Candidate, PlanBatchSchedule } from "../domain/plan.ts";
import type { WorkloadSpec } from "../domain/spec.ts";
import type { IntensityMetadata, IntensityPoint } from "../domain/intensity.ts";
import { scheduleBatchWork } from "../schedule/batch-schedule.ts";
import { localParts } from "../schedule/local-time.ts";
import type { RegionHourlySeries } from "./intensity-input.ts";
import type { BatchOperation } from "../estimate/contract.ts";
import { roundSignificant } from "../estimate/significant-figures.ts";

const hourMs = 60 * 60 * 1000;
/** A flat stand-in covers two days: every window occurrence starting on the plan's date fits. */
const FLAT_PROFILE_HOURS = 48;

export interface TimeShiftedBatch {
  schedule: PlanBatchSchedule;
  /** The series the hours were picked on (the given one, or the flat stand-in). */
  series: RegionHourlySeries;
  assumptions: string[];
  warnings: string[];
}

/**
 * The daily schedule of the chosen candidate. The active fleet is the candidate's max (at least the fleet sized for
 * the window's rate at the target utilisation); it runs at the target utilisation, so it needs only part of the
 * window and the cleanest hours of it are chosen. Outside them the fleet scales to nothing. The candidate's
 * monthly figures are costed on the same hours (src/estimate/batch-operation.ts).
 */
export function timeShiftedBatch(input: {
  spec: WorkloadSpec;
  chosen: Candidate;
  region: Region;
  /** The chosen region's yearly figure on the spec's basis (or the lifecycle one standing in), as its estimate used. */
  gridIntensity: GridIntensity;
  series: RegionHourlySeries | undefined;
  createdAt: string;
  /** The chosen candidate's batch operation (unrounded): the active fleet and its capacity at the target utilisation. */
  operation?: BatchOperation;
}): TimeShiftedBatch | null {
  const batch = input.spec.traffic.batch;
  if (!batch) return null;
  const { chosen, region } = input;
  const window = batch.window ?? { start: "00:00", end: "00:00", timeZone: region.timeZone };
  const series = input.series ?? flatSeries(chosen, input.gridIntensity, input.spec.options.intensityBasis, input.createdAt);
  // The fleet runs at the target utilisation, as the candidate's monthly figures are costed.
  const activeInstances = input.operation?.activeInstances ?? chosen.instances.max;
  const fleetCapacityRps = input.operation?.activeCapacityRps ?? activeInstances * chosen.throughputPerInstanceRps * chosen.utilization;
  const result = scheduleBatchWork({
    forecast: series.points,
    window,
    inferencesPerDay: batch.inferencesPerDay,
    fleetCapacityRps,
    // Already facility energy (IT × PUE): what the grid supplies for one inference. PUE must not be applied again.
    energyPerInferenceJ: chosen.energyPerInferenceJ,
  });
  const inRegionZone = (startsAt: string) => localParts(new Date(startsAt), region.timeZone).hour;
  const unique = (hours: number[]) => [...new Set(hours)];
  const hours = result.hours.map((hour) => ({ ...hour, hourOfDay: inRegionZone(hour.startsAt) }));
  const firstWindowHour = result.hours[0]?.startsAt;
  const { metadata } = series;
  const schedule: PlanBatchSchedule = {
    hoursOfDay: unique(hours.filter((hour) => hour.chosenLoad > 0).map((hour) => hour.hourOfDay)),
    timeZone: region.timeZone,
    window: { start: window.start, end: window.end, timeZone: window.timeZone, hoursOfDay: unique(hours.map((hour) => hour.hourOfDay)) },
    forecastDate: firstWindowHour ? localParts(new Date(firstWindowHour), region.timeZone).date : result.forecastDate,
    inferencesPerDay: result.inferencesPerDay,
    inferencesPerHourCapacity: result.inferencesPerHourCapacity,
    windowCapacityInferencesPerDay: result.windowCapacityInferencesPerDay,
    hoursNeeded: result.hoursNeeded,
    activeInstances,
    idleInstances: 0,
    immediateHoursOfDay: unique(hours.filter((hour) => hour.immediateLoad > 0).map((hour) => hour.hourOfDay)),
    chosenMeanGCo2ePerKwh: result.chosenMeanGCo2ePerKwh,
    immediateMeanGCo2ePerKwh: result.immediateMeanGCo2ePerKwh,
    expectedSavingPercent: result.expectedSavingPercent,
    chosenGCo2ePerDay: result.chosenGCo2ePerDay ?? null,
    immediateGCo2ePerDay: result.immediateGCo2ePerDay ?? null,
    savedGCo2ePerDay: result.savedGCo2ePerDay ?? null,
    source: metadata.source,
    signal: metadata.signal,
    basis: metadata.basis,
    hours,
  };

  const assumptions = [
    `batch schedule: the active fleet (${activeInstances} instance(s): the fewest instance-hours that finish within the window at the target utilisation) runs at that utilisation, ` +
      `${roundSignificant(result.inferencesPerHourCapacity, 4)} inferences/hour, so ${roundSignificant(result.hoursNeeded, 4)} of the window's ${result.window.hoursOfDay.length} whole hours do the day's work; ` +
      "it scales to 0 outside the scheduled hours",
    `batch schedule: the cleanest hours of the ${window.start}–${window.end} ${window.timeZone} window on ${metadata.source}'s ${metadata.signal} ${metadata.basis} series for ${chosen.provider}/${chosen.region}, ` +
      `compared with running at once from the window start; the ranking stays on the catalog's yearly ${input.spec.options.intensityBasis} figures (one basis for every region)` +
      (metadata.origin === "annual-figure" ? "" : "; the chosen candidate's operational carbon uses the mean intensity of the chosen hours"),
  ];
  if (window.timeZone !== region.timeZone) {
    assumptions.push(
      `batch schedule: the window is in ${window.timeZone}, the schedule in the region's ${region.timeZone}, converted on the forecast date (a daylight-saving change in one zone but not the other shifts it by an hour until the next plan)`,
    );
  }
  const warnings = [...result.warnings];
  if (metadata.origin === "annual-figure") {
    warnings.push(
      `batch schedule: the intensity is a flat profile (the catalog's yearly figure for ${chosen.region}), so every hour looks the same: the schedule is simply the first ${schedule.hoursOfDay.length} hour(s) of the window and the expected saving is 0 %; plan with --intensity-source (a forecast) to shift the work to cleaner hours`,
    );
  }
  return { schedule, series, assumptions, warnings };
}

/** The chosen region's yearly figure every hour, from the start of the plan's UTC day. */
function flatSeries(chosen: Candidate, yearly: GridIntensity, basis: IntensityBasis, createdAt: string): RegionHourlySeries {
  const parsed = Date.parse(createdAt);
  const start = Math.floor((Number.isNaN(parsed) ? 0 : parsed) / (24 * hourMs)) * 24 * hourMs;
  const points: IntensityPoint[] = Array.from({ length: FLAT_PROFILE_HOURS }, (_, index) => ({
    startsAt: new Date(start + index * hourMs).toISOString(),
    gCo2ePerKwh: chosen.gridIntensityGCo2ePerKwh,
  }));
  const figure = chosen.gridIntensity;
  const metadata: IntensityMetadata = {
    source: "catalog",
    requestedSource: "catalog",
    signal: "average",
    basis: figure.basis ?? basis,
    zone: figure.zone,
    fetchedAt: yearly.asOf,
    origin: "annual-figure",
    description: `flat profile: the catalog's ${figure.year} yearly ${figure.basis} average for ${figure.zone} (${chosen.gridIntensityGCo2ePerKwh} gCO2e/kWh, source ${figure.source}); the same value every hour`,
    warnings: [],
  };
  return { points, metadata };
}
