// One stack per target per run: "bench-1a2b3c4d-aws-g6-xlarge". The run id keeps two runs (or a run and its
// leftovers) apart; `--cleanup` finds every stack of the project, whatever its run.
import { randomBytes } from "node:crypto";
import type { BenchTarget } from "./contract.ts";

export const BENCH_PROJECT_NAME = "wattplan-bench";

export function newRunId(): string {
  return randomBytes(4).toString("hex");
}

export function stackNameFor(runId: string, target: Pick<BenchTarget, "provider" | "instanceType">): string {
  const type = target.instanceType.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `bench-${runId}-${target.provider}-${type}`;
}
