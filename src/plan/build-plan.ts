import type { Catalog, Region } from "../domain/catalog.ts";
import { PLAN_SCHEMA_VERSION, type Candidate, type Plan, type PlanBatchSchedule } from "../domain/plan.ts";
import type { IntensityMetadata } from "../domain/intensity.ts";
import type { ModelProfile } from "../domain/profile.ts";
import type { WorkloadSpec, WorkloadSpecInput } from "../domain/spec.ts";
import { WattplanError } from "../errors.ts";
import { indexCatalog, regionKey } from "./catalog-index.ts";
import { candidateRecord } from "./candidate-record.ts";
import { checkSpecNames } from "./check-names.ts";
import { deployabilityOf } from "./deployability.ts";
import { ProjectionCache } from "./candidate-parts.ts";
import { enumerateCandidates, type EnumerationContext, type EvaluatedCandidate, type FeasibleCandidate } from "./enumerate.ts";
import type { Estimator } from "./estimator.ts";
import { explainInfeasible } from "./infeasible.ts";
import { applyIntensityOverride, type IntensityInput } from "./intensity-input.ts";
import { bestIndex, compareAt, describeObjective, objectiveWeightsOf, scoreAll, viewOf, type ScoreView } from "./objective.ts";
import { paretoFront, thinFront } from "./pareto.ts";
import { computePlanId } from "./plan-id.ts";
import { catalogMetadata, intensityMetadata, modelMetadata } from "./plan-metadata.ts";
import { planNotes } from "./plan-notes.ts";
import { endEstimates, estimateInputOf, type EndEstimates } from "./ranges.ts";
import { assessRobustness } from "./robustness.ts";
import { savingsOf } from "./savings.ts";
import { parseSpecData } from "./spec/parse-spec.ts";
import { batchSizesFor } from "./batch-sizes.ts";
import { chooseBaseline, fixedFleetEstimate, type BaselineChoice } from "./baseline.ts";
import { trafficShapeOf } from "./traffic.ts";
import { WATTPLAN_VERSION } from "../version.ts";
import { hourlyIntensityRecord } from "./hourly-intensity.ts";
import { timeShiftedBatch } from "./time-shifted-batch.ts";

export interface PlanOptions {
  catalog: Catalog;
  profiles: ModelProfile[];
  /** Grid intensity from elsewhere than the catalog (a live source); default: the catalog's yearly figures. */
  intensity?: IntensityInput;
  /** The plan's createdAt (the only field that varies between runs on the same inputs); default: now. */
  now?: Date | string;
}

/** Most Pareto members a plan lists; a longer front is thinned evenly (every member kept is still undominated). */
const MOST_PARETO_MEMBERS = 30;

/**
 * Plans with the given estimator: enumerate → constrain → score → choose → compare with the baseline → explain.
 * Pure and synchronous; `plan()` in ./index.ts binds the production estimator.
 */
