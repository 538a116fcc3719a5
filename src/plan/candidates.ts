// What the planner's phases hand each other: places (filter), feasible candidates (estimate), evaluated ones (records).
import type { AcceleratorSpec, InstanceType, Offer, Region } from "../domain/catalog.ts";
import type { Precision } from "../domain/profile.ts";
import type { CandidateEstimate, PerformanceProjection } from "../estimate/contract.ts";
import type { RegionalFactors } from "../estimate/regional-evaluation.ts";

/** An instance type offered in a region, with what the region adds to its estimate (PUE, grid intensity, price). */
export interface Place extends RegionalFactors {
  instance: InstanceType;
  /** The spec of the type's accelerator (null for CPU-only types). */
  accelerator: AcceleratorSpec | null;
  offer: Offer;
  /** The catalog's region with any live intensity figure applied. */
  region: Region;
  /** Round trip from the spec's users to the region, ms (0 without users). */
  networkRoundTripMs: number;
}

export interface NumberedPlace extends Place {
  /** Numbers the type × region pairs densely from 0, so grouping by place needs no string keys. */
  placeId: number;
}

/** A place at a precision and batch size, with its projection. */
export interface CandidatePlacement extends Place {
  key: string;
  precision: Precision;
  batchSize: number;
  projection: PerformanceProjection;
}

/** A candidate with a full estimate (the displayed ones and the baseline). */
export interface EvaluatedCandidate extends CandidatePlacement {
  estimate: CandidateEstimate;
}

/** What choosing among candidates needs of each estimate. */
export interface CandidateFigures {
  latencyP95Ms: number;
  monthlyCostUsd: number;
  monthlyKgCo2e: number;
  /** Monthly carbon at both ends of the projection's range. */
  monthlyKgCo2eLow: number;
  monthlyKgCo2eHigh: number;
  /** Monthly cost at both ends of the projection's range (the nominal cost unless cost is scored). */
  monthlyCostLowUsd: number;
  monthlyCostHighUsd: number;
}

/** A candidate that meets every constraint, with the figures the choice needs (no full estimate kept). */
export interface FeasibleCandidate extends CandidateFigures, CandidatePlacement {
  /** The type × region pair (dense, from 0): candidates with the same id differ only in precision and batch. */
  placeId: number;
}

export function candidateKey(provider: string, region: string, instanceType: string, precision: string, batchSize: number): string {
  return `${provider}/${region}/${instanceType}/${keyTail(precision, batchSize)}`;
}

/** What follows the place ("provider/region/type/") in a candidate's key. */
function keyTail(precision: string, batchSize: number): string {
  return `${precision}/b${batchSize}`;
}

/**
 * Orders two candidates of one place as their keys order (they share the place's part), building no key: at one
 * precision the keys order as the batch sizes' decimal strings do ("b16" before "b2").
 */
export function compareKeyTails(firstPrecision: string, firstBatchSize: number, secondPrecision: string, secondBatchSize: number): number {
  if (firstPrecision === secondPrecision) return compareCodeUnits(String(firstBatchSize), String(secondBatchSize));
  return compareCodeUnits(keyTail(firstPrecision, firstBatchSize), keyTail(secondPrecision, secondBatchSize));
}

/** The order of `<` on strings (UTF-16 code units), as keys are compared everywhere in the planner. */
export function compareCodeUnits(first: string, second: string): number {
  return first < second ? -1 : first > second ? 1 : 0;
}
