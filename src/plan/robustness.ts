import type { Robustness } from "../domain/plan.ts";
import type { Choice } from "./choose-candidates.ts";
import { bestIn, scoresOf, type ObjectiveWeights, type PositionRun, type ScoreColumns } from "./objective.ts";

/** Each feasible candidate's metrics at both ends of its projected range, as columns by position. */
export interface RangedSet {
  size: number;
  key(position: number): string;
  compareKeys(first: number, second: number): number;
  carbonLowKg: Float64Array;
  carbonHighKg: Float64Array;
  costLowUsd: Float64Array;
  costHighUsd: Float64Array;
}

/**
 * Re-scores the feasible set with every projected figure at its favourable end, at its unfavourable end, and
 * with the choice at its worst while every rival is at its best (the harshest test); only positions in
 * `eligibleRuns` may win. The choice is robust when the first two keep it; the third says whether it could still lose.
 */
export function assessRobustness(set: RangedSet, eligibleRuns: readonly PositionRun[], chosenPosition: number, weights: ObjectiveWeights): Robustness {
  const chosenKey = set.key(chosenPosition);
  const compareKeys = (first: number, second: number) => set.compareKeys(first, second);
  // The harsh scenario's columns are the favourable ends with the choice's own figures at their unfavourable end.
  const harshCarbonKg = set.carbonLowKg.slice(0, set.size);
  harshCarbonKg[chosenPosition] = set.carbonHighKg[chosenPosition];
  const harshCostUsd = set.costLowUsd.slice(0, set.size);
  harshCostUsd[chosenPosition] = set.costHighUsd[chosenPosition];
  const [allLow, allHigh, harsh] = winnersOf(
    [
      { size: set.size, carbonKg: set.carbonLowKg, costUsd: set.costLowUsd, compareKeys },
      { size: set.size, carbonKg: set.carbonHighKg, costUsd: set.costHighUsd, compareKeys },
      { size: set.size, carbonKg: harshCarbonKg, costUsd: harshCostUsd, compareKeys },
    ],
    eligibleRuns,
    weights,
  ).map((winner) => (winner < 0 ? chosenKey : set.key(winner)));
  const scenarios = [
    { scenario: "all-low" as const, winnerKey: allLow, changed: allLow !== chosenKey },
    { scenario: "all-high" as const, winnerKey: allHigh, changed: allHigh !== chosenKey },
    { scenario: "chosen-high" as const, winnerKey: harsh, changed: harsh !== chosenKey },
  ];
  const robust = !scenarios[0].changed && !scenarios[1].changed;
  const parts: string[] = [];
  if (robust) parts.push("the choice holds with every projected figure at its favourable end and at its unfavourable end");
  for (const scenario of scenarios.slice(0, 2)) {
    if (scenario.changed) parts.push(`with every figure at its ${scenario.scenario === "all-low" ? "favourable" : "unfavourable"} end, ${scenario.winnerKey} would win`);
  }
  const placeOf = (key: string) => key.split("/").slice(0, 3).join("/");
  if (!robust && scenarios.slice(0, 2).every((scenario) => placeOf(scenario.winnerKey) === placeOf(chosenKey))) {
    parts.push(`the deployment (${placeOf(chosenKey)}) holds at both ends; only its precision or batch size would change`);
  }
  parts.push(
    scenarios[2].changed
      ? `at worst (the choice at its unfavourable end, every rival at its favourable end) ${scenarios[2].winnerKey} could beat it`
      : "it wins even at its unfavourable end against every rival at its favourable end",
  );
  return { robust, scenarios, summary: parts.join("; ") };
}

/**
 * The best eligible position of each scenario (each scenario scored over the whole set: a weighted objective
 * normalises over every candidate, eligible or not); -1 for none.
 */
function winnersOf(scenarios: ScoreColumns[], eligibleRuns: readonly PositionRun[], weights: ObjectiveWeights): number[] {
  return scenarios.map((columns) => bestIn(columns, scoresOf(columns, weights), eligibleRuns));
}

/** The choice re-scored over every feasible candidate's projected range (only deployable ones may win). */
export function robustnessOf(choice: Choice, weights: ObjectiveWeights): Robustness {
  return assessRobustness(choice.feasible, choice.deployableRuns, choice.chosen, weights);
}
