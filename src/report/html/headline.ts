// The sentence a reviewer reads first: how monthly carbon and cost change, against the base branch's plan when
// there is one, else against the plan's own baseline. Deltas are head − base, as in compare().
import type { Candidate, Plan } from "../../domain/plan.ts";
import { formatSigned, formatSignedPercent, formatSignificant, formatUsd } from "../../format/numbers.ts";

export interface Delta {
  absolute: number;
  /** null when the reference is 0. */
  percent: number | null;
}

export interface Headline {
  /** "the baseline" or "the base branch". */
  reference: string;
  referenceCandidate: Candidate;
  carbon: Delta;
  cost: Delta;
}

export function delta(head: number, base: number): Delta {
  return { absolute: head - base, percent: base === 0 ? null : ((head - base) / base) * 100 };
}

export function headlineFor(plan: Plan, base?: Plan): Headline {
  const reference = base ? base.chosen : plan.baseline;
  return {
    reference: base ? "the base branch" : "the baseline",
    referenceCandidate: reference,
    carbon: delta(plan.chosen.monthlyKgCo2e, reference.monthlyKgCo2e),
    cost: delta(plan.chosen.monthlyCostUsd, reference.monthlyCostUsd),
  };
}

/** "−24 kgCO₂e (−98 %)"; lower is better for both carbon and cost. */
export function formatDelta(value: Delta, format: (magnitude: number) => string): string {
  const percent = value.percent === null ? "" : ` (${formatSignedPercent(value.percent)})`;
  return `${formatSigned(value.absolute, format)}${percent}`;
}

export const formatKgDelta = (value: Delta) => formatDelta(value, (magnitude) => `${formatSignificant(magnitude)} kgCO₂e`);
export const formatUsdDelta = (value: Delta) => formatDelta(value, (magnitude) => formatUsd(magnitude));

/** "better" when the change lowers the figure, "worse" when it raises it, "" when flat. */
export function deltaClass(value: Delta): "better" | "worse" | "" {
  return value.absolute < 0 ? "better" : value.absolute > 0 ? "worse" : "";
}
