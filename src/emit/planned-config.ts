import type { Candidate, Plan } from "../domain/plan.ts";
import { windowsTimeZoneFor } from "../schedule/windows-time-zones.ts";
import type { ArtifactTransform } from "../domain/serving.ts";
import type { NetworkCost, PlannedStackConfig } from "../domain/stack-config.ts";

/** What a plan leaves unset when its spec does not say (the planner's own defaults). */
const DEFAULT_TARGET_UTILIZATION = 0.6;
const DEFAULT_MAX_QUEUE_DELAY_MS = 0;

/** What the fleet serves: the artifact's transform and hash, and where instances get it (an upload, or the user's URI). */
export interface ServedArtifact {
  transform: ArtifactTransform;
  sha256: string;
  /** The file `pulumi up` uploads (see artifactPath in src/domain/stack-config.ts); absent with modelUri. */
  path?: string;
  modelUri?: string;
  /** The model's inputs fix the batch: Triton serves it unbatched. */
  unbatched: boolean;
}

/** The keys emit owns, derived from one candidate of a plan and the artifact it serves (a candidate emit has checked). */
export function plannedConfigFor(plan: Plan, candidate: Candidate, artifact: ServedArtifact, networkCosts: NetworkCost[]): PlannedStackConfig {
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
    ...(artifact.unbatched ? { fixedBatch: true as const } : {}),
    maxQueueDelayMs: plan.spec.options?.batching?.maxQueueDelayMs ?? DEFAULT_MAX_QUEUE_DELAY_MS,
    replicas: candidate.replicas,
    threadsPerReplica: candidate.threadsPerReplica,
    throughputPerInstanceRps: candidate.throughputPerInstanceRps,
    targetUtilization: plan.spec.options?.targetUtilization ?? DEFAULT_TARGET_UTILIZATION,
    modelName: tritonModelName(plan.model.name),
    artifactTransform: artifact.transform,
    artifactSha256: artifact.sha256,
    ...(artifact.path !== undefined ? { artifactPath: artifact.path } : {}),
    ...(artifact.modelUri !== undefined ? { modelUri: artifact.modelUri } : {}),
    gCo2ePerThousandInferences: roundSignificant(candidate.sciGCo2ePerInference * 1000),
    gridIntensityGCo2ePerKwh: candidate.gridIntensityGCo2ePerKwh,
    monthlyCostUsd: candidate.monthlyCostUsd,
    monthlyKgCo2e: candidate.monthlyKgCo2e,
    networkCosts,
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
