import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import type { Region } from "../domain/catalog.ts";
import { WattplanError } from "../errors.ts";
import { readUserText } from "../io/read-file.ts";
import { addHours, pointsBetween, startOfHour, toHourlyPoints } from "./hourly.ts";
import { implausibleIntensity } from "./plausible-values.ts";
import type { IntensityPoint, IntensitySeries, IntensitySeriesBasis, IntensitySignal } from "../domain/intensity.ts";
import type { IntensitySource } from "./types.ts";

export interface FileSourceOptions {
  path: string;
  /** What the values are, when the file does not say (JSON files may carry `signal` and `basis`). */
  signal?: IntensitySignal;
  basis?: IntensitySeriesBasis;
  now?: () => Date;
}

const timeColumns = ["startsAt", "datetime", "timestamp", "time", "from", "point_time"];
const valueColumns = ["gCo2ePerKwh", "carbonIntensity", "intensity", "value", "gco2perkwh"];

const pointSchema = z.object({ startsAt: z.string(), gCo2ePerKwh: z.number() });
const electricityMapsPointSchema = z.object({ datetime: z.string(), carbonIntensity: z.number().nullable() });
const fileJsonSchema = z.union([
  z.array(pointSchema),
  z.object({
    points: z.array(pointSchema),
    signal: z.enum(["average", "marginal"]).optional(),
    basis: z.enum(["lifecycle", "operational", "marginal"]).optional(),
    zone: z.string().optional(),
  }),
  // An Electricity Maps forecast or history answer saved as it came.
  z.object({ zone: z.string().optional(), forecast: z.array(electricityMapsPointSchema) }),
  z.object({ zone: z.string().optional(), history: z.array(electricityMapsPointSchema) }),
]);

interface ParsedFile {
  points: IntensityPoint[];
  signal?: IntensitySignal;
  basis?: IntensitySeriesBasis;
  zone?: string;
}

/**
 * A user's own hourly values: CSV with a time and a value column (startsAt,gCo2ePerKwh or similar), or
 * JSON — a list of {startsAt, gCo2ePerKwh}, {points, signal, basis, zone}, or a saved Electricity Maps
 * forecast. Sub-hourly rows are averaged per hour. A file the user named that is missing or malformed is
 * the user's error to fix, so this source throws instead of falling back.
 */
export class FileIntensitySource implements IntensitySource {
  readonly name = "file" as const;
  private readonly options: FileSourceOptions;
  private parsed: Promise<ParsedFile> | undefined;

  constructor(options: FileSourceOptions) {
    this.options = options;
  }

  async latest(region: Region): Promise<IntensitySeries> {
    const file = await this.load();
    const now = this.now();
    const current = pointsBetween(file.points, now, 1);
    if (current.length > 0) return this.series(region, file, current, []);
    const last = file.points[file.points.length - 1];
    return this.series(region, file, [last], [`${this.options.path} has no value for the current hour; showing its last one (${last.startsAt})`]);
  }

  async history(region: Region, hours: number): Promise<IntensitySeries> {
    const file = await this.load();
    const points = pointsBetween(file.points, addHours(startOfHour(this.now()), -hours), hours);
    if (points.length > 0) return this.series(region, file, points, []);
    return this.series(region, file, file.points.slice(-hours), [`${this.options.path} has no values in the past ${hours} h; showing its last ${Math.min(hours, file.points.length)} hours`]);
  }

  /**
   * The coming hours when the file covers them; otherwise the file's first `hours` values, dates kept,
   * so a saved forecast still plans (the schedule records the forecast's own date).
   */
  async forecast(region: Region, hours: number): Promise<IntensitySeries> {
    const file = await this.load();
    const upcoming = pointsBetween(file.points, this.now(), hours);
    if (upcoming.length > 0) {
      const warnings = upcoming.length < hours ? [`${this.options.path} covers ${upcoming.length} of the next ${hours} hours`] : [];
      return this.series(region, file, upcoming, warnings);
    }
    const first = file.points.slice(0, hours);
    return this.series(region, file, first, [`${this.options.path} does not cover the coming hours; using its own ${first.length} hours from ${first[0].startsAt}`]);
  }

