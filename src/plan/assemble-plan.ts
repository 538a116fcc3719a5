// The last step: the Plan JSON from what the pipeline found, with its id (the hash of everything but createdAt).
import { PLAN_SCHEMA_VERSION, planSchema, type Plan, type Robustness } from "../domain/plan.ts";
import { WattplanError } from "../errors.ts";
import type { Estimation } from "./estimate-candidates.ts";
import type { EvaluationSession } from "./evaluation-session.ts";
import { PARSE_ONCE } from "../domain/parse-once.ts";
import { computePlanId } from "../domain/plan-id.ts";
import { catalogMetadata, intensityMetadata } from "./plan-metadata.ts";
import type { PlanRecords } from "./plan-records.ts";
import { savingsOf } from "./savings.ts";
import { WATTPLAN_VERSION } from "../version.ts";

export interface PlanParts {
  session: EvaluationSession;
  model: Plan["model"];
  estimation: Estimation;
  records: PlanRecords;
  robustness: Robustness;
  notes: { assumptions: string[]; warnings: string[] };
  createdAt: string;
}

export function assemblePlan(parts: PlanParts): Plan {
  const { session, records, estimation } = parts;
  const { spec, index } = session;
  const draft: Plan = {
    kind: "wattplan.plan",
    schemaVersion: PLAN_SCHEMA_VERSION,
    id: "",
    createdAt: parts.createdAt,
    wattplanVersion: WATTPLAN_VERSION,
    spec,
    model: parts.model,
    catalog: catalogMetadata(index, records.shown),
    intensity: intensityMetadata(index, records.shown, session.basis, session.intensity, records.hourly?.record ?? null),
    objective: session.weights,
    chosen: records.chosen,
    baseline: records.baseline,
    pareto: records.pareto,
    alternatives: records.alternatives,
    savings: savingsOf(records.baseline, records.chosen),
    robustness: parts.robustness,
    search: { candidatesEnumerated: estimation.enumerated, candidatesFeasible: estimation.feasible.size, excludedBy: estimation.excluded.sorted() },
    ...(records.batchTime ? { schedule: records.batchTime.schedule } : {}),
    assumptions: parts.notes.assumptions,
    warnings: parts.notes.warnings,
  };
  return checkedPlan({ ...draft, id: computePlanId(draft) });
}

/**
 * Every plan is checked against the schema `report` and `emit` read it with before anyone can save it: a figure that
 * overflowed (traffic near the largest number, a live intensity past its checks) is an error now, not a file no
 * other command accepts.
 */
function checkedPlan(plan: Plan): Plan {
  const result = planSchema.safeParse(plan, PARSE_ONCE);
  if (result.success) return plan;
  const issue = result.error.issues[0];
  const field = issue.path.map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${String(segment)}`)).join("").replace(/^\./, "");
  throw new WattplanError(
    "INVALID_SPEC",
    `the plan for this spec would not be valid: ${field || "(top level)"}: ${issue.message}`,
    "a figure of the spec is far outside what the planner can size a fleet for: check traffic, slo and constraints",
  );
}
