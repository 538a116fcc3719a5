// The Plan JSON records of the candidates a plan shows (chosen, Pareto front, alternatives, baseline), each with a
// full estimate and its range ends; for batch work, the chosen candidate's schedule and what the hours change.
import type { CandidateArtifact } from "../domain/artifact.ts";
import type { IntensityMetadata } from "../domain/intensity.ts";
import type { Candidate, PlanBatchSchedule } from "../domain/plan.ts";
import { baselineEndEstimates, type BaselineChoice } from "./baseline.ts";
import { candidateRecord } from "./candidate-record.ts";
import type { EvaluatedCandidate } from "./candidates.ts";
import { regionKey } from "./catalog-index.ts";
import { rankOf, type Choice } from "./choose-candidates.ts";
import type { EvaluationSession } from "./evaluation-session.ts";
import { hourlyIntensityRecord, type HourlyIntensityRecord } from "./hourly-intensity.ts";
import type { IntensityInput } from "./intensity-input.ts";
import { timeShiftedBatch, type TimeShiftedBatch } from "./time-shifted-batch.ts";

export interface PlanRecords {
  /** The chosen candidate as the plan shows it: at the scheduled hours' intensity when a forecast shaped batch work. */
  chosen: Candidate;
  /** The chosen candidate on the yearly figures every candidate was ranked on. */
  yearlyChosen: Candidate;
  baseline: Candidate;
  pareto: Candidate[];
  alternatives: Candidate[];
  /** The evaluated candidates behind the records (chosen, front, alternatives, baseline), for their data dates. */
  shown: EvaluatedCandidate[];
  batchTime: TimeShiftedBatch | null;
  hourly: HourlyIntensityRecord | null;
}

export function recordCandidates(
  session: EvaluationSession,
  choice: Choice,
  baseline: BaselineChoice,
  flopsPerInference: number,
  createdAt: string,
  intensityInput: IntensityInput | undefined,
): PlanRecords {
  const { spec } = session;
  const evaluated = (position: number) => session.evaluate(choice.feasible.placement(position));
  const record = (position: number) => {
    const candidate = evaluated(position);
    return candidateRecord(candidate, spec, session.endEstimates(candidate), rankOf(choice, position), choice.scores[position], flopsPerInference, artifactOf(session, candidate));
  };
  const chosen = evaluated(choice.chosen);
  const yearlyChosen = record(choice.chosen);
  const chosenRegionKey = regionKey(yearlyChosen.provider, yearlyChosen.region);
  const batchTime = timeShiftedBatch({
    spec,
    chosen: yearlyChosen,
    region: chosen.region,
    gridIntensity: chosen.estimate.gridIntensity,
    series: intensityInput?.hourly?.[chosenRegionKey],
    createdAt,
    operation: chosen.estimate.batch,
  });
  // Batch work shaped by a forecast runs in the chosen hours: the chosen candidate's operational carbon is at their
  // mean intensity (the ranking stays on the yearly figures, one basis for every region).
  const chosenRecord =
    batchTime && batchTime.series.metadata.origin !== "annual-figure"
      ? scheduledRecord(session, chosen, batchTime.schedule, batchTime.series.metadata, yearlyChosen, flopsPerInference)
      : yearlyChosen;
  const withChosen = (position: number) => (position === choice.chosen ? chosenRecord : record(position));
  return {
    chosen: chosenRecord,
    yearlyChosen,
    baseline: candidateRecord(baseline.candidate, spec, baselineEndEstimates(baseline, session), null, null, flopsPerInference, artifactOf(session, baseline.candidate)),
    pareto: choice.pareto.map(withChosen),
    alternatives: choice.alternatives.map(withChosen),
    shown: [baseline.candidate, chosen, ...choice.pareto.map(evaluated), ...choice.alternatives.map(evaluated)],
    batchTime,
    hourly: hourlyIntensityRecord(intensityInput, chosenRegionKey, batchTime),
  };
}

/** The chosen candidate re-estimated at the schedule's chosen-hours mean intensity, on the spec's basis. */
function scheduledRecord(
  session: EvaluationSession,
  chosen: EvaluatedCandidate,
  schedule: PlanBatchSchedule,
  metadata: IntensityMetadata,
  yearly: Candidate,
  flopsPerInference: number,
): Candidate {
  const current = chosen.estimate.gridIntensity;
  const meanGCo2ePerKwh = schedule.chosenMeanGCo2ePerKwh;
  const figure = { ...current, basis: session.basis, value: meanGCo2ePerKwh, source: metadata.source, zone: metadata.zone ?? current.zone, asOf: metadata.fetchedAt.slice(0, 10) };
  const region = { ...chosen.region, intensity: { ...chosen.region.intensity, [session.basis]: figure } };
  const rescheduled = session.evaluate({ ...chosen, region, gridIntensityGCo2ePerKwh: meanGCo2ePerKwh });
  return candidateRecord(rescheduled, session.spec, session.endEstimates(rescheduled), yearly.rank, yearly.score, flopsPerInference, artifactOf(session, rescheduled));
}

/** The file the candidate is served from, as the serving table and its CPUs' INT8 range decide. */
function artifactOf(session: EvaluationSession, candidate: EvaluatedCandidate): CandidateArtifact | null {
  return session.precisionFile(candidate.instance, candidate.precision)?.artifact ?? null;
}