export function planWith(estimator: Estimator, specInput: WorkloadSpec | WorkloadSpecInput, options: PlanOptions): Plan {
  const spec = parseSpecData(specInput);
  const model = modelMetadata(options.profiles);
  const index = indexCatalog(options.catalog);
  const nameWarnings = checkSpecNames(spec, index);
  const intensity = applyIntensityOverride(options.intensity, spec.options.intensityBasis);
  const regionCache = new Map<string, Region>();
  const regions = (region: Region) => {
    const key = regionKey(region.provider, region.code);
    let adjusted = regionCache.get(key);
    if (!adjusted) regionCache.set(key, (adjusted = intensity.adjust(region)));
    return adjusted;
  };
  const traffic = trafficShapeOf(spec.traffic);
  const batchSizes = batchSizesFor(options.profiles, spec.options.batching.maxBatch);
  const context: EnumerationContext = { spec, index, profiles: options.profiles, estimator, traffic: traffic.shape, batchSizes, regions };
  const projections = new ProjectionCache(estimator, options.profiles, index);
  const weights = objectiveWeightsOf(spec.objective);

  const enumeration = enumerateCandidates(context, projections, { costRanges: weights.costWeight > 0 });
  const feasible = enumeration.feasible;
  if (feasible.length === 0) throw explainInfeasible(context, projections, weights.carbonWeight);

  const view = viewOf(feasible);
  const scores = scoreAll(view, weights);
  const deployableType = new Map<FeasibleCandidate["instance"], boolean>();
  const deployable = feasible.map((candidate) => {
    let verdict = deployableType.get(candidate.instance);
    if (verdict === undefined) deployableType.set(candidate.instance, (verdict = deployabilityOf(candidate.instance).deployable));
    return verdict;
  });
  const chosenPosition = bestIndex(view, scores, (position) => deployable[position]);
  if (chosenPosition < 0) {
    throw new WattplanError("INFEASIBLE", `every feasible candidate is undeployable: ${deployabilityOf(feasible[0].instance).reason}`, "allow other accelerators in constraints.accelerators");
  }
  const overallBest = bestIndex(view, scores);
  const chosen = feasible[chosenPosition];
  const alternativePositions = bestPerPlace(feasible, enumeration.places, view, scores, chosenPosition).slice(0, spec.options.alternatives);
  const front = paretoFront(view);
  const paretoPositions = thinFront(front, MOST_PARETO_MEMBERS, new Set([chosenPosition]));
  const baseline = chooseBaseline(context, projections);

  const robustness = assessRobustness(
    {
      size: feasible.length,
      key: view.key,
      eligible: (position) => deployable[position],
      carbonLow: (position) => feasible[position].monthlyKgCo2eLow,
      carbonHigh: (position) => feasible[position].monthlyKgCo2eHigh,
      costLow: (position) => feasible[position].monthlyCostLowUsd,
      costHigh: (position) => feasible[position].monthlyCostHighUsd,
    },
    chosenPosition,
    weights,
  );

  // Only the displayed candidates get a full estimate (and a full one at each end of their ranges).
  const flops = model.flopsPerInference;
  const rankOf = new Map<number, number>([[chosenPosition, 1]]);
  alternativePositions.forEach((position, order) => rankOf.set(position, order + 2));
  const evaluatedCache = new Map<number, EvaluatedCandidate>();
  const evaluated = (position: number) => {
    let candidate = evaluatedCache.get(position);
    if (!candidate) evaluatedCache.set(position, (candidate = withFullEstimate(feasible[position], context)));
    return candidate;
  };
  const record = (position: number): Candidate => {
    const candidate = evaluated(position);
    return candidateRecord(candidate, spec, endEstimates(candidate, spec, traffic.shape, estimator), rankOf.get(position) ?? null, scores[position], flops);
  };
  const yearlyChosenRecord = record(chosenPosition);
  const baselineRecord = candidateRecord(baseline.candidate, spec, baselineEnds(baseline, spec, traffic.shape, estimator), null, null, flops);

  const createdAt = createdAtOf(options.now);
  const chosenRegion = evaluated(chosenPosition).region;
  const chosenRegionKey = regionKey(yearlyChosenRecord.provider, yearlyChosenRecord.region);
  const batchTime = timeShiftedBatch({
    spec,
    chosen: yearlyChosenRecord,
    region: chosenRegion,
    series: options.intensity?.hourly?.[chosenRegionKey],
    createdAt,
    operation: evaluated(chosenPosition).estimate.batch,
  });
  // Batch work shaped by a forecast runs in the chosen hours: the chosen candidate's operational carbon is at their
  // mean intensity (the ranking stays on the yearly figures, one basis for every region).
  const chosenRecord =
    batchTime && batchTime.series.metadata.origin !== "annual-figure"
      ? scheduledChosenRecord(evaluated(chosenPosition), batchTime.schedule, batchTime.series.metadata, context, yearlyChosenRecord, flops)
      : yearlyChosenRecord;
  const withChosen = (position: number) => (position === chosenPosition ? chosenRecord : record(position));
  const pareto = paretoPositions.map(withChosen);
  const alternatives = alternativePositions.map(withChosen);
  const shown: EvaluatedCandidate[] = [baseline.candidate, ...evaluatedCache.values()];
  const notes = planNotes({
    spec,
    profiles: options.profiles,
    chosen: evaluated(chosenPosition),
    chosenRecord: yearlyChosenRecord,
    baseline,
    overallBest: overallBest === chosenPosition ? null : evaluated(overallBest),
    robust: robustness.robust,
    trafficAssumption: traffic.assumption,
    objectiveDescription: describeObjective(weights),
    networkModel: spec.users ? estimator.networkModelDescription : null,
    frontThinned: front.length > paretoPositions.length ? { from: front.length, to: paretoPositions.length } : null,
    batchSizes,
    nameWarnings: [...nameWarnings, ...traffic.warnings],
    intensityNote: intensity.note,
  });

  const hourly = hourlyIntensityRecord(options.intensity, chosenRegionKey, batchTime);
  const intensityRecord = intensityMetadata(index, shown, spec.options.intensityBasis, intensity.source, intensity.fetchedAt);
  if (hourly) {
    intensityRecord.signal = hourly.record.signal;
    intensityRecord.hourly = hourly.record;
    intensityRecord.description += `; hourly: ${hourly.record.description} (${hourly.record.use})`;
  }

  const draft: Omit<Plan, "id"> & { id: string } = {
    kind: "wattplan.plan",
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: "",
    createdAt,
    wattplanVersion: WATTPLAN_VERSION,
    spec,
    model,
    catalog: catalogMetadata(index, shown, spec.options.intensityBasis),
    intensity: intensityRecord,
    objective: weights,
    chosen: chosenRecord,
    baseline: baselineRecord,
    pareto,
    alternatives,
    savings: savingsOf(baselineRecord, chosenRecord),
    robustness,
    search: { candidatesEnumerated: enumeration.enumerated, candidatesFeasible: feasible.length, excludedBy: sortedCounts(enumeration.excludedBy) },
    ...(batchTime ? { schedule: batchTime.schedule } : {}),
    assumptions: dedupe([...notes.assumptions, ...(hourly?.assumptions ?? []), ...(batchTime?.assumptions ?? [])]),
    warnings: dedupe([...notes.warnings, ...(hourly?.warnings ?? []), ...(batchTime?.warnings ?? [])]),
  };
  draft.id = computePlanId(draft);
  return draft;
}

