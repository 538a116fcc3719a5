// One colour scale for grid intensity, shared by the map and the bar chart. The domain is fixed (not fitted to
// the plan) so the same colour means the same gCO₂e/kWh in every report; green reads as clean, brown as coal.

export const INTENSITY_SCALE_MAX_GCO2E_PER_KWH = 800;

/** Colour stops, gCO₂e/kWh → sRGB hex; lightness rises then falls, so labels carry the value too (never colour alone). */
export const INTENSITY_COLOUR_STOPS: ReadonlyArray<{ gCo2ePerKwh: number; colour: string }> = [
  { gCo2ePerKwh: 0, colour: "#138a5e" },
  { gCo2ePerKwh: 150, colour: "#8cc152" },
  { gCo2ePerKwh: 300, colour: "#f0c43c" },
  { gCo2ePerKwh: 500, colour: "#e0792b" },
  { gCo2ePerKwh: 800, colour: "#8a2c17" },
];

/** The fill for a grid intensity; values past the scale's end take its last colour. */
export function intensityColour(gCo2ePerKwh: number): string {
  const stops = INTENSITY_COLOUR_STOPS;
  const value = Math.min(Math.max(gCo2ePerKwh, stops[0].gCo2ePerKwh), stops[stops.length - 1].gCo2ePerKwh);
  for (let index = 1; index < stops.length; index++) {
    const upper = stops[index];
    if (value <= upper.gCo2ePerKwh) {
      const lower = stops[index - 1];
      const fraction = (value - lower.gCo2ePerKwh) / (upper.gCo2ePerKwh - lower.gCo2ePerKwh);
      return mixHex(lower.colour, upper.colour, fraction);
    }
  }
  return stops[stops.length - 1].colour;
}

function mixHex(from: string, to: string, fraction: number): string {
  const start = parseHex(from);
  const end = parseHex(to);
  const channels = start.map((channel, index) => Math.round(channel + (end[index] - channel) * fraction));
  return `#${channels.map((channel) => channel.toString(16).padStart(2, "0")).join("")}`;
}

function parseHex(colour: string): [number, number, number] {
  return [1, 3, 5].map((offset) => Number.parseInt(colour.slice(offset, offset + 2), 16)) as [number, number, number];
}
