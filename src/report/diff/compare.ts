import type { DeploymentField, MetricDelta, PlanDiff, PlanSide, Verdict } from "../../domain/diff.ts";
import { DIFF_SCHEMA_VERSION } from "../../domain/diff-version.ts";
import type { Candidate, Plan } from "../../domain/plan.ts";
import { acceleratorLabel } from "../describe.ts";
import { DIFF_METRICS, SAME_RELATIVE_TOLERANCE, type MetricDefinition } from "./metrics.ts";
import { specChangesBetween } from "./spec-changes.ts";

/**
 * What changed between two plans: the chosen deployment's attributes and the deltas (head − base) of the figures a
 * reviewer weighs, each marked better or worse in its own direction (less carbon is better, more perf/W is better).
 */
export function compare(base: Plan, head: Plan): PlanDiff {
  return {
    ...compareCandidates(base.chosen, head.chosen, sideOf(base, "chosen"), sideOf(head, "chosen")),
    specChanges: specChangesBetween(base.spec, head.spec),
  };
}

/** A plan against its own baseline: what the plan changes relative to what runs (or would run) today. */
export function compareWithBaseline(plan: Plan): PlanDiff {
  return compareCandidates(plan.baseline, plan.chosen, sideOf(plan, "baseline"), sideOf(plan, "chosen"));
}

export function compareCandidates(base: Candidate, head: Candidate, baseSide: PlanSide, headSide: PlanSide): PlanDiff {
  const deployment = deploymentFields(base, head);
  return {
    kind: "wattplan.diff",
    schemaVersion: DIFF_SCHEMA_VERSION,
    base: baseSide,
    head: headSide,
    deploymentChanged: deployment.some((field) => field.changed),
    deployment,
    metrics: DIFF_METRICS.map((metric) => metricDelta(metric, base, head)),
    specChanges: [],
  };
}

function sideOf(plan: Plan, role: "chosen" | "baseline"): PlanSide {
  const candidate = role === "chosen" ? plan.chosen : plan.baseline;
  return { planId: plan.id, name: plan.spec.name, createdAt: plan.createdAt, candidateKey: candidate.key, role };
}

export function metricDelta(metric: MetricDefinition, base: Candidate, head: Candidate): MetricDelta {
  const baseValue = metric.read(base);
  const headValue = metric.read(head);
  const absolute = headValue - baseValue;
  const percent = baseValue === 0 ? (headValue === 0 ? 0 : null) : (absolute / Math.abs(baseValue)) * 100;
  return {
    metric: metric.id,
    label: metric.label,
    unit: metric.unit,
    betterWhen: metric.betterWhen,
    base: baseValue,
    head: headValue,
    absolute,
    percent,
    verdict: verdictOf(baseValue, headValue, metric.betterWhen),
  };
}

export function verdictOf(baseValue: number, headValue: number, betterWhen: "lower" | "higher"): Verdict {
  const scale = Math.max(Math.abs(baseValue), Math.abs(headValue));
  if (scale === 0 || Math.abs(headValue - baseValue) <= scale * SAME_RELATIVE_TOLERANCE) return "same";
  const headIsLower = headValue < baseValue;
  return headIsLower === (betterWhen === "lower") ? "better" : "worse";
}

function deploymentFields(base: Candidate, head: Candidate): DeploymentField[] {
  const pairs: [DeploymentField["field"], string | number, string | number][] = [
    ["provider", base.provider, head.provider],
    ["region", base.region, head.region],
    ["instanceType", base.instanceType, head.instanceType],
    ["accelerator", acceleratorLabel(base), acceleratorLabel(head)],
    ["precision", base.precision, head.precision],
    ["batchSize", base.batchSize, head.batchSize],
    ["instances.min", base.instances.min, head.instances.min],
    ["instances.desired", base.instances.desired, head.instances.desired],
    ["instances.max", base.instances.max, head.instances.max],
  ];
  return pairs.map(([field, baseValue, headValue]) => ({ field, base: baseValue, head: headValue, changed: baseValue !== headValue }));
}
