import type { AcceleratorSpec, InstanceType, Offer, Region } from "../domain/catalog.ts";
import type { ModelProfile, Precision } from "../domain/profile.ts";
import type { WorkloadSpec } from "../domain/spec.ts";
import type { CandidateEstimate, PerformanceProjection, Range, TrafficShape } from "../estimate/contract.ts";
import { acceleratorOf, candidateKey, memoryShortfall, usdPerHourOf, type ProjectionCache } from "./candidate-parts.ts";
import { pueFor, regionKey, type CatalogIndex } from "./catalog-index.ts";
import type { Estimator } from "./estimator.ts";
import { endEstimatesFor, estimateInputOf, type Placement } from "./ranges.ts";
import { figuresOf, gridIntensityUsed, pickReferences, scaledFigures, scaledMatches, type CandidateFigures, type RegionalPoint } from "./regional-scaling.ts";
import { compileRegionFilter } from "./region-filter.ts";

/** The constraints in the order they are checked; a candidate is counted under the first one it fails. */
export const CONSTRAINT_ORDER = [
  "providers",
  "regions",
  "countries",
  "residency",
  "accelerators",
  "pricing",
  "projection",
  "memory",
  "slo",
  "maxMonthlyUsd",
  "maxMonthlyKgCo2e",
] as const;
export type ConstraintName = (typeof CONSTRAINT_ORDER)[number];

/** Where and how a candidate runs: the type in a region at a precision and batch size, with its projection. */
export interface CandidatePlacement {
  key: string;
  instance: InstanceType;
  accelerator: AcceleratorSpec | null;
  region: Region;
  offer: Offer;
  precision: Precision;
  batchSize: number;
  pue: number;
  usdPerHour: number;
  networkRoundTripMs: number;
  projection: PerformanceProjection;
}

/** A candidate with a full estimate (the displayed ones and the baseline). */
export interface EvaluatedCandidate extends CandidatePlacement {
  estimate: CandidateEstimate;
}

/** A candidate that meets every constraint, with the figures the choice needs (no full estimate kept). */
export interface FeasibleCandidate extends CandidateFigures, CandidatePlacement {
  /** The type × region pair (dense, from 0): candidates with the same id differ only in precision and batch. */
  placeId: number;
  /** Monthly cost at both ends of the projection's range (the nominal cost unless cost is scored). */
  monthlyCostLowUsd: number;
  monthlyCostHighUsd: number;
}

export interface EnumerationContext {
  spec: WorkloadSpec;
  index: CatalogIndex;
  profiles: ModelProfile[];
  estimator: Estimator;
  traffic: TrafficShape;
  batchSizes: number[];
  /** Region key → intensity override (live sources); absent = the catalog's figure on the spec's basis. */
  regions: (region: Region) => Region;
}

export interface Enumeration {
  feasible: FeasibleCandidate[];
  /** How many type × region pairs passed the place constraints (the range of placeId). */
  places: number;
  enumerated: number;
  excludedBy: Record<string, number>;
  /** Projection failures by reason ("no int8 measurement", ...), for the infeasibility explanation. */
  projectionFailures: Map<string, number>;
}

interface EligiblePlacement extends Placement {
  offer: Offer;
  point: RegionalPoint;
  /** Numbers the type × region pairs, so grouping by place needs no string keys. */
  placeId: number;
}

/**
 * Every instance type × region where it is offered × precision × batch size, checked against the constraints
 * in CONSTRAINT_ORDER. Cheap checks (names, places) run before projection and estimation; the projection is
 * shared across regions, and within a type × precision × batch the regions' figures are scaled from a few full
 * estimates (see regional-scaling.ts), so the full catalog stays fast.
 */
