// AWS compute: EC2 instances, launch templates counted through their auto-scaling groups, EKS node groups.
import { resolveLocation } from "../pulumi-state/location.ts";
import type { StackDocument, StackResource } from "../pulumi-state/stack-document.ts";
import { readCount, readText, valueAt, type Known } from "../pulumi-state/values.ts";
import { fleetOf, nameOf, ofType, type Claims, type ComputeUnit, type ComputeUnits } from "./compute-unit.ts";
import { referencedTarget } from "./references.ts";

export const AWS_INSTANCE = "aws:ec2/instance:Instance";
export const AWS_LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const AWS_AUTOSCALING_GROUP = "aws:autoscaling/group:Group";
export const AWS_EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

const LAUNCH_TEMPLATE_PATHS = ["launchTemplate", "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification"];

function unit(resource: StackResource, document: StackDocument, fields: Omit<ComputeUnit, "urn" | "type" | "name" | "cloud" | "location" | "fleet">): ComputeUnit {
  return {
    urn: resource.urn,
    type: resource.type,
    name: nameOf(resource),
    cloud: "aws",
    location: resolveLocation(resource, document, "aws"),
    fleet: fleetOf(resource, document),
    ...fields,
  };
}

const missing = (what: string): Known<never> => ({ unknown: `no ${what} given` });

/** An auto-scaling group runs its desired capacity; without one, AWS starts it at its minimum size. */
function groupCount(group: StackResource): { count: Known<number>; note: string } {
  const desired = readCount(group.inputs, "desiredCapacity");
  const minimum = readCount(group.inputs, "minSize");
  const maximum = readCount(group.inputs, "maxSize");
  const range = minimum && "value" in minimum && maximum && "value" in maximum ? ` (min ${minimum.value}, max ${maximum.value})` : "";
  if (desired) return { count: desired, note: `desired capacity${range}` };
  if (minimum) return { count: minimum, note: `min size, no desired capacity given${range}` };
  return { count: missing("desiredCapacity or minSize"), note: "" };
}

export function awsComputeUnits(document: StackDocument): ComputeUnits {
  const units: ComputeUnit[] = [];
  const claims: Claims = new Map();
  const templates = ofType(document, AWS_LAUNCH_TEMPLATE);

  for (const instance of ofType(document, AWS_INSTANCE)) {
    units.push(unit(instance, document, { kind: "EC2 instance", instanceType: readText(instance.inputs, "instanceType") ?? missing("instanceType"), count: { value: 1 }, countNote: "1 instance", relatedUrns: [] }));
  }

  for (const group of ofType(document, AWS_AUTOSCALING_GROUP)) {
    const template = referencedTarget(group, LAUNCH_TEMPLATE_PATHS, templates);
    const override = readText(group.inputs, "mixedInstancesPolicy.launchTemplate.overrides.0.instanceType");
    const instanceType = override ?? (template ? readText(template.inputs, "instanceType") ?? missing(`instanceType on launch template ${nameOf(template)}`) : { unknown: "its launch template is not in the document (or several match)" });
    const { count, note } = groupCount(group);
    if (template) claims.set(template.urn, `counted through auto-scaling group ${nameOf(group)}`);
    units.push(unit(group, document, { kind: `auto-scaling group${template ? ` of launch template ${nameOf(template)}` : ""}`, instanceType, count, countNote: note, relatedUrns: template ? [template.urn] : [] }));
  }

  for (const nodeGroup of ofType(document, AWS_EKS_NODE_GROUP)) {
    const template = referencedTarget(nodeGroup, ["launchTemplate"], templates);
    const listed = readText(nodeGroup.inputs, "instanceTypes.0");
    const fromTemplate = template ? readText(template.inputs, "instanceType") : undefined;
    // EKS's default when neither names a type is t3.medium (EKS API, CreateNodegroup instanceTypes).
    const instanceType = listed ?? fromTemplate ?? { value: "t3.medium" };
    const extra = valueAt(nodeGroup.inputs, "instanceTypes.1") !== undefined ? "; only the first of its instanceTypes is estimated" : "";
    const desired = readCount(nodeGroup.inputs, "scalingConfig.desiredSize") ?? readCount(nodeGroup.inputs, "scalingConfig.minSize");
    if (template) claims.set(template.urn, `counted through EKS node group ${nameOf(nodeGroup)}`);
    units.push(unit(nodeGroup, document, {
      kind: "EKS node group",
      instanceType,
      count: desired ?? missing("scalingConfig.desiredSize"),
      countNote: `scalingConfig.desiredSize${listed || fromTemplate ? "" : "; no instance type given: EKS's default t3.medium"}${extra}`,
      relatedUrns: template ? [template.urn] : [],
    }));
  }

  for (const template of templates) {
    if (!claims.has(template.urn)) claims.set(template.urn, "launch template no auto-scaling group or node group in this document uses: 0 instances");
  }
  return { units, claims };
}
