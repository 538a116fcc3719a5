// `bench --on`, start to end: resolve the targets, show what runs where and what it costs, refuse without a go-ahead,
// pack this wattplan, run the fleet (every machine destroyed whatever happens) and check the projection against what
// came back. Loaded only by that command: Pulumi and the cloud SDKs load inside.
import { appendFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { rm } from "node:fs/promises";
import type { Catalog } from "../domain/catalog.ts";
import type { ModelProfile, Precision } from "../domain/profile.ts";
import { loadCatalog } from "../catalog/load.ts";
import { makeDirectories } from "../io/make-directories.ts";
import { readUserFile } from "../io/read-file.ts";
import { findPulumiCli } from "../infra/bench-fleet/pulumi-cli.ts";
import type { AutomationSettings } from "../infra/bench-fleet/automation.ts";
import { modelSha256, readModel } from "../onnx/index.ts";
import { calibrate, formatCalibration, type CalibrationRow } from "./calibration.ts";
import type { BenchTarget, FleetDriver, PreparedTarget, ResultsReader, TargetOutcome } from "./contract.ts";
import { runFleet, type FleetProgress } from "./orchestrate.ts";
import { packWattplanForBench, type PackedWattplan } from "./package-wattplan.ts";
import { assertMayStart, formatRunPlan, planRun, type RunPlan } from "./run-plan.ts";
import { newRunId } from "./stack-names.ts";
import { wattplanHome } from "../wattplan-home.ts";
import { assertBackendUrl, prepareFleetState, type FleetState } from "./state.ts";
import { resolveTargets } from "./targets.ts";
import type { Timer } from "./timer.ts";

export interface BenchOnTargetsOptions {
  modelPath: string;
  /** "aws:g6.xlarge", … */
  targets: string[];
  regions?: string[];
  precisions: Precision[];
  batchSizes: number[];
  budgetSeconds: number;
  /** What follows `wattplan bench MODEL` on a target's machine (the caller's options, in its own terms). */
  benchArguments(target: BenchTarget): string[];
  confirmed: boolean;
  maxUsd?: number | null;
  parallelism: number;
  outDirectory: string;
  backendUrl?: string;
  /** Profiles measured elsewhere: the calibration projects from them (else from the other targets' profiles). */
  evidence: ModelProfile[];
  /** How to name the evidence in the report ("profile.json"). */
  evidenceLabel: string;
  /** Human lines (the plan, progress); the caller decides where they go. */
  say(line: string): void;
  progress?(event: FleetProgress): void;
  /** Masks the caller's secrets in the logs written beside the profiles (Pulumi's and the machines'). */
  redact?(text: string): string;
  /**
   * The environment wattplan was started with (default: this process's): the Pulumi CLI on its PATH, its credentials,
   * WATTPLAN_HOME.
   */
  environment?: Record<string, string | undefined>;
  signal?: AbortSignal;
  catalog?: Catalog;
  /** Tests: no cloud, no Pulumi CLI, no packing. */
  driver?: FleetDriver;
  results?: ResultsReader;
  timer?: Timer;
  pack?: () => Promise<PackedWattplan>;
  home?: string;
  pollIntervalMs?: number;
}

export interface BenchOnTargetsResult {
  plan: RunPlan;
  outcomes: TargetOutcome[];
  calibration: CalibrationRow[];
}

export async function benchOnTargets(options: BenchOnTargetsOptions): Promise<BenchOnTargetsResult> {
  assertBackendUrl(options.backendUrl);
  const catalog = options.catalog ?? loadCatalog();
  const modelBytes = new Uint8Array(await readUserFile(options.modelPath, "model"));
  readModel(modelBytes, options.modelPath);
  const sha256 = modelSha256(modelBytes);
  const targets = resolveTargets(catalog, { targets: options.targets, regions: options.regions });
  const plan = planRun(targets, { runId: newRunId(), budgetSeconds: options.budgetSeconds, parallelism: options.parallelism, maxUsd: options.maxUsd });
  options.say(formatRunPlan(plan, `${basename(options.modelPath)} (sha256 ${sha256.slice(0, 12)})`));
  if (options.evidence.length > 0) {
    options.say("");
    options.say(formatCalibration(projectedCalibration(catalog, plan.targets, options.evidence, options.precisions, options.batchSizes), options.evidenceLabel));
  }
  assertMayStart(plan, options.confirmed);

  const environment = options.environment ?? process.env;
  // Before anything is written or packed: without the Pulumi CLI nothing can start.
  const pulumiExecutable = options.driver ? undefined : await findPulumiCli(environment);
  await makeDirectories(options.outDirectory);
  const state = await prepareFleetState({ home: options.home ?? wattplanHome(environment), backendUrl: options.backendUrl });
  options.say("packing this wattplan for the machines (npm pack, with an npm-shrinkwrap.json of its exact dependencies)");
  const packed = await (options.pack ?? packWattplanForBench)();
  try {
    const driver = options.driver ?? (await productionDriver({ ...state, pulumiExecutable, environment }, plan, options, packed, sha256));
    const results = options.results ?? (await import("../cloud-results/reader.ts")).createResultsReader();
    const outcomes = await runFleet({
      plan,
      driver,
      results,
      outDirectory: options.outDirectory,
      modelSha256: sha256,
      budgetSeconds: options.budgetSeconds,
      timer: options.timer,
      redact: options.redact,
      signal: options.signal,
      progress: options.progress,
      pollIntervalMs: options.pollIntervalMs,
    });
    const measured = outcomes.flatMap((outcome) => (outcome.status === "measured" ? [outcome.profile] : []));
    const unmeasured = outcomes.filter((outcome) => outcome.status !== "measured").map((outcome) => ({ instanceType: outcome.target.instanceType, precisions: options.precisions, batchSizes: options.batchSizes }));
    return { plan, outcomes, calibration: calibrate({ catalog, measured, evidence: options.evidence, unmeasured }) };
  } finally {
    await rm(packed.directory, { recursive: true, force: true });
  }
}

/** What the run will check, before it starts: each target's projection from the profiles given. */
export function projectedCalibration(catalog: Catalog, targets: PreparedTarget[] | BenchTarget[], evidence: ModelProfile[], precisions: Precision[], batchSizes: number[]): CalibrationRow[] {
  return calibrate({ catalog, measured: [], evidence, unmeasured: targets.map((target) => ({ instanceType: target.instanceType, precisions, batchSizes })) });
}

async function productionDriver(state: FleetState & Pick<AutomationSettings, "pulumiExecutable" | "environment">, plan: RunPlan, options: BenchOnTargetsOptions, packed: PackedWattplan, sha256: string): Promise<FleetDriver> {
  const { automationDriver } = await import("./driver.ts");
  return automationDriver(
    {
      ...state,
      // Pulumi's own account of each stack, for when a cloud's one-line reason is not enough.
      onOutput: (stackName, text) => appendFileSync(join(options.outDirectory, `${stackName}.pulumi.log`), options.redact?.(text) ?? text),
    },
    {
      // Absolute: Pulumi reads file assets relative to the stack's workspace, not to where the user stands.
      model: { path: resolve(options.modelPath), sha256 },
      wattplanPackage: { path: packed.path, sha256: packed.sha256 },
      nodeVersion: process.versions.node,
      runId: plan.runId,
      benchArguments: options.benchArguments,
    },
  );
}

export interface CleanupOptions {
  backendUrl?: string;
  home?: string;
  say(line: string): void;
  /** Masks the caller's secrets in the reasons returned. */
  redact?(text: string): string;
  /** As in BenchOnTargetsOptions. */
  environment?: Record<string, string | undefined>;
  driver?: FleetDriver;
}

/** Destroys every bench stack left in the backend (a run that was killed before it could destroy its machines). */
export async function cleanUpLeftovers(options: CleanupOptions): Promise<{ destroyed: string[]; failed: { stackName: string; reason: string }[] }> {
  const driver = options.driver ?? (await cleanupDriver(options));
  const leftovers = (await driver.listStacks()).filter((name) => /(^|\/)bench-[0-9a-f]{8}-/.test(name));
  if (leftovers.length === 0) options.say("no bench stack left: nothing to destroy");
  const destroyed: string[] = [];
  const failed: { stackName: string; reason: string }[] = [];
  for (const stackName of leftovers) {
    options.say(`destroying ${stackName}`);
    try {
      await driver.destroy(stackName.split("/").at(-1)!);
      destroyed.push(stackName);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failed.push({ stackName, reason: options.redact?.(reason) ?? reason });
    }
  }
  return { destroyed, failed };
}

async function cleanupDriver(options: CleanupOptions): Promise<FleetDriver> {
  const environment = options.environment ?? process.env;
  assertBackendUrl(options.backendUrl);
  const pulumiExecutable = await findPulumiCli(environment);
  const state = await prepareFleetState({ home: options.home ?? wattplanHome(environment), backendUrl: options.backendUrl });
  const { BenchStacks } = await import("../infra/bench-fleet/automation.ts");
  const stacks = new BenchStacks({ ...state, pulumiExecutable, environment });
  return {
    provision: () => Promise.reject(new Error("cleanup provisions nothing")),
    destroy: (stackName) => stacks.destroy(stackName),
    listStacks: () => stacks.listStacks(),
  };
}
