import type { TrafficShape } from "../estimate/contract.ts";
import type { TrafficSpec } from "../domain/spec.ts";
import { windowHoursOfDay } from "../schedule/local-time.ts";
import { roundSignificant } from "../estimate/significant-figures.ts";

const SECONDS_PER_DAY = 86_400;

/** Mean, peak and quietest request rates from the spec's traffic (live rates or a daily batch volume). */
export function trafficShapeOf(traffic: TrafficSpec): { shape: TrafficShape; assumption: string; warnings: string[] } {
  if (traffic.batch) {
    const windowSeconds = traffic.batch.window ? windowLengthSeconds(traffic.batch.window.start, traffic.batch.window.end) : SECONDS_PER_DAY;
    const meanRps = traffic.batch.inferencesPerDay / SECONDS_PER_DAY;
    const peakRps = traffic.batch.inferencesPerDay / windowSeconds;
    const quietestRps = windowSeconds < SECONDS_PER_DAY ? 0 : peakRps;
    return {
      shape: { meanRps, peakRps, quietestRps, batch: { inferencesPerDay: traffic.batch.inferencesPerDay, windowHours: windowSeconds / 3600 } },
      assumption: `batch work: ${traffic.batch.inferencesPerDay} inferences/day processed within the window's ${(windowSeconds / 3600).toFixed(1)} whole hours (the hours a schedule can use), i.e. ${roundSignificant(peakRps, 4)} rps while the window is open`,
      warnings: [],
    };
  }
  const meanRps = traffic.meanRps ?? 0;
  const multipliers = traffic.hourly;
  const shapePeak = multipliers ? meanRps * Math.max(...multipliers) : meanRps;
  const peakRps = traffic.peakRps ?? shapePeak;
  const quietestRps = multipliers ? meanRps * Math.min(...multipliers) : meanRps;
  const origin = traffic.peakRps !== undefined ? "given" : multipliers ? "from the hourly shape" : "no peak given: the mean";
  return {
    shape: { meanRps, peakRps: Math.max(peakRps, meanRps), quietestRps: Math.min(quietestRps, meanRps) },
    assumption: `traffic: mean ${roundSignificant(meanRps, 4)} rps, peak ${roundSignificant(Math.max(peakRps, meanRps), 4)} rps (${origin}), quietest hour ${roundSignificant(Math.min(quietestRps, meanRps), 4)} rps`,
    warnings: multipliers ? hourlyShapeWarnings(multipliers) : [],
  };
}

/** The hourly multipliers scale the mean: if they do not average 1, the day they describe is not the mean given. */
function hourlyShapeWarnings(multipliers: number[]): string[] {
  const average = multipliers.reduce((sum, multiplier) => sum + multiplier, 0) / multipliers.length;
  if (Math.abs(average - 1) <= HOURLY_AVERAGE_TOLERANCE) return [];
  return [
    `traffic.hourly averages ${average.toFixed(2)}, not 1: the hours describe ${roundSignificant(average, 4)} × meanRps over the day; ` +
      "the plan uses meanRps for the monthly figures and the multipliers only for the peak and quietest hours",
  ];
}

const HOURLY_AVERAGE_TOLERANCE = 0.05;

/**
 * The window's whole hours (what the schedule can run in), so that the fleet sized for them always fits the
 * day's volume at the target utilisation; a window with no whole hour keeps its length (the scheduler rejects it).
 */
function windowLengthSeconds(start: string, end: string): number {
  const wholeHours = windowHoursOfDay(start, end).length;
  if (wholeHours > 0) return wholeHours * 3600;
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const length = (minutes(end) - minutes(start) + 24 * 60) % (24 * 60);
  return (length === 0 ? 24 * 60 : length) * 60;
}
