// What the ranking property tests (choice, robustness, Pareto front) share: the objectives they try, the key order,
// and position runs from flags.
import type { ObjectiveWeights, PositionRun } from "../../src/plan/objective.ts";

export const objectivesToTry: ObjectiveWeights[] = [
  { kind: "carbon", carbonWeight: 1, costWeight: 0 },
  { kind: "cost", carbonWeight: 0, costWeight: 1 },
  { kind: "weighted", carbonWeight: 0.5, costWeight: 0.5 },
  { kind: "weighted", carbonWeight: 0.8, costWeight: 0.2 },
];

/** The order of `<` on the keys at two positions, as the planner compares keys. */
export function compareKeysOf(keys: readonly string[]): (first: number, second: number) => number {
  return (first, second) => (keys[first] < keys[second] ? -1 : keys[first] > keys[second] ? 1 : 0);
}

/** Runs covering the positions whose flag is set. */
export function runsWhere(flags: readonly boolean[]): PositionRun[] {
  const runs: PositionRun[] = [];
  flags.forEach((yes, position) => {
    if (!yes) return;
    const last = runs.at(-1);
    if (last?.end === position) last.end = position + 1;
    else runs.push({ start: position, end: position + 1 });
  });
  return runs;
}
