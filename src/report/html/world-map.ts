// Chart 3: a world map of the plan's regions, each a dot at the catalog's coordinates coloured by its grid
// intensity, drawn with d3-geo's Natural Earth projection fitted to the map's width.
import { geoNaturalEarth1, geoPath } from "d3-geo";
import type { Plan } from "../../domain/plan.ts";
import { formatSignificant } from "../../format/numbers.ts";
import { formatIntensity, intensityBasisLabel, providerName } from "./describe.ts";
import { attributes, escapeHtml } from "./escape.ts";
import { INTENSITY_COLOUR_STOPS, INTENSITY_SCALE_MAX_GCO2E_PER_KWH, intensityColour } from "./intensity-colour.ts";
import { placeLabels } from "./label-placement.ts";
import { reportRegions, type RegionLocations, type ReportRegion } from "./plan-regions.ts";
import { px } from "./svg-axes.ts";
import { worldLand } from "./world-land.ts";

export const MAP_WIDTH_PX = 960;
const MAP_PADDING_PX = 8;
const LEGEND_HEIGHT_PX = 44;
const DOT_RADIUS_PX = 6;
const LABEL_FONT_PX = 13;

export interface PlacedRegion {
  region: ReportRegion;
  x: number;
  y: number;
}

export interface WorldMapResult {
  svg: string;
  /** Regions drawn as dots. */
  placed: PlacedRegion[];
  /** Regions with no coordinates in the lookup (listed under the map instead). */
  unplaced: ReportRegion[];
  /** What the colours mean: scale, unit, basis, year and source (plain text, for a caption under the map). */
  caption: string;
}

export function renderWorldMap(plan: Plan, locations: RegionLocations): WorldMapResult {
  const { land, borders } = worldLand();
  const projection = geoNaturalEarth1().fitWidth(MAP_WIDTH_PX - 2 * MAP_PADDING_PX, land);
  const [translateX, translateY] = projection.translate();
  projection.translate([translateX + MAP_PADDING_PX, translateY + MAP_PADDING_PX]);
  const path = geoPath(projection).digits(1);
  const [[, top], [, bottom]] = path.bounds(land);
  const mapHeight = Math.ceil(bottom - top + 2 * MAP_PADDING_PX);
  const height = mapHeight + LEGEND_HEIGHT_PX;

  const regions = reportRegions(plan);
  const placed: PlacedRegion[] = [];
  const unplaced: ReportRegion[] = [];
  for (const region of regions) {
    const location = locations[region.key];
    const point = location ? projection([location.longitude, location.latitude]) : null;
    if (!point) unplaced.push(region);
    else placed.push({ region, x: point[0], y: point[1] });
  }
  separateDots(placed, DOT_RADIUS_PX * 2 + 1);
  // Draw the chosen region last so its ring sits on top.
  placed.sort((first, second) => Number(first.region.hostsChosen) - Number(second.region.hostsChosen));

  const parts = [
    `<svg ${attributes({ class: "chart map", "data-chart": "map", viewBox: `0 0 ${MAP_WIDTH_PX} ${height}`, role: "img", "aria-labelledby": "map-title map-desc" })}>`,
    `<title id="map-title">Candidate regions by grid carbon intensity (${escapeHtml(intensityBasisLabel(plan))})</title>`,
    `<desc id="map-desc">${escapeHtml(describeMap(placed, unplaced))}</desc>`,
    `<g class="land" data-role="land"><path class="land-fill" d="${path(land) ?? ""}"/><path class="borders" d="${path(borders) ?? ""}"/></g>`,
    `<g class="regions">`,
  ];
  for (const { region, x, y } of placed) {
    const tooltip = `<title>${escapeHtml(`${region.regionName} (${providerName(region.provider)} ${region.region}): ${formatIntensity(region.gridIntensityGCo2ePerKwh)}, ${region.gridIntensity.basis} ${region.gridIntensity.year}, zone ${region.gridIntensity.zone}`)}</title>`;
    const marker = region.hostsChosen ? "is-chosen" : region.hostsBaseline ? "is-baseline" : "";
    if (region.hostsChosen) parts.push(`<circle class="chosen-ring" data-role="chosen-marker" cx="${px(x)}" cy="${px(y)}" r="${DOT_RADIUS_PX + 6}"/>`);
    const dotAttributes = attributes({ class: `region-dot ${marker}`.trim(), "data-role": "region-dot", "data-region": region.key, fill: intensityColour(region.gridIntensityGCo2ePerKwh) });
    if (region.hostsBaseline && !region.hostsChosen) {
      const size = DOT_RADIUS_PX + 1.5;
      parts.push(`<path ${dotAttributes} d="M${px(x)},${px(y - size)}l${size},${size}l${-size},${size}l${-size},${-size}z">${tooltip}</path>`);
    } else {
      parts.push(`<circle ${dotAttributes} cx="${px(x)}" cy="${px(y)}" r="${DOT_RADIUS_PX}">${tooltip}</circle>`);
    }
  }
  parts.push(`</g>`, renderDotLabels(placed, mapHeight), renderLegend(plan, mapHeight), `</svg>`);
  return { svg: parts.join(""), placed, unplaced, caption: legendCaption(plan) };
}

