// The production FleetDriver: each prepared target becomes a bench machine stack (src/infra/bench-fleet), driven by
// the Automation API. Loaded only by `bench --on`: it brings @pulumi/pulumi with it.
import type { BenchMachineSpec } from "../infra/bench-fleet/machine-spec.ts";
import { BenchStacks, type AutomationSettings } from "../infra/bench-fleet/automation.ts";
import type { FleetDriver, PreparedTarget } from "./contract.ts";

export interface MachineInputs {
  model: { path: string; sha256: string };
  wattplanPackage: { path: string; sha256: string };
  /** The Node.js version the machines install ("20.20.2"). */
  nodeVersion: string;
  runId: string;
  /** What follows `wattplan bench MODEL` on a target's machine. */
  benchArguments(target: PreparedTarget): string[];
}

export function machineSpecFor(target: PreparedTarget, inputs: MachineInputs): BenchMachineSpec {
  return {
    stackName: target.stackName,
    provider: target.provider,
    region: target.region,
    instanceType: target.instanceType,
    hardware: { architecture: target.architecture, gpu: target.executionProvider === "cuda" },
    accelerator: target.accelerator,
    model: inputs.model,
    wattplanPackage: inputs.wattplanPackage,
    nodeVersion: inputs.nodeVersion,
    benchArguments: inputs.benchArguments(target),
    ceilingMinutes: target.cost.ceilingMinutes,
    labels: { "wattplan-bench-run": inputs.runId, "wattplan-bench-target": target.id.replace(/[^A-Za-z0-9._-]/g, "-") },
  };
}

export function automationDriver(settings: AutomationSettings, inputs: MachineInputs): FleetDriver {
  const stacks = new BenchStacks(settings);
  return {
    provision: (target, signal) => stacks.provision(machineSpecFor(target, inputs), signal),
    destroy: (stackName) => stacks.destroy(stackName),
    listStacks: () => stacks.listStacks(),
  };
}
