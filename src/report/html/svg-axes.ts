// Axes and grid lines for the charts, as SVG strings. Styling (colours, font) lives in the page's CSS classes so
// the charts follow the light or dark theme.
import { escapeHtml } from "./escape.ts";
import { formatTick } from "../../format/numbers.ts";
import type { LinearScale } from "./scale.ts";

/** Rounds coordinates to 0.1 px: enough for the screen, and it keeps the file (and the golden) small. */
export function px(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

interface AxisOptions {
  scale: LinearScale;
  tickValues: number[];
  step: number;
  label: string;
  /** The other axis's pixel range, for grid lines across the plot. */
  across: readonly [number, number];
  formatValue?: (value: number) => string;
}

export function renderBottomAxis(options: AxisOptions & { y: number }): string {
  const { scale, tickValues, step, label, across, y } = options;
  const format = options.formatValue ?? ((value: number) => formatTick(value, step));
  const [rangeStart, rangeEnd] = scale.range;
  const parts = [`<g class="axis axis-x" data-role="x-axis">`];
  for (const value of tickValues) {
    const x = px(scale(value));
    parts.push(`<line class="grid" x1="${x}" x2="${x}" y1="${px(across[0])}" y2="${px(across[1])}"/>`);
    parts.push(`<line class="tick" x1="${x}" x2="${x}" y1="${px(y)}" y2="${px(y + 5)}"/>`);
    parts.push(`<text class="tick-label" x="${x}" y="${px(y + 19)}" text-anchor="middle">${escapeHtml(format(value))}</text>`);
  }
  parts.push(`<line class="domain" x1="${px(rangeStart)}" x2="${px(rangeEnd)}" y1="${px(y)}" y2="${px(y)}"/>`);
  parts.push(`<text class="axis-label" x="${px((rangeStart + rangeEnd) / 2)}" y="${px(y + 40)}" text-anchor="middle">${escapeHtml(label)}</text>`);
  parts.push(`</g>`);
  return parts.join("");
}

export function renderLeftAxis(options: AxisOptions & { x: number }): string {
  const { scale, tickValues, step, label, across, x } = options;
  const format = options.formatValue ?? ((value: number) => formatTick(value, step));
  const [rangeStart, rangeEnd] = scale.range;
  const parts = [`<g class="axis axis-y" data-role="y-axis">`];
  for (const value of tickValues) {
    const y = px(scale(value));
    parts.push(`<line class="grid" x1="${px(across[0])}" x2="${px(across[1])}" y1="${y}" y2="${y}"/>`);
    parts.push(`<line class="tick" x1="${px(x - 5)}" x2="${px(x)}" y1="${y}" y2="${y}"/>`);
    parts.push(`<text class="tick-label" x="${px(x - 9)}" y="${y}" dy="0.35em" text-anchor="end">${escapeHtml(format(value))}</text>`);
  }
  parts.push(`<line class="domain" x1="${px(x)}" x2="${px(x)}" y1="${px(rangeStart)}" y2="${px(rangeEnd)}"/>`);
  const middle = px((rangeStart + rangeEnd) / 2);
  parts.push(`<text class="axis-label" transform="translate(${px(x - 54)} ${middle}) rotate(-90)" text-anchor="middle">${escapeHtml(label)}</text>`);
  parts.push(`</g>`);
  return parts.join("");
}
