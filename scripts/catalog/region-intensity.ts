import { averageIntensity, electricityMaps } from "@tgwf/co2/data";
import type { GridIntensity } from "../../src/domain/catalog.ts";
import { numberCell, readCsv, type CsvRow } from "./csv.ts";
import { iso3FromIso2 } from "./region-countries.ts";
import { regionSourceIds } from "./region-sources.ts";

/**
 * Data year for the default (lifecycle) basis. 2024 is the newest complete year: CO2.js fetched 2025 five
 * weeks after year end and several zones jump implausibly.
 */
export const lifecycleDataYear = 2024;
const electricityMapsAsOf = "2026-02-04";
const emberAsOf = "2025-08-03";

/** The Ember data year per ISO3 country, which the package drops but the reference table keeps. */
export function readEmberYears(referenceDirectory: string): Map<string, number> {
  const years = new Map<string, number>();
  for (const row of readCsv(referenceDirectory, "carbon/ember-country-intensity-latest.csv")) {
    const year = numberCell(row, "year", `ember ${row.country_or_region}`);
    if (row.country_code_iso3 && year !== undefined) years.set(row.country_code_iso3, year);
  }
  return years;
}

/**
 * Lifecycle, consumption-based zone average from Electricity Maps (via CO2.js); where the zone has no figure,
 * the Ember national figure for the country (also lifecycle, via CO2.js).
 */
export function lifecycleIntensity(zone: string | null, countryIso2: string, emberYears: Map<string, number>): GridIntensity {
  const zoneData = electricityMaps[`yearly${lifecycleDataYear}`]?.data ?? {};
  const zoneYear = zone ? zoneData[zone] : undefined;
  if (zone && zoneYear) {
    return {
      value: zoneYear.carbonIntensity.value,
      source: regionSourceIds.electricityMaps,
      asOf: electricityMapsAsOf,
      basis: "lifecycle",
      year: lifecycleDataYear,
      zone: `EM:${zone}`,
      scope: zone === countryIso2 ? "national" : "subnational",
    };
  }
  const iso3 = iso3FromIso2(countryIso2);
  const emberValue = averageIntensity.data[iso3];
  const emberYear = emberYears.get(iso3);
  if (emberValue === undefined || emberYear === undefined) {
    throw new Error(`no lifecycle intensity for zone ${zone ?? "(none)"} nor Ember country ${iso3}`);
  }
  return {
    value: emberValue,
    source: regionSourceIds.ember,
    asOf: emberAsOf,
    method: `Electricity Maps has no ${lifecycleDataYear} figure for zone ${zone ?? "(unmapped)"}; Ember national average used instead`,
    basis: "lifecycle",
    year: emberYear,
    zone: `country:${countryIso2}`,
    scope: "national",
  };
}

/** Operational (direct) figures by region: eGRID2023 for US sites and NGA for Australia (AWS and Azure). */
export function readOperationalIntensities(referenceDirectory: string): Map<string, GridIntensity> {
  const byRegion = new Map<string, GridIntensity>();
  for (const row of readCsv(referenceDirectory, "carbon/grid-intensity-by-cloud-region.csv")) {
    if (row.provider === "gcp") continue; // Google's own figures are read from Google's file below.
    const intensity = operationalFromRow(row);
    if (intensity) byRegion.set(`${row.provider}/${row.region}`, intensity);
  }
  return byRegion;
}

function operationalFromRow(row: CsvRow): GridIntensity | undefined {
  const where = `grid-intensity-by-cloud-region ${row.provider}/${row.region}`;
  const value = numberCell(row, "gco2e_per_kwh", where);
  const year = numberCell(row, "year", where);
  if (value === undefined || year === undefined || !row.basis.includes("direct")) return undefined;
  if (row.grid_zone.startsWith("eGRID:")) {
    return { value, source: regionSourceIds.egrid, asOf: "2025-06-18", basis: "operational", year, zone: row.grid_zone, scope: "subnational" };
  }
  if (row.grid_zone.startsWith("NGA:")) {
    return { value, source: regionSourceIds.nga, asOf: String(year), basis: "operational", year, zone: row.grid_zone, scope: "subnational" };
  }
  throw new Error(`${where}: direct figure from an unexpected source: ${row.source}`);
}

export interface GoogleRegionCarbon {
  /** Grid carbon intensity, operational, gCO2e/kWh. */
  gCo2ePerKwh?: number;
  /** Google CFE, hourly carbon-free energy share, percent. */
  carbonFreeEnergyPercent?: number;
}

export const googleRegionCarbonYear = 2024;
export const googleRegionCarbonAsOf = "2025-12-03";

/** Google's own figures per GCP region for the newest data year. */
export function readGoogleRegionCarbon(referenceDirectory: string): Map<string, GoogleRegionCarbon> {
  const byRegion = new Map<string, GoogleRegionCarbon>();
  for (const row of readCsv(referenceDirectory, `carbon/gcp-region-carbon-info/${googleRegionCarbonYear}.csv`)) {
    const region = row["Google Cloud Region"];
    const where = `gcp-region-carbon-info ${googleRegionCarbonYear} ${region}`;
    const fraction = numberCell(row, "Google CFE", where);
    byRegion.set(region, {
      gCo2ePerKwh: numberCell(row, "Grid carbon intensity (gCO2eq / kWh)", where),
      carbonFreeEnergyPercent: fraction === undefined ? undefined : Math.round(fraction * 1000) / 10,
    });
  }
  return byRegion;
}
