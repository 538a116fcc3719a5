// What one bench machine's stack holds, handed to the inline program by `bench --on` (one stack per target).
import { createHash } from "node:crypto";
import type { StoredArtifact } from "../artifact-store/contract.ts";
import { renderBootScript, type BenchMachineStorage } from "./boot-script.ts";
import type { BenchHardware } from "./images.ts";
import { MODEL_OBJECT, PACKAGE_OBJECT } from "./results-layout.ts";

export interface BenchMachineSpec {
  /** The stack's name; resource names are derived from it. */
  stackName: string;
  provider: "aws" | "gcp" | "azure";
  region: string;
  instanceType: string;
  hardware: BenchHardware;
  /** The type's GPUs (GCP's N1 types take them as guest accelerators); null on CPU types. */
  accelerator: { model: string; count: number; memoryGb: number } | null;
  model: { path: string; sha256: string };
  wattplanPackage: { path: string; sha256: string };
  /** The Node.js version the machine installs ("20.20.2"). */
  nodeVersion: string;
  /** What follows `wattplan bench MODEL` on the machine. */
  benchArguments: string[];
  /** The machine's own ceiling: it powers off (AWS: terminates; GCP: is deleted) after this long. */
  ceilingMinutes: number;
  /** Tags (labels on GCP) on every resource: which run made it. */
  labels: Record<string, string>;
}

/** A short, lowercase, globally distinct name for resources whose names are global (buckets, storage accounts). */
export function globalName(stackName: string, prefix: string, length: number): string {
  const hash = createHash("sha256").update(stackName).digest("hex");
  return `${prefix}${hash}`.slice(0, length);
}

/** Resource names within the stack: "wb-aws-g6-xlarge" style, short enough for every cloud's limits. */
export function resourcePrefix(spec: Pick<BenchMachineSpec, "stackName">): string {
  return `wb-${globalName(spec.stackName, "", 8)}`;
}

/** The two inputs every bench machine's store holds: the model and this wattplan's package. */
export function benchArtifacts(spec: BenchMachineSpec): StoredArtifact[] {
  return [
    { key: MODEL_OBJECT, ...spec.model },
    { key: PACKAGE_OBJECT, ...spec.wattplanPackage },
  ];
}

/** The machine's boot script, once its storage is known (names the cloud assigns at deploy time). */
export function bootScriptFor(spec: BenchMachineSpec, storage: BenchMachineStorage): string {
  return renderBootScript({
    storage,
    nodeVersion: spec.nodeVersion,
    architecture: spec.hardware.architecture,
    gpu: spec.hardware.gpu,
    modelSha256: spec.model.sha256,
    packageSha256: spec.wattplanPackage.sha256,
    benchArguments: spec.benchArguments,
    ceilingMinutes: spec.ceilingMinutes,
  });
}
