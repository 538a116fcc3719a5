import type { Catalog } from "../domain/catalog.ts";
import type { Plan } from "../domain/plan.ts";
import type { ModelProfile } from "../domain/profile.ts";
import type { WorkloadSpec, WorkloadSpecInput } from "../domain/spec.ts";
import { assemblePlan } from "./assemble-plan.ts";
import { chooseBaseline } from "./baseline.ts";
import { indexCatalog } from "./catalog-index.ts";
import { checkSpecNames } from "./check-names.ts";
import { chooseCandidates } from "./choose-candidates.ts";
import { estimateCandidates } from "./estimate-candidates.ts";
import type { Estimator } from "./estimator.ts";
import { EvaluationSession } from "./evaluation-session.ts";
import { filterPlaces } from "./filter-places.ts";
import { applyIntensityOverride, type IntensityInput } from "./intensity-input.ts";
import { modelMetadata } from "./plan-metadata.ts";
import { planNotes } from "./plan-notes.ts";
import { recordCandidates } from "./plan-records.ts";
import { robustnessOf } from "./robustness.ts";
import { parseSpecData } from "./spec/parse-spec.ts";
import { trafficShapeOf } from "./traffic.ts";

export interface PlanOptions {
  catalog: Catalog;
  profiles: ModelProfile[];
  /** Grid intensity from elsewhere than the catalog (a live source); default: the catalog's yearly figures. */
  intensity?: IntensityInput;
  /** The plan's createdAt (the only field that varies between runs on the same inputs); default: now. */
  now?: Date | string;
}

/**
 * Plans with the given estimator, one named step at a time. Pure and synchronous; `plan()` in ./index.ts binds the
 * production estimator. What the steps compute more than once is kept by the evaluation session.
 */
export function planWith(estimator: Estimator, specInput: WorkloadSpec | WorkloadSpecInput, options: PlanOptions): Plan {
  const spec = parseSpecData(specInput);
  const model = modelMetadata(options.profiles);
  const index = indexCatalog(options.catalog);
  const nameWarnings = checkSpecNames(spec, index);
  const intensity = applyIntensityOverride(options.intensity, spec.options.intensityBasis);
  const traffic = trafficShapeOf(spec.traffic);
  const session = new EvaluationSession({ estimator, spec, index, profiles: options.profiles, traffic: traffic.shape, intensity });
  const places = filterPlaces(session);
  const estimation = estimateCandidates(session, places);
  const choice = chooseCandidates(session, estimation);
  const baseline = chooseBaseline(session);
  const createdAt = createdAtOf(options.now);
  const records = recordCandidates(session, choice, baseline, model.flopsPerInference, createdAt, options.intensity);
  const robustness = robustnessOf(choice, session.weights);
  const notes = planNotes({ session, choice, records, baseline, robust: robustness.robust, traffic, nameWarnings });
  return assemblePlan({ session, model, estimation, records, robustness, notes, createdAt });
}

function createdAtOf(now: Date | string | undefined): string {
  if (now === undefined) return new Date().toISOString();
  return typeof now === "string" ? now : now.toISOString();
}
