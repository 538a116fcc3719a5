import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ObjectiveWeights } from "../../src/plan/objective.ts";
import { assessRobustness, type RangedSet } from "../../src/plan/robustness.ts";
import { checkedCases } from "../checked-cases.ts";
import { compareKeysOf, objectivesToTry, runsWhere } from "./ranking-fixtures.ts";

// The robustness scan finds each of its three winners in a pass over the eligible runs, its scenario's scores read from
// columns. These properties compare it with the straightforward reading of the rule: per scenario, every candidate's
// figures, normalised over the whole set for a weighted objective, the eligible ones fully sorted by score, carbon,
// cost and key, the first one wins.

interface Row {
  key: string;
  carbonLowKg: number;
  carbonHighKg: number;
  costLowUsd: number;
  costHighUsd: number;
}


// Few distinct figures, so that ties on score, carbon and cost (which the key then breaks) are common.
const figure = fc.constantFrom(1, 2, 3, 5, 8);
const rowsArbitrary = fc.array(fc.tuple(figure, figure, figure, figure), { minLength: 1, maxLength: 40 }).map((figures) =>
  figures.map(([carbonA, carbonB, costA, costB], index): Row => ({
    // Keys out of position order, so that the key tie-break is not the position order in disguise.
    key: `aws/r${(index * 7) % 3}/t${(index * 5) % 4}/fp32/b${index}`,
    carbonLowKg: Math.min(carbonA, carbonB),
    carbonHighKg: Math.max(carbonA, carbonB),
    costLowUsd: Math.min(costA, costB),
    costHighUsd: Math.max(costA, costB),
  })),
);

function rangedSet(rows: Row[]): RangedSet {
  // Columns longer than the set, as the feasible set allocates them: what lies past `size` must not be read.
  const column = (read: (row: Row) => number) => Float64Array.from([...rows.map(read), -1e9, -1e9]);
  return {
    size: rows.length,
    key: (position) => rows[position].key,
    compareKeys: compareKeysOf(rows.map((row) => row.key)),
    carbonLowKg: column((row) => row.carbonLowKg),
    carbonHighKg: column((row) => row.carbonHighKg),
    costLowUsd: column((row) => row.costLowUsd),
    costHighUsd: column((row) => row.costHighUsd),
  };
}

function straightforwardWinner(figures: Array<{ key: string; carbon: number; cost: number }>, eligible: boolean[], weights: ObjectiveWeights): string | null {
  const carbons = figures.map((row) => row.carbon);
  const costs = figures.map((row) => row.cost);
  const carbonMin = Math.min(...carbons), carbonSpan = Math.max(...carbons) - carbonMin || 1;
  const costMin = Math.min(...costs), costSpan = Math.max(...costs) - costMin || 1;
  const score = (row: { carbon: number; cost: number }) =>
    weights.kind === "carbon"
      ? row.carbon
      : weights.kind === "cost"
        ? row.cost
        : weights.carbonWeight * ((row.carbon - carbonMin) / carbonSpan) + weights.costWeight * ((row.cost - costMin) / costSpan);
  const ranked = figures
    .filter((_, position) => eligible[position])
    .sort((first, second) => score(first) - score(second) || first.carbon - second.carbon || first.cost - second.cost || (first.key < second.key ? -1 : 1));
  return ranked[0]?.key ?? null;
}

describe("robustness scan", () => {
  it("finds each scenario's winner as a full sort of the eligible candidates would, for every objective", () => {
    const cases = checkedCases();
    fc.assert(
      fc.property(
        rowsArbitrary.chain((rows) =>
          fc.record({
            rows: fc.constant(rows),
            eligible: fc.array(fc.boolean(), { minLength: rows.length, maxLength: rows.length }),
            chosen: fc.integer({ min: 0, max: rows.length - 1 }),
            weights: fc.constantFrom(...objectivesToTry),
          }),
        ),
        ({ rows, eligible, chosen, weights }) => {
          const robustness = assessRobustness(rangedSet(rows), runsWhere(eligible), chosen, weights);
          const low = rows.map((row) => ({ key: row.key, carbon: row.carbonLowKg, cost: row.costLowUsd }));
          const high = rows.map((row) => ({ key: row.key, carbon: row.carbonHighKg, cost: row.costHighUsd }));
          const harsh = low.map((row, position) => (position === chosen ? high[position] : row));
          const expected = [low, high, harsh].map((figures) => straightforwardWinner(figures, eligible, weights) ?? rows[chosen].key);
          expect(robustness.scenarios.map((scenario) => scenario.winnerKey)).toEqual(expected);
          if (eligible.some(Boolean)) cases.checked();
        },
      ),
      { numRuns: 300, seed: 20261207 },
    );
    cases.expectAtLeast(250);
  });
});
