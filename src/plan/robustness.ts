import type { Robustness } from "../domain/plan.ts";
import type { Choice } from "./choose-candidates.ts";
import { bestIndex, scoreAll, type ObjectiveWeights, type ScoreView } from "./objective.ts";

/** Each feasible candidate's metrics at both ends of its projected range. */
export interface RangedSet {
  size: number;
  key(position: number): string;
  compareKeys(first: number, second: number): number;
  carbonLow(position: number): number;
  carbonHigh(position: number): number;
  costLow(position: number): number;
  costHigh(position: number): number;
}

/**
 * Re-scores the feasible set with every projected figure at its favourable end, at its unfavourable end, and
 * with the choice at its worst while every rival is at its best (the harshest test); only `eligible` ones may win.
 * The choice is robust when the first two keep it; the third says whether it could still lose.
 */
export function assessRobustness(set: RangedSet, eligible: (position: number) => boolean, chosenPosition: number, weights: ObjectiveWeights): Robustness {
  const chosenKey = set.key(chosenPosition);
  const compareKeys = (first: number, second: number) => set.compareKeys(first, second);
  // Each view reads the set's own ends directly: they are read tens of thousands of times per scenario.
  const winnerOf = (carbon: ScoreView["carbon"], cost: ScoreView["cost"]) => {
    const view: ScoreView = { size: set.size, carbon, cost, compareKeys };
    const winner = bestIndex(view, scoreAll(view, weights), eligible);
    return winner < 0 ? chosenKey : set.key(winner);
  };
  const allLow = winnerOf(
    (position) => set.carbonLow(position),
    (position) => set.costLow(position),
  );
  const allHigh = winnerOf(
    (position) => set.carbonHigh(position),
    (position) => set.costHigh(position),
  );
  const harsh = winnerOf(
    (position) => (position === chosenPosition ? set.carbonHigh(position) : set.carbonLow(position)),
    (position) => (position === chosenPosition ? set.costHigh(position) : set.costLow(position)),
  );
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
  const { deployable } = choice;
  return assessRobustness(choice.feasible, (position) => deployable[position], choice.chosen, weights);
}
