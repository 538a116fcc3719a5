// Phase 3 of enumeration: score the feasible candidates by the objective and choose the best deployable one, the
// best of each other place as alternatives, and the Pareto front of cost against carbon.
import { WattplanError } from "../errors.ts";
import type { Estimation } from "./estimate-candidates.ts";
import type { EvaluationSession } from "./evaluation-session.ts";
import type { FeasibleSet } from "./feasible-set.ts";
import { explainInfeasible } from "./infeasible.ts";
import { bestIn, compareAt, scoresOf, type PositionRun, type ScoreColumns } from "./objective.ts";
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

/** Candidates' columns with the place (type × region) of each position. */
export interface PlacedColumns extends ScoreColumns {
  placeIds: ArrayLike<number>;
}

export interface Ranking {
  chosen: number;
  overallBest: number;
  alternatives: number[];
}

export function chooseCandidates(session: EvaluationSession, estimation: Estimation): Choice {
  const { feasible } = estimation;
  if (feasible.size === 0) throw explainInfeasible(session);
  const scores = scoresOf(feasible, session.weights);
  const deployableRuns = feasible.instanceRuns.filter((run) => session.deployability(run.instance).deployable);
  const { chosen, overallBest, alternatives } = rankCandidates(feasible, scores, deployableRuns, session.spec.options.alternatives);
  if (chosen < 0) {
    throw new WattplanError("INFEASIBLE", `every feasible candidate is undeployable: ${session.deployability(feasible.instance(0)).reason}`, "allow other accelerators in constraints.accelerators");
  }
  const front = paretoFront(feasible);
  return { feasible, scores, deployableRuns, chosen, overallBest, alternatives, pareto: thinFront(front, MOST_PARETO_MEMBERS, new Set([chosen])), frontSize: front.length };
}

/**
 * Of a set that is not empty: the best candidate, the best deployable one (chosen; -1 for none) and the best of each
 * of the `alternatives` best other places, best first. One pass keeps the leading places; the deployable runs are
 * scanned only when the best candidate cannot be deployed.
 */
export function rankCandidates(set: PlacedColumns, scores: ArrayLike<number>, deployableRuns: readonly PositionRun[], alternatives: number): Ranking {
  // The chosen place is one of the leaders when the best is deployable: one more leader leaves `alternatives` others.
  const leaders = leadingPlaces(set, scores, alternatives + 1);
  const overallBest = leaders[0];
  const bestIsDeployable = deployableRuns.some((run) => run.start <= overallBest && overallBest < run.end);
  const chosen = bestIsDeployable ? overallBest : bestIn(set, scores, deployableRuns);
  const chosenPlace = chosen < 0 ? -1 : set.placeIds[chosen];
  return { chosen, overallBest, alternatives: leaders.filter((position) => set.placeIds[position] !== chosenPlace).slice(0, alternatives) };
}

/** 1 for the chosen candidate, 2… for the alternatives in order, null for any other. */
export function rankOf(choice: Choice, position: number): number | null {
  if (position === choice.chosen) return 1;
  const order = choice.alternatives.indexOf(position);
  return order < 0 ? null : order + 2;
}

/**
 * The best position of each of the `count` (≥ 1) best places, best first, in one pass: a candidate that does not rank
 * before the last leader is passed over after reading two scores. Exact: a place's best either ranks among the
 * leaders when it is met (and stays until better places push it out) or was never among them.
 */
function leadingPlaces(set: PlacedColumns, scores: ArrayLike<number>, count: number): number[] {
  const leaders: number[] = [];
  const { size } = set;
  // The last leader once there are `count`: the bar every later candidate is measured against, read into locals.
  let last = -1;
  let lastScore = Number.NaN;
  for (let position = 0; position < size; position++) {
    const score = scores[position];
    if (last >= 0 && !(score < lastScore || (score === lastScore && compareAt(set, scores, position, last) < 0))) continue;
    admitLeader(set, scores, leaders, position, count);
    if (leaders.length === count) {
      last = leaders[count - 1];
      lastScore = scores[last];
    }
  }
  return leaders;
}

/** Puts `position` in its rank among the leaders (sorted, one per place, at most `count`) unless its place has a better one. */
function admitLeader(set: PlacedColumns, scores: ArrayLike<number>, leaders: number[], position: number, count: number): void {
  const place = set.placeIds[position];
  const samePlace = leaders.findIndex((leader) => set.placeIds[leader] === place);
  if (samePlace >= 0) {
    if (compareAt(set, scores, position, leaders[samePlace]) >= 0) return;
    leaders.splice(samePlace, 1);
  }
  let at = leaders.length;
  while (at > 0 && compareAt(set, scores, position, leaders[at - 1]) < 0) at--;
  leaders.splice(at, 0, position);
  if (leaders.length > count) leaders.pop();
}
