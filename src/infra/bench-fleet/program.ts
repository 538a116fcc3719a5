// The inline Pulumi program of one bench machine: the cloud's machine component, loaded on demand (each SDK takes
// seconds to load), and its outputs: where the results land and the machine's id.
import type * as pulumi from "@pulumi/pulumi";
import type { BenchMachineSpec } from "./machine-spec.ts";
import type { ResultsLocation } from "./results-layout.ts";

export interface BenchMachineOutputs {
  results: pulumi.Output<ResultsLocation>;
  instanceId: pulumi.Output<string>;
}

export function benchMachineProgram(spec: BenchMachineSpec): () => Promise<BenchMachineOutputs> {
  return async () => {
    const machine = await machineFor(spec);
    return { results: machine.results, instanceId: machine.instanceId };
  };
}

async function machineFor(spec: BenchMachineSpec): Promise<BenchMachineOutputs> {
  switch (spec.provider) {
    case "aws":
      return new (await import("./aws-bench-machine.ts")).AwsBenchMachine(spec);
    case "gcp":
      return new (await import("./gcp-bench-machine.ts")).GcpBenchMachine(spec);
    case "azure":
      return new (await import("./azure-bench-machine.ts")).AzureBenchMachine(spec);
  }
}
