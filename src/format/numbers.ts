// Numbers for people, one rule per quantity, shared by the reports, the CLI, bench and what-if: fixed rules (no
// locale), so output is the same on every machine.

/** The typographic minus: "−412" rather than "-412". */
export const MINUS = "−";

/** Digits grouped by thousands with commas: 1234567 → "1,234,567". */
export function groupThousands(integerText: string): string {
  return integerText.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A fixed number of decimals, grouped, with the typographic minus. */
export function formatFixed(value: number, decimals: number): string {
  const rounded = Math.abs(value).toFixed(decimals);
  const [integerPart, fractionPart] = rounded.split(".");
  const text = fractionPart === undefined ? groupThousands(integerPart) : `${groupThousands(integerPart)}.${fractionPart}`;
  return value < 0 && Number(rounded) !== 0 ? `${MINUS}${text}` : text;
}

/**
 * Three significant digits without exponents for everyday magnitudes (22.4, 0.0000711, 1,235); tiny or huge
 * values fall back to "7.11e-9" so a column never fills with zeros.
 */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude < 1e-7 || magnitude >= 1e15) {
    const [mantissa, exponent] = magnitude.toExponential(digits - 1).split("e");
    return `${value < 0 ? MINUS : ""}${trimFractionZeros(mantissa)}e${exponent.replace("+", "")}`;
  }
  const exponent = Math.floor(Math.log10(magnitude));
  // Whole numbers keep all their integer digits (1,117 rather than 1,120); fractions keep `digits` significant.
  if (exponent >= digits - 1) return formatFixed(value, 0);
  const decimals = Math.max(0, digits - 1 - exponent);
  const rounded = Number(magnitude.toPrecision(digits));
  return trimFractionZeros(formatFixed(value < 0 ? -rounded : rounded, Math.min(decimals, 20)));
}

/** USD: whole dollars from $10 up, cents below, two significant digits under a cent ("$1,117", "$38", "$0.29"). */
export function formatUsd(value: number): string {
  const magnitude = Math.abs(value);
  const text = magnitude >= 10 ? formatFixed(magnitude, 0) : magnitude >= 0.01 ? trimZeros(formatFixed(magnitude, 2)) : formatSignificant(magnitude, 2);
  return `${value < 0 && text !== "0" ? MINUS : ""}$${text}`;
}

/**
 * An hourly price to four significant digits ("$0.0955", "$0.2904", "$12.24"): published per-hour prices carry
 * four, and a cent rounded away per hour is $7.30 a month per instance.
 */
export function formatUsdPerHour(value: number): string {
  return `${value < 0 ? MINUS : ""}$${formatSignificant(Math.abs(value), 4)}`;
}

/** Power usage effectiveness to four significant digits: a published 1.09 or 1.4 as published, a finer 1.135 not cut to 1.14. */
export function formatPue(pue: number): string {
  return formatSignificant(pue, 4);
}

/** A change with its sign spelled out, the magnitude written by `formatMagnitude`: "+38", "−481", "±0". */
export function formatSigned(value: number, formatMagnitude: (magnitude: number) => string): string {
  const text = formatMagnitude(Math.abs(value));
  return `${signOf(value, text)}${text}`;
}

/** "+$38", "−$481", "±$0". */
export function formatSignedUsd(value: number): string {
  return formatSigned(value, formatUsd);
}

/** A change with its sign and unit: "−412 kgCO2e", "+3.2 ms", "−17.1 µgCO2e". */
export function formatSignedValue(value: number, unit: string): string {
  return formatSigned(value, (magnitude) => {
    const [scaled, shownUnit] = withPrefix(magnitude, unit);
    return `${formatSignificant(scaled)}${shownUnit ? ` ${shownUnit}` : ""}`;
  });
}

/** A percentage change: whole percent from 1 % up, one decimal below ("−71 %", "+0.4 %"); "n/a" without a base. */
export function formatSignedPercent(percent: number | null): string {
  if (percent === null) return "n/a";
  const magnitude = Math.abs(percent);
  if (magnitude < 0.05) return "±0 %";
  const text = magnitude >= 1 ? formatFixed(magnitude, 0) : formatFixed(magnitude, 1);
  return `${signOf(percent, text)}${text} %`;
}

