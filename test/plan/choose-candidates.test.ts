import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankCandidates, type PlacedColumns } from "../../src/plan/choose-candidates.ts";
import { scoresOf } from "../../src/plan/objective.ts";
import { checkedCases } from "../checked-cases.ts";
import { compareKeysOf, objectivesToTry, runsWhere } from "./ranking-fixtures.ts";

// The choice keeps the leading places in one pass and scans the deployable runs only when the best candidate cannot
// be deployed. These properties compare it with the straightforward reading of the rule: every candidate fully
// sorted by score, carbon, cost and key; the first deployable one is chosen; the alternatives are the first candidate
// of each other place in that order.

interface Row {
  key: string;
  placeId: number;
  carbonKg: number;
  costUsd: number;
}


// Few distinct figures and places, so that ties (broken by carbon, cost, then the key) and shared places are common.
const figure = fc.constantFrom(1, 2, 3, 5, 8);
const rowsArbitrary = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), figure, figure), { minLength: 1, maxLength: 40 }).map((figures) =>
  figures.map(([placeId, carbonKg, costUsd], index): Row => ({
    // Keys out of position order, so that the key tie-break is not the position order in disguise.
    key: `aws/r${placeId}/t/fp32/b${(index * 7) % 41}`,
    placeId,
    carbonKg,
    costUsd,
  })),
);

function placedColumns(rows: Row[]): PlacedColumns {
  // Columns longer than the set, as the feasible set allocates them: what lies past `size` must not be read.
  const column = (read: (row: Row) => number) => Float64Array.from([...rows.map(read), -1e9, -1e9]);
  return {
    size: rows.length,
    placeIds: Int32Array.from([...rows.map((row) => row.placeId), 99, 99]),
    carbonKg: column((row) => row.carbonKg),
    costUsd: column((row) => row.costUsd),
    compareKeys: compareKeysOf(rows.map((row) => row.key)),
  };
}

describe("choosing among the feasible candidates", () => {
  it("chooses, and lists the best of each other place, as a full sort of every candidate would", () => {
    const cases = checkedCases();
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom(...objectivesToTry),
        (rows, deployablePlaces, alternatives, weights) => {
          const columns = placedColumns(rows);
          const scores = scoresOf(columns, weights);
          const ranking = rankCandidates(columns, scores, runsWhere(rows.map((row) => deployablePlaces[row.placeId])), alternatives);

          const order = rows
            .map((row, position) => ({ row, position, score: scores[position] }))
            .sort((first, second) => first.score - second.score || first.row.carbonKg - second.row.carbonKg || first.row.costUsd - second.row.costUsd || (first.row.key < second.row.key ? -1 : 1));
          const chosen = order.find(({ row }) => deployablePlaces[row.placeId])?.position ?? -1;
          const placesSeen = new Set<number>(chosen < 0 ? [] : [rows[chosen].placeId]);
          const others: number[] = [];
          for (const { row, position } of order) {
            if (placesSeen.has(row.placeId)) continue;
            placesSeen.add(row.placeId);
            others.push(position);
          }
          expect(ranking).toEqual({ chosen, overallBest: order[0].position, alternatives: others.slice(0, alternatives) });
          if (chosen >= 0 && chosen !== order[0].position && ranking.alternatives.length > 1) cases.checked();
        },
      ),
      { numRuns: 400, seed: 20261208 },
    );
    // Cases where the best candidate is undeployable and several alternatives are listed: the paths that differ most.
    cases.expectAtLeast(40);
  });
});
