import type { Plan } from "../../domain/plan.ts";
import { hourlySourceText, hourRanges, scheduleSavingText } from "../describe-schedule.ts";
import { formatSignificant } from "../../format/numbers.ts";
import { escapeText, markdownTable } from "./text.ts";

/** Batch work: the daily hours the fleet runs, where the hourly intensity came from, and the expected saving. */
export function scheduleSection(plan: Plan): string | null {
  const schedule = plan.schedule;
  if (!schedule) return null;
  const lines = [
    `- Runs **${hourRanges(schedule.hoursOfDay)} ${escapeText(schedule.timeZone)}** every day: ${schedule.activeInstances} instance(s), ${schedule.idleInstances} outside these hours (window ${schedule.window.start}–${schedule.window.end} ${escapeText(schedule.window.timeZone)}, ${formatSignificant(schedule.hoursNeeded)} h of work a day)`,
    `- **${escapeText(scheduleSavingText(schedule))}**; mean ${formatSignificant(schedule.chosenMeanGCo2ePerKwh)} vs ${formatSignificant(schedule.immediateMeanGCo2ePerKwh)} gCO2e/kWh, on the forecast for ${schedule.forecastDate}`,
    `- Hourly intensity: ${escapeText(hourlySourceText(plan) ?? `${schedule.source} (${schedule.signal}, ${schedule.basis})`)}`,
    "",
  ];
  const rows = schedule.hours.map((hour) => [
    `${String(hour.hourOfDay).padStart(2, "0")}:00`,
    formatSignificant(hour.gCo2ePerKwh),
    hour.chosenLoad > 0 ? (hour.chosenLoad === 1 ? "runs" : `runs ${Math.round(hour.chosenLoad * 100)} %`) : "",
    hour.immediateLoad > 0 ? (hour.immediateLoad === 1 ? "runs" : `runs ${Math.round(hour.immediateLoad * 100)} %`) : "",
  ]);
  const table = markdownTable([`Hour (${escapeText(schedule.timeZone)})`, "gCO2e/kWh", "Schedule", "At once"], rows, [false, true, false, false]);
  return [...lines, "<details>", "<summary>Hour by hour</summary>", "", table, "", "</details>"].join("\n");
}
