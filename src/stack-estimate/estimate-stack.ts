// `wattplan estimate`'s pure core: a Pulumi stack document + the catalog → monthly cost, energy and carbon per
// compute resource, with a greener alternative each, and every other resource listed with why it is not estimated.
import { findInstanceType, findRegion } from "../catalog/queries.ts";
import type { Catalog, InstanceType, Region } from "../domain/catalog.ts";
import { UnknownNameError } from "../errors.ts";
import type { StackDocument } from "../pulumi-state/stack-document.ts";
import { awsComputeUnits } from "./compute-aws.ts";
import { azureComputeUnits } from "./compute-azure.ts";
import { gcpComputeUnits } from "./compute-gcp.ts";
import { nameOf, type ComputeUnit } from "./compute-unit.ts";
import { STACK_ESTIMATE_SCHEMA_VERSION, type EstimateOptions, type NotEstimated, type ResourceEstimate, type StackEstimate, type StackTotals } from "./contract.ts";
import { greenerAlternative, regionAllowance } from "./greener.ts";
import { monthlyFigures } from "./monthly-figures.ts";
import { notEstimatedReason } from "./resource-classes.ts";

type UnitOutcome = { estimate: ResourceEstimate } | { skipped: NotEstimated };

function skip(unit: ComputeUnit, reason: string, suggestions?: string[]): UnitOutcome {
  return { skipped: { urn: unit.urn, name: unit.name, type: unit.type, reason, ...(suggestions?.length ? { suggestions } : {}) } };
}

function lookup<T>(find: () => T): { found: T } | { error: string; suggestions: string[] } {
  try {
    return { found: find() };
  } catch (error) {
    if (error instanceof UnknownNameError) return { error: error.message, suggestions: error.suggestions };
    throw error;
  }
}

/** The catalog lists N1 types with their T4 attached: a CPU-only N1 of that name is a different machine. */
function acceleratorMismatch(unit: ComputeUnit, instance: InstanceType): string | undefined {
  if (unit.cloud !== "gcp" || instance.family !== "n1" || !instance.accelerator) return undefined;
  const declared = (unit.declaredAccelerators ?? []).reduce((sum, item) => sum + item.count, 0);
  if (declared === instance.accelerator.count) return undefined;
  return `the catalog lists ${instance.instanceType} only with ${instance.accelerator.count} ${instance.accelerator.model} attached; this one declares ${declared}`;
}

function estimateUnit(catalog: Catalog, unit: ComputeUnit, options: EstimateOptions): UnitOutcome {
  const { instanceType: typeName, count: knownCount, location: knownLocation } = unit;
  if ("unknown" in typeName) return skip(unit, `instance type unknown: ${typeName.unknown}`);
  if ("unknown" in knownCount) return skip(unit, `instance count unknown: ${knownCount.unknown}`);
  if ("unknown" in knownLocation) return skip(unit, `region unknown: ${knownLocation.unknown}`);
  const type = lookup(() => findInstanceType(catalog, typeName.value, unit.cloud));
  if ("error" in type) return skip(unit, type.error, type.suggestions);
  const place = lookup(() => findRegion(catalog, knownLocation.value.region, unit.cloud));
  if ("error" in place) return skip(unit, place.error, place.suggestions);
  const instance: InstanceType = type.found;
  const region: Region = place.found;
  const mismatch = acceleratorMismatch(unit, instance);
  if (mismatch) return skip(unit, mismatch);
  const count = knownCount.value;
  const figures = monthlyFigures(catalog, instance, region, count, options.utilization, options.intensityBasis);
  const notes = [...figures.notes];
  const declaredExtra = unit.cloud === "gcp" && !instance.accelerator ? (unit.declaredAccelerators ?? []) : [];
  if (declaredExtra.length > 0) notes.push(`its attached ${declaredExtra.map((item) => `${item.count} × ${item.model}`).join(", ")} are not estimated (the catalog prices GPUs as part of machine types)`);
  const greener =
    figures.monthlyKgCo2e === null || count === 0
      ? null
      : greenerAlternative(catalog, { instance, region, count, monthlyKgCo2e: figures.monthlyKgCo2e }, options.utilization, options.intensityBasis, regionAllowance(options));
  return {
    estimate: {
      urn: unit.urn,
      name: unit.name,
      type: unit.type,
      kind: unit.kind,
      cloud: unit.cloud,
      ...(unit.fleet ? { fleet: unit.fleet } : {}),
      instanceType: instance.instanceType,
      region: region.code,
      regionName: region.name,
      regionVia: knownLocation.value.via,
      count,
      countNote: unit.countNote,
      ...figures,
      greener,
      notes,
    },
  };
}

