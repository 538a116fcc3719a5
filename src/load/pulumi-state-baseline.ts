// The compute resource of a Pulumi document (a `pulumi stack export` or a preview) as the spec's baseline: its
// provider, region, instance type and count. Loaded only for a spec whose baseline names a pulumiState.
import { WattplanError } from "../errors.ts";
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

