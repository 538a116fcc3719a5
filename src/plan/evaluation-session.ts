// Everything one plan evaluates more than once, computed once and kept for the plan's duration: live intensity
// figures applied to regions, network round trips, projections, fleets, full estimates, deployability. Every cache
// is keyed by the identity of an object this session or its catalog owns, and dies with the session.
import type { GridIntensity, InstanceType, IntensityBasis, Offer, Region } from "../domain/catalog.ts";
import type { Deployability } from "../domain/plan.ts";
import type { ModelProfile, Precision } from "../domain/profile.ts";
import { servingDeviceOf, type ArtifactTransform } from "../domain/serving.ts";
import type { WorkloadSpec } from "../domain/spec.ts";
import type { CandidateEstimate, PerformanceProjection, ProjectionResult, TrafficShape } from "../estimate/contract.ts";
import { estimateFrom } from "../estimate/estimate-candidate.ts";
import type { FleetOperations } from "../estimate/fleet-operation.ts";
import { gridIntensityOn } from "../estimate/grid-intensity.ts";
import { batchSizesFor, gpuBatchSizesFor } from "./batch-sizes.ts";
import { acceleratorOf } from "./candidate-parts.ts";
import type { CandidatePlacement, EvaluatedCandidate, NumberedPlace, Place } from "./candidates.ts";
import { pueFor, type CatalogIndex } from "./catalog-index.ts";
import { deployabilityOf } from "./deployability.ts";
import type { Estimator } from "./estimator.ts";
import type { IntensityAdjustment } from "./intensity-input.ts";
import { objectiveWeightsOf, type ObjectiveWeights } from "./objective.ts";
import { int8WeightBitsOfInstance, precisionFile, type PrecisionFile } from "./precision-artifact.ts";
import { describedInt8Transforms, precisionGate, servingRefusal, type PrecisionGate } from "./serving-gate.ts";

export interface SessionInputs {
  estimator: Estimator;
  spec: WorkloadSpec;
  index: CatalogIndex;
  profiles: ModelProfile[];
  traffic: TrafficShape;
  intensity: IntensityAdjustment;
}

/** A candidate re-estimated with every projected figure at its favourable end (low) and its unfavourable end (high). */
export interface EndEstimates {
  low: CandidateEstimate;
  high: CandidateEstimate;
}

/** The region's grid figure on the spec's basis, and what finding it assumed (the lifecycle figure standing in). */
interface RegionIntensity {
  figure: GridIntensity;
  assumptions: string[];
}

type RegionFactors = Pick<Place, "region" | "pue" | "gridIntensityGCo2ePerKwh" | "networkRoundTripMs">;

export class EvaluationSession {
  readonly estimator: Estimator;
  readonly spec: WorkloadSpec;
  readonly index: CatalogIndex;
  readonly profiles: ModelProfile[];
  readonly traffic: TrafficShape;
  readonly intensity: IntensityAdjustment;
  readonly basis: IntensityBasis;
  readonly weights: ObjectiveWeights;
  /** The batch sizes tried on CPUs: measured ones up to the spec's maxBatch. */
  readonly batchSizes: number[];
  /** The batch sizes tried on NVIDIA GPUs: the measured ones and the GPU batch curve up to maxBatch. */
  readonly gpuBatchSizes: number[];
  /** The p95 SLO in ms (Infinity without one), read here once. */
  readonly sloMs: number;

  private readonly regions = new Map<Region, Region>();
  private readonly factors = new Map<Region, RegionFactors>();
  private readonly intensities = new Map<Region, RegionIntensity>();
  private readonly roundTrips = new Map<Region, number>();
  private readonly projections = new Map<InstanceType, Map<string, ProjectionResult>>();
  private readonly fleets = new Map<PerformanceProjection, Map<number, FleetOperations>>();
  /** The fleets operated, by type, round trip and batch size: where a projection that operates alike finds its twin. */
  private readonly operated = new Map<InstanceType, Map<number, Map<number, FleetOperations[]>>>();
  private readonly ends = new Map<PerformanceProjection, { low: PerformanceProjection; high: PerformanceProjection }>();
  private readonly estimates = new Map<CandidatePlacement, EvaluatedCandidate>();
  private readonly deployabilities = new Map<InstanceType, Deployability>();
  private readonly precisionFiles = new Map<string, PrecisionFile | null>();
  /** The INT8 transforms the profiles describe files of. */
  private readonly int8Transforms: readonly ArtifactTransform[];
  /** Precisions excluded for their drift, or planned without an accuracy check: for the plan's warnings, each once. */
  readonly accuracyNotes = new Set<string>();

