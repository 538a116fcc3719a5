// `wattplan bench MODEL --on cloud:type …` and `wattplan bench --cleanup`: the benchmark fleet. The library runs it
// (src/bench-fleet, loaded here on demand with Pulumi and the cloud SDKs); this file maps flags to options, prints
// progress and outcomes, and names the flags in the hints.
import { WattplanError } from "../../errors.ts";
import type { ModelProfile } from "../../domain/profile.ts";
import type { BenchTarget, TargetOutcome } from "../../bench-fleet/contract.ts";
import { emitMachineOutput, say } from "../output.ts";

export interface FleetCommandOptions {
  on?: string[];
  region?: string[];
  maxUsd?: string;
  yes?: boolean;
  outDir?: string;
  backend?: string;
  parallel?: string;
  profile?: string[];
  cleanup?: boolean;
  // The bench options the machines repeat, as given.
  shape?: string[];
  input?: string[];
  batch?: string;
  threads?: string;
  precision?: string;
  budgetSeconds?: string;
  inputsFile?: string;
  executionProvider?: string;
  instanceType?: string;
  json?: boolean;
  out?: string;
}

export interface ParsedBenchValues {
  batchSizes: number[];
  precisions: ModelProfile["measurements"][number]["precision"][];
  budgetSeconds: number;
}

export async function runBenchOn(modelPath: string, options: FleetCommandOptions, parsed: ParsedBenchValues): Promise<void> {
  refuseLocalOnlyFlags(options);
  const evidencePaths = options.profile ?? [];
  const { readProfiles } = await import("../../load/read-profiles.ts");
  const evidence = evidencePaths.length > 0 ? await readProfiles(evidencePaths) : [];
  const { benchOnTargets } = await import("../../bench-fleet/bench-on-targets.ts");
  const { formatCalibration } = await import("../../bench-fleet/calibration.ts");
  const interrupt = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts === 1) say("interrupted: stopping every machine and destroying what was created (wait for it; interrupting again leaves machines running)");
    else say("still destroying; if you stop now, run `wattplan bench --cleanup` afterwards");
    interrupt.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    const result = await benchOnTargets({
      modelPath,
      targets: options.on ?? [],
      regions: options.region,
      precisions: parsed.precisions,
      batchSizes: parsed.batchSizes,
      budgetSeconds: parsed.budgetSeconds,
      benchArguments: (target) => remoteBenchArguments(options, target),
      confirmed: options.yes === true,
      maxUsd: options.maxUsd === undefined ? null : parseUsd(options.maxUsd),
      parallelism: parseParallel(options.parallel ?? "4"),
      outDirectory: options.outDir ?? "profiles",
      backendUrl: options.backend,
      evidence,
      evidenceLabel: evidencePaths.length > 0 ? evidencePaths.join(", ") : "the other machines' profiles",
      say,
      progress: (event) => say(`[${event.targetId} ${clockText(event.elapsedMs)}] ${event.phase}`),
      signal: interrupt.signal,
    });
    say();
    for (const outcome of result.outcomes) say(outcomeLine(outcome));
    say();
    say(formatCalibration(result.calibration, evidencePaths.length > 0 ? evidencePaths.join(", ") : "the other machines' profiles"));
    await emitMachineOutput(options, { runId: result.plan.runId, outcomes: result.outcomes.map(outcomeRecord), calibration: result.calibration });
    assertAllMeasured(result.outcomes);
  } finally {
    process.off("SIGINT", onSigint);
  }
}

export async function runBenchCleanup(options: FleetCommandOptions): Promise<void> {
  const { cleanUpLeftovers } = await import("../../bench-fleet/bench-on-targets.ts");
  const result = await cleanUpLeftovers({ backendUrl: options.backend, say });
  for (const stack of result.destroyed) say(`destroyed ${stack}`);
  if (result.failed.length > 0) {
    for (const failure of result.failed) say(`could not destroy ${failure.stackName}: ${failure.reason}`);
    throw new WattplanError("REMOTE_ERROR", `${result.failed.length} bench stack(s) could not be destroyed`, "fix what the lines above say (credentials, a stack lock) and run `wattplan bench --cleanup` again");
  }
}