export function enumerateCandidates(context: EnumerationContext, projections: ProjectionCache, options: { costRanges: boolean }): Enumeration {
  const { spec, index, estimator } = context;
  const constraints = spec.constraints;
  const regionFilter = compileRegionFilter(constraints);
  const allowedAccelerators = constraints.accelerators ? new Set(constraints.accelerators.map((name) => name.toLowerCase())) : null;
  const sloMs = spec.slo?.p95LatencyMs ?? Infinity;
  const excludedBy: Record<string, number> = {};
  const projectionFailures = new Map<string, number>();
  const feasible: FeasibleCandidate[] = [];
  const roundTrips = new Map<string, number>();
  let enumerated = 0;
  let placeCount = 0;
  const combinations = spec.options.precisions.length * context.batchSizes.length;
  const exclude = (constraint: ConstraintName, count = 1) => {
    excludedBy[constraint] = (excludedBy[constraint] ?? 0) + count;
  };

  for (const instance of index.catalog.instanceTypes) {
    // Listed to estimate existing stacks only: the catalog says why (burstable, memory-optimised, previous generation).
    if (instance.planningExclusion) continue;
    const offers = index.offersByType.get(`${instance.provider}/${instance.instanceType}`) ?? [];
    const acceleratorName = (instance.accelerator?.model ?? "none").toLowerCase();
    const accelerator = acceleratorOf(index, instance);
    const groups = new Map<number, EligiblePlacement[]>();
    let eligibleCount = 0;
    for (const offer of offers) {
      const catalogRegion = index.regions.get(regionKey(offer.provider, offer.region));
      if (!catalogRegion) continue;
      enumerated += combinations;
      const placeFailure = regionFilter(instance.provider, catalogRegion);
      if (placeFailure) {
        exclude(placeFailure, combinations);
        continue;
      }
      if (allowedAccelerators && !allowedAccelerators.has(acceleratorName)) {
        exclude("accelerators", combinations);
        continue;
      }
      const usdPerHour = usdPerHourOf(offer, spec.options.pricing);
      if (usdPerHour === undefined) {
        exclude("pricing", combinations);
        continue;
      }
      const region = context.regions(catalogRegion);
      const placeKey = regionKey(region.provider, region.code);
      let networkRoundTripMs = roundTrips.get(placeKey);
      if (networkRoundTripMs === undefined) {
        networkRoundTripMs = spec.users ? estimator.networkRoundTripMs(spec.users, region) : 0;
        roundTrips.set(placeKey, networkRoundTripMs);
      }
      const pue = pueFor(index, region);
      const point = { region, pue, usdPerHour, gridIntensityGCo2ePerKwh: gridIntensityUsed(region, spec.options.intensityBasis) };
      const placement: EligiblePlacement = { instance, accelerator, region, pue, usdPerHour, networkRoundTripMs, offer, point, placeId: placeCount++ };
      const group = groups.get(networkRoundTripMs);
      if (group) group.push(placement);
      else groups.set(networkRoundTripMs, [placement]);
      eligibleCount++;
    }
    if (eligibleCount === 0) continue;
    const nearestRoundTripMs = Math.min(...groups.keys());

    for (const precision of spec.options.precisions) {
      for (let batchIndex = 0; batchIndex < context.batchSizes.length; batchIndex++) {
        const batchSize = context.batchSizes[batchIndex];
        const result = projections.get(instance, precision, batchSize);
        if (!result.ok) {
          exclude("projection", eligibleCount);
          projectionFailures.set(result.reason, (projectionFailures.get(result.reason) ?? 0) + eligibleCount);
          continue;
        }
        const projection = result.projection;
        if (memoryShortfall(projection, instance)) {
          exclude("memory", eligibleCount);
          continue;
        }
        // A call of a larger batch never takes less time: once even the nearest region misses the SLO, the
        // larger batches of this type and precision do too, and need no projection.
        if (projection.serviceTimeMs + nearestRoundTripMs > sloMs) {
          exclude("slo", eligibleCount * (context.batchSizes.length - batchIndex));
          break;
        }
        for (const [networkRoundTripMs, group] of groups) {
          // Service time plus the round trip is a floor under p95: no need to estimate what cannot meet the SLO.
          if (projection.serviceTimeMs + networkRoundTripMs > sloMs) {
            exclude("slo", group.length);
            continue;
          }
          const { figures, anchor } = figuresForGroup(group, projection, context);
          const costRangeRatio = options.costRanges ? costRangeRatioOf(group[0], anchor, projection, context) : null;
          for (let position = 0; position < group.length; position++) {
            const placement = group[position];
            const figure = figures[position];
            if (!(figure.latencyP95Ms <= sloMs)) {
              exclude("slo");
              continue;
            }
            if (constraints.maxMonthlyUsd !== undefined && figure.monthlyCostUsd > constraints.maxMonthlyUsd) {
              exclude("maxMonthlyUsd");
              continue;
            }
            if (constraints.maxMonthlyKgCo2e !== undefined && figure.monthlyKgCo2e > constraints.maxMonthlyKgCo2e) {
              exclude("maxMonthlyKgCo2e");
              continue;
            }
            feasible.push({
              key: candidateKey(instance.provider, placement.region.code, instance.instanceType, precision, batchSize),
              instance,
              accelerator,
              region: placement.region,
              offer: placement.offer,
              precision,
              batchSize,
              pue: placement.pue,
              usdPerHour: placement.usdPerHour,
              networkRoundTripMs,
              projection,
              placeId: placement.placeId,
              ...figure,
              monthlyCostLowUsd: costRangeRatio ? figure.monthlyCostUsd * costRangeRatio.low : figure.monthlyCostUsd,
              monthlyCostHighUsd: costRangeRatio ? figure.monthlyCostUsd * costRangeRatio.high : figure.monthlyCostUsd,
            });
          }
        }
      }
    }
  }
  return { feasible, places: placeCount, enumerated, excludedBy, projectionFailures };
}