/** A value with its unit: "22.4 kgCO2e", "71.1 µgCO2e", "88.4 ms". */
export function formatValue(value: number, unit: string): string {
  if (unit === "USD") return formatUsd(value);
  if (unit === "FLOP") return formatFlops(value);
  const [scaled, shownUnit] = withPrefix(value, unit);
  return `${formatSignificant(scaled)}${shownUnit ? ` ${shownUnit}` : ""}`;
}

/** "low–high unit" for a projected range, both ends in the unit that suits the larger one. */
export function formatRange(low: number, high: number, unit: string): string {
  if (unit === "USD") return `${formatUsd(low)}–${formatUsd(high)}`;
  const [, shownUnit, scale] = withPrefix(Math.max(Math.abs(low), Math.abs(high)), unit);
  return `${formatSignificant(low / scale)}–${formatSignificant(high / scale)}${shownUnit ? ` ${shownUnit}` : ""}`;
}

/** At most `mostDecimals` decimals, no grouping, trailing zeros dropped: catalog figures in terminal tables (1024, 0.35). */
export function formatPlain(value: number, mostDecimals: number): string {
  if (Number.isInteger(value)) return String(value);
  const scale = 10 ** mostDecimals;
  return String(Math.round(value * scale) / scale);
}

/** A count with a k or M suffix: 11.7k parameters, 1.59M. */
export function formatCount(count: number): string {
  if (count >= 1e6) return `${(count / 1e6).toFixed(2)}M`;
  if (count >= 1e3) return `${(count / 1e3).toFixed(1)}k`;
  return String(count);
}

/** Bytes in binary units: "45.2 KiB", "3.1 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** A mass unit for grams of CO2e, chosen so the number has one to three digits before the point. */
export interface MassUnit {
  label: "µg" | "mg" | "g" | "kg" | "t";
  gramsPerUnit: number;
}

const MASS_UNITS: MassUnit[] = [
  { label: "µg", gramsPerUnit: 1e-6 },
  { label: "mg", gramsPerUnit: 1e-3 },
  { label: "g", gramsPerUnit: 1 },
  { label: "kg", gramsPerUnit: 1e3 },
  { label: "t", gramsPerUnit: 1e6 },
];

/** Grams per inference are millionths of a gram: "0.00000284 g" is unreadable where "2.84 µg" is not. */
export function massUnitFor(grams: number): MassUnit {
  const size = Math.abs(grams);
  if (size === 0 || !Number.isFinite(size)) return MASS_UNITS[2];
  let chosen = MASS_UNITS[0];
  // 0.9995 of a unit rounds up to "1.00" of it at three significant digits: show it in that unit already.
  for (const unit of MASS_UNITS) if (size >= unit.gramsPerUnit * 0.9995) chosen = unit;
  return chosen;
}

/** "1.4 µg", "71.1 µg", "22.4 kg": grams in the unit that reads best (or in the unit given, to share one across a column). */
export function formatGrams(grams: number, unit: MassUnit = massUnitFor(grams)): string {
  return `${formatSignificant(grams / unit.gramsPerUnit)} ${unit.label}`;
}

/** "gCO2e" values take the mass unit that reads best ("µgCO2e"); other units are shown as given. Returns the scaled value, the unit to show and the divisor used. */
function withPrefix(value: number, unit: string): [number, string, number] {
  if (unit !== "gCO2e" || value === 0) return [value, unit, 1];
  const mass = massUnitFor(value);
  return [value / mass.gramsPerUnit, `${mass.label}CO2e`, mass.gramsPerUnit];
}

/** Whole numbers grouped by thousands: counts of candidates and instances. */
export function formatInteger(value: number): string {
  return formatFixed(value, 0);
}

/** Axis labels with exactly as many decimals as the tick step needs (0.05 → "0.15", 200 → "1,200"). */
export function formatTick(value: number, step: number): string {
  return formatFixed(value, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}

export function formatFlops(value: number): string {
  const steps: [number, string][] = [[1e15, "PFLOP"], [1e12, "TFLOP"], [1e9, "GFLOP"], [1e6, "MFLOP"], [1e3, "kFLOP"]];
  for (const [scale, unit] of steps) if (value >= scale) return `${formatSignificant(value / scale)} ${unit}`;
  return `${formatSignificant(value)} FLOP`;
}

function signOf(value: number, shownText: string): string {
  if (value === 0 || /^[$]?0(\.0+)?( |$)/.test(shownText)) return "±";
  return value < 0 ? MINUS : "+";
}

function trimFractionZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

function trimZeros(text: string): string {
  return text.endsWith(".00") ? text.slice(0, -3) : text;
}
