import type { IntensityBasis, Region } from "../domain/catalog.ts";
import { regionIntensity } from "../catalog/queries.ts";
import { addHours, flatPoints, startOfHour } from "./hourly.ts";
import type { IntensitySeries, IntensitySourceName } from "../domain/intensity.ts";
import type { IntensitySource } from "./types.ts";

export interface CatalogSourceOptions {
  basis?: IntensityBasis;
  now?: () => Date;
}

/**
 * The offline default: the region's yearly figure from the catalog, on the chosen basis, as a flat profile.
 * It cannot tell one hour from another, and says so.
 */
export class CatalogIntensitySource implements IntensitySource {
  readonly name = "catalog" as const;
  private readonly basis: IntensityBasis;
  private readonly now: () => Date;

  constructor(options: CatalogSourceOptions = {}) {
    this.basis = options.basis ?? "lifecycle";
    this.now = options.now ?? (() => new Date());
  }

  async latest(region: Region): Promise<IntensitySeries> {
    return annualFigureSeries(region, this.basis, this.now(), 1, { requestedSource: "catalog", warnings: [] });
  }

  async history(region: Region, hours: number): Promise<IntensitySeries> {
    return annualFigureSeries(region, this.basis, addHours(startOfHour(this.now()), -hours), hours, { requestedSource: "catalog", warnings: [] });
  }

  async forecast(region: Region, hours: number): Promise<IntensitySeries> {
    return annualFigureSeries(region, this.basis, this.now(), hours, { requestedSource: "catalog", warnings: [] });
  }
}

/**
 * A flat series at the catalog's yearly figure. Also the fallback of every remote source: `requestedSource`
 * names the source that failed and `warnings` say why.
 */
export function annualFigureSeries(
  region: Region,
  basis: IntensityBasis,
  from: Date,
  hours: number,
  context: { requestedSource: IntensitySourceName; warnings: string[] },
): IntensitySeries {
  const warnings = [...context.warnings];
  let usedBasis = basis;
  let figure = regionIntensity(region, basis);
  if (!figure) {
    usedBasis = "lifecycle";
    figure = region.intensity.lifecycle;
    warnings.push(`the catalog has no ${basis} figure for ${region.provider}/${region.code}; using its lifecycle figure`);
  }
  return {
    region: { provider: region.provider, code: region.code, timeZone: region.timeZone },
    points: flatPoints(figure.value, from, hours),
    metadata: {
      source: "catalog",
      requestedSource: context.requestedSource,
      signal: "average",
      basis: usedBasis,
      zone: figure.zone,
      fetchedAt: figure.asOf,
      origin: "annual-figure",
      description: `flat profile: the catalog's ${figure.year} yearly ${usedBasis} average for ${figure.zone} (${figure.value} gCO2e/kWh, source ${figure.source}); the same value every hour`,
      warnings,
    },
  };
}
