import type { InstanceType } from "../domain/catalog.ts";
import type { Deployability } from "../domain/plan.ts";

/**
 * Whether `wattplan emit` can turn this type into a running fleet today. AWS Inferentia and Trainium run only
 * models compiled ahead of time with the Neuron SDK, which wattplan does not do yet.
 */
export function deployabilityOf(instance: InstanceType): Deployability {
  const model = instance.accelerator?.model.toLowerCase() ?? "";
  const family = instance.family.toLowerCase();
  if (model.includes("inferentia") || /^inf\d/.test(family)) {
    return { deployable: false, reason: "Inferentia runs only Neuron-compiled models; wattplan cannot compile or emit one yet" };
  }
  if (model.includes("trainium") || /^trn\d/.test(family)) {
    return { deployable: false, reason: "Trainium runs only Neuron-compiled models; wattplan cannot compile or emit one yet" };
  }
  return { deployable: true };
}
