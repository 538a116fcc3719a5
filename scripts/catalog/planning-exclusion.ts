import { usEast1OnlyFamilies } from "./instances-aws-general.ts";
import type { InstanceTypeDraft } from "./instances-drafts.ts";

/** AWS memory-optimised families and the same-CPU families the planner weighs instead. */
const awsMemoryFamilies: Record<string, string> = { r7i: "m7i and c7i" };

/**
 * Current general-purpose families added so `wattplan estimate` can price existing stacks. They could serve inference,
 * but weighing them too costs about a third more planning time (npm run bench:catalog-growth) and changes neither the
 * example's choice nor its baseline; the planner keeps the inference families it was built on.
 */
const generalFamilies = new Set(["gcp/n2d", "gcp/c3d", "gcp/e2", "azure/Dasv5", "azure/Dasv6", "azure/Dsv6"]);

/**
 * Why the inference planner skips a type that is listed to estimate existing stacks, or undefined for a candidate.
 * Burstable types cannot sustain a sized fleet's load. A memory-optimised shape has the CPU and vCPUs of a standard
 * shape the planner weighs, with more memory (more power, embodied carbon and cost), so it never wins unless the model
 * needs that memory. Previous AWS generations priced only in us-east-1 are what existing stacks run, not what a
 * planner should place anew; their successors are weighed in every region.
 */
export function planningExclusionOf(type: InstanceTypeDraft): string | undefined {
  if (type.burstable) return "burstable: sustained load above its baseline CPU share is throttled or billed extra, so fleets are not sized on it";
  if (type.provider === "gcp" && type.instanceType.includes("-highmem-")) {
    return `memory-optimised shape: the CPU and vCPUs of ${type.instanceType.replace("-highmem-", "-standard-")} with more memory; weighed through the standard shape`;
  }
  const sameCpu = awsMemoryFamilies[type.family];
  if (sameCpu) return `memory-optimised family: the CPU of ${sameCpu} with more memory per vCPU; weighed through those families`;
  if (type.provider === "aws" && usEast1OnlyFamilies.has(type.family)) {
    return "previous generation priced in us-east-1 only: listed to estimate existing stacks; its successors are weighed in every region";
  }
  if (generalFamilies.has(`${type.provider}/${type.family}`)) {
    return "general-purpose family listed to estimate existing stacks; the inference planner weighs the compute-optimised and standard families";
  }
  return undefined;
}