  constructor(inputs: SessionInputs) {
    this.estimator = inputs.estimator;
    this.spec = inputs.spec;
    this.index = inputs.index;
    this.profiles = inputs.profiles;
    this.traffic = inputs.traffic;
    this.intensity = inputs.intensity;
    this.basis = inputs.spec.options.intensityBasis;
    this.weights = objectiveWeightsOf(inputs.spec.objective);
    this.batchSizes = batchSizesFor(inputs.profiles, inputs.spec.options.batching.maxBatch);
    this.gpuBatchSizes = gpuBatchSizesFor(inputs.profiles, inputs.spec.options.batching.maxBatch);
    this.sloMs = inputs.spec.slo?.p95LatencyMs ?? Number.POSITIVE_INFINITY;
    this.int8Transforms = describedInt8Transforms(inputs.profiles);
  }

  /** The catalog's region with a live intensity figure applied where the caller fetched one. */
  region(catalogRegion: Region): Region {
    let region = this.regions.get(catalogRegion);
    if (!region) this.regions.set(catalogRegion, (region = this.intensity.adjust(catalogRegion)));
    return region;
  }

  /** The region's grid figure on the spec's basis; `assumptions` says when the lifecycle figure stood in. */
  gridIntensity(region: Region): RegionIntensity {
    let intensity = this.intensities.get(region);
    if (!intensity) {
      const assumptions: string[] = [];
      intensity = { figure: gridIntensityOn(region, this.basis, assumptions), assumptions };
      this.intensities.set(region, intensity);
    }
    return intensity;
  }

  networkRoundTripMs(region: Region): number {
    let roundTripMs = this.roundTrips.get(region);
    if (roundTripMs === undefined) {
      roundTripMs = this.spec.users ? this.estimator.networkRoundTripMs(this.spec.users, region) : 0;
      this.roundTrips.set(region, roundTripMs);
    }
    return roundTripMs;
  }

  /**
   * The type offered in the catalog region at `usdPerHour`, with what that region adds to its estimate, numbered
   * `placeId` (enumeration numbers its places densely; the baseline's is -1). Built whole, not spread into: this
   * runs for every offer of the catalog.
   */
  place(instance: InstanceType, offer: Offer, usdPerHour: number, catalogRegion: Region, placeId: number): NumberedPlace {
    const factors = this.regionFactors(catalogRegion);
    return {
      instance,
      accelerator: acceleratorOf(this.index, instance),
      offer,
      region: factors.region,
      pue: factors.pue,
      usdPerHour,
      gridIntensityGCo2ePerKwh: factors.gridIntensityGCo2ePerKwh,
      networkRoundTripMs: factors.networkRoundTripMs,
      placeId,
    };
  }

  /** What a catalog region adds to every place in it, looked up once per region. */
  private regionFactors(catalogRegion: Region): RegionFactors {
    let factors = this.factors.get(catalogRegion);
    if (!factors) {
      const region = this.region(catalogRegion);
      factors = { region, pue: pueFor(this.index, region), gridIntensityGCo2ePerKwh: this.gridIntensity(region).figure.value, networkRoundTripMs: this.networkRoundTripMs(region) };
      this.factors.set(catalogRegion, factors);
    }
    return factors;
  }

  /** The batch sizes tried on a type: the GPU batch curve on NVIDIA GPUs, the measured sizes elsewhere. */
  batchSizesOn(instance: InstanceType): number[] {
    return servingDeviceOf(instance.accelerator) === "nvidia-gpu" ? this.gpuBatchSizes : this.batchSizes;
  }

  /** Why the type plans no candidate at the precision (no serving path, or a file too far from FP32), or null. */
  precisionGate(instance: InstanceType, precision: Precision): PrecisionGate | null {
    return precisionGate(servingRefusal(instance, precision, this.int8Transforms), this.precisionFile(instance, precision));
  }

  /** Projections depend on the type, precision and batch only: computed once and shared by every region. */
  projection(instance: InstanceType, precision: Precision, batchSize: number): ProjectionResult {
    let byCombination = this.projections.get(instance);
    if (!byCombination) this.projections.set(instance, (byCombination = new Map()));
    const key = `${precision}|${batchSize}`;
    let result = byCombination.get(key);
    if (!result) {
      result = this.estimator.projectPerformance({
        profiles: this.profiles,
        instance,
        accelerator: acceleratorOf(this.index, instance),
        priors: this.index.catalog.priors,
        precision,
        batchSize,
      });
      byCombination.set(key, result);
    }
    return result;
  }

  /**
   * How a fleet of the projection's type runs for the spec's traffic: the same in every region at this round trip,
   * and the same for another projection of the type that operates alike (an INT8 projection equal to the FP32 one).
   */
  fleet(projection: PerformanceProjection, place: Pick<Place, "instance" | "accelerator" | "networkRoundTripMs">): FleetOperations {
    let byRoundTrip = this.fleets.get(projection);
    if (!byRoundTrip) this.fleets.set(projection, (byRoundTrip = new Map()));
    let fleet = byRoundTrip.get(place.networkRoundTripMs);
    if (!fleet) {
      const operated = this.operatedAt(place.instance, place.networkRoundTripMs, projection.batchSize);
      const twin = operated.find((other) => this.estimator.operatesAlike(other.input.projection, projection));
      // The twin's operations, shared read-only (as a group's places already share one fleet), with this projection as input.
      fleet = twin ? { ...twin, input: { ...twin.input, projection } } : this.operate(projection, place);
      if (!twin) operated.push(fleet);
      byRoundTrip.set(place.networkRoundTripMs, fleet);
    }
    return fleet;
  }

