import type { Plan, PlanBatchSchedule } from "../domain/plan.ts";
import { formatSignedPercent, formatValue } from "../format/numbers.ts";

/** Hours of the day as clock ranges in window order: [22, 23, 0, 5] → "22:00–01:00, 05:00–06:00". */
export function hourRanges(hoursOfDay: number[]): string {
  const ranges: Array<{ start: number; end: number }> = [];
  for (const hour of hoursOfDay) {
    const last = ranges[ranges.length - 1];
    if (last && last.end % 24 === hour) last.end = last.end + 1;
    else ranges.push({ start: hour, end: hour + 1 });
  }
  const clock = (hour: number) => `${String(hour % 24).padStart(2, "0")}:00`;
  return ranges.map((range) => `${clock(range.start)}–${clock(range.end)}`).join(", ");
}

/** "carbon −42 % vs running at once (06:00–10:00), 13.2 gCO2e a day less" or the flat-profile sentence. */
export function scheduleSavingText(schedule: PlanBatchSchedule): string {
  const saved = schedule.savedGCo2ePerDay !== null && schedule.savedGCo2ePerDay > 0 ? `, ${formatValue(schedule.savedGCo2ePerDay, "gCO2e")} a day less` : "";
  const against = `running at once (${hourRanges(schedule.immediateHoursOfDay)})`;
  if (schedule.expectedSavingPercent === 0) return `expected saving 0 % vs ${against}${schedule.chosenMeanGCo2ePerKwh === schedule.immediateMeanGCo2ePerKwh ? ": every hour has the same intensity" : ""}`;
  // A saving is a reduction: the change it makes is its negative.
  return `carbon ${formatSignedPercent(-schedule.expectedSavingPercent)} vs ${against}${saved}`;
}

/** "file (average, lifecycle, zone EM:DE, fetched 2026-…)" for the hourly series of a plan. */
export function hourlySourceText(plan: Plan): string | null {
  const hourly = plan.intensity.hourly;
  if (!hourly) return null;
  const fallback = hourly.requestedSource !== hourly.source ? `, fallback from ${hourly.requestedSource}` : "";
  return `${hourly.source}${fallback} (${hourly.signal} signal, ${hourly.basis} basis${hourly.zone ? `, zone ${hourly.zone}` : ""}${hourly.origin === hourly.source ? "" : `, ${hourly.origin}`}, fetched ${hourly.fetchedAt})`;
}
