import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dominates, paretoFront } from "../../src/plan/pareto.ts";
import type { ScoreColumns } from "../../src/plan/objective.ts";
import { checkedCases } from "../checked-cases.ts";
import { compareKeysOf } from "./ranking-fixtures.ts";

// The front is found in one pass that keeps the candidates inside the bounds found so far, then sorted. This property
// compares it with the definition: every candidate no other one dominates, one (the smallest key) for each pair of
// figures, cheapest first.

interface Row {
  key: string;
  monthlyCostUsd: number;
  monthlyKgCo2e: number;
}

// Few distinct figures, so that equal costs, equal carbon and identical pairs (which the key then settles) are common.
const figure = fc.constantFrom(1, 2, 3, 5, 8, 13);
const rowsArbitrary = fc.array(fc.tuple(figure, figure), { minLength: 1, maxLength: 60 }).map((figures) =>
  figures.map(([monthlyCostUsd, monthlyKgCo2e], index): Row => ({ key: `aws/r${(index * 7) % 5}/t/fp32/b${(index * 11) % 61}`, monthlyCostUsd, monthlyKgCo2e })),
);

function columnsOf(rows: Row[]): ScoreColumns {
  // Columns longer than the set, as the feasible set allocates them: what lies past `size` must not be read.
  return {
    size: rows.length,
    costUsd: Float64Array.from([...rows.map((row) => row.monthlyCostUsd), -1, -1]),
    carbonKg: Float64Array.from([...rows.map((row) => row.monthlyKgCo2e), -1, -1]),
    compareKeys: compareKeysOf(rows.map((row) => row.key)),
  };
}

describe("Pareto front", () => {
  it("is every undominated candidate, one per pair of figures, cheapest first", () => {
    const cases = checkedCases();
    fc.assert(
      fc.property(rowsArbitrary, (rows) => {
        const expected = rows
          .map((row, position) => ({ row, position }))
          .filter(({ row }) => !rows.some((other) => dominates(other, row)))
          .filter(({ row }) => !rows.some((other) => other.monthlyCostUsd === row.monthlyCostUsd && other.monthlyKgCo2e === row.monthlyKgCo2e && other.key < row.key))
          .sort((first, second) => first.row.monthlyCostUsd - second.row.monthlyCostUsd)
          .map(({ position }) => position);
        expect(paretoFront(columnsOf(rows))).toEqual(expected);
        if (expected.length > 2) cases.checked();
      }),
      { numRuns: 300, seed: 20261209 },
    );
    // Fronts of three or more members: the cases where the kept candidates are more than the two ends.
    cases.expectAtLeast(30);
  });
});
