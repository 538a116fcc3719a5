import type { Objective } from "../domain/spec.ts";

export interface ObjectiveWeights {
  kind: "carbon" | "cost" | "weighted";
  carbonWeight: number;
  costWeight: number;
}

/**
 * A set of candidates' two metrics as columns read by position. A plan scores tens of thousands of candidates several
 * times (nominal, and at each end of the ranges) while its code still runs unoptimised: reading a column costs a few
 * bytecodes where a getter or closure per candidate cost a call.
 */
export interface ScoreColumns {
  size: number;
  /** Monthly kgCO2e by position. */
  carbonKg: ArrayLike<number>;
  /** Monthly USD by position. */
  costUsd: ArrayLike<number>;
  /** The order of the two candidates' keys (the last tie-break): ties are common, so no key need be built for one. */
  compareKeys(first: number, second: number): number;
}

/** Positions [start, end), start < end, of the set: the ones that may win (a choice skips undeployable types a run at a time). */
export interface PositionRun {
  start: number;
  end: number;
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
 * Scores (lower is better). Carbon and cost objectives score in their own unit, so their scores are that column
 * itself; a weighted objective first normalises each metric over the set so that kilograms and dollars can be added.
 */
export function scoresOf(columns: ScoreColumns, weights: ObjectiveWeights): ArrayLike<number> {
  if (weights.kind === "carbon") return columns.carbonKg;
  if (weights.kind === "cost") return columns.costUsd;
  const { size, carbonKg, costUsd } = columns;
  let carbonMin = Infinity, carbonMax = -Infinity, costMin = Infinity, costMax = -Infinity;
  for (let position = 0; position < size; position++) {
    const carbon = carbonKg[position];
    const cost = costUsd[position];
    if (carbon < carbonMin) carbonMin = carbon;
    if (carbon > carbonMax) carbonMax = carbon;
    if (cost < costMin) costMin = cost;
    if (cost > costMax) costMax = cost;
  }
  const carbonSpan = carbonMax - carbonMin || 1;
  const costSpan = costMax - costMin || 1;
  const scores = new Float64Array(size);
  for (let position = 0; position < size; position++) {
    scores[position] = weights.carbonWeight * ((carbonKg[position] - carbonMin) / carbonSpan) + weights.costWeight * ((costUsd[position] - costMin) / costSpan);
  }
  return scores;
}

/**
 * The first position of `runs` in compareAt's order; -1 when the runs are empty. Most candidates differ from the best
 * so far in score: those are decided by reading the two scores here, and only ties call compareAt (a call per
 * candidate is much of what a cold plan costs).
 */
export function bestIn(columns: ScoreColumns, scores: ArrayLike<number>, runs: readonly PositionRun[]): number {
  if (runs.length === 0) return -1;
  let best = runs[0].start;
  let bestScore = scores[best];
  for (const { start, end } of runs) {
    for (let position = start; position < end; position++) {
      const score = scores[position];
      if (score < bestScore || (score === bestScore && compareAt(columns, scores, position, best) < 0)) {
        best = position;
        bestScore = score;
      }
    }
  }
  return best;
}

/** Orders two positions: score, then lower carbon, then lower cost, then the key, so every order is deterministic. */
export function compareAt(columns: ScoreColumns, scores: ArrayLike<number>, first: number, second: number): number {
  const byScore = scores[first] - scores[second];
  if (byScore !== 0) return byScore;
  const byCarbon = columns.carbonKg[first] - columns.carbonKg[second];
  if (byCarbon !== 0) return byCarbon;
  const byCost = columns.costUsd[first] - columns.costUsd[second];
  if (byCost !== 0) return byCost;
  return columns.compareKeys(first, second);
}
