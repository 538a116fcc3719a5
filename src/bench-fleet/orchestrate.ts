// Runs a planned fleet: targets in parallel up to the limit, each provisioned, polled for its results and ALWAYS
// destroyed (success, failure, timeout, Ctrl-C, spending limit). A failing target is reported with the cloud's
// reason while the others go on.
import { join } from "node:path";
import { modelProfileSchema, type ModelProfile } from "../domain/profile.ts";
import { formatUsd } from "../format/numbers.ts";
import { writeFileAtomic } from "../io/atomic-write.ts";
import { LOG_OBJECT, PHASE_OBJECTS, PROFILE_OBJECT } from "../infra/bench-fleet/results-layout.ts";
import type { BenchPhase, FleetDriver, PreparedTarget, ResultsLocation, ResultsReader, TargetOutcome } from "./contract.ts";
import { phaseMinutes } from "./cost.ts";
import { accruedUsd, type RunPlan } from "./run-plan.ts";
import { realTimer, type Timer } from "./timer.ts";

export interface FleetRunInput {
  plan: RunPlan;
  driver: FleetDriver;
  results: ResultsReader;
  /** The profiles and logs brought back go here, one pair per target. */
  outDirectory: string;
  /** The model's sha256: a profile of another model is not accepted. */
  modelSha256: string;
  /** The bench budget, for the spending limit's destroy allowance. */
  budgetSeconds: number;
  timer?: Timer;
  /** Aborts the run (Ctrl-C): started targets are destroyed, waiting ones never start. */
  signal?: AbortSignal;
  progress?: (event: FleetProgress) => void;
  pollIntervalMs?: number;
  /** How often deadlines and the spending limit are checked. */
  watchIntervalMs?: number;
}

export interface FleetProgress {
  targetId: string;
  phase: BenchPhase;
  /** Since the target started provisioning. */
  elapsedMs: number;
}

/** Why a target was stopped from outside its own run. */
interface Stop {
  status: "timed-out" | "cancelled";
  reason: string;
}

interface Running {
  target: PreparedTarget;
  startedAtMs: number;
  finishedAtMs: number | null;
  controller: AbortController;
}

export async function runFleet(input: FleetRunInput): Promise<TargetOutcome[]> {
  const timer = input.timer ?? realTimer;
  const runStop = new AbortController();
  const stopRun = (stop: Stop) => runStop.signal.aborted || runStop.abort(stop);
  const onInterrupt = () => stopRun({ status: "cancelled", reason: "interrupted (Ctrl-C)" });
  if (input.signal?.aborted) onInterrupt();
  input.signal?.addEventListener("abort", onInterrupt, { once: true });

  const running = new Map<string, Running>();
  const watchStop = new AbortController();
  const watching = watch(input, timer, running, stopRun, watchStop.signal);
  try {
    return await inPool(input.plan.targets, input.plan.parallelism, (target) => runTarget(input, timer, target, running, runStop.signal));
  } finally {
    watchStop.abort();
    await watching;
    input.signal?.removeEventListener("abort", onInterrupt);
  }
}

async function runTarget(input: FleetRunInput, timer: Timer, target: PreparedTarget, running: Map<string, Running>, runSignal: AbortSignal): Promise<TargetOutcome> {
  if (runSignal.aborted) return { target, status: "not-started", reason: (runSignal.reason as Stop).reason, logPath: null, destroyed: true, elapsedMs: 0 };
  const entry: Running = { target, startedAtMs: timer.nowMs(), finishedAtMs: null, controller: new AbortController() };
  const { signal } = entry.controller;
  const forward = () => entry.controller.abort(runSignal.reason);
  runSignal.addEventListener("abort", forward, { once: true });
  running.set(target.id, entry);
  const elapsedMs = () => timer.nowMs() - entry.startedAtMs;
  const progress = (phase: BenchPhase) => input.progress?.({ targetId: target.id, phase, elapsedMs: elapsedMs() });

  let result: MeasuredResult | FailedResult;
  try {
    progress("provisioning");
    const location = await input.driver.provision(target, signal);
    if (signal.aborted) throw signal.reason;
    result = await awaitResults(input, timer, target, location, signal, progress);
  } catch (error) {
    result = failureOf(error, signal);
  } finally {
    runSignal.removeEventListener("abort", forward);
  }
  progress("destroying");
  const destroyError = await input.driver.destroy(target.stackName).then(
    () => null,
    (error: unknown) => firstLine(error),
  );
  entry.finishedAtMs = timer.nowMs();
  const destroyed = destroyError === null;
  if (result.status === "measured") return { target, ...result, destroyed, elapsedMs: elapsedMs() };
  const reason = destroyed ? result.reason : `${result.reason}; destroying failed too: ${destroyError}`;
  return { target, status: result.status, reason, logPath: result.logPath, destroyed, elapsedMs: elapsedMs() };
}

