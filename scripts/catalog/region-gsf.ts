import type { ProviderId } from "../../src/domain/catalog.ts";
import { numberCell, readCsv } from "./csv.ts";

/** What the GSF real-time-cloud metadata says about one region: each fact from the newest year that has it. */
export interface GsfRegionFacts {
  electricityMapsZone?: string;
  wattTimeRegion?: string;
  latitude?: number;
  longitude?: number;
  pue?: { value: number; year: number };
}

const providerByName: Record<string, ProviderId> = {
  "Amazon Web Services": "aws",
  "Google Cloud": "gcp",
  "Microsoft Azure": "azure",
};

/**
 * Per-region PUE counts only from recent disclosures: older rows mix design targets (Azure's 1.12 for
 * regions then being built) with operating values.
 */
const oldestPueYear = 2023;

export function readGsfRegionFacts(referenceDirectory: string): Map<string, GsfRegionFacts> {
  const rows = readCsv(referenceDirectory, "carbon/gsf-real-time-cloud-region-metadata.csv");
  // Oldest first, so a newer year's fact overwrites an older one.
  const ordered = rows.map((row, index) => ({ row, index })).sort((a, b) => Number(a.row.year) - Number(b.row.year) || a.index - b.index);
  const facts = new Map<string, GsfRegionFacts>();
  for (const { row } of ordered) {
    const provider = providerByName[row["cloud-provider"]];
    if (!provider) continue;
    const key = `${provider}/${row["cloud-region"]}`;
    const where = `gsf metadata ${row.year} ${key}`;
    const entry = facts.get(key) ?? {};
    const year = Number(row.year);
    if (row["em-zone-id"]) {
      entry.electricityMapsZone = row["em-zone-id"];
      entry.wattTimeRegion = row["wt-region-id"] || undefined;
    }
    const [latitudeText, longitudeText] = row.geolocation.split(",").map((part) => part.trim());
    if (latitudeText && longitudeText) {
      const latitude = Number(latitudeText);
      const longitude = Number(longitudeText);
      if (Number.isFinite(latitude) && Number.isFinite(longitude)) Object.assign(entry, { latitude, longitude });
    }
    const pue = numberCell(row, "power-usage-effectiveness", where);
    if (pue !== undefined && year >= oldestPueYear) entry.pue = { value: pue, year };
    facts.set(key, entry);
  }
  return facts;
}