/** Nudges dots that would cover each other (two providers in one city) apart, a few pixels at a time. */
function separateDots(placed: PlacedRegion[], minimumDistancePx: number): void {
  for (let index = 1; index < placed.length; index++) {
    const dot = placed[index];
    for (let attempt = 0; attempt < 24; attempt++) {
      const crowding = placed.slice(0, index).find((other) => Math.hypot(other.x - dot.x, other.y - dot.y) < minimumDistancePx);
      if (!crowding) break;
      const angle = Math.atan2(dot.y - crowding.y, dot.x - crowding.x) || (attempt * Math.PI) / 3;
      dot.x += Math.cos(angle) * 3;
      dot.y += Math.sin(angle) * 3;
    }
  }
}

function renderDotLabels(placed: PlacedRegion[], mapHeight: number): string {
  const requests = placed.map(({ region, x, y }) => ({
    x,
    y,
    radius: region.hostsChosen ? DOT_RADIUS_PX + 6 : DOT_RADIUS_PX + 1,
    text: `${region.region} · ${formatSignificant(region.gridIntensityGCo2ePerKwh)} g`,
    priority: region.hostsChosen ? 3 : region.hostsBaseline ? 2 : 1,
    required: region.hostsChosen || region.hostsBaseline,
    region,
  }));
  const labels = placeLabels(requests, { x: 0, y: 0, width: MAP_WIDTH_PX, height: mapHeight }, LABEL_FONT_PX);
  return `<g class="map-labels">${labels
    .map((label) => {
      const region = (label.request as (typeof requests)[number]).region;
      const className = region.hostsChosen ? "map-label is-chosen" : "map-label";
      const leader = label.leader ? `<line class="leader" x1="${px(label.leader.x1)}" y1="${px(label.leader.y1)}" x2="${px(label.leader.x2)}" y2="${px(label.leader.y2)}"/>` : "";
      return `${leader}<text class="${className}" x="${px(label.x)}" y="${px(label.y)}" text-anchor="${label.anchor}">${escapeHtml(label.request.text)}</text>`;
    })
    .join("")}</g>`;
}

function renderLegend(plan: Plan, mapHeight: number): string {
  const left = MAP_PADDING_PX + 4;
  const top = mapHeight + 14;
  const barWidth = 300;
  const stops = INTENSITY_COLOUR_STOPS.map(
    (stop) => `<stop offset="${px((stop.gCo2ePerKwh / INTENSITY_SCALE_MAX_GCO2E_PER_KWH) * 100)}%" stop-color="${stop.colour}"/>`,
  ).join("");
  const tickValues = [0, 200, 400, 600, 800];
  const tickMarks = tickValues
    .map((value) => {
      const x = left + (value / INTENSITY_SCALE_MAX_GCO2E_PER_KWH) * barWidth;
      const text = value === INTENSITY_SCALE_MAX_GCO2E_PER_KWH ? `${value}+` : `${value}`;
      return `<line class="tick" x1="${px(x)}" x2="${px(x)}" y1="${px(top + 10)}" y2="${px(top + 14)}"/><text class="tick-label" x="${px(x)}" y="${px(top + 27)}" text-anchor="middle">${text}</text>`;
    })
    .join("");
  const keyLeft = left + barWidth + 48;
  return (
    `<g class="legend" data-role="map-legend">` +
    `<defs><linearGradient id="intensity-gradient" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient></defs>` +
    `<rect x="${px(left)}" y="${px(top)}" width="${barWidth}" height="10" rx="2" fill="url(#intensity-gradient)"/>` +
    tickMarks +
    `<text class="legend-key" x="${px(left + barWidth + 10)}" y="${px(top + 5)}" dy="0.35em">gCO₂e/kWh</text>` +
    `<circle class="chosen-ring" cx="${px(keyLeft + 100)}" cy="${px(top + 5)}" r="${DOT_RADIUS_PX + 4}"/><circle class="legend-swatch" cx="${px(keyLeft + 100)}" cy="${px(top + 5)}" r="${DOT_RADIUS_PX - 1}"/>` +
    `<text class="legend-key" x="${px(keyLeft + 116)}" y="${px(top + 5)}" dy="0.35em">chosen</text>` +
    `<path class="legend-swatch" d="M${px(keyLeft + 190)},${px(top - 2)}l7,7l-7,7l-7,-7z"/>` +
    `<text class="legend-key" x="${px(keyLeft + 204)}" y="${px(top + 5)}" dy="0.35em">baseline</text>` +
    `<circle class="legend-swatch" cx="${px(keyLeft + 282)}" cy="${px(top + 5)}" r="${DOT_RADIUS_PX - 1}"/>` +
    `<text class="legend-key" x="${px(keyLeft + 294)}" y="${px(top + 5)}" dy="0.35em">other candidate regions</text>` +
    `</g>`
  );
}

function legendCaption(plan: Plan): string {
  const fetched = plan.intensity.fetchedAt ? `, fetched ${plan.intensity.fetchedAt}` : "";
  return `Dot colour: grid carbon intensity in gCO₂e/kWh, ${intensityBasisLabel(plan)}${fetched}. ${capitalise(plan.intensity.description)}. Land: Natural Earth 1:110m (public domain) via world-atlas.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeMap(placed: PlacedRegion[], unplaced: ReportRegion[]): string {
  const listed = placed.map(({ region }) => `${region.regionName} (${region.provider} ${region.region}) ${formatIntensity(region.gridIntensityGCo2ePerKwh)}`);
  const missing = unplaced.length > 0 ? ` No coordinates for ${unplaced.map((region) => region.key).join(", ")}.` : "";
  return `${placed.length} candidate regions: ${listed.join("; ")}.${missing}`;
}
