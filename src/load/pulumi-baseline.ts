// `baseline: { pulumiState: ./state.json, resource: URN }`: the plan's baseline is what the user's stack runs today,
// read from a `pulumi stack export` (or a preview), and turned into the spec's usual provider/region/type/instances.
import { dirname, resolve } from "node:path";
import { isMap, parseDocument } from "yaml";
import { WattplanError } from "../errors.ts";
import { readUserText } from "../io/read-file.ts";
import { readStackDocument } from "../pulumi-state/read-stack-document.ts";
import { awsComputeUnits } from "../stack-estimate/compute-aws.ts";
import { azureComputeUnits } from "../stack-estimate/compute-azure.ts";
import { gcpComputeUnits } from "../stack-estimate/compute-gcp.ts";
import type { ComputeUnit } from "../stack-estimate/compute-unit.ts";

const describeUnit = (unit: ComputeUnit) => {
  const type = "value" in unit.instanceType ? unit.instanceType.value : "type unknown";
  const count = "value" in unit.count ? unit.count.value : "?";
  const region = "value" in unit.location ? unit.location.value.region : "region unknown";
  return `${unit.urn} (${type} × ${count}, ${region})`;
};

/** The spec's baseline for one compute resource of a Pulumi document; a one-line error when it cannot be told. */
export function baselineFromPulumiDocument(text: string, label: string, resource: string | undefined): Record<string, unknown> {
  const document = readStackDocument(text, label);
  const units = [awsComputeUnits(document), gcpComputeUnits(document), azureComputeUnits(document)].flatMap((part) => part.units);
  const where = `baseline.pulumiState ${label}`;
  if (units.length === 0) throw new WattplanError("INVALID_SPEC", `${where}: no compute resource (instance, group, scale set or node pool) in it`, "give the baseline as provider, region and instanceType instead");
  let unit: ComputeUnit | undefined;
  if (resource) {
    unit = units.find((candidate) => candidate.urn === resource || candidate.name === resource);
    if (!unit) throw new WattplanError("INVALID_SPEC", `${where}: no compute resource ${resource}; it has ${units.map((candidate) => candidate.urn).join(", ")}`, "set baseline.resource to one of them");
  } else if (units.length > 1) {
    throw new WattplanError("INVALID_SPEC", `${where} has ${units.length} compute resources; name one with baseline.resource: ${units.map(describeUnit).join("; ")}`);
  } else {
    unit = units[0];
  }
  const { instanceType, location, count } = unit;
  if ("unknown" in instanceType) throw new WattplanError("INVALID_SPEC", `${where}: ${unit.urn}: instance type unknown: ${instanceType.unknown}`);
  if ("unknown" in location) throw new WattplanError("INVALID_SPEC", `${where}: ${unit.urn}: region unknown: ${location.unknown}`);
  return {
    provider: unit.cloud,
    region: location.value.region,
    instanceType: instanceType.value,
    ...("value" in count && count.value > 0 ? { instances: count.value } : {}),
    source: `Pulumi state ${label}, ${unit.urn}`,
  };
}

/**
 * The spec text with a `baseline.pulumiState` resolved into provider, region, instanceType and instances (kept:
 * precision, batchSize and an explicit instances); other specs come back unchanged. The state path is relative to
 * the spec file.
 */
export async function resolvePulumiStateBaseline(specText: string, specPath: string): Promise<string> {
  const document = parseDocument(specText);
  const baseline = document.get("baseline");
  if (document.errors.length > 0 || !isMap(baseline) || !baseline.has("pulumiState")) return specText;
  const given = baseline.toJSON() as Record<string, unknown>;
  const fixedKeys = ["provider", "region", "instanceType"].filter((key) => key in given);
  if (fixedKeys.length > 0) throw new WattplanError("INVALID_SPEC", `${specPath}: baseline gives both pulumiState and ${fixedKeys.join(", ")}`, "give either pulumiState (and resource) or provider, region and instanceType");
  if (typeof given.pulumiState !== "string" || given.pulumiState === "") throw new WattplanError("INVALID_SPEC", `${specPath}: baseline.pulumiState: expected a file path`);
  if (given.resource !== undefined && typeof given.resource !== "string") throw new WattplanError("INVALID_SPEC", `${specPath}: baseline.resource: expected a URN`);
  const statePath = resolve(dirname(resolve(specPath)), given.pulumiState);
  const text = await readUserText(statePath, "baseline.pulumiState");
  const { pulumiState: _path, resource: _resource, ...kept } = given;
  document.set("baseline", { ...baselineFromPulumiDocument(text, given.pulumiState, given.resource as string | undefined), ...kept });
  return document.toString();
}
