// What the estimate needs from a Pulumi resource that runs machines: which type, how many, where.
import type { ProviderId } from "../domain/catalog.ts";
import type { Location } from "../pulumi-state/location.ts";
import type { StackDocument, StackResource } from "../pulumi-state/stack-document.ts";
import { parseUrn } from "../pulumi-state/urn.ts";
import type { Known } from "../pulumi-state/values.ts";

export interface ComputeUnit {
  /** The resource that carries the count: the instance, group, scale set or node pool. */
  urn: string;
  type: string;
  name: string;
  cloud: ProviderId;
  /** What it is, for the report: "EC2 instance", "auto-scaling group of launch template web". */
  kind: string;
  instanceType: Known<string>;
  count: Known<number>;
  /** How the count was read: "desired capacity", "targetSize", "min 2 of 2–10 (autoscaler)". */
  countNote: string;
  location: Known<Location>;
  /** Other resources this unit accounts for (its launch or instance template, its autoscaler). */
  relatedUrns: string[];
  /** Accelerators the resource attaches, where the cloud declares them apart from the machine type (GCP). */
  declaredAccelerators?: { model: string; count: number }[];
  /** The wattplan fleet (ComponentResource) this belongs to, when wattplan emitted it. */
  fleet?: string;
}

/** Resources a cloud module accounts for without estimating them itself, with why. */
export type Claims = Map<string, string>;

export interface ComputeUnits {
  units: ComputeUnit[];
  claims: Claims;
}

export function nameOf(resource: StackResource): string {
  return parseUrn(resource.urn)?.name ?? resource.urn;
}

/** The wattplan InferenceFleet component a resource sits under, if any. */
export function fleetOf(resource: StackResource, document: StackDocument): string | undefined {
  let parentUrn = resource.parent;
  for (let depth = 0; parentUrn && depth < 10; depth += 1) {
    const parent = document.resources.find((candidate) => candidate.urn === parentUrn);
    const type = parent?.type ?? parseUrn(parentUrn)?.type;
    if (type && /^wattplan:(aws|gcp|azure):InferenceFleet$/.test(type)) return parseUrn(parentUrn)?.name;
    parentUrn = parent?.parent;
  }
  return undefined;
}

export const ofType = (document: StackDocument, ...types: string[]) => document.resources.filter((resource) => types.includes(resource.type));
