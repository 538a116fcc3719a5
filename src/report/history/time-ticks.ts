// Calendar ticks for a time axis: the first day of every 1, 2, 3, 6 or 12 months, whichever gives a handful.

const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Month starts (UTC) within [startMs, endMs], at most about `most` of them. */
export function monthTicks(startMs: number, endMs: number, most = 7): number[] {
  const start = new Date(startMs);
  const firstMonth = start.getUTCFullYear() * 12 + start.getUTCMonth() + (start.getUTCDate() === 1 && start.getUTCHours() === 0 ? 0 : 1);
  const end = new Date(endMs);
  const lastMonth = end.getUTCFullYear() * 12 + end.getUTCMonth();
  const step = MONTH_STEPS.find((months) => Math.floor((lastMonth - firstMonth) / months) + 1 <= most) ?? MONTH_STEPS[MONTH_STEPS.length - 1];
  const ticks: number[] = [];
  // Aligned to the calendar (January, April, July...) so ticks read alike whatever the first record's month.
  for (let month = Math.ceil(firstMonth / step) * step; month <= lastMonth; month += step) ticks.push(Date.UTC(Math.floor(month / 12), month % 12, 1));
  return ticks;
}

/** "Mar 2025": fixed English month names, so the page reads the same on every machine. */
export function monthLabel(timeMs: number): string {
  const date = new Date(timeMs);
  return `${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
