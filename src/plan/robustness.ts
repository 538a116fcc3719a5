import type { Robustness } from "../domain/plan.ts";
import type { Choice } from "./choose-candidates.ts";
import { bestIndex, scoreAll, type ObjectiveWeights, type ScoreView } from "./objective.ts";

/** Each feasible candidate's metrics at both ends of its projected range. */
export interface RangedSet {
  size: number;
  key(position: number): string;
  compareKeys(first: number, second: number): number;
  eligible(position: number): boolean;
  carbonLow(position: number): number;
  carbonHigh(position: number): number;
  costLow(position: number): number;
  costHigh(position: number): number;
}

/**
 * Re-scores the feasible set with every projected figure at its favourable end, at its unfavourable end, and
 * with the choice at its worst while every rival is at its best (the harshest test). The choice is robust when
 * the first two keep it; the third says whether it could still lose.
 */
export function assessRobustness(set: RangedSet, chosenPosition: number, weights: ObjectiveWeights): Robustness {
  const chosenKey = set.key(chosenPosition);
  const winnerOf = (end: (position: number) => "low" | "high") => {
    const view: ScoreView = {
      size: set.size,
      carbon: (position) => (end(position) === "low" ? set.carbonLow(position) : set.carbonHigh(position)),
      cost: (position) => (end(position) === "low" ? set.costLow(position) : set.costHigh(position)),
      compareKeys: set.compareKeys,
    };
    const winner = bestIndex(view, scoreAll(view, weights), set.eligible);
    return winner < 0 ? chosenKey : set.key(winner);
  };
  const allLow = winnerOf(() => "low");
  const allHigh = winnerOf(() => "high");
  const harsh = winnerOf((position) => (position === chosenPosition ? "high" : "low"));
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

/** The choice re-scored over every feasible candidate's projected range (only deployable ones may win). */
export function robustnessOf(choice: Choice, weights: ObjectiveWeights): Robustness {
  const { feasible } = choice;
  return assessRobustness(
    {
      size: feasible.size,
      key: (position) => feasible.key(position),
      compareKeys: (first, second) => feasible.compareKeys(first, second),
      eligible: (position) => choice.deployable[position],
      carbonLow: (position) => feasible.carbonLow(position),
      carbonHigh: (position) => feasible.carbonHigh(position),
      costLow: (position) => feasible.costLow(position),
      costHigh: (position) => feasible.costHigh(position),
    },
    choice.chosen,
    weights,
  );
}
