import type { InstanceType, Offer } from "../domain/catalog.ts";
import type { Precision } from "../domain/profile.ts";
import type { BatchOperation, CandidateEstimate, PerformanceProjection } from "../estimate/contract.ts";
import { withActiveInstances } from "../estimate/batch-operation.ts";
import { UnknownNameError, WattplanError } from "../errors.ts";
import { instanceTypeOf, offersOf, regionOf } from "./catalog-index.ts";
import { suggestNames } from "../text/suggest-names.ts";
import { usdPerHourOf } from "./candidate-parts.ts";
import { candidateKey, type CandidatePlacement, type EvaluatedCandidate, type NumberedPlace } from "./candidates.ts";
import type { EndEstimates, EvaluationSession } from "./evaluation-session.ts";

const HOURS_PER_MONTH = 730;
const DEFAULT_BASELINE = { provider: "aws", region: "us-east-1", precision: "fp32", batchSize: 1 } as const;
/** Constraints do not apply to the baseline: it is placed outside the enumeration, and no candidate shares its place. */
const BASELINE_PLACE_ID = -1;

export interface BaselineChoice {
  candidate: EvaluatedCandidate;
  /** The spec's fixed fleet size, when it gives one (the range ends must keep it too). */
  fixedInstances: number | null;
  assumption: string;
  warnings: string[];
}

/**
 * What the plan is compared with: the spec's baseline, or by default the cheapest AWS us-east-1 type serving
 * the model in FP32 without batching (what a team ships when nobody optimises). Constraints do not apply to it.
 */
export function chooseBaseline(session: EvaluationSession): BaselineChoice {
  const given = session.spec.baseline;
  if (given) {
    const instance = instanceTypeOf(session.index, given.provider, given.instanceType);
    if (!instance) throw new UnknownNameError(`${given.provider} instance type`, given.instanceType, []);
    const offers = offersOf(session.index, given.provider, given.instanceType);
    const offer = offers.find((candidate) => candidate.region === given.region);
    if (!offer) {
      throw new WattplanError(
        "INVALID_SPEC",
        `baseline: ${given.instanceType} is not offered in ${given.provider} ${given.region}`,
        `it is offered in: ${suggestNames(given.region, offers.map((candidate) => candidate.region), 5).join(", ") || offers.slice(0, 5).map((candidate) => candidate.region).join(", ")}`,
      );
    }
    const evaluated = evaluateFixed(session, instance, offer, given.precision, given.batchSize);
    if (!evaluated.ok) throw new WattplanError("INVALID_SPEC", `baseline: ${given.instanceType} ${given.precision} batch ${given.batchSize} cannot run the model: ${evaluated.reason}`);
    const warnings: string[] = [];
    let candidate = evaluated.candidate;
    let sizing = "sized by wattplan for the same traffic";
    if (given.instances !== undefined) {
      if (given.instances < candidate.estimate.instances.desired) {
        warnings.push(`the baseline's ${given.instances} instance(s) are fewer than the ${candidate.estimate.instances.desired} the mean traffic needs at the target utilisation`);
      }
      candidate = withFixedFleet(candidate, given.instances, session.spec.options.cacheHitRate);
      sizing = `${given.instances} instance(s) as given in the spec; monthly figures scale the sized fleet's per-instance cost and carbon`;
    }
    return { candidate, fixedInstances: given.instances ?? null, assumption: `baseline: ${describe(candidate)} from ${given.source ?? "the spec"}, ${sizing}`, warnings };
  }

  const warnings: string[] = [];
  let offers = collectOffers(session, DEFAULT_BASELINE);
  if (offers.length === 0) {
    warnings.push("the catalog has no AWS us-east-1 offer of a type the planner weighs: the baseline is the cheapest FP32, unbatched candidate anywhere");
    offers = collectOffers(session, null);
  }
  // Offers are compared by their monthly cost and p95 alone (scoreInRegion gives the full estimate's cost to the
  // bit); only the one kept is estimated in full. Each is scored as a place, the shape every enumerated candidate was
  // scored with: a placement's larger shape made the estimator's optimised code start over.
  const { precision, batchSize } = DEFAULT_BASELINE;
  let best: ScoredPlace | null = null;
  let bestWithinSlo: ScoredPlace | null = null;
  for (const { instance, offer } of offers) {
    if (instance.planningExclusion || !session.deployability(instance).deployable) continue;
    const placed = placeFixed(session, instance, offer, precision, batchSize);
    if (!placed.ok) continue;
    const fleet = session.fleet(placed.projection, placed.place);
    const candidate = { place: placed.place, projection: placed.projection, monthlyCostUsd: session.estimator.scoreInRegion(fleet, placed.place).monthlyCostUsd };
    if (!best || cheaper(candidate, best)) best = candidate;
    if (fleet.central.latencyP95Ms <= session.sloMs && (!bestWithinSlo || cheaper(candidate, bestWithinSlo))) bestWithinSlo = candidate;
  }
  const kept = bestWithinSlo ?? best;
  if (!kept) throw new WattplanError("INFEASIBLE", "no baseline: no instance type can run the model in FP32 at batch 1", "give one in the spec: baseline: { provider, region, instanceType }");
  const chosen = session.evaluate(placementOf(kept.place, precision, batchSize, kept.projection));
  if (!bestWithinSlo) warnings.push(`the default baseline ${describe(chosen)} misses the p95 SLO (${chosen.estimate.latencyP95Ms.toFixed(1)} ms); nothing cheaper in FP32 at batch 1 meets it`);
  return {
    candidate: chosen,
    fixedInstances: null,
    assumption: `baseline: the cheapest ${chosen.region.provider.toUpperCase()} ${chosen.region.code} type serving the model in FP32 without batching${bestWithinSlo ? " within the SLO" : ""} (${describe(chosen)}), sized by wattplan for the same traffic; constraints do not apply to it`,
    warnings,
  };
}

