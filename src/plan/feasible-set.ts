// The feasible candidates of a plan, one column per figure. A plan keeps tens of thousands of them and reads only a
// few whole (the ones it shows): an object and a key string for each were most of the memory a plan took, and much
// of its garbage-collection time. A candidate is read by its position, dense from 0 in the order it was added.
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
  private readonly latenciesP95Ms: number[] = [];
  private readonly costsUsd: number[] = [];
  private readonly costsLowUsd: number[] = [];
  private readonly costsHighUsd: number[] = [];
  private readonly carbonsKg: number[] = [];
  private readonly carbonsLowKg: number[] = [];
  private readonly carbonsHighKg: number[] = [];
  private readonly keys = new Map<number, string>();
  private readonly placements = new Map<number, CandidatePlacement>();

  /** A candidate with its fleet's p95, its score in its region and its monthly cost at both ends of its range. */
  add(place: NumberedPlace, precision: Precision, projection: PerformanceProjection, latencyP95Ms: number, score: RegionalScore, costLowUsd: number, costHighUsd: number): void {
    this.places.push(place);
    this.precisions.push(precision);
    this.projections.push(projection);
    this.latenciesP95Ms.push(latencyP95Ms);
    this.costsUsd.push(score.monthlyCostUsd);
    this.costsLowUsd.push(costLowUsd);
    this.costsHighUsd.push(costHighUsd);
    this.carbonsKg.push(score.monthlyKgCo2e);
    this.carbonsLowKg.push(score.monthlyKgCo2eLow);
    this.carbonsHighKg.push(score.monthlyKgCo2eHigh);
    this.size++;
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
