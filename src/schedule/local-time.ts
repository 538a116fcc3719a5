import { WattplanError } from "../errors.ts";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a one-line error for a time zone the runtime does not know ("Europe/Stockholm" is fine, "CET+1" is not). */
export function checkTimeZone(timeZone: string): void {
  localParts(new Date(0), timeZone);
}

/** The wall-clock date (YYYY-MM-DD) and hour (0–23) of an instant in an IANA time zone. */
export function localParts(instant: Date, timeZone: string): { date: string; hour: number } {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" });
    } catch {
      throw new WattplanError("INVALID_INPUT", `unknown time zone '${timeZone}'`, "use an IANA name such as Europe/Stockholm or UTC");
    }
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24 };
}

/** "HH:MM" → minutes after midnight. */
export function clockMinutes(text: string, what: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) throw new WattplanError("INVALID_INPUT", `${what} '${text}' is not a time of day as HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The whole hours of the day inside a window, in window order: 22:00–06:00 → 22, 23, 0 … 5. A window that
 * ends where it starts is the whole day. Partial hours at the edges are left out (22:30 starts at 23).
 */
export function windowHoursOfDay(start: string, end: string): number[] {
  const startMinutes = clockMinutes(start, "window start");
  const endMinutes = clockMinutes(end, "window end");
  const lengthMinutes = (endMinutes - startMinutes + 1440) % 1440 || 1440;
  const firstHourMinutes = Math.ceil(startMinutes / 60) * 60;
  const wholeHours = Math.max(0, Math.floor((startMinutes + lengthMinutes - firstHourMinutes) / 60));
  return Array.from({ length: wholeHours }, (_, index) => (firstHourMinutes / 60 + index) % 24);
}
