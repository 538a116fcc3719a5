// Network round trip from users to a region: great-circle distance over fibre, inflated for real routes.
import { createRequire } from "node:module";
import { WattplanError } from "../errors.ts";
import { groupThousands } from "../format/numbers.ts";

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** Mean Earth radius (IUGG), km. */
export const earthRadiusKm = 6371.0088;
/** Light in silica fibre (refractive index ≈ 1.47–1.5): about two thirds of c. */
export const fibreSpeedKmPerSecond = 200_000;
/**
 * Fibre follows roads, railways and sea cables, not great circles, and packets take detours through exchange
 * points. ASSUMPTION: routes are 1.5 × the great-circle distance; it is not taken from a measured source.
 */
export const routeInflationFactor = 1.5;

export const networkModel =
  `great-circle distance × ${routeInflationFactor} (assumed route inflation) at ${groupThousands(String(fibreSpeedKmPerSecond))} km/s in fibre, there and back; ` +
  "users placed at their country's centroid (world-countries, ODbL); no queuing, last-mile or TLS set-up time";

/** Haversine distance, km. */
export function greatCircleDistanceKm(from: Coordinates, to: Coordinates): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const deltaLatitude = toRadians(to.latitude - from.latitude);
  const deltaLongitude = toRadians(to.longitude - from.longitude);
  const haversine =
    Math.sin(deltaLatitude / 2) ** 2 + Math.cos(toRadians(from.latitude)) * Math.cos(toRadians(to.latitude)) * Math.sin(deltaLongitude / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(haversine)));
}

export function networkRoundTripMs(from: Coordinates, to: Coordinates): number {
  return ((2 * greatCircleDistanceKm(from, to) * routeInflationFactor) / fibreSpeedKmPerSecond) * 1000;
}

interface CountryRecord {
  cca2: string;
  latlng: [number, number];
}

let centroids: Map<string, Coordinates> | null = null;

/**
 * The representative point of a country (ISO 3166-1 alpha-2) from the world-countries package (mledoze/countries,
 * ODbL 1.0), or null for an unknown code. Loaded on first use: the table is large and most plans have no users.
 */
export function countryCentroid(countryCode: string): Coordinates | null {
  if (centroids === null) {
    const require = createRequire(import.meta.url);
    const countries = require("world-countries/countries.json") as CountryRecord[];
    centroids = new Map(countries.map((country) => [country.cca2.toUpperCase(), { latitude: country.latlng[0], longitude: country.latlng[1] }]));
  }
  return centroids.get(countryCode.toUpperCase()) ?? null;
}

export interface UserShare {
  country: string;
  share: number;
}

/**
 * The round trip the 95th-percentile user sees: users sorted by round trip, the first whose cumulative share reaches
 * 95 % of all users. Throws on an unknown country code (the spec validates codes before this).
 */
export function usersRoundTripP95Ms(users: UserShare[], region: Coordinates): number {
  if (users.length === 0) return 0;
  const trips = users
    .map((user) => {
      const centroid = countryCentroid(user.country);
      if (centroid === null) throw new WattplanError("INVALID_SPEC", `unknown country code '${user.country}' in users`, "use ISO 3166-1 alpha-2 codes such as DE, US, JP");
      return { roundTripMs: networkRoundTripMs(centroid, region), share: user.share };
    })
    .sort((a, b) => a.roundTripMs - b.roundTripMs);
  const total = trips.reduce((sum, trip) => sum + trip.share, 0);
  let cumulative = 0;
  for (const trip of trips) {
    cumulative += trip.share;
    if (cumulative >= 0.95 * total - 1e-12) return trip.roundTripMs;
  }
  return trips[trips.length - 1].roundTripMs;
}