/** The user's options, for `wattplan bench` on a target's machine, plus the machine's type and how the model runs there. */
export function remoteBenchArguments(options: FleetCommandOptions, target: Pick<BenchTarget, "instanceType" | "executionProvider">): string[] {
  const args: string[] = [];
  for (const shape of options.shape ?? []) args.push("--shape", shape);
  for (const input of options.input ?? []) args.push("--input", input);
  args.push("--batch", options.batch ?? "1", "--precision", options.precision ?? "fp32", "--budget-seconds", options.budgetSeconds ?? "30");
  if (options.threads !== undefined) args.push("--threads", options.threads);
  args.push("--instance-type", target.instanceType, "--execution-provider", target.executionProvider);
  return args;
}

function refuseLocalOnlyFlags(options: FleetCommandOptions): void {
  const refuse = (flag: string, hint: string) => {
    throw new WattplanError("INVALID_INPUT", `${flag} does not go with --on`, hint);
  };
  if (options.out !== undefined) refuse("--out", "the machines' profiles are written to --out-dir (default profiles/)");
  if (options.inputsFile !== undefined) refuse("--inputs-file", "give the inputs with --input and --shape, which the machines repeat");
  if (options.instanceType !== undefined) refuse("--instance-type", "each machine records its own type");
  if (options.executionProvider !== undefined && options.executionProvider !== "cpu") refuse("--execution-provider", "--on runs NVIDIA GPU types through cuda and the others on the CPU");
}

function assertAllMeasured(outcomes: TargetOutcome[]): void {
  const leftRunning = outcomes.filter((outcome) => !outcome.destroyed);
  if (leftRunning.length > 0) {
    throw new WattplanError("REMOTE_ERROR", `${leftRunning.length} machine(s) may still be running: ${leftRunning.map((outcome) => outcome.target.stackName).join(", ")}`, "run `wattplan bench --cleanup` to destroy them");
  }
  const failed = outcomes.filter((outcome) => outcome.status !== "measured");
  if (failed.length > 0) {
    throw new WattplanError("REMOTE_ERROR", `${failed.length} of ${outcomes.length} machine(s) brought no profile back (see above); everything created was destroyed`, "fix what the lines above say and rerun for those targets");
  }
}

function outcomeLine(outcome: TargetOutcome): string {
  const destroyed = outcome.destroyed ? "destroyed" : "NOT destroyed: run `wattplan bench --cleanup`";
  const took = clockText(outcome.elapsedMs);
  if (outcome.status === "measured") return `${outcome.target.id}: measured in ${took}, profile ${outcome.profilePath}; ${destroyed}`;
  const log = outcome.logPath ? ` (log ${outcome.logPath})` : "";
  return `${outcome.target.id}: ${outcome.status}: ${outcome.reason}${log}; ${destroyed}`;
}

function outcomeRecord(outcome: TargetOutcome) {
  const base = { target: outcome.target.id, region: outcome.target.region, stack: outcome.target.stackName, status: outcome.status, destroyed: outcome.destroyed, elapsedMs: outcome.elapsedMs };
  return outcome.status === "measured" ? { ...base, profile: outcome.profilePath, log: outcome.logPath } : { ...base, reason: outcome.reason, log: outcome.logPath };
}

function clockText(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function parseUsd(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new WattplanError("INVALID_INPUT", `--max-usd takes a positive number of dollars, not '${text}'`, "for example --max-usd 5");
  return value;
}

function parseParallel(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new WattplanError("INVALID_INPUT", `--parallel takes a positive integer, not '${text}'`, "for example --parallel 4");
  return value;
}
