// What a target costs: the catalog's on-demand price × the minutes it is expected to run, and a ceiling (every phase
// but destroying allowed twice its time) after which the orchestrator destroys it.
import type { BenchTarget, PhaseMinutes, TargetCost } from "./contract.ts";

/**
 * Minutes allowed per phase. ASSUMPTIONS, not measurements (no run has reached a real cloud yet): a CPU VM boots
 * and `pulumi up` finishes in a few minutes; installing Node and wattplan's dependencies takes a few more, GPUs more
 * again (onnxruntime's CUDA provider files are a download of several hundred MB); destroying waits for the machine
 * to terminate. Benchmarking is the user's budget plus calibration, quantization and the INT8 drift check.
 */
export function phaseMinutes(target: Pick<BenchTarget, "accelerator">, budgetSeconds: number): PhaseMinutes {
  const gpu = target.accelerator !== null;
  return {
    provisioning: gpu ? 6 : 4,
    installing: gpu ? 8 : 4,
    benchmarking: Math.ceil(budgetSeconds / 60) + 3,
    uploading: 1,
    destroying: 4,
  };
}

export function targetCost(target: Pick<BenchTarget, "accelerator" | "usdPerHour">, budgetSeconds: number): TargetCost {
  const minutes = phaseMinutes(target, budgetSeconds);
  const working = minutes.provisioning + minutes.installing + minutes.benchmarking + minutes.uploading;
  const expectedMinutes = working + minutes.destroying;
  const deadlineMinutes = 2 * working;
  const ceilingMinutes = deadlineMinutes + minutes.destroying;
  return {
    expectedMinutes,
    deadlineMinutes,
    ceilingMinutes,
    expectedUsd: usdFor(target.usdPerHour, expectedMinutes),
    ceilingUsd: usdFor(target.usdPerHour, ceilingMinutes),
  };
}

/** Whole minutes at the hourly price: every cloud here bills at least that finely. */
export function usdFor(usdPerHour: number, minutes: number): number {
  return (usdPerHour * Math.ceil(minutes)) / 60;
}