  private operatedAt(instance: InstanceType, networkRoundTripMs: number, batchSize: number): FleetOperations[] {
    let byRoundTrip = this.operated.get(instance);
    if (!byRoundTrip) this.operated.set(instance, (byRoundTrip = new Map()));
    let byBatchSize = byRoundTrip.get(networkRoundTripMs);
    if (!byBatchSize) byRoundTrip.set(networkRoundTripMs, (byBatchSize = new Map()));
    let fleets = byBatchSize.get(batchSize);
    if (!fleets) byBatchSize.set(batchSize, (fleets = []));
    return fleets;
  }

  private operate(projection: PerformanceProjection, place: Pick<Place, "instance" | "accelerator" | "networkRoundTripMs">): FleetOperations {
    const { options } = this.spec;
    return this.estimator.operateFleet({
      projection,
      instance: place.instance,
      accelerator: place.accelerator,
      traffic: this.traffic,
      cacheHitRate: options.cacheHitRate,
      targetUtilization: options.targetUtilization,
      maxQueueDelayMs: options.batching.maxQueueDelayMs,
      networkRoundTripMs: place.networkRoundTripMs,
      latencyP95BudgetMs: this.sloMs,
    });
  }

  /**
   * The fleet with every projected figure at its favourable end (fast service, high capacity) and at its
   * unfavourable end: the fleet size, and so the cost, moves with capacity, which a fleet's own range does not show.
   */
  endFleets(projection: PerformanceProjection, place: Pick<Place, "instance" | "accelerator" | "networkRoundTripMs">): { low: FleetOperations; high: FleetOperations } {
    let ends = this.ends.get(projection);
    if (!ends) {
      ends = {
        low: {
          ...projection,
          serviceTimeMs: Math.min(projection.serviceTimeRangeMs.low, projection.serviceTimeMs),
          capacityPerInstanceRps: Math.max(projection.capacityRangeRps.high, projection.capacityPerInstanceRps),
        },
        high: {
          ...projection,
          serviceTimeMs: Math.max(projection.serviceTimeRangeMs.high, projection.serviceTimeMs),
          capacityPerInstanceRps: Math.min(projection.capacityRangeRps.low, projection.capacityPerInstanceRps),
        },
      };
      this.ends.set(projection, ends);
    }
    return { low: this.fleet(ends.low, place), high: this.fleet(ends.high, place) };
  }

  /** The full estimate of a placement (once per placement object). */
  evaluate(placement: CandidatePlacement): EvaluatedCandidate {
    let evaluated = this.estimates.get(placement);
    if (!evaluated) {
      const { key, instance, accelerator, offer, region, pue, usdPerHour, gridIntensityGCo2ePerKwh, networkRoundTripMs, precision, batchSize, projection } = placement;
      const estimate = this.estimateAt(this.fleet(projection, placement), placement);
      evaluated = { key, instance, accelerator, offer, region, pue, usdPerHour, gridIntensityGCo2ePerKwh, networkRoundTripMs, precision, batchSize, projection, estimate };
      this.estimates.set(placement, evaluated);
    }
    return evaluated;
  }

  /** The placement's full estimate at both ends of its projection's range. */
  endEstimates(placement: CandidatePlacement): EndEstimates {
    const fleets = this.endFleets(placement.projection, placement);
    return { low: this.estimateAt(fleets.low, placement), high: this.estimateAt(fleets.high, placement) };
  }

  /**
   * The file the type serves the precision from and its accuracy verdict; null where the serving table has no path
   * for the type's device. Shared by every type with the same device and INT8 weight range.
   */
  precisionFile(instance: InstanceType, precision: Precision): PrecisionFile | null {
    const device = servingDeviceOf(instance.accelerator);
    if (!device) return null;
    const weightBits = device === "cpu" ? int8WeightBitsOfInstance(instance) : 8;
    const key = `${device}|${weightBits}|${precision}`;
    let file = this.precisionFiles.get(key);
    if (file === undefined) {
      file = precisionFile(this.profiles, device, precision, weightBits, this.spec.options.accuracy.minCosineSimilarity);
      this.precisionFiles.set(key, file);
    }
    return file;
  }

  deployability(instance: InstanceType): Deployability {
    let deployability = this.deployabilities.get(instance);
    if (!deployability) this.deployabilities.set(instance, (deployability = deployabilityOf(instance)));
    return deployability;
  }

  private estimateAt(fleet: FleetOperations, place: Place): CandidateEstimate {
    const intensity = this.gridIntensity(place.region);
    return estimateFrom(fleet, this.estimator.evaluateInRegion(fleet, place), intensity.figure, intensity.assumptions);
  }
}
