// Published efficiency priors for hardware we cannot measure: fractions of dense peak reached by optimised inference.
import type { EfficiencyPrior } from "../domain/catalog.ts";

export interface FractionOfPeak {
  central: number;
  low: number;
  high: number;
  /** The priors that matched this accelerator model (empty when only the generic spread stood in). */
  matched: EfficiencyPrior[];
  all: EfficiencyPrior[];
}

export function isFractionOfPeakPrior(prior: EfficiencyPrior): boolean {
  return prior.kind === "fraction_of_peak" || (prior.kind.includes("fraction") && prior.metric.includes("peak"));
}

/** "NVIDIA A10G" → "A10G"; "A100-SXM" → "A100SXM". */
function normalized(name: string): string {
  return name.toUpperCase().replace(/^(NVIDIA|AWS|GOOGLE|AMD|INTEL)\s+/, "").replace(/[^A-Z0-9]/g, "");
}

function firstToken(name: string): string {
  return normalized(name.toUpperCase().replace(/^(NVIDIA|AWS|GOOGLE|AMD|INTEL)\s+/, "").split(/[-\s_]/)[0]);
}

/**
 * A prior describes the accelerator when the names agree exactly, or on the first token ("A100-SXM" ↔ "A100"),
 * or once a cloud variant's trailing letter is dropped ("A10G" ↔ "A10"). "L4" never matches "L40S".
 */
export function priorMatchesAccelerator(prior: EfficiencyPrior, acceleratorModel: string): boolean {
  const subject = normalized(prior.subject);
  const model = normalized(acceleratorModel);
  if (subject === model) return true;
  const subjectBase = firstToken(prior.subject);
  const modelBase = firstToken(acceleratorModel);
  return subjectBase === modelBase || subjectBase === modelBase.replace(/G$/, "");
}

/**
 * The fraction of dense peak to expect: the accelerator's own priors as the central value, the spread across
 * every published fraction (all accelerators) as the range. Null when the catalog has no such prior at all.
 */
export function fractionOfPeak(priors: EfficiencyPrior[], acceleratorModel: string): FractionOfPeak | null {
  const all = priors.filter(isFractionOfPeakPrior);
  if (all.length === 0) return null;
  const matched = all.filter((prior) => priorMatchesAccelerator(prior, acceleratorModel));
  // Like with like: the spread comes from the priors at the same precision as the accelerator's own (or the most
  // common precision), so a TPU's BF16 prefill figure does not stretch a GPU's INT8 range.
  const precision = matched[0]?.precision ?? mostCommon(all.map((prior) => prior.precision));
  const comparable = all.filter((prior) => prior.precision === precision);
  const basis = matched.length > 0 ? matched : comparable;
  const central = mean(basis.map((prior) => (prior.low + prior.high) / 2));
  return {
    central,
    low: Math.min(...comparable.map((prior) => prior.low), ...basis.map((prior) => prior.low)),
    high: Math.max(...comparable.map((prior) => prior.high), ...basis.map((prior) => prior.high)),
    matched,
    all: comparable,
  };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
