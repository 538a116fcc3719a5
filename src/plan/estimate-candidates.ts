// Phase 2 of enumeration: every place × precision × batch size estimated and checked against the constraints that
// need an estimate (projection, memory, SLO, budgets). A type's projection is shared by all its places; a fleet by
// all places at the same round trip, evaluated directly in each region (cheap: PUE, intensity and price only). A
// projection whose fleet operates alike another's (INT8 that projects as FP32) takes that one's figures, copied.
import type { Precision } from "../domain/profile.ts";
import type { PerformanceProjection } from "../estimate/contract.ts";
import type { FleetOperation, FleetOperations } from "../estimate/fleet-operation.ts";
import { memoryShortfall } from "./candidate-parts.ts";
import { budgetFailures, type ConstraintName, type Exclusions } from "./constraints.ts";
import type { EvaluationSession } from "./evaluation-session.ts";
import { FeasibleSet } from "./feasible-set.ts";
import type { PlaceFiltering, RoundTripGroup, TypePlaces } from "./filter-places.ts";

export interface Estimation {
  feasible: FeasibleSet;
  /** How many type × region pairs passed the place constraints (the range of placeId). */
  placeCount: number;
  enumerated: number;
  excluded: Exclusions;
  /** Projection failures by reason ("no int8 measurement", ...), for the infeasibility explanation. */
  projectionFailures: Map<string, number>;
}

/**
 * The candidates one fleet gave a group's places: positions [start, end) of the feasible set, and the budget each
 * excluded place failed. Another projection of the type whose fleet is the same operations (an INT8 projection equal
 * to the FP32 one: the session shares its fleet) gives the same figures in the same places, so they are copied.
 */
interface GroupRun {
  group: RoundTripGroup;
  fleet: FleetOperations;
  ends: EndFleets | null;
  start: number;
  end: number;
  budgetFailures: ConstraintName[];
}

type EndFleets = ReturnType<EvaluationSession["endFleets"]>;

export function estimateCandidates(session: EvaluationSession, places: PlaceFiltering): Estimation {
  const feasible = new FeasibleSet(mostCandidates(session, places));
  const estimation: Estimation = { feasible, placeCount: places.placeCount, enumerated: places.enumerated, excluded: places.excluded, projectionFailures: new Map() };
  // By the central operation of their fleet, which only fleets of the same operations share.
  const runs = new Map<FleetOperation, GroupRun[]>();
  const { precisions } = session.spec.options;
  for (const type of places.types) {
    const batchSizes = session.batchSizesOn(type.instance);
    // The first phase counted the measured batch sizes; a GPU's batch curve adds its own.
    estimation.enumerated += (batchSizes.length - session.batchSizes.length) * precisions.length * type.placeCount;
    for (const precision of precisions) {
      // A precision the type's device cannot serve, or whose file strays too far from FP32, is not planned there.
      const gate = session.precisionGate(type.instance, precision);
      if (gate) {
        estimation.excluded.add(gate.constraint, type.placeCount * batchSizes.length);
        if (gate.constraint === "accuracy") session.accuracyNotes.add(gate.reason);
        continue;
      }
      const unchecked = session.precisionFile(type.instance, precision)?.unchecked;
      if (unchecked) session.accuracyNotes.add(unchecked);
      estimateBatchSizes(session, type, precision, batchSizes, estimation, runs);
    }
  }
  return estimation;
}

/** Every place × precision × batch size of its type: no more candidates can be feasible. */
function mostCandidates(session: EvaluationSession, places: PlaceFiltering): number {
  let most = 0;
  for (const type of places.types) most += type.placeCount * session.spec.options.precisions.length * session.batchSizesOn(type.instance).length;
  return most;
}

