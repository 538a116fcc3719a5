// Grid intensity over time as data: the points, what they mean (signal, basis) and where they came from. The
// sources that produce them live in src/intensity; plans, schedules and reports only read these shapes.
import type { IntensityBasis, Region } from "./catalog.ts";

/** One hour of grid carbon intensity: the hour starting at `startsAt` (ISO 8601, UTC). */
export interface IntensityPoint {
  startsAt: string;
  gCo2ePerKwh: number;
}

/** Average: what the grid mix emits per kWh. Marginal: what the plant answering one more kWh emits. */
export type IntensitySignal = "average" | "marginal";

/**
 * The accounting basis of the figures: lifecycle (plants' whole life, Electricity Maps' default),
 * operational (direct emissions of generation only), marginal (a marginal operating emissions rate).
 */
export type IntensitySeriesBasis = IntensityBasis | "marginal";

export type IntensitySourceName = "catalog" | "electricitymaps" | "watttime" | "uk" | "file";

/** How the points were obtained, so a plan can say whether it ran on live data or a stand-in. */
export type IntensityOrigin = "live" | "cache" | "history-profile" | "annual-figure" | "file";

export interface IntensityMetadata {
  /** The source that produced these points (after any fallback: "catalog" when the remote one failed). */
  source: IntensitySourceName;
  /** The source that was asked for; differs from `source` after a fallback. */
  requestedSource: IntensitySourceName;
  signal: IntensitySignal;
  basis: IntensitySeriesBasis;
  /** The grid area the points describe, e.g. "EM:SE-SE3", "WT:CAISO_NORTH", "UK:13", "UK:national". */
  zone: string | null;
  /** When the data was fetched from its origin (for a cache hit: when the cached copy was fetched). */
  fetchedAt: string;
  origin: IntensityOrigin;
  /** One plain sentence on what these numbers are. */
  description: string;
  /** Everything that degraded the answer (fallbacks, missing access, unit conversions worth knowing). */
  warnings: string[];
}

export interface IntensitySeries {
  region: { provider: Region["provider"]; code: string; timeZone: string };
  points: IntensityPoint[];
  metadata: IntensityMetadata;
}
