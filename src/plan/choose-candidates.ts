// Phase 3 of enumeration: score the feasible candidates by the objective and choose the best deployable one, the
// best of each other place as alternatives, and the Pareto front of cost against carbon.
import { WattplanError } from "../errors.ts";
import type { Estimation } from "./estimate-candidates.ts";
import type { EvaluationSession } from "./evaluation-session.ts";
import type { FeasibleSet } from "./feasible-set.ts";
import { explainInfeasible } from "./infeasible.ts";
import { bestIndex, compareAt, scoreAll } from "./objective.ts";
import { paretoFront, thinFront } from "./pareto.ts";

/** Most Pareto members a plan lists; a longer front is thinned evenly (every member kept is still undominated). */
const MOST_PARETO_MEMBERS = 30;

/** Positions into `feasible`. */
export interface Choice {
  feasible: FeasibleSet;
  scores: Float64Array;
  deployable: boolean[];
  chosen: number;
  /** The best candidate whether deployable or not (the chosen one unless that is undeployable). */
  overallBest: number;
  /** The best candidate of every other place, best first, at most the spec's count. */
  alternatives: number[];
  /** The Pareto front, thinned to MOST_PARETO_MEMBERS with the chosen one kept. */
  pareto: number[];
  /** Members of the whole front before thinning. */
  frontSize: number;
}

export function chooseCandidates(session: EvaluationSession, estimation: Estimation): Choice {
  const { feasible } = estimation;
  if (feasible.size === 0) throw explainInfeasible(session);
  const scores = scoreAll(feasible, session.weights);
  const deployable: boolean[] = [];
  for (let position = 0; position < feasible.size; position++) deployable.push(session.deployability(feasible.instance(position)).deployable);
  const chosen = bestIndex(feasible, scores, (position) => deployable[position]);
  if (chosen < 0) {
    throw new WattplanError("INFEASIBLE", `every feasible candidate is undeployable: ${session.deployability(feasible.instance(0)).reason}`, "allow other accelerators in constraints.accelerators");
  }
  const front = paretoFront(feasible);
  return {
    feasible,
    scores,
    deployable,
    chosen,
    overallBest: bestIndex(feasible, scores),
    alternatives: bestPerPlace(feasible, estimation.placeCount, scores, chosen, session.spec.options.alternatives),
    pareto: thinFront(front, MOST_PARETO_MEMBERS, new Set([chosen])),
    frontSize: front.length,
  };
}

/** 1 for the chosen candidate, 2… for the alternatives in order, null for any other. */
export function rankOf(choice: Choice, position: number): number | null {
  if (position === choice.chosen) return 1;
  const order = choice.alternatives.indexOf(position);
  return order < 0 ? null : order + 2;
}

/**
 * The best candidate of the `count` best other provider/region/types, best first: real choices, not batch-size
 * variants. Of the thousands of places only a handful are listed, so they are picked, not all sorted.
 */
function bestPerPlace(feasible: FeasibleSet, places: number, scores: Float64Array, chosenPosition: number, count: number): number[] {
  const best = new Int32Array(places).fill(-1);
  for (let position = 0; position < feasible.size; position++) {
    const place = feasible.placeId(position);
    if (best[place] < 0 || compareAt(feasible, scores, position, best[place]) < 0) best[place] = position;
  }
  const chosenPlace = feasible.placeId(chosenPosition);
  const compare = (first: number, second: number) => compareAt(feasible, scores, first, second);
  const leaders: number[] = [];
  for (let place = 0; place < places; place++) if (best[place] >= 0 && place !== chosenPlace) keepLeaders(leaders, best[place], count, compare);
  return leaders;
}

/**
 * Inserts `position` into `leaders` (sorted, at most `count` long) when it ranks among them. compareAt orders every
 * pair (the key breaks the last tie), so this keeps exactly the first `count` of a full sort.
 */
function keepLeaders(leaders: number[], position: number, count: number, compare: (first: number, second: number) => number): void {
  if (leaders.length === count && (count === 0 || compare(position, leaders[count - 1]) >= 0)) return;
  let at = leaders.length;
  while (at > 0 && compare(position, leaders[at - 1]) < 0) at--;
  leaders.splice(at, 0, position);
  if (leaders.length > count) leaders.pop();
}
