import type { IntensityPoint } from "../domain/intensity.ts";

const hourMs = 60 * 60 * 1000;

export function startOfHour(date: Date): Date {
  return new Date(Math.floor(date.getTime() / hourMs) * hourMs);
}

export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * hourMs);
}

/** The same value for each of `hours` hours from `from` (a flat profile). */
export function flatPoints(gCo2ePerKwh: number, from: Date, hours: number): IntensityPoint[] {
  const start = startOfHour(from);
  return Array.from({ length: hours }, (_, index) => ({ startsAt: addHours(start, index).toISOString(), gCo2ePerKwh }));
}

/**
 * APIs answer in 5-minute (WattTime) or 30-minute (UK) steps; the planner works in hours. Each hour gets
 * the mean of the samples that start inside it. Samples that are not finite numbers are dropped.
 */
export function toHourlyPoints(samples: Array<{ startsAt: string; gCo2ePerKwh: number }>): IntensityPoint[] {
  const sums = new Map<number, { total: number; count: number }>();
  for (const sample of samples) {
    const time = Date.parse(sample.startsAt);
    if (Number.isNaN(time) || !Number.isFinite(sample.gCo2ePerKwh)) continue;
    const hour = Math.floor(time / hourMs) * hourMs;
    const sum = sums.get(hour) ?? { total: 0, count: 0 };
    sum.total += sample.gCo2ePerKwh;
    sum.count += 1;
    sums.set(hour, sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, sum]) => ({ startsAt: new Date(hour).toISOString(), gCo2ePerKwh: roundTo(sum.total / sum.count, 2) }));
}

/**
 * A forecast stand-in from history: each upcoming hour gets the average of the same hour of the day (UTC)
 * over the past days. Hours of the day the history lacks get the mean of the whole history.
 */
export function historyProfilePoints(history: IntensityPoint[], from: Date, hours: number): IntensityPoint[] {
  const byHourOfDay = Array.from({ length: 24 }, () => ({ total: 0, count: 0 }));
  let total = 0;
  for (const point of history) {
    const hourOfDay = new Date(point.startsAt).getUTCHours();
    byHourOfDay[hourOfDay].total += point.gCo2ePerKwh;
    byHourOfDay[hourOfDay].count += 1;
    total += point.gCo2ePerKwh;
  }
  const overall = history.length > 0 ? total / history.length : Number.NaN;
  const start = startOfHour(from);
  return Array.from({ length: hours }, (_, index) => {
    const startsAt = addHours(start, index);
    const bucket = byHourOfDay[startsAt.getUTCHours()];
    const value = bucket.count > 0 ? bucket.total / bucket.count : overall;
    return { startsAt: startsAt.toISOString(), gCo2ePerKwh: roundTo(value, 2) };
  });
}

/** Keeps the points of [from, from + hours). */
export function pointsBetween(points: IntensityPoint[], from: Date, hours: number): IntensityPoint[] {
  const start = startOfHour(from).getTime();
  const end = start + hours * hourMs;
  return points.filter((point) => {
    const time = Date.parse(point.startsAt);
    return time >= start && time < end;
  });
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
