// The land and country borders of the map, from Natural Earth's 1:110m countries as packaged in world-atlas
// (TopoJSON), converted once per process. Antarctica is left out: no cloud region is there, and without it the
// rest of the world gets a third more height.
import type { GeometryCollection, Topology } from "topojson-specification";
import { merge, mesh } from "topojson-client";
import countries110m from "world-atlas/countries-110m.json" with { type: "json" };

const ANTARCTICA_ISO_NUMERIC = "010";

export interface WorldLand {
  land: GeoJSON.MultiPolygon;
  borders: GeoJSON.MultiLineString;
}

let cached: WorldLand | undefined;

export function worldLand(): WorldLand {
  if (cached) return cached;
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = topology.objects.countries.geometries.filter((geometry) => geometry.id !== ANTARCTICA_ISO_NUMERIC);
  const land = merge(topology, countries as Parameters<typeof merge>[1]);
  // Shared arcs only (a !== b): the borders between countries, not the coastlines.
  const borders = mesh(topology, { type: "GeometryCollection", geometries: countries }, (first, second) => first !== second);
  cached = { land, borders };
  return cached;
}