type MeasuredResult = { status: "measured"; profile: ModelProfile; profilePath: string; logPath: string };
type FailedResult = { status: "failed" | "timed-out" | "cancelled"; reason: string; logPath: string | null };

/** A failure inside the machine's own run (its phase-failed object, or a profile that does not hold up). */
class TargetFailure extends Error {
  constructor(
    message: string,
    readonly logPath: string | null,
  ) {
    super(message);
  }
}

/** The machine's own failure, when it said so, even if a deadline passed while its log was being saved. */
function failureOf(error: unknown, signal: AbortSignal): FailedResult {
  if (error instanceof TargetFailure) return { status: "failed", reason: error.message, logPath: error.logPath };
  if (signal.aborted) {
    const stop = signal.reason as Stop;
    return { status: stop.status, reason: stop.reason, logPath: null };
  }
  return { status: "failed", reason: firstLine(error), logPath: null };
}

/** Polls the results prefix until the machine says done (or failed), showing each phase it reaches. */
async function awaitResults(
  input: FleetRunInput,
  timer: Timer,
  target: PreparedTarget,
  location: ResultsLocation,
  signal: AbortSignal,
  progress: (phase: BenchPhase) => void,
): Promise<MeasuredResult> {
  const reader = resilientReader(input.results, location, timer);
  const shown = new Set<BenchPhase>();
  const basePath = join(input.outDirectory, fileStem(target));
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const failed = await reader(PHASE_OBJECTS.failed);
    if (failed !== null) {
      const logPath = await saveLog(reader, `${basePath}.log`);
      // "2026-01-01T00:00:00Z reason": the time the machine wrote it, then its reason.
      const reason = lastLine(failed).replace(/^\d{4}-\d{2}-\d{2}T\S+\s*/, "");
      throw new TargetFailure(`the machine's run failed: ${reason || "no reason given (see the log)"}`, logPath);
    }
    const done = await reader(PHASE_OBJECTS.done);
    for (const phase of ["installing", "benchmarking", "uploading"] as const) {
      if (shown.has(phase)) continue;
      if (done === null && (await reader(PHASE_OBJECTS[phase])) === null) break;
      shown.add(phase);
      progress(phase);
    }
    if (done !== null) {
      const logPath = await saveLog(reader, `${basePath}.log`);
      const profile = acceptProfile(await reader(PROFILE_OBJECT), target, input.modelSha256, logPath);
      const profilePath = `${basePath}.json`;
      await writeFileAtomic(profilePath, `${JSON.stringify(profile, null, 2)}\n`);
      return { status: "measured", profile, profilePath, logPath: logPath ?? "" };
    }
    await timer.sleep(input.pollIntervalMs ?? 15_000, signal);
  }
}

