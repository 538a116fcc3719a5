// Phase 3 of enumeration: score the feasible candidates by the objective and choose the best deployable one, the
// best of each other place as alternatives, and the Pareto front of cost against carbon.
import { WattplanError } from "../errors.ts";
import type { FeasibleCandidate } from "./candidates.ts";
import type { Estimation } from "./estimate-candidates.ts";
import type { EvaluationSession } from "./evaluation-session.ts";
import { explainInfeasible } from "./infeasible.ts";
import { bestIndex, compareAt, scoreAll, viewOf, type ScoreView } from "./objective.ts";
import { paretoFront, thinFront } from "./pareto.ts";

/** Most Pareto members a plan lists; a longer front is thinned evenly (every member kept is still undominated). */
const MOST_PARETO_MEMBERS = 30;

/** Positions into `feasible`. */
export interface Choice {
  feasible: FeasibleCandidate[];
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
  if (feasible.length === 0) throw explainInfeasible(session);
  const view = viewOf(feasible);
  const scores = scoreAll(view, session.weights);
  const deployable = feasible.map((candidate) => session.deployability(candidate.instance).deployable);
  const chosen = bestIndex(view, scores, (position) => deployable[position]);
  if (chosen < 0) {
    throw new WattplanError("INFEASIBLE", `every feasible candidate is undeployable: ${session.deployability(feasible[0].instance).reason}`, "allow other accelerators in constraints.accelerators");
  }
  const front = paretoFront(view);
  return {
    feasible,
    scores,
    deployable,
    chosen,
    overallBest: bestIndex(view, scores),
    alternatives: bestPerPlace(feasible, estimation.placeCount, view, scores, chosen).slice(0, session.spec.options.alternatives),
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

/** The best candidate of every other provider/region/type, best first: real choices, not batch-size variants. */
function bestPerPlace(feasible: FeasibleCandidate[], places: number, view: ScoreView, scores: Float64Array, chosenPosition: number): number[] {
  const best = new Int32Array(places).fill(-1);
  for (let position = 0; position < feasible.length; position++) {
    const place = feasible[position].placeId;
    if (best[place] < 0 || compareAt(view, scores, position, best[place]) < 0) best[place] = position;
  }
  const chosenPlace = feasible[chosenPosition].placeId;
  const positions: number[] = [];
  for (let place = 0; place < places; place++) if (best[place] >= 0 && place !== chosenPlace) positions.push(best[place]);
  return positions.sort((first, second) => compareAt(view, scores, first, second));
}