export function totalsOf(resources: ResourceEstimate[]): StackTotals {
  const sum = (pick: (resource: ResourceEstimate) => number | null) => resources.reduce((total, resource) => total + (pick(resource) ?? 0), 0);
  return {
    monthlyCostUsd: sum((resource) => resource.monthlyCostUsd),
    monthlyKgCo2e: sum((resource) => resource.monthlyKgCo2e ?? resource.monthlyEmbodiedKgCo2e),
    monthlyOperationalKgCo2e: sum((resource) => resource.monthlyOperationalKgCo2e),
    monthlyEmbodiedKgCo2e: sum((resource) => resource.monthlyEmbodiedKgCo2e),
    monthlyEnergyKwh: sum((resource) => resource.monthlyEnergyKwh),
    instances: sum((resource) => resource.count),
    unpriced: resources.filter((resource) => resource.monthlyCostUsd === null).length,
    withoutIntensity: resources.filter((resource) => resource.monthlyKgCo2e === null).length,
    greenerSavingKgCo2e: sum((resource) => resource.greener?.savingKgCo2e ?? 0),
  };
}

function documentWarnings(document: StackDocument): string[] {
  const warnings: string[] = [];
  const unchanged = document.changeSummary?.same ?? 0;
  const listedSames = document.resources.filter((resource) => resource.op === "same").length;
  if (document.kind === "preview" && unchanged > listedSames) {
    warnings.push(`the preview lists only changed resources (${unchanged} unchanged are not in it): run \`pulumi preview --json --show-sames\` to estimate the whole stack`);
  }
  return warnings;
}

export function estimateStack(document: StackDocument, catalog: Catalog, options: EstimateOptions, label: string): StackEstimate {
  const parts = [awsComputeUnits(document), gcpComputeUnits(document), azureComputeUnits(document)];
  const units = parts.flatMap((part) => part.units);
  const claims = new Map(parts.flatMap((part) => [...part.claims]));
  const resources: ResourceEstimate[] = [];
  const notEstimated: NotEstimated[] = [];
  for (const unit of units) {
    const outcome = estimateUnit(catalog, unit, options);
    if ("estimate" in outcome) resources.push(outcome.estimate);
    else notEstimated.push(outcome.skipped);
  }
  const unitUrns = new Set(units.map((unit) => unit.urn));
  const accountedFor: NotEstimated[] = [];
  for (const resource of document.resources) {
    if (unitUrns.has(resource.urn)) continue;
    const claim = claims.get(resource.urn);
    const entry = { urn: resource.urn, name: nameOf(resource), type: resource.type };
    if (claim && !claim.includes("0 instances") && !claim.startsWith("autoscaler whose")) accountedFor.push({ ...entry, reason: claim });
    else notEstimated.push({ ...entry, reason: claim ?? notEstimatedReason(resource.type, resource.custom) });
  }
  const warnings = documentWarnings(document);
  return {
    schemaVersion: STACK_ESTIMATE_SCHEMA_VERSION,
    source: { kind: document.kind, label },
    options,
    catalogVersion: catalog.meta.version,
    resources,
    notEstimated,
    accountedFor,
    totals: totalsOf(resources),
    warnings,
  };
}