/** The profile the machine uploaded, if it is a valid ModelProfile of this model measured on this type. */
function acceptProfile(text: string | null, target: PreparedTarget, modelSha256: string, logPath: string | null): ModelProfile {
  if (text === null) throw new TargetFailure("the machine said done but uploaded no profile", logPath);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TargetFailure("the uploaded profile is not JSON", logPath);
  }
  const result = modelProfileSchema.safeParse(parsed);
  if (!result.success) throw new TargetFailure(`the uploaded profile is invalid at ${result.error.issues[0].path.join(".")}: ${result.error.issues[0].message}`, logPath);
  const profile = result.data;
  if (profile.host.instanceType !== target.instanceType) throw new TargetFailure(`the uploaded profile was measured on '${profile.host.instanceType}', not ${target.instanceType}`, logPath);
  if (profile.model.sha256 !== modelSha256) throw new TargetFailure("the uploaded profile is of another model (its sha256 differs)", logPath);
  return profile;
}

async function saveLog(reader: (key: string) => Promise<string | null>, path: string): Promise<string | null> {
  const log = await reader(LOG_OBJECT);
  if (log === null) return null;
  await writeFileAtomic(path, log);
  return path;
}

/** How long reads may keep failing before the target is given up: a new role can take minutes to apply (Azure). */
const READ_ERROR_TOLERANCE_MS = 5 * 60_000;

/** A read that fails (network, throttling, a grant not applied yet) counts as "not there yet" for a while, then fails the target. */
function resilientReader(results: ResultsReader, location: ResultsLocation, timer: Timer): (key: string) => Promise<string | null> {
  let failingSinceMs: number | null = null;
  return async (key) => {
    try {
      const value = await results.read(location, key);
      failingSinceMs = null;
      return value;
    } catch (error) {
      failingSinceMs ??= timer.nowMs();
      if (timer.nowMs() - failingSinceMs >= READ_ERROR_TOLERANCE_MS) throw new TargetFailure(`reading the results kept failing for ${READ_ERROR_TOLERANCE_MS / 60_000} min: ${firstLine(error)}`, null);
      return null;
    }
  };
}

/** Deadlines per target and the spending limit over all of them, checked every watch interval. */
async function watch(input: FleetRunInput, timer: Timer, running: Map<string, Running>, stopRun: (stop: Stop) => unknown, stopped: AbortSignal): Promise<void> {
  while (!stopped.aborted) {
    await timer.sleep(input.watchIntervalMs ?? 5_000, stopped);
    const now = timer.nowMs();
    for (const entry of running.values()) {
      if (entry.finishedAtMs !== null || entry.controller.signal.aborted) continue;
      if (now - entry.startedAtMs >= entry.target.cost.deadlineMinutes * 60_000) {
        entry.controller.abort({ status: "timed-out", reason: `still not done after ${entry.target.cost.deadlineMinutes} min (its ceiling)` } satisfies Stop);
      }
    }
    const maxUsd = input.plan.maxUsd;
    if (maxUsd === null) continue;
    const spent = spendWithDestroying(running, now, input.budgetSeconds);
    if (spent >= maxUsd) stopRun({ status: "cancelled", reason: `stopped: the estimated spend (${formatUsd(spent)} with destroying) reached the ${formatUsd(maxUsd)} allowed` });
  }
}

/** What has been spent, plus what destroying the machines still up will add: the limit must hold after destroying. */
function spendWithDestroying(running: Map<string, Running>, now: number, budgetSeconds: number): number {
  const entries = [...running.values()];
  const spent = accruedUsd(entries.map((entry) => ({ usdPerHour: entry.target.usdPerHour, elapsedMinutes: ((entry.finishedAtMs ?? now) - entry.startedAtMs) / 60_000 })));
  const destroying = accruedUsd(
    entries.filter((entry) => entry.finishedAtMs === null).map((entry) => ({ usdPerHour: entry.target.usdPerHour, elapsedMinutes: phaseMinutes(entry.target, budgetSeconds).destroying })),
  );
  return spent + destroying;
}

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
async function inPool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function fileStem(target: Pick<PreparedTarget, "provider" | "instanceType">): string {
  return `${target.provider}-${target.instanceType}`.replace(/[^A-Za-z0-9._-]+/g, "-");
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n").find((line) => line.trim() !== "") ?? message).trim().slice(0, 400);
}

function lastLine(text: string): string {
  return (text.trim().split("\n").filter((line) => line.trim() !== "").at(-1) ?? "").trim().slice(0, 400);
}
