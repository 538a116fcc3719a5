// The one way figures are rounded in src/estimate and src/plan: to significant figures, through the decimal
// string, so a rounded value is the double nearest its decimal (57800000, never 57800000.00000001).

/** Assumption texts show 3 significant figures; the plan's figures 6 (see plan/candidate-record.ts). */
export function roundSignificant(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}