interface ScoredPlace {
  place: NumberedPlace;
  projection: PerformanceProjection;
  monthlyCostUsd: number;
}

/** Cheaper, or as cheap with the smaller key (built only for such a tie: every offer compared has the same precision and batch size). */
function cheaper(first: ScoredPlace, second: ScoredPlace): boolean {
  if (first.monthlyCostUsd !== second.monthlyCostUsd) return first.monthlyCostUsd < second.monthlyCostUsd;
  return placeKey(first.place, DEFAULT_BASELINE.precision, DEFAULT_BASELINE.batchSize) < placeKey(second.place, DEFAULT_BASELINE.precision, DEFAULT_BASELINE.batchSize);
}

function describe(candidate: EvaluatedCandidate): string {
  return `${candidate.instance.provider} ${candidate.region.code} ${candidate.instance.instanceType} ${candidate.precision} batch ${candidate.batchSize}`;
}

/**
 * The offers of one provider's region (every offer of the catalog for null), with their types. Read from the index
 * type by type: the catalog's 12,000 offers are scanned only when the default region has none.
 */
function collectOffers(session: EvaluationSession, where: { provider: string; region: string } | null): { instance: InstanceType; offer: Offer }[] {
  const { index } = session;
  const found: { instance: InstanceType; offer: Offer }[] = [];
  for (const [provider, offersByType] of index.offersByType) {
    if (where && provider !== where.provider) continue;
    for (const [name, offers] of offersByType) {
      const instance = instanceTypeOf(index, provider, name);
      if (!instance) continue;
      for (const offer of offers) {
        if ((!where || offer.region === where.region) && regionOf(index, provider, offer.region)) found.push({ instance, offer });
      }
    }
  }
  return found;
}

function evaluateFixed(
  session: EvaluationSession,
  instance: InstanceType,
  offer: Offer,
  precision: Precision,
  batchSize: number,
): { ok: true; candidate: EvaluatedCandidate } | { ok: false; reason: string } {
  const placed = placeFixed(session, instance, offer, precision, batchSize);
  return placed.ok ? { ok: true, candidate: session.evaluate(placementOf(placed.place, precision, batchSize, placed.projection)) } : placed;
}

/** The type in the offer's region with its projection at a fixed precision and batch size (or why it cannot run). */
function placeFixed(
  session: EvaluationSession,
  instance: InstanceType,
  offer: Offer,
  precision: Precision,
  batchSize: number,
): { ok: true; place: NumberedPlace; projection: PerformanceProjection } | { ok: false; reason: string } {
  const result = session.projection(instance, precision, batchSize);
  if (!result.ok) return { ok: false, reason: result.reason };
  const catalogRegion = regionOf(session.index, offer.provider, offer.region);
  if (!catalogRegion) return { ok: false, reason: `region ${offer.region} is not in the catalog` };
  const usdPerHour = usdPerHourOf(offer, session.spec.options.pricing) ?? offer.usdPerHour.onDemand;
  return { ok: true, place: session.place(instance, offer, usdPerHour, catalogRegion, BASELINE_PLACE_ID), projection: result.projection };
}

function placeKey(place: NumberedPlace, precision: Precision, batchSize: number): string {
  return candidateKey(place.instance.provider, place.region.code, place.instance.instanceType, precision, batchSize);
}

function placementOf(place: NumberedPlace, precision: Precision, batchSize: number, projection: PerformanceProjection): CandidatePlacement {
  return { ...place, key: placeKey(place, precision, batchSize), precision, batchSize, projection };
}

/** The baseline at both ends of its range: a fleet the spec fixed stays that size there too. */
export function baselineEndEstimates(baseline: BaselineChoice, session: EvaluationSession): EndEstimates {
  const ends = session.endEstimates(baseline.candidate);
  const instances = baseline.fixedInstances;
  if (instances === null) return ends;
  const { usdPerHour } = baseline.candidate;
  const { cacheHitRate } = session.spec.options;
  return { low: fixedFleetEstimate(ends.low, usdPerHour, instances, cacheHitRate), high: fixedFleetEstimate(ends.high, usdPerHour, instances, cacheHitRate) };
}

