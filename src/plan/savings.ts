import type { Candidate, Savings } from "../domain/plan.ts";
import { roundFigure } from "./candidate-record.ts";

/** baseline − chosen, absolute and as a share of the baseline: positive means the chosen candidate is better. */
export function savingsOf(baseline: Candidate, chosen: Candidate): Savings {
  const saving = (baselineValue: number, chosenValue: number) => ({
    absolute: roundFigure(baselineValue - chosenValue),
    percent: baselineValue === 0 ? null : Number((((baselineValue - chosenValue) / baselineValue) * 100).toFixed(2)),
  });
  return {
    monthlyKgCo2e: saving(baseline.monthlyKgCo2e, chosen.monthlyKgCo2e),
    monthlyCostUsd: saving(baseline.monthlyCostUsd, chosen.monthlyCostUsd),
    sciGCo2ePerInference: saving(baseline.sciGCo2ePerInference, chosen.sciGCo2ePerInference),
    costPerMillionInferencesUsd: saving(baseline.costPerMillionInferencesUsd, chosen.costPerMillionInferencesUsd),
  };
}
