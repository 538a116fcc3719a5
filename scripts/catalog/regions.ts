import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GridIntensity, Provider, ProviderId, Region } from "../../src/domain/catalog.ts";
import type { Provenance, Source } from "../../src/domain/figure.ts";
import { numberCell, readCsv } from "./csv.ts";
import { readGsfRegionFacts, type GsfRegionFacts } from "./region-gsf.ts";
import { ukCarbonIntensityRegionIds } from "./region-uk.ts";
import {
  googleRegionCarbonAsOf,
  googleRegionCarbonYear,
  lifecycleIntensity,
  readEmberYears,
  readGoogleRegionCarbon,
  readOperationalIntensities,
} from "./region-intensity.ts";
import { compareText } from "./merge.ts";
import { providers, pueSourceByProvider } from "./region-providers.ts";
import { regionSourceIds, regionSources } from "./region-sources.ts";

export interface RegionCatalogPart {
  providers: Provider[];
  regions: Region[];
  sources: Source[];
}

const scriptDirectory = dirname(fileURLToPath(import.meta.url));
/** GSF coordinates are used only when they agree with the region's published city; several do not. */
const maximumCoordinateDisagreementKm = 100;
const locationsAsOf = "2026-11";
const gsfAsOf = "2026-03-12";

/** Providers and regions with location, grid zones, PUE and grid intensity on both bases. */
export function buildRegionCatalog(referenceDirectory: string): RegionCatalogPart {
  const regionRows = readCsv(referenceDirectory, "carbon/grid-intensity-by-cloud-region.csv");
  const locations = readRegionLocations();
  const zoneMapping = readElectricityMapsZoneMapping(referenceDirectory);
  const gsfFacts = readGsfRegionFacts(referenceDirectory);
  const emberYears = readEmberYears(referenceDirectory);
  const operational = readOperationalIntensities(referenceDirectory);
  const google = readGoogleRegionCarbon(referenceDirectory);

  const regions = regionRows.map((row): Region => {
    const provider = row.provider as ProviderId;
    const key = `${provider}/${row.region}`;
    const location = locations.get(key);
    if (!location) throw new Error(`no location for ${key} in scripts/catalog/region-locations.csv`);
    const gsf = gsfFacts.get(key) ?? {};
    const zone = zoneMapping.get(key);
    const electricityMapsZone = zone ?? gsf.electricityMapsZone ?? null;
    const googleFigures = provider === "gcp" ? google.get(row.region) : undefined;
    const operationalIntensity = googleFigures ? googleOperational(googleFigures.gCo2ePerKwh, electricityMapsZone, row.country_iso2) : operational.get(key);
    const region: Region = {
      provider,
      code: row.region,
      name: row.region_name,
      country: row.country_iso2,
      ...resolveCoordinates(location, gsf),
      timeZone: location.timeZone,
      gridZones: {
        electricityMaps: electricityMapsZone,
        // WattTime ids only where GSF's zone agrees with ours: a disagreement means GSF placed the site elsewhere.
        wattTime: gsf.wattTimeRegion && gsf.electricityMapsZone === electricityMapsZone ? gsf.wattTimeRegion : null,
        ...(ukCarbonIntensityRegionIds[key] !== undefined && { ukCarbonIntensityRegionId: ukCarbonIntensityRegionIds[key] }),
        source: zone ? regionSourceIds.zoneMapping : regionSourceIds.gsfMetadata,
      },
      ...(gsf.pue && {
        pue: {
          value: gsf.pue.value,
          source: pueSourceByProvider[provider],
          asOf: String(gsf.pue.year),
          method: "per-region disclosure by the provider, read through the GSF real-time-cloud region metadata",
        },
      }),
      intensity: {
        lifecycle: lifecycleIntensity(electricityMapsZone, row.country_iso2, emberYears),
        ...(operationalIntensity && { operational: operationalIntensity }),
      },
      ...(googleFigures?.carbonFreeEnergyPercent !== undefined && {
        carbonFreeEnergyPercent: { value: googleFigures.carbonFreeEnergyPercent, source: regionSourceIds.googleRegionCarbon, asOf: googleRegionCarbonAsOf },
      }),
    };
    return region;
  });

  regions.sort((a, b) => compareText(a.provider, b.provider) || compareText(a.code, b.code));
  return { providers, regions, sources: regionSources(readCo2jsVersion()) };
}

