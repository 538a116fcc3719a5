// What emit trusts before it writes a stack that `pulumi up` will deploy: the plan is as wattplan wrote it (its id is
// the hash of its content), the candidate names a region, an instance type and an accelerator the catalog has,
// offered in that region, and the plan does not mark it undeployable.
import { findInstanceType, findRegion, offerIn } from "../catalog/queries.ts";
import type { Catalog } from "../domain/catalog.ts";
import type { Candidate } from "../domain/plan.ts";
import { computePlanId } from "../domain/plan-id.ts";
import { isWattplanError, WattplanError } from "../errors.ts";

const PLAN_AGAIN = "plan again, save that plan and emit it";

/** The id of a saved plan must be the hash of what the file holds: anything else was edited after planning. */
export function checkPlanId(savedPlan: Record<string, unknown>, planPath: string): void {
  if (computePlanId(savedPlan) !== savedPlan.id) {
    throw new WattplanError("INVALID_PLAN", `${planPath} was changed after wattplan wrote it: its id does not match its content`, PLAN_AGAIN);
  }
}

export function checkCandidateInCatalog(catalog: Catalog, candidate: Candidate, planPath: string): void {
  const where = `${planPath}: candidate ${candidate.key}`;
  const region = inCatalog(() => findRegion(catalog, candidate.region, candidate.provider), where, catalog);
  const type = inCatalog(() => findInstanceType(catalog, candidate.instanceType, candidate.provider), where, catalog);
  if (!offerIn(catalog, type, region.code)) {
    throw new WattplanError("INVALID_PLAN", `${where}: ${type.instanceType} is not offered in ${region.provider}/${region.code} (catalog ${catalog.meta.version})`, PLAN_AGAIN);
  }
  const plannedModel = candidate.accelerator?.model ?? null;
  const catalogModel = type.accelerator?.model ?? null;
  if (plannedModel?.toLowerCase() !== catalogModel?.toLowerCase() || (candidate.accelerator && candidate.accelerator.count !== type.accelerator?.count)) {
    const describe = (model: string | null, count?: number) => (model ? `${count ?? 1}× ${model}` : "no accelerator");
    throw new WattplanError(
      "INVALID_PLAN",
      `${where}: the plan gives ${type.instanceType} ${describe(plannedModel, candidate.accelerator?.count)}, the catalog ${describe(catalogModel, type.accelerator?.count)}`,
      PLAN_AGAIN,
    );
  }
}

function inCatalog<T>(lookup: () => T, where: string, catalog: Catalog): T {
  try {
    return lookup();
  } catch (error) {
    if (!isWattplanError(error)) throw error;
    throw new WattplanError("INVALID_PLAN", `${where}: ${error.message} (catalog ${catalog.meta.version})`, PLAN_AGAIN);
  }
}

/** Refuses a candidate the plan marks undeployable (Inferentia: no Neuron-compiled model), with the plan's reason. */
export function checkDeployable(candidate: Candidate): void {
  if (candidate.deployable.deployable) return;
  throw new WattplanError(
    "REFUSED",
    `candidate ${candidate.key} cannot be deployed: ${candidate.deployable.reason ?? "the plan marks it undeployable"}`,
    "pick another candidate by its rank in the plan (1 = chosen, 2 = the first alternative)",
    { option: "candidate", example: "N" },
  );
}
