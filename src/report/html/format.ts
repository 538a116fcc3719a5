// Number formatting for the report: fixed "en-US" conventions so the output does not depend on the machine's
// locale (the golden file and the screenshot must be the same everywhere).

const MINUS = "\u2212";

/** `digits` significant digits (more for large numbers: no rounding before the point), thousands separated; trailing zeros kept so columns read alike. */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  const text = new Intl.NumberFormat("en-US", { maximumFractionDigits: decimals, minimumFractionDigits: decimals }).format(Math.abs(value));
  return value < 0 ? `${MINUS}${text}` : text;
}

/** Whole numbers with thousands separators: counts of candidates, instances. */
export function formatInteger(value: number): string {
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(value);
}

export function formatUsd(usd: number): string {
  const text = formatSignificant(Math.abs(usd), 3);
  return usd < 0 ? `${MINUS}$${text}` : `$${text}`;
}

/** A mass unit for grams of CO₂e, chosen so the number has one to three digits before the point. */
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

export function massUnitFor(grams: number): MassUnit {
  const size = Math.abs(grams);
  if (size === 0 || !Number.isFinite(size)) return MASS_UNITS[2];
  let chosen = MASS_UNITS[0];
  for (const unit of MASS_UNITS) if (size >= unit.gramsPerUnit * 0.9995) chosen = unit;
  return chosen;
}

/** "1.40 µg", "71.1 µg", "22.4 kg": grams in the unit that reads best (or in the unit given). */
export function formatGrams(grams: number, unit: MassUnit = massUnitFor(grams)): string {
  return `${formatSignificant(grams / unit.gramsPerUnit, 3)} ${unit.label}`;
}

export function formatPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return "n/a";
  return `${formatSignificant(percent, 3)} %`;
}

/** A change with its sign spelled out: "−66.8 %", "+4.2 %". */
export function formatSignedPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return "n/a";
  if (percent === 0) return "0 %";
  return `${percent > 0 ? "+" : ""}${formatPercent(percent)}`;
}

const FLOP_PREFIXES = [
  { label: "PFLOP", size: 1e15 },
  { label: "TFLOP", size: 1e12 },
  { label: "GFLOP", size: 1e9 },
  { label: "MFLOP", size: 1e6 },
  { label: "kFLOP", size: 1e3 },
];

export function formatFlops(flops: number): string {
  for (const prefix of FLOP_PREFIXES) if (flops >= prefix.size) return `${formatSignificant(flops / prefix.size, 3)} ${prefix.label}`;
  return `${formatSignificant(flops, 3)} FLOP`;
}

/** Axis labels with exactly as many decimals as the tick step needs (0.05 → "0.15", 200 → "1,200"). */
export function formatTick(value: number, step: number): string {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const text = new Intl.NumberFormat("en-US", { maximumFractionDigits: decimals, minimumFractionDigits: decimals }).format(Math.abs(value));
  return value < 0 ? `${MINUS}${text}` : text;
}
