// The shapes `bench --on` is built from: a target (one instance type in one region), what it costs, where its
// results land, and the two doors to the outside (the Pulumi driver and the results reader), injected so the
// orchestration runs in tests without a cloud.
import type { AcceleratorAttachment, ProviderId } from "../domain/catalog.ts";
import type { ExecutionProvider, ModelProfile } from "../domain/profile.ts";
import type { ResultsLocation } from "../infra/bench-fleet/results-layout.ts";

/** One machine to benchmark on: a catalog instance type in one region, and how the model runs there. */
export interface BenchTarget {
  /** "aws:g6.xlarge": how the user named it, with the catalog's spelling of the type. */
  id: string;
  provider: ProviderId;
  instanceType: string;
  region: string;
  /** Why this region: the user's, or the cleanest (lifecycle gCO2e/kWh) offering the type. */
  regionReason: string;
  architecture: "x86_64" | "arm64";
  accelerator: AcceleratorAttachment | null;
  /** cuda on NVIDIA GPU types, cpu elsewhere. */
  executionProvider: Extract<ExecutionProvider, "cpu" | "cuda">;
  /** On-demand price of the type in the region, USD per hour, from the catalog. */
  usdPerHour: number;
  priceSource: string;
  priceAsOf: string;
}

/** The phases a target goes through, in order; every one is shown with its elapsed time. */
export const benchPhases = ["provisioning", "installing", "benchmarking", "uploading", "destroying"] as const;
export type BenchPhase = (typeof benchPhases)[number];

/** Minutes allowed per phase; the expected cost uses them, the ceiling doubles all but destroying. */
export type PhaseMinutes = Record<BenchPhase, number>;

export interface TargetCost {
  expectedMinutes: number;
  /** The target is destroyed when it runs past this (all phases but destroying), and the ceiling cost is counted to here plus destroying. */
  ceilingMinutes: number;
  /** Minutes after which the orchestrator stops waiting and destroys the target. */
  deadlineMinutes: number;
  expectedUsd: number;
  ceilingUsd: number;
}

export type { ResultsLocation } from "../infra/bench-fleet/results-layout.ts";
export type { ResultsReader } from "../cloud-results/contract.ts";

/** A target ready to run: its stack's name and the arguments its machine passes to `wattplan bench`. */
export interface PreparedTarget extends BenchTarget {
  stackName: string;
  cost: TargetCost;
}

/** The Pulumi side: one short-lived stack per target (src/infra/bench-fleet/automation.ts in production). */
export interface FleetDriver {
  /** Creates the target's stack and deploys it; resolves with where its results land. Aborting cancels the update. */
  provision(target: PreparedTarget, signal: AbortSignal): Promise<ResultsLocation>;
  /** Destroys everything the stack holds and removes the stack; succeeds when there is nothing to destroy. */
  destroy(stackName: string): Promise<void>;
  /** The stacks of this project in the backend: leftovers of runs that did not finish. */
  listStacks(): Promise<string[]>;
}

export type TargetOutcome =
  | { target: PreparedTarget; status: "measured"; profile: ModelProfile; profilePath: string; logPath: string; destroyed: boolean; elapsedMs: number }
  | { target: PreparedTarget; status: "failed" | "timed-out" | "cancelled" | "not-started"; reason: string; logPath: string | null; destroyed: boolean; elapsedMs: number };
