import type { Plan } from "../domain/plan.ts";

/** Data older than this (at the plan's own date) earns a warning. */
export const STALE_AFTER_MONTHS = 18;

const PART_LABELS: Record<string, string> = {
  prices: "prices",
  gridIntensity: "grid intensity",
  power: "power coefficients",
  embodied: "embodied emissions",
  pue: "PUE",
};

/**
 * Warnings for catalog figures older than 18 months when the plan was made. A date given only to the year or month
 * counts from the end of that period, so a warning means the data is stale for certain. Measured against the plan's
 * createdAt (not today), so a report renders the same every time.
 */
export function staleDataWarnings(plan: Plan): string[] {
  const planMonth = monthIndex(plan.createdAt, "start");
  if (planMonth === null) return [];
  const warnings: string[] = [];
  for (const [part, dates] of Object.entries(plan.catalog.asOf).sort(([first], [second]) => first.localeCompare(second))) {
    const dataMonth = monthIndex(dates.oldest, "end");
    if (dataMonth === null) continue;
    const ageMonths = planMonth - dataMonth;
    if (ageMonths > STALE_AFTER_MONTHS) {
      warnings.push(`stale data: the oldest ${PART_LABELS[part] ?? part} figures are from ${dates.oldest}, ${ageMonths} months before this plan (over ${STALE_AFTER_MONTHS}); refresh the catalog`);
    }
  }
  const intensityAge = planMonth - monthIndex(String(plan.intensity.yearOldest), "end")!;
  if (plan.intensity.source === "catalog" && intensityAge > STALE_AFTER_MONTHS && !("gridIntensity" in plan.catalog.asOf)) {
    warnings.push(`stale data: grid intensity figures are for ${plan.intensity.yearOldest}, ${intensityAge} months before this plan`);
  }
  return warnings;
}

/** Months since year 0 of an ISO date (YYYY, YYYY-MM, YYYY-MM-DD or a timestamp), at the start or end of its period. */
function monthIndex(date: string, edge: "start" | "end"): number | null {
  const match = /^(\d{4})(?:-(\d{2}))?/.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? (edge === "end" ? 12 : 1) : Number(match[2]);
  return year * 12 + (month - 1);
}