  private series(region: Region, file: ParsedFile, points: IntensityPoint[], warnings: string[]): IntensitySeries {
    const signal = file.signal ?? this.options.signal ?? "average";
    const basis = file.basis ?? this.options.basis ?? (signal === "marginal" ? "marginal" : "lifecycle");
    const declared = file.basis ? "as the file declares" : this.options.basis ? "as given by the caller" : "assumed: the file does not say";
    return {
      region: { provider: region.provider, code: region.code, timeZone: region.timeZone },
      points,
      metadata: {
        source: "file",
        requestedSource: "file",
        signal,
        basis,
        zone: file.zone ?? null,
        fetchedAt: this.now().toISOString(),
        origin: "file",
        description: `hourly values from ${this.options.path} (${signal} signal, ${basis} basis ${declared})`,
        warnings,
      },
    };
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private load(): Promise<ParsedFile> {
    this.parsed ??= readUserText(this.options.path, "intensity file").then((text) => parseIntensityFile(text, this.options.path));
    return this.parsed;
  }
}

/** Parses CSV or JSON (chosen by the first non-blank character) into hourly points, oldest first. */
export function parseIntensityFile(text: string, path: string): ParsedFile {
  const trimmed = text.trimStart();
  const parsed = trimmed.startsWith("[") || trimmed.startsWith("{") ? parseJsonFile(trimmed, path) : parseCsvFile(text, path);
  const points = toHourlyPoints(parsed.points);
  if (points.length === 0) throw new WattplanError("INVALID_INPUT", `${path}: no hourly values found`, "give rows of startsAt (ISO 8601) and gCo2ePerKwh");
  return { ...parsed, points };
}

function parseJsonFile(text: string, path: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new WattplanError("INVALID_INPUT", `${path}: not valid JSON (${(error as Error).message})`);
  }
  const result = fileJsonSchema.safeParse(data);
  if (!result.success) {
    throw new WattplanError("INVALID_INPUT", `${path}: expected a list of {startsAt, gCo2ePerKwh}, {points: [...]}, or a saved Electricity Maps forecast`);
  }
  const value = result.data;
  if (Array.isArray(value)) return { points: checkTimes(value, path) };
  if ("points" in value) return { points: checkTimes(value.points, path), signal: value.signal, basis: value.basis, zone: value.zone };
  const rows = "forecast" in value ? value.forecast : value.history;
  const points = rows.filter((row) => row.carbonIntensity !== null).map((row) => ({ startsAt: row.datetime, gCo2ePerKwh: row.carbonIntensity as number }));
  return { points: checkTimes(points, path), signal: "average", zone: value.zone ? `EM:${value.zone}` : undefined };
}

function parseCsvFile(text: string, path: string): ParsedFile {
  let rows: Array<Record<string, string>>;
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, comment: "#" }) as Array<Record<string, string>>;
  } catch (error) {
    throw new WattplanError("INVALID_INPUT", `${path}: not a readable CSV (${(error as Error).message})`);
  }
  const header = rows.length > 0 ? Object.keys(rows[0]) : [];
  const timeColumn = header.find((name) => timeColumns.some((candidate) => candidate.toLowerCase() === name.toLowerCase()));
  const valueColumn = header.find((name) => valueColumns.some((candidate) => candidate.toLowerCase() === name.toLowerCase()));
  if (!timeColumn || !valueColumn) {
    throw new WattplanError("INVALID_INPUT", `${path}: needs a time column (${timeColumns.join(", ")}) and a value column (${valueColumns.join(", ")})`, `found columns: ${header.join(", ") || "none"}`);
  }
  const points = rows.map((row, index) => {
    const value = Number(row[valueColumn]);
    if (row[valueColumn] === "" || !Number.isFinite(value)) {
      throw new WattplanError("INVALID_INPUT", `${path}: line ${index + 2}: ${valueColumn} '${row[valueColumn]}' is not a number`);
    }
    return { startsAt: row[timeColumn], gCo2ePerKwh: value };
  });
  return { points: checkTimes(points, path) };
}

function checkTimes(points: IntensityPoint[], path: string): IntensityPoint[] {
  for (const [index, point] of points.entries()) {
    if (Number.isNaN(Date.parse(point.startsAt))) {
      throw new WattplanError("INVALID_INPUT", `${path}: entry ${index + 1}: '${point.startsAt}' is not an ISO 8601 time`);
    }
    const implausible = implausibleIntensity([point]);
    if (implausible) throw new WattplanError("INVALID_INPUT", `${path}: entry ${index + 1}: ${implausible}`, "give grid intensity in gCO2e/kWh");
  }
  return points;
}
