import type { InstanceType } from "../domain/catalog.ts";
import type { Deployability } from "../domain/plan.ts";
import { servingDeviceOf } from "../domain/serving.ts";

/**
 * Whether `wattplan emit` can turn this type into a running fleet today. Its fleets run Triton on the type's serving
 * device (src/domain/serving.ts), the one fact the planner, bench and emit share: an accelerator without one (AWS
 * Inferentia and Trainium, whose models are compiled ahead of time with the Neuron SDK) cannot be emitted yet.
 */
export function deployabilityOf(instance: InstanceType): Deployability {
  const accelerator = instance.accelerator;
  if (!accelerator || servingDeviceOf(accelerator) !== null) return { deployable: true };
  return {
    deployable: false,
    reason: `${accelerator.model} runs only models compiled ahead of time for it; wattplan serves on CPUs and NVIDIA GPUs and cannot compile or emit one yet`,
  };
}
