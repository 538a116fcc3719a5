// The feasible candidates of a plan, one column per figure. A plan keeps tens of thousands of them and reads only a
// few whole (the ones it shows): an object and a key string for each were most of the memory a plan took, and much
// of its garbage-collection time. A candidate is read by its position, dense from 0 in the order it was added. The
// figures' columns are allocated once, at the most candidates the plan can have, and written in place.
import type { InstanceType } from "../domain/catalog.ts";
import type { Precision } from "../domain/profile.ts";
import type { PerformanceProjection } from "../estimate/contract.ts";
import type { RegionalScore } from "../estimate/regional-evaluation.ts";
import { candidateKey, compareCodeUnits, compareKeyTails, type CandidatePlacement, type FeasibleCandidate, type NumberedPlace } from "./candidates.ts";
import type { ScoreView } from "./objective.ts";

export class FeasibleSet implements ScoreView, Iterable<FeasibleCandidate> {
  /** How many candidates were added. */
  size = 0;
  private readonly places: NumberedPlace[] = [];
  private readonly precisions: Precision[] = [];
  private readonly projections: PerformanceProjection[] = [];
  private readonly latenciesP95Ms: Float64Array;
  private readonly costsUsd: Float64Array;
  private readonly costsLowUsd: Float64Array;
  private readonly costsHighUsd: Float64Array;
  private readonly carbonsKg: Float64Array;
  private readonly carbonsLowKg: Float64Array;
  private readonly carbonsHighKg: Float64Array;
  private readonly keys = new Map<number, string>();
  private readonly placements = new Map<number, CandidatePlacement>();

  /** `capacity`: the most candidates that can be added (the plan's places × precisions × batch sizes). */
  constructor(private readonly capacity: number) {
    this.latenciesP95Ms = new Float64Array(capacity);
    this.costsUsd = new Float64Array(capacity);
    this.costsLowUsd = new Float64Array(capacity);
    this.costsHighUsd = new Float64Array(capacity);
    this.carbonsKg = new Float64Array(capacity);
    this.carbonsLowKg = new Float64Array(capacity);
    this.carbonsHighKg = new Float64Array(capacity);
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
    this.costsUsd[position] = score.monthlyCostUsd;
    this.costsLowUsd[position] = costLowUsd;
    this.costsHighUsd[position] = costHighUsd;
    this.carbonsKg[position] = score.monthlyKgCo2e;
    this.carbonsLowKg[position] = score.monthlyKgCo2eLow;
    this.carbonsHighKg[position] = score.monthlyKgCo2eHigh;
    this.size = position + 1;
  }

  /** Monthly kgCO2e. */
  carbon(position: number): number {
    return this.carbonsKg[position];
  }

  /** Monthly USD. */
  cost(position: number): number {
    return this.costsUsd[position];
  }

  carbonLow(position: number): number {
    return this.carbonsLowKg[position];
  }

  carbonHigh(position: number): number {
    return this.carbonsHighKg[position];
  }

  costLow(position: number): number {
    return this.costsLowUsd[position];
  }

  costHigh(position: number): number {
    return this.costsHighUsd[position];
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
    return this.places[position].placeId;
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
      monthlyCostUsd: this.costsUsd[position],
      monthlyKgCo2e: this.carbonsKg[position],
      monthlyKgCo2eLow: this.carbonsLowKg[position],
      monthlyKgCo2eHigh: this.carbonsHighKg[position],
      monthlyCostLowUsd: this.costsLowUsd[position],
      monthlyCostHighUsd: this.costsHighUsd[position],
    };
  }

  *[Symbol.iterator](): Iterator<FeasibleCandidate> {
    for (let position = 0; position < this.size; position++) yield this.candidate(position);
  }
}
