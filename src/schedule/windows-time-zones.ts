import { WattplanError } from "../errors.ts";

/**
 * IANA → Windows time-zone names, for Azure autoscale recurrences (which take Windows names only). Covers
 * the time zones of the catalog's regions. Facts from Unicode CLDR, common/supplemental/windowsZones.xml
 * (mapZone entries; the territory-specific entry where the zone is not its group's "001" default).
 */
export const windowsTimeZoneByIana: Readonly<Record<string, string>> = {
  "Africa/Johannesburg": "South Africa Standard Time",
  "America/Chicago": "Central Standard Time",
  "America/Denver": "Mountain Standard Time",
  "America/Edmonton": "Mountain Standard Time",
  "America/Los_Angeles": "Pacific Standard Time",
  "America/Mexico_City": "Central Standard Time (Mexico)",
  "America/New_York": "Eastern Standard Time",
  "America/Phoenix": "US Mountain Standard Time",
  "America/Santiago": "Pacific SA Standard Time",
  "America/Sao_Paulo": "E. South America Standard Time",
  "America/Toronto": "Eastern Standard Time",
  "Asia/Bahrain": "Arab Standard Time",
  "Asia/Bangkok": "SE Asia Standard Time",
  "Asia/Dubai": "Arabian Standard Time",
  "Asia/Hong_Kong": "China Standard Time",
  "Asia/Jakarta": "SE Asia Standard Time",
  "Asia/Jerusalem": "Israel Standard Time",
  // CLDR spells it by its older alias, Asia/Calcutta.
  "Asia/Kolkata": "India Standard Time",
  "Asia/Calcutta": "India Standard Time",
  "Asia/Kuala_Lumpur": "Singapore Standard Time",
  "Asia/Qatar": "Arab Standard Time",
  "Asia/Riyadh": "Arab Standard Time",
  "Asia/Seoul": "Korea Standard Time",
  "Asia/Shanghai": "China Standard Time",
  "Asia/Singapore": "Singapore Standard Time",
  "Asia/Taipei": "Taipei Standard Time",
  "Asia/Tokyo": "Tokyo Standard Time",
  "Australia/Melbourne": "AUS Eastern Standard Time",
  "Australia/Sydney": "AUS Eastern Standard Time",
  "Europe/Amsterdam": "W. Europe Standard Time",
  "Europe/Berlin": "W. Europe Standard Time",
  "Europe/Brussels": "Romance Standard Time",
  "Europe/Copenhagen": "Romance Standard Time",
  "Europe/Dublin": "GMT Standard Time",
  "Europe/Helsinki": "FLE Standard Time",
  "Europe/London": "GMT Standard Time",
  "Europe/Madrid": "Romance Standard Time",
  "Europe/Oslo": "W. Europe Standard Time",
  "Europe/Paris": "Romance Standard Time",
  "Europe/Rome": "W. Europe Standard Time",
  "Europe/Stockholm": "W. Europe Standard Time",
  "Europe/Vienna": "W. Europe Standard Time",
  "Europe/Warsaw": "Central European Standard Time",
  "Europe/Zurich": "W. Europe Standard Time",
  "Pacific/Auckland": "New Zealand Standard Time",
  UTC: "UTC",
  "Etc/UTC": "UTC",
};

export function windowsTimeZoneFor(ianaTimeZone: string): string {
  const name = windowsTimeZoneByIana[ianaTimeZone];
  if (name) return name;
  throw new WattplanError(
    "INVALID_INPUT",
    `no Windows time-zone name known for '${ianaTimeZone}' (Azure autoscale needs one)`,
    "add it to src/schedule/windows-time-zones.ts from CLDR windowsZones.xml",
  );
}