/** The best candidate of every other provider/region/type, best first: real choices, not batch-size variants. */
function bestPerPlace(feasible: FeasibleCandidate[], places: number, view: ScoreView, scores: Float64Array, chosenPosition: number): number[] {
  const best = new Int32Array(places).fill(-1);
  for (let position = 0; position < feasible.length; position++) {
    const place = feasible[position].placeId;
    if (best[place] < 0 || compareAt(view, scores, position, best[place]) < 0) best[place] = position;
  }
  const chosenPlace = feasible[chosenPosition].placeId;
  const positions: number[] = [];
  for (let place = 0; place < places; place++) if (best[place] >= 0 && place !== chosenPlace) positions.push(best[place]);
  return positions.sort((first, second) => compareAt(view, scores, first, second));
}

/** The baseline at both ends of its range: a fleet the spec fixed stays that size there too. */
function baselineEnds(baseline: BaselineChoice, spec: EnumerationContext["spec"], traffic: EnumerationContext["traffic"], estimator: Estimator): EndEstimates {
  const ends = endEstimates(baseline.candidate, spec, traffic, estimator);
  const instances = baseline.fixedInstances;
  if (instances === null) return ends;
  const usdPerHour = baseline.candidate.usdPerHour;
  const cacheHitRate = spec.options.cacheHitRate;
  return { low: fixedFleetEstimate(ends.low, usdPerHour, instances, cacheHitRate), high: fixedFleetEstimate(ends.high, usdPerHour, instances, cacheHitRate) };
}

/** The chosen candidate re-estimated at the schedule's chosen-hours mean intensity, on the spec's basis. */
function scheduledChosenRecord(
  chosen: EvaluatedCandidate,
  schedule: PlanBatchSchedule,
  metadata: IntensityMetadata,
  context: EnumerationContext,
  yearly: Candidate,
  flops: number,
): Candidate {
  const { spec, estimator } = context;
  const basis = spec.options.intensityBasis;
  const current = chosen.region.intensity[basis] ?? chosen.region.intensity.lifecycle;
  const region: Region = {
    ...chosen.region,
    intensity: {
      ...chosen.region.intensity,
      [basis]: { ...current, basis, value: schedule.chosenMeanGCo2ePerKwh, source: metadata.source, zone: metadata.zone ?? current.zone, asOf: metadata.fetchedAt.slice(0, 10) },
    },
  };
  const placed: EvaluatedCandidate = { ...chosen, region };
  const estimate = estimator.estimateCandidate(estimateInputOf(placed, spec, context.traffic, chosen.projection));
  const rescheduled = { ...placed, estimate };
  return candidateRecord(rescheduled, spec, endEstimates(rescheduled, spec, context.traffic, estimator), yearly.rank, yearly.score, flops);
}

function withFullEstimate(candidate: FeasibleCandidate, context: EnumerationContext): EvaluatedCandidate {
  const estimate = context.estimator.estimateCandidate(estimateInputOf(candidate, context.spec, context.traffic, candidate.projection));
  const { instance, accelerator, region, offer, precision, batchSize, pue, usdPerHour, networkRoundTripMs, projection, key } = candidate;
  return { key, instance, accelerator, region, offer, precision, batchSize, pue, usdPerHour, networkRoundTripMs, projection, estimate };
}

function createdAtOf(now: Date | string | undefined): string {
  if (now === undefined) return new Date().toISOString();
  return typeof now === "string" ? now : now.toISOString();
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([first], [second]) => first.localeCompare(second)));
}

function dedupe(lines: string[]): string[] {
  return [...new Set(lines)];
}
