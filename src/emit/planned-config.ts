import { WattplanError } from "../errors.ts";
import type { Candidate, Plan } from "../domain/plan.ts";
import { windowsTimeZoneFor } from "../schedule/windows-time-zones.ts";
import { MODEL_URI_PATTERN, type PlannedStackConfig } from "../domain/stack-config.ts";

/** What a plan leaves unset when its spec does not say (the planner's own defaults). */
const DEFAULT_TARGET_UTILIZATION = 0.6;
const DEFAULT_MAX_QUEUE_DELAY_MS = 0;

/** The keys emit owns, derived from one candidate of a plan; refuses what cannot be deployed. */
export function plannedConfigFor(plan: Plan, candidate: Candidate): PlannedStackConfig {
  if (!candidate.deployable.deployable) {
    throw new WattplanError(
      "REFUSED",
      `candidate ${candidate.key} cannot be deployed: ${candidate.deployable.reason ?? "the plan marks it undeployable"}`,
      "pick another candidate by its rank in the plan (1 = chosen, 2 = the first alternative)",
      { option: "candidate", example: "N" },
    );
  }
  const modelUri = plan.spec.model.uri;
  if (!modelUri) {
    throw new WattplanError(
      "REFUSED",
      "the plan's spec has no model.uri: the fleet would not know where to fetch the model from",
      "add `model: { uri: s3://bucket/model.onnx }` (or gs://, https://) to the spec and run `wattplan plan` again",
    );
  }
  if (!MODEL_URI_PATTERN.test(modelUri)) {
    throw new WattplanError(
      "REFUSED",
      `the spec's model.uri '${modelUri}' is not an s3://, gs://, http:// or https:// URI without spaces or quotes`,
      "point model.uri at the ONNX file the fleet should serve and plan again",
    );
  }
  return {
    planId: plan.id,
    wattplanVersion: plan.wattplanVersion,
    candidateKey: candidate.key,
    provider: candidate.provider,
    region: candidate.region,
    instanceType: candidate.instanceType,
    ...(candidate.zones ? { zones: [...candidate.zones] } : {}),
    architecture: candidate.architecture,
    ...(candidate.accelerator ? { accelerator: { ...candidate.accelerator } } : {}),
    instances: { ...candidate.instances },
    precision: candidate.precision,
    batchSize: candidate.batchSize,
    maxQueueDelayMs: plan.spec.options?.batching?.maxQueueDelayMs ?? DEFAULT_MAX_QUEUE_DELAY_MS,
    replicas: candidate.replicas,
    threadsPerReplica: candidate.threadsPerReplica,
    throughputPerInstanceRps: candidate.throughputPerInstanceRps,
    targetUtilization: plan.spec.options?.targetUtilization ?? DEFAULT_TARGET_UTILIZATION,
    modelName: tritonModelName(plan.model.name),
    modelUri,
    gCo2ePerThousandInferences: roundSignificant(candidate.sciGCo2ePerInference * 1000),
    gridIntensityGCo2ePerKwh: candidate.gridIntensityGCo2ePerKwh,
    monthlyCostUsd: candidate.monthlyCostUsd,
    monthlyKgCo2e: candidate.monthlyKgCo2e,
    ...scheduleFor(plan, candidate),
  };
}

/**
 * The batch schedule travels with the chosen candidate only: its hours were picked on the chosen region's
 * forecast, and another candidate may sit in another grid and time zone.
 */
function scheduleFor(plan: Plan, candidate: Candidate): Pick<PlannedStackConfig, "schedule"> {
  const schedule = plan.schedule;
  if (!schedule || candidate.key !== plan.chosen.key) return {};
  // Azure's recurrences take Windows time-zone names: refuse here rather than fail in `pulumi up`.
  if (candidate.provider === "azure") windowsTimeZoneFor(schedule.timeZone);
  return {
    schedule: {
      hoursOfDay: [...schedule.hoursOfDay],
      timeZone: schedule.timeZone,
      activeInstances: schedule.activeInstances,
      idleInstances: schedule.idleInstances,
    },
  };
}

/** Triton model directory names: letters, digits, '_' and '-'. */
export function tritonModelName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^[_-]+/, "").slice(0, 63);
  return cleaned.length > 0 ? cleaned : "model";
}

/** Figures travel as tags: six significant digits keep them honest without float noise (0.07110000000000001). */
function roundSignificant(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(6));
}