/** One type at one precision, batch size by batch size, until even the nearest region misses the SLO. */
function estimateBatchSizes(session: EvaluationSession, type: TypePlaces, precision: Precision, batchSizes: number[], estimation: Estimation, runs: Map<FleetOperation, GroupRun[]>): void {
  const { sloMs } = session;
  const { excluded, projectionFailures } = estimation;
  for (let batchIndex = 0; batchIndex < batchSizes.length; batchIndex++) {
    const result = session.projection(type.instance, precision, batchSizes[batchIndex]);
    if (!result.ok) {
      excluded.add("projection", type.placeCount);
      projectionFailures.set(result.reason, (projectionFailures.get(result.reason) ?? 0) + type.placeCount);
      continue;
    }
    if (memoryShortfall(result.projection, type.instance)) {
      excluded.add("memory", type.placeCount);
      continue;
    }
    // A call of a larger batch never takes less time: once even the nearest region misses the SLO, the larger
    // batches of this type and precision do too, and need no projection.
    if (result.projection.serviceTimeMs + type.nearestRoundTripMs > sloMs) {
      excluded.add("slo", type.placeCount * (batchSizes.length - batchIndex));
      return;
    }
    for (const group of type.groups) estimateGroup(session, group, precision, result.projection, estimation, runs);
  }
}

/** One fleet (type × precision × batch × round trip), evaluated in each region of the group. */
function estimateGroup(session: EvaluationSession, group: RoundTripGroup, precision: Precision, projection: PerformanceProjection, estimation: Estimation, runs: Map<FleetOperation, GroupRun[]>): void {
  const { excluded, feasible } = estimation;
  // Service time plus the round trip is a floor under p95: no need to estimate what cannot meet the SLO.
  if (projection.serviceTimeMs + group.networkRoundTripMs > session.sloMs) {
    excluded.add("slo", group.places.length);
    return;
  }
  const fleet = session.fleet(projection, group.places[0]);
  if (!(fleet.central.latencyP95Ms <= session.sloMs)) {
    excluded.add("slo", group.places.length);
    return;
  }
  const ends = session.weights.costWeight > 0 ? session.endFleets(projection, group.places[0]) : null;
  let sameCentral = runs.get(fleet.central);
  if (!sameCentral) runs.set(fleet.central, (sameCentral = []));
  const twin = sameCentral.find(
    (run) => run.group === group && sameOperations(run.fleet, fleet) && (run.ends === null ? ends === null : ends !== null && sameOperations(run.ends.low, ends.low) && sameOperations(run.ends.high, ends.high)),
  );
  if (twin) {
    feasible.addAgain(twin.start, twin.end, precision, projection);
    for (const failure of twin.budgetFailures) excluded.add(failure);
    return;
  }
  const run: GroupRun = { group, fleet, ends, start: feasible.size, end: feasible.size, budgetFailures: [] };
  sameCentral.push(run);
  const { estimator, spec } = session;
  const latencyP95Ms = fleet.central.latencyP95Ms;
  // Most specs set no budget: then no candidate is checked against one (this loop runs for every candidate).
  const hasBudget = spec.constraints.maxMonthlyUsd !== undefined || spec.constraints.maxMonthlyKgCo2e !== undefined;
  for (const place of group.places) {
    const score = estimator.scoreInRegion(fleet, place);
    const { monthlyCostUsd } = score;
    const failure = hasBudget ? budgetFailures(spec.constraints, monthlyCostUsd, score.monthlyKgCo2e)[0] : undefined;
    if (failure) {
      excluded.add(failure);
      run.budgetFailures.push(failure);
      continue;
    }
    if (!ends) {
      feasible.add(place, precision, projection, latencyP95Ms, score, monthlyCostUsd, monthlyCostUsd);
      continue;
    }
    // Monthly cost with the fleet sized at each end of the projection's range (the price does not move, the fleet does).
    const lowUsd = estimator.scoreInRegion(ends.low, place).monthlyCostUsd;
    const highUsd = estimator.scoreInRegion(ends.high, place).monthlyCostUsd;
    feasible.add(place, precision, projection, latencyP95Ms, score, Math.min(monthlyCostUsd, lowUsd, highUsd), Math.max(monthlyCostUsd, lowUsd, highUsd));
  }
  run.end = feasible.size;
}

/** Whether two fleets are the very same operations (the session shares them between projections that operate alike). */
function sameOperations(first: FleetOperations, second: FleetOperations): boolean {
  return first.central === second.central && first.slow === second.slow && first.fast === second.fast;
}