/** Groups of up to this many regions are estimated in full; larger ones are scaled from references. */
const FULL_ESTIMATE_GROUP_SIZE = 3;

function figuresForGroup(group: EligiblePlacement[], projection: PerformanceProjection, context: EnumerationContext): { figures: CandidateFigures[]; anchor: CandidateEstimate } {
  const full = (placement: EligiblePlacement) => context.estimator.estimateCandidate(estimateInputOf(placement, context.spec, context.traffic, projection));
  const anchor = full(group[0]);
  const allFull = () => ({ figures: [figuresOf(anchor), ...group.slice(1).map((placement) => figuresOf(full(placement)))], anchor });
  if (group.length <= FULL_ESTIMATE_GROUP_SIZE) return allFull();
  const points = group.map((placement) => placement.point);
  const references = pickReferences(points);
  const second = full(group[references.second]);
  let check: CandidateFigures | null = null;
  if (references.check !== null) {
    check = figuresOf(full(group[references.check]));
    if (!scaledMatches(scaledFigures(anchor, points[0], second, points[references.second], points[references.check]), check)) return allFull();
  }
  const figures = group.map((_, position) => {
    if (position === 0) return figuresOf(anchor);
    if (position === references.second) return figuresOf(second);
    if (position === references.check && check) return check;
    return scaledFigures(anchor, points[0], second, points[references.second], points[position]);
  });
  return { figures, anchor };
}

/** Cost at the ends of the projection's range, relative to the nominal cost: the fleet size moves, the price does not. */
function costRangeRatioOf(placement: EligiblePlacement, nominal: CandidateEstimate, projection: PerformanceProjection, context: EnumerationContext): Range {
  const ends = endEstimatesFor(placement, projection, context.spec, context.traffic, context.estimator);
  return {
    low: Math.min(1, ends.low.monthlyCostUsd / nominal.monthlyCostUsd, ends.high.monthlyCostUsd / nominal.monthlyCostUsd),
    high: Math.max(1, ends.low.monthlyCostUsd / nominal.monthlyCostUsd, ends.high.monthlyCostUsd / nominal.monthlyCostUsd),
  };
}
