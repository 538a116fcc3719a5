import type { Objective } from "../domain/spec.ts";

export interface ObjectiveWeights {
  kind: "carbon" | "cost" | "weighted";
  carbonWeight: number;
  costWeight: number;
}

/**
 * Read access to a set of candidates' two metrics by position. Scoring tens of thousands of candidates several
 * times (nominal, and at each end of the ranges) through a view allocates nothing per candidate.
 */
export interface ScoreView {
  size: number;
  carbon(position: number): number;
  cost(position: number): number;
  /** The order of the two candidates' keys (the last tie-break): ties are common, so no key need be built for one. */
  compareKeys(first: number, second: number): number;
}

export function objectiveWeightsOf(objective: Objective): ObjectiveWeights {
  if (objective === "carbon") return { kind: "carbon", carbonWeight: 1, costWeight: 0 };
  if (objective === "cost") return { kind: "cost", carbonWeight: 0, costWeight: 1 };
  if (objective === "balanced") return { kind: "weighted", carbonWeight: 0.5, costWeight: 0.5 };
  const total = objective.carbon + objective.cost;
  return { kind: "weighted", carbonWeight: objective.carbon / total, costWeight: objective.cost / total };
}

export function describeObjective(weights: ObjectiveWeights): string {
  if (weights.kind === "carbon") return "objective: least monthly kgCO2e (ties broken by monthly cost)";
  if (weights.kind === "cost") return "objective: least monthly cost (ties broken by monthly kgCO2e)";
  return `objective: ${weights.carbonWeight.toFixed(2)} × carbon + ${weights.costWeight.toFixed(2)} × cost, each normalised to 0–1 over the feasible candidates (min → 0, max → 1)`;
}

/**
 * Scores (lower is better). Carbon and cost objectives score in their own unit; a weighted objective first
 * normalises each metric over the set so that kilograms and dollars can be added.
 */
export function scoreAll(view: ScoreView, weights: ObjectiveWeights): Float64Array {
  const scores = new Float64Array(view.size);
  if (weights.kind === "carbon") {
    for (let position = 0; position < view.size; position++) scores[position] = view.carbon(position);
    return scores;
  }
  if (weights.kind === "cost") {
    for (let position = 0; position < view.size; position++) scores[position] = view.cost(position);
    return scores;
  }
  let carbonMin = Infinity, carbonMax = -Infinity, costMin = Infinity, costMax = -Infinity;
  for (let position = 0; position < view.size; position++) {
    const carbon = view.carbon(position);
    const cost = view.cost(position);
    if (carbon < carbonMin) carbonMin = carbon;
    if (carbon > carbonMax) carbonMax = carbon;
    if (cost < costMin) costMin = cost;
    if (cost > costMax) costMax = cost;
  }
  const carbonSpan = carbonMax - carbonMin || 1;
  const costSpan = costMax - costMin || 1;
  for (let position = 0; position < view.size; position++) {
    scores[position] = weights.carbonWeight * ((view.carbon(position) - carbonMin) / carbonSpan) + weights.costWeight * ((view.cost(position) - costMin) / costSpan);
  }
  return scores;
}

/** Orders two positions: score, then lower carbon, then lower cost, then the key, so every order is deterministic. */
export function compareAt(view: ScoreView, scores: ArrayLike<number>, first: number, second: number): number {
  const byScore = scores[first] - scores[second];
  if (byScore !== 0) return byScore;
  const byCarbon = view.carbon(first) - view.carbon(second);
  if (byCarbon !== 0) return byCarbon;
  const byCost = view.cost(first) - view.cost(second);
  if (byCost !== 0) return byCost;
  return view.compareKeys(first, second);
}

/** The single best position (the first in compareAt order), in one pass; -1 when none is eligible. */
export function bestIndex(view: ScoreView, scores: ArrayLike<number>, eligible: (position: number) => boolean = () => true): number {
  let best = -1;
  for (let position = 0; position < view.size; position++) {
    if (!eligible(position)) continue;
    if (best < 0 || compareAt(view, scores, position, best) < 0) best = position;
  }
  return best;
}
