// What will run where and what it may cost, decided before anything starts: each target's stack name and cost, the
// totals, and the refusals (no go-ahead, or an expected cost above the user's limit).
import { WattplanError } from "../errors.ts";
import { formatUsd, formatUsdPerHour } from "../format/numbers.ts";
import { formatTable } from "../format/table.ts";
import type { BenchTarget, PreparedTarget } from "./contract.ts";
import { targetCost, usdFor } from "./cost.ts";
import { stackNameFor } from "./stack-names.ts";

export interface RunPlan {
  runId: string;
  targets: PreparedTarget[];
  expectedUsd: number;
  ceilingUsd: number;
  /** The most targets that run at once. */
  parallelism: number;
  maxUsd: number | null;
}

export interface RunPlanOptions {
  runId: string;
  budgetSeconds: number;
  parallelism: number;
  maxUsd?: number | null;
}

export function planRun(targets: BenchTarget[], options: RunPlanOptions): RunPlan {
  if (!Number.isInteger(options.parallelism) || options.parallelism < 1) throw new WattplanError("INVALID_INPUT", `parallelism must be a positive integer, not ${options.parallelism}`);
  const maxUsd = options.maxUsd ?? null;
  if (maxUsd !== null && !(maxUsd > 0)) throw new WattplanError("INVALID_INPUT", `the spending limit must be a positive number of USD, not ${maxUsd}`, undefined, { option: "maxUsd", example: "5" });
  const prepared = targets.map((target) => ({ ...target, stackName: stackNameFor(options.runId, target), cost: targetCost(target, options.budgetSeconds) }));
  return {
    runId: options.runId,
    targets: prepared,
    expectedUsd: sum(prepared.map((target) => target.cost.expectedUsd)),
    ceilingUsd: sum(prepared.map((target) => target.cost.ceilingUsd)),
    parallelism: Math.min(options.parallelism, prepared.length),
    maxUsd,
  };
}

/** Refuses in one line unless the user said yes, and when even the expected cost is above the limit. */
export function assertMayStart(plan: RunPlan, confirmed: boolean): void {
  const machines = `${plan.targets.length} cloud machine${plan.targets.length === 1 ? "" : "s"}`;
  if (plan.maxUsd !== null && plan.expectedUsd > plan.maxUsd) {
    throw new WattplanError(
      "REFUSED",
      `the ${machines} ${plan.targets.length === 1 ? "is" : "are"} expected to cost ${formatUsd(plan.expectedUsd)}, more than the ${formatUsd(plan.maxUsd)} allowed; nothing was started`,
      undefined,
      { option: "maxUsd", example: String(Math.ceil(plan.expectedUsd * 100) / 100) },
    );
  }
  if (!confirmed) {
    throw new WattplanError("REFUSED", `not starting ${machines} (expected ${formatUsd(plan.expectedUsd)}, at most ${formatUsd(plan.ceilingUsd)}) without a go-ahead`, undefined, { option: "confirm" });
  }
}

/** The table printed before anything starts. */
export function formatRunPlan(plan: RunPlan, modelLabel: string): string {
  const rows = plan.targets.map((target) => [
    target.id,
    `${target.region} (${target.regionReason})`,
    target.executionProvider === "cuda" ? `cuda (${target.accelerator?.count ?? 1}× ${target.accelerator?.model ?? "GPU"})` : `cpu (${target.architecture})`,
    formatUsdPerHour(target.usdPerHour),
    `${target.cost.expectedMinutes} min ${formatUsd(target.cost.expectedUsd)}`,
    `${target.cost.ceilingMinutes} min ${formatUsd(target.cost.ceilingUsd)}`,
  ]);
  const sources = [...new Set(plan.targets.map((target) => `${target.priceSource} ${target.priceAsOf}`))].join(", ");
  const limit =
    plan.maxUsd === null
      ? "no spending limit given: each machine is destroyed at its ceiling"
      : `spending limit ${formatUsd(plan.maxUsd)}: every machine is destroyed before the estimated spend reaches it`;
  return [
    `Benchmark ${modelLabel} on ${plan.targets.length} machine(s), at most ${plan.parallelism} at a time (run ${plan.runId}):`,
    formatTable(["target", "region", "runs on", "per hour", "expected", "ceiling"], rows),
    `total: expected ${formatUsd(plan.expectedUsd)}, at most ${formatUsd(plan.ceilingUsd)}; ${limit}`,
    `prices: the catalog's on-demand figures (${sources}), minutes rounded up; the bucket and its few MB cost fractions of a cent`,
    "minutes per phase are wattplan's allowances, not measurements; a machine still running at its ceiling is destroyed",
  ].join("\n");
}

/** The spend so far of machines that have run `elapsedMinutes`, at their hourly prices. */
export function accruedUsd(running: { usdPerHour: number; elapsedMinutes: number }[]): number {
  return sum(running.map((entry) => usdFor(entry.usdPerHour, entry.elapsedMinutes)));
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
