// The feasible candidates of a plan, one column per figure. A plan keeps tens of thousands of them and reads only a
// few whole (the ones it shows): an object and a key string for each were most of the memory a plan took, and much
// of its garbage-collection time. A candidate is read by its position, dense from 0 in the order it was added. The
// figures' columns are allocated once, at the most candidates the plan can have, and written in place.
import type { InstanceType } from "../domain/catalog.ts";
import type { Precision } from "../domain/profile.ts";
import type { PerformanceProjection } from "../estimate/contract.ts";
import type { RegionalScore } from "../estimate/regional-evaluation.ts";
import { candidateKey, compareCodeUnits, compareKeyTails, type CandidatePlacement, type FeasibleCandidate, type NumberedPlace } from "./candidates.ts";
import type { PositionRun, ScoreColumns } from "./objective.ts";

/** Consecutive positions [start, end) of one instance type. */
export interface InstanceRun extends PositionRun {
  instance: InstanceType;
}

export class FeasibleSet implements ScoreColumns, Iterable<FeasibleCandidate> {
  /** How many candidates were added. */
  size = 0;
  private readonly places: NumberedPlace[] = [];
  private readonly precisions: Precision[] = [];
  private readonly projections: PerformanceProjection[] = [];
  private readonly latenciesP95Ms: Float64Array;
  // The figures the choice and the robustness scan read for every candidate, as columns (objective.ts says why).
  readonly placeIds: Int32Array;
  readonly costUsd: Float64Array;
  readonly costLowUsd: Float64Array;
  readonly costHighUsd: Float64Array;
  readonly carbonKg: Float64Array;
  readonly carbonLowKg: Float64Array;
  readonly carbonHighKg: Float64Array;
  /** Runs of consecutive positions of one instance type: what is decided per type (deployability) is applied per run. */
  readonly instanceRuns: InstanceRun[] = [];
  private readonly keys = new Map<number, string>();
  private readonly placements = new Map<number, CandidatePlacement>();

  /** `capacity`: the most candidates that can be added (the plan's places × precisions × batch sizes). */
  constructor(private readonly capacity: number) {
    this.latenciesP95Ms = new Float64Array(capacity);
    this.placeIds = new Int32Array(capacity);
    this.costUsd = new Float64Array(capacity);
    this.costLowUsd = new Float64Array(capacity);
    this.costHighUsd = new Float64Array(capacity);
    this.carbonKg = new Float64Array(capacity);
    this.carbonLowKg = new Float64Array(capacity);
    this.carbonHighKg = new Float64Array(capacity);
  }

  /** A candidate with its fleet's p95, its score in its region and its monthly cost at both ends of its range. */
  add(place: NumberedPlace, precision: Precision, projection: PerformanceProjection, latencyP95Ms: number, score: RegionalScore, costLowUsd: number, costHighUsd: number): void {
    const position = this.size;
    // A typed array ignores a write past its end: more candidates than enumerated would be lost, not kept.
    if (position >= this.capacity) throw new Error(`feasible set full: more than the ${this.capacity} candidates enumerated`);
    this.places.push(place);
    this.precisions.push(precision);
    this.projections.push(projection);
    this.latenciesP95Ms[position] = latencyP95Ms;
    this.placeIds[position] = place.placeId;
    this.costUsd[position] = score.monthlyCostUsd;
    this.costLowUsd[position] = costLowUsd;
    this.costHighUsd[position] = costHighUsd;
    this.carbonKg[position] = score.monthlyKgCo2e;
    this.carbonLowKg[position] = score.monthlyKgCo2eLow;
    this.carbonHighKg[position] = score.monthlyKgCo2eHigh;
    const lastRun = this.instanceRuns[this.instanceRuns.length - 1];
    if (lastRun?.instance === place.instance) lastRun.end = position + 1;
    else this.instanceRuns.push({ instance: place.instance, start: position, end: position + 1 });
    this.size = position + 1;
  }

  /**
   * Positions [start, end) again, one round-trip group's candidates (so of one instance type), at another precision
   * and projection whose fleet operates alike: the same figures in the same places, columns copied.
   */
  addAgain(start: number, end: number, precision: Precision, projection: PerformanceProjection): void {
    const position = this.size;
    const count = end - start;
    if (count <= 0) return;
    if (position + count > this.capacity) throw new Error(`feasible set full: more than the ${this.capacity} candidates enumerated`);
    for (let from = start; from < end; from++) {
      this.places.push(this.places[from]);
      this.precisions.push(precision);
      this.projections.push(projection);
    }
    for (const column of [this.latenciesP95Ms, this.placeIds, this.costUsd, this.costLowUsd, this.costHighUsd, this.carbonKg, this.carbonLowKg, this.carbonHighKg]) {
      column.copyWithin(position, start, end);
    }
    const instance = this.places[start].instance;
    const lastRun = this.instanceRuns[this.instanceRuns.length - 1];
    if (lastRun?.instance === instance) lastRun.end = position + count;
    else this.instanceRuns.push({ instance, start: position, end: position + count });
    this.size = position + count;
  }

  /** "provider/region/type/precision/bBATCH", built when first asked: only ties and shown candidates need one. */
  key(position: number): string {
    let key = this.keys.get(position);
    if (key === undefined) {
      const { instance, region } = this.places[position];
      key = candidateKey(instance.provider, region.code, instance.instanceType, this.precisions[position], this.projections[position].batchSize);
      this.keys.set(position, key);
    }
    return key;
  }

  /**
   * The order of two candidates' keys. Most ties are candidates of one place (its batch sizes), whose keys share the
   * place's part: those are ordered without building either key.
   */
  compareKeys(first: number, second: number): number {
    if (this.places[first] !== this.places[second]) return compareCodeUnits(this.key(first), this.key(second));
    return compareKeyTails(this.precisions[first], this.projections[first].batchSize, this.precisions[second], this.projections[second].batchSize);
  }

  /** The type × region pair: candidates with the same id differ only in precision and batch size. */
  placeId(position: number): number {
    return this.placeIds[position];
  }

  instance(position: number): InstanceType {
    return this.places[position].instance;
  }

  /** The candidate as the session estimates it: the same object for the same position (the session keeps estimates by identity). */
  placement(position: number): CandidatePlacement {
    let placement = this.placements.get(position);
    if (!placement) {
      const { instance, accelerator, offer, region, pue, usdPerHour, gridIntensityGCo2ePerKwh, networkRoundTripMs } = this.places[position];
      const projection = this.projections[position];
      const precision = this.precisions[position];
      placement = { key: this.key(position), instance, accelerator, offer, region, pue, usdPerHour, gridIntensityGCo2ePerKwh, networkRoundTripMs, precision, batchSize: projection.batchSize, projection };
      this.placements.set(position, placement);
    }
    return placement;
  }

  /** The candidate whole, with the figures the choice reads. */
  candidate(position: number): FeasibleCandidate {
    return {
      ...this.placement(position),
      placeId: this.placeId(position),
      latencyP95Ms: this.latenciesP95Ms[position],
      monthlyCostUsd: this.costUsd[position],
      monthlyKgCo2e: this.carbonKg[position],
      monthlyKgCo2eLow: this.carbonLowKg[position],
      monthlyKgCo2eHigh: this.carbonHighKg[position],
      monthlyCostLowUsd: this.costLowUsd[position],
      monthlyCostHighUsd: this.costHighUsd[position],
    };
  }

  *[Symbol.iterator](): Iterator<FeasibleCandidate> {
    for (let position = 0; position < this.size; position++) yield this.candidate(position);
  }
}
