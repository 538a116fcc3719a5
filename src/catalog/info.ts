import type { Catalog } from "../domain/catalog.ts";
import { catalogListFiles } from "./files.ts";

export const staleAfterMonths = 18;

export interface SourceInfo {
  id: string;
  title: string;
  licence: string;
  retrieved: string;
  /** How many dated facts in the catalog cite this source. */
  figures: number;
  oldestAsOf: string | null;
  newestAsOf: string | null;
  /** Facts whose `asOf` lies more than `staleAfterMonths` before `today`. */
  staleFigures: number;
}

export interface CatalogInfo {
  version: string;
  builtFrom: string;
  today: string;
  staleAfterMonths: number;
  counts: Record<string, number>;
  sources: SourceInfo[];
  warnings: string[];
}

/**
 * Data dates per source and the figures that have gone stale. A partial date ("2024", "2025-06") counts as the
 * END of that period, so a figure is only called stale when every day it could describe is too old.
 */
export function catalogInfo(catalog: Catalog, today: Date): CatalogInfo {
  const cutoff = monthsBefore(today, staleAfterMonths);
  const dated = new Map<string, string[]>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (!value || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    if (typeof record.source === "string" && typeof record.asOf === "string") {
      const dates = dated.get(record.source) ?? [];
      dates.push(record.asOf);
      dated.set(record.source, dates);
    }
    for (const child of Object.values(record)) if (child && typeof child === "object") walk(child);
  };
  for (const file of catalogListFiles) if (file.key !== "sources") walk(catalog[file.key]);

  const sources = catalog.sources.map((source): SourceInfo => {
    const dates = [...(dated.get(source.id) ?? [])].sort((a, b) => endOfPeriod(a).getTime() - endOfPeriod(b).getTime());
    return {
      id: source.id,
      title: source.title,
      licence: source.licence,
      retrieved: source.retrieved,
      figures: dates.length,
      oldestAsOf: dates[0] ?? null,
      newestAsOf: dates.at(-1) ?? null,
      staleFigures: dates.filter((date) => endOfPeriod(date) < cutoff).length,
    };
  });
  const warnings = sources
    .filter((source) => source.staleFigures > 0)
    .map(
      (source) =>
        `${source.staleFigures} of ${source.figures} figures from '${source.id}' are older than ${staleAfterMonths} months (oldest as of ${source.oldestAsOf})`,
    );
  return {
    version: catalog.meta.version,
    builtFrom: catalog.meta.builtFrom,
    today: today.toISOString().slice(0, 10),
    staleAfterMonths,
    counts: Object.fromEntries(catalogListFiles.map((file) => [file.key, catalog[file.key].length])),
    sources,
    warnings,
  };
}

/** The last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) can refer to, at UTC midnight. */
export function endOfPeriod(isoDate: string): Date {
  const [year, month, day] = isoDate.split("-").map(Number);
  if (day !== undefined) return new Date(Date.UTC(year, month - 1, day));
  if (month !== undefined) return new Date(Date.UTC(year, month, 0));
  return new Date(Date.UTC(year, 11, 31));
}

function monthsBefore(date: Date, months: number): Date {
  const result = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  result.setUTCMonth(result.getUTCMonth() - months);
  return result;
}
