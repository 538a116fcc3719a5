// Phase 3 of enumeration: score the feasible candidates by the objective and choose the best deployable one, the
// best of each other place as alternatives, and the Pareto front of cost against carbon.
import { WattplanError } from "../errors.ts";
import type { Estimation } from "./estimate-candidates.ts";
import type { EvaluationSession } from "./evaluation-session.ts";
import type { FeasibleSet } from "./feasible-set.ts";
import { explainInfeasible } from "./infeasible.ts";
import { compareAt, scoresOf, type PositionRun } from "./objective.ts";
import { paretoFront, thinFront } from "./pareto.ts";

/** Most Pareto members a plan lists; a longer front is thinned evenly (every member kept is still undominated). */
const MOST_PARETO_MEMBERS = 30;

/** Positions into `feasible`. */
export interface Choice {
  feasible: FeasibleSet;
  scores: ArrayLike<number>;
  /** The runs of positions whose type can be deployed: only those may be chosen. */
  deployableRuns: PositionRun[];
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

/**
 * One pass over the feasible set finds the best candidate of each place; the chosen one, the best overall and the
 * alternatives are then picked among those few (the best of the places' bests is the best of all, as compareAt
 * orders every pair).
 */
export function chooseCandidates(session: EvaluationSession, estimation: Estimation): Choice {
  const { feasible } = estimation;
  if (feasible.size === 0) throw explainInfeasible(session);
  const scores = scoresOf(feasible, session.weights);
  const compare = (first: number, second: number) => compareAt(feasible, scores, first, second);
  const placeBests = bestOfEachPlace(feasible, estimation.placeCount, compare);
  const isDeployable = (position: number) => session.deployability(feasible.instance(position)).deployable;
  const chosen = firstOf(placeBests, compare, isDeployable);
  if (chosen < 0) {
    throw new WattplanError("INFEASIBLE", `every feasible candidate is undeployable: ${session.deployability(feasible.instance(0)).reason}`, "allow other accelerators in constraints.accelerators");
  }
  const chosenPlace = feasible.placeId(chosen);
  const front = paretoFront(feasible);
  return {
    feasible,
    scores,
    deployableRuns: feasible.instanceRuns.filter((run) => session.deployability(run.instance).deployable),
    chosen,
    overallBest: firstOf(placeBests, compare, () => true),
    alternatives: leadersOf(placeBests, session.spec.options.alternatives, compare, (position) => feasible.placeId(position) !== chosenPlace),
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

/** The best position of each place that has any, in place order. */
function bestOfEachPlace(feasible: FeasibleSet, places: number, compare: (first: number, second: number) => number): number[] {
  const best = new Int32Array(places).fill(-1);
  const { placeIds } = feasible;
  for (let position = 0; position < feasible.size; position++) {
    const place = placeIds[position];
    if (best[place] < 0 || compare(position, best[place]) < 0) best[place] = position;
  }
  const bests: number[] = [];
  for (let place = 0; place < places; place++) if (best[place] >= 0) bests.push(best[place]);
  return bests;
}

/** The first of `positions` in compare's order that `eligible` accepts; -1 when none does. */
function firstOf(positions: readonly number[], compare: (first: number, second: number) => number, eligible: (position: number) => boolean): number {
  let first = -1;
  for (const position of positions) if (eligible(position) && (first < 0 || compare(position, first) < 0)) first = position;
  return first;
}

/**
 * The `count` best of `positions` that `eligible` accepts (the best of other places are the alternatives), best
 * first: of thousands of places only a handful are listed, so they are picked, not all sorted.
 */
function leadersOf(positions: readonly number[], count: number, compare: (first: number, second: number) => number, eligible: (position: number) => boolean): number[] {
  const leaders: number[] = [];
  for (const position of positions) if (eligible(position)) keepLeaders(leaders, position, count, compare);
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