/**
 * A fleet of a given size: cost is exact (instances × price × 730 h); carbon and energy scale the sized fleet's
 * per-instance figures, which slightly overstates an oversized fleet's power (idle instances draw less). Every
 * per-inference figure scales with the fleet, so energy × intensity still gives the operational grams.
 */
function withFixedFleet(candidate: EvaluatedCandidate, instances: number, cacheHitRate: number): EvaluatedCandidate {
  return { ...candidate, estimate: fixedFleetEstimate(candidate.estimate, candidate.usdPerHour, instances, cacheHitRate) };
}

export function fixedFleetEstimate(estimate: CandidateEstimate, usdPerHour: number, instances: number, cacheHitRate = 0): CandidateEstimate {
  if (estimate.batch) return fixedBatchFleetEstimate(estimate, estimate.batch, usdPerHour, instances, cacheHitRate);
  const scale = instances / estimate.instances.desired;
  const scaled = (range: { low: number; high: number }) => ({ low: range.low * scale, high: range.high * scale });
  return {
    ...estimate,
    instances: { min: instances, desired: instances, max: instances },
    utilization: estimate.utilization / scale,
    monthlyCostUsd: usdPerHour * HOURS_PER_MONTH * instances,
    monthlyKgCo2e: estimate.monthlyKgCo2e * scale,
    monthlyKgCo2eRange: scaled(estimate.monthlyKgCo2eRange),
    monthlyOperationalKgCo2e: estimate.monthlyOperationalKgCo2e * scale,
    monthlyEmbodiedKgCo2e: estimate.monthlyEmbodiedKgCo2e * scale,
    monthlyKgCo2eParts: estimate.monthlyKgCo2eParts?.map((part) => ({ operationalKg: part.operationalKg * scale, embodiedKg: part.embodiedKg * scale })),
    monthlyEnergyKwh: estimate.monthlyEnergyKwh * scale,
    energyPerInferenceJ: estimate.energyPerInferenceJ * scale,
    energyPerInferenceRangeJ: scaled(estimate.energyPerInferenceRangeJ),
    perfPerWatt: estimate.perfPerWatt / scale,
    costPerMillionInferencesUsd: estimate.costPerMillionInferencesUsd * scale,
    gCo2ePerInference: estimate.gCo2ePerInference * scale,
    embodiedGCo2ePerInference: estimate.embodiedGCo2ePerInference * scale,
    sciGCo2ePerInference: estimate.sciGCo2ePerInference * scale,
    sciRangeGCo2ePerInference: scaled(estimate.sciRangeGCo2ePerInference),
  };
}

/**
 * Batch work on a fleet of a given size: it runs at the same utilisation for the hours that fleet needs (billed in
 * whole hours) and is scaled to 0 otherwise. Energy per inference is unchanged (same load); cost and embodied
 * carbon follow the instance-hours.
 */
function fixedBatchFleetEstimate(estimate: CandidateEstimate, batch: BatchOperation, usdPerHour: number, instances: number, cacheHitRate: number): CandidateEstimate {
  const operation = withActiveInstances(batch, instances, cacheHitRate);
  const sizedInstanceHours = batch.activeInstances * batch.billedHoursPerDay;
  const scale = sizedInstanceHours > 0 ? (instances * operation.billedHoursPerDay) / sizedInstanceHours : 1;
  const daysPerMonth = HOURS_PER_MONTH / 24;
  const monthlyEmbodiedKgCo2e = estimate.monthlyEmbodiedKgCo2e * scale;
  const monthlyCostUsd = usdPerHour * instances * operation.billedHoursPerDay * daysPerMonth;
  const embodiedGCo2ePerInference = estimate.embodiedGCo2ePerInference * scale;
  const embodiedDelta = embodiedGCo2ePerInference - estimate.embodiedGCo2ePerInference;
  const parts = estimate.monthlyKgCo2eParts?.map((part) => ({ operationalKg: part.operationalKg, embodiedKg: part.embodiedKg * scale }));
  const totals = parts?.map((part) => part.operationalKg + part.embodiedKg);
  return {
    ...estimate,
    instances: { min: instances, desired: instances, max: instances },
    batch: operation,
    monthlyCostUsd,
    costPerMillionInferencesUsd: (monthlyCostUsd / (batch.inferencesPerDay * daysPerMonth)) * 1e6,
    monthlyKgCo2e: estimate.monthlyOperationalKgCo2e + monthlyEmbodiedKgCo2e,
    monthlyKgCo2eRange: totals ? { low: Math.min(...totals), high: Math.max(...totals) } : estimate.monthlyKgCo2eRange,
    monthlyEmbodiedKgCo2e,
    monthlyKgCo2eParts: parts,
    embodiedGCo2ePerInference,
    sciGCo2ePerInference: estimate.sciGCo2ePerInference + embodiedDelta,
    sciRangeGCo2ePerInference: { low: estimate.sciRangeGCo2ePerInference.low + embodiedDelta, high: estimate.sciRangeGCo2ePerInference.high + embodiedDelta },
  };
}