function googleOperational(value: number | undefined, zone: string | null, country: string): GridIntensity | undefined {
  if (value === undefined) return undefined;
  return {
    value,
    source: regionSourceIds.googleRegionCarbon,
    asOf: googleRegionCarbonAsOf,
    basis: "operational",
    year: googleRegionCarbonYear,
    zone: zone ? `EM:${zone}` : `country:${country}`,
    scope: zone && zone !== country ? "subnational" : "national",
  };
}

interface RegionLocation {
  location: string;
  latitude: number;
  longitude: number;
  timeZone: string;
}

function readRegionLocations(): Map<string, RegionLocation> {
  const locations = new Map<string, RegionLocation>();
  for (const row of readCsv(scriptDirectory, "region-locations.csv")) {
    const where = `region-locations ${row.provider}/${row.region}`;
    const latitude = numberCell(row, "latitude", where);
    const longitude = numberCell(row, "longitude", where);
    if (latitude === undefined || longitude === undefined) throw new Error(`${where}: coordinates missing`);
    assertTimeZone(row.time_zone, where);
    locations.set(`${row.provider}/${row.region}`, { location: row.location, latitude, longitude, timeZone: row.time_zone });
  }
  return locations;
}

function assertTimeZone(timeZone: string, where: string): void {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    throw new Error(`${where}: not an IANA time zone: ${timeZone}`);
  }
}

/** The zone each region's site sits in, from the reference mapping (the Electricity Maps candidates per region). */
function readElectricityMapsZoneMapping(referenceDirectory: string): Map<string, string> {
  const zones = new Map<string, string>();
  for (const row of readCsv(referenceDirectory, "carbon/grid-intensity-candidates-by-cloud-region.csv")) {
    if (row.candidate_source !== "Electricity Maps yearly zone average" || !row.zone.startsWith("EM:")) continue;
    const key = `${row.provider}/${row.region}`;
    const zone = row.zone.slice("EM:".length);
    const previous = zones.get(key);
    if (previous && previous !== zone) throw new Error(`candidates file maps ${key} to both ${previous} and ${zone}`);
    zones.set(key, zone);
  }
  return zones;
}

function resolveCoordinates(location: RegionLocation, gsf: GsfRegionFacts): { latitude: number; longitude: number; locationSource: Provenance } {
  if (gsf.latitude !== undefined && gsf.longitude !== undefined) {
    const distanceKm = greatCircleKm(location.latitude, location.longitude, gsf.latitude, gsf.longitude);
    if (distanceKm <= maximumCoordinateDisagreementKm) {
      return {
        latitude: gsf.latitude,
        longitude: gsf.longitude,
        locationSource: { source: regionSourceIds.gsfMetadata, asOf: gsfAsOf, method: `GSF geolocation; within ${Math.round(distanceKm)} km of the published location (${location.location})` },
      };
    }
  }
  return {
    latitude: location.latitude,
    longitude: location.longitude,
    locationSource: { source: regionSourceIds.locations, asOf: locationsAsOf, method: `coordinates of the published location: ${location.location}`, estimated: true },
  };
}

function greatCircleKm(latitudeA: number, longitudeA: number, latitudeB: number, longitudeB: number): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const earthRadiusKm = 6371;
  const deltaLatitude = radians(latitudeB - latitudeA);
  const deltaLongitude = radians(longitudeB - longitudeA);
  const haversine = Math.sin(deltaLatitude / 2) ** 2 + Math.cos(radians(latitudeA)) * Math.cos(radians(latitudeB)) * Math.sin(deltaLongitude / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.sqrt(haversine));
}

export function readCo2jsVersion(): string {
  const packagePath = join(scriptDirectory, "..", "..", "node_modules", "@tgwf", "co2", "package.json");
  return (JSON.parse(readFileSync(packagePath, "utf8")) as { version: string }).version;
}

