// The plan a policy pack enforces, as the validators see it: the placements it allows (with their instance counts,
// accelerators and served artifact where the source says), and what is wrong with the stack file itself. Pure:
// load-plan-view.ts reads the files the pack config names.
import type { AcceleratorAttachment } from "../src/domain/catalog.ts";
import type { Candidate, Plan } from "../src/domain/plan.ts";
import type { StackConfig } from "../src/domain/stack-config.ts";

/** One placement a plan allows. */
export interface Allowance {
  provider: "aws" | "gcp" | "azure";
  region: string;
  instanceType: string;
  gridIntensityGCo2ePerKwh?: number;
  /** The fewest and most instances the fleet may run (a batch schedule's idle and active sizes included). */
  instances?: { min: number; max: number };
  /** null: a CPU-only type; absent: not known (inline allowances). */
  accelerator?: AcceleratorAttachment | null;
  /** sha256 of the model file the instances must serve, where the source names it (a stack file; a plan of schemaVersion 3). */
  artifactSha256?: string;
}

/** What the validators are given: the allowed placements, and problems found in the stack file against the plan. */
export interface PlanView {
  allowances: Allowance[];
  problems: string[];
}

/** The policy pack config (`pulumi up --policy-pack policy --policy-pack-config policy/config.example.json`). */
export interface WattplanPolicyConfig {
  /** A plan written by `wattplan plan --out`: its chosen and deployable ranked candidates are allowed. */
  planFile?: string;
  /** A stack file written by `wattplan emit`: exactly its placement, counts and artifact are allowed. */
  stackFile?: string;
  /** Placements given inline. */
  allowed?: Allowance[];
  /** Ceiling on the grid intensity of any region a compute resource lands in. */
  maxGridIntensityGCo2ePerKwh?: number;
}

type Counts = { min: number; desired: number; max: number };
type Schedule = { activeInstances: number; idleInstances: number } | undefined;

/** A schedule scales between its idle size (often 0) and its active size, beyond the live counts. */
export function instanceRange(instances: Counts, schedule: Schedule): { min: number; max: number } {
  return schedule
    ? { min: Math.min(schedule.idleInstances, instances.min), max: Math.max(schedule.activeInstances, instances.max) }
    : { min: instances.min, max: instances.max };
}

function allowanceOf(candidate: Candidate, schedule: Schedule): Allowance {
  return {
    provider: candidate.provider,
    region: candidate.region,
    instanceType: candidate.instanceType,
    gridIntensityGCo2ePerKwh: candidate.gridIntensityGCo2ePerKwh,
    instances: instanceRange(candidate.instances, schedule),
    accelerator: candidate.accelerator,
    ...(candidate.artifact ? { artifactSha256: candidate.artifact.sha256 } : {}),
  };
}

/** The chosen and every deployable ranked candidate; the batch schedule belongs to the chosen one only. */
export function allowancesFromPlan(plan: Plan): Allowance[] {
  return [plan.chosen, ...plan.alternatives]
    .filter((candidate) => candidate.deployable.deployable)
    .map((candidate) => allowanceOf(candidate, candidate.key === plan.chosen.key ? plan.schedule : undefined));
}

export function allowancesFromStackConfig(config: StackConfig): Allowance[] {
  return [
    {
      provider: config.provider,
      region: config.region,
      instanceType: config.instanceType,
      gridIntensityGCo2ePerKwh: config.gridIntensityGCo2ePerKwh,
      instances: instanceRange(config.instances, config.schedule),
      accelerator: config.accelerator ?? null,
      artifactSha256: config.artifactSha256,
    },
  ];
}

/**
 * A stack file checked against the plan it says it came from: same plan id, a deployable candidate of it, and that
 * candidate's placement and counts. Catches a hand edit even where the edit also rewrote wattplan:emitDigest.
 */
export function stackAgainstPlan(config: StackConfig, plan: Plan): string[] {
  if (config.planId !== plan.id) return [`the stack was emitted from plan ${config.planId.slice(0, 12)}, not from this plan (${plan.id.slice(0, 12)})`];
  const candidate = [plan.chosen, ...plan.alternatives].find((item) => item.key === config.candidateKey);
  if (!candidate || !candidate.deployable.deployable) return [`the stack's candidate ${config.candidateKey} is not a deployable candidate of the plan`];
  const planned = allowanceOf(candidate, candidate.key === plan.chosen.key ? plan.schedule : undefined);
  const stack = allowancesFromStackConfig(config)[0];
  const differences = (["provider", "region", "instanceType"] as const)
    .filter((key) => planned[key] !== stack[key])
    .map((key) => `${key} ${stack[key]} (the plan's candidate: ${planned[key]})`);
  if (JSON.stringify(planned.accelerator) !== JSON.stringify(stack.accelerator)) differences.push("accelerator differs from the plan's candidate");
  if (planned.artifactSha256 !== undefined && planned.artifactSha256 !== stack.artifactSha256) {
    differences.push(`artifact sha256 ${stack.artifactSha256?.slice(0, 12)} (the plan's candidate: ${planned.artifactSha256.slice(0, 12)})`);
  }
  if (planned.instances?.min !== stack.instances?.min || planned.instances?.max !== stack.instances?.max) {
    differences.push(`instances ${stack.instances?.min}–${stack.instances?.max} (the plan's candidate: ${planned.instances?.min}–${planned.instances?.max})`);
  }
  return differences.map((difference) => `the stack's ${difference}`);
}
