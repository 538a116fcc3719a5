// Stand-ins for the outside of `bench --on`: virtual time, a cloud whose machines behave as each test says, and a
// results reader over that cloud's objects. Nothing here reaches a network or starts a process.
import { readFileSync } from "node:fs";
import type { ModelProfile } from "../../src/domain/profile.ts";
import type { FleetDriver, PreparedTarget, ResultsLocation, ResultsReader } from "../../src/bench-fleet/contract.ts";
import type { Timer } from "../../src/bench-fleet/timer.ts";
import { LOG_OBJECT, PHASE_OBJECTS, PROFILE_OBJECT } from "../../src/infra/bench-fleet/results-layout.ts";

export const FIXTURE_PROFILE = JSON.parse(readFileSync(new URL("../fixtures/profile.cnn.json", import.meta.url), "utf8")) as ModelProfile;

/**
 * Virtual time: each sleep is queued at now + ms, and when the process has nothing else to do (a setImmediate
 * later) the earliest one wakes and the clock jumps to it. Work that waits on something else lets time run on.
 */
export class FakeTimer implements Timer {
  private now = 0;
  private sleepers: { at: number; resolve: () => void }[] = [];
  private scheduled = false;

  nowMs(): number {
    return this.now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((sleeper) => sleeper !== entry);
        resolve();
      };
      const entry = {
        at: this.now + ms,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.sleepers.push(entry);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.sleepers.sort((first, second) => first.at - second.at);
      const next = this.sleepers.shift();
      if (!next) return;
      this.now = Math.max(this.now, next.at);
      next.resolve();
      if (this.sleepers.length > 0) this.schedule();
    });
  }
}

export type MachineBehaviour =
  /** Boots, installs, benchmarks and uploads a valid profile over a few virtual minutes. */
  | { kind: "measures"; profile?: (target: PreparedTarget) => unknown }
  /** The bench on the machine fails; it says why in phase-failed. */
  | { kind: "fails-on-machine"; reason: string }
  /** `pulumi up` fails with the cloud's message (quota, capacity, type not offered). */
  | { kind: "provision-fails"; message: string }
  /** `pulumi up` never finishes until it is cancelled. */
  | { kind: "provision-hangs" }
  /** Deploys, then the machine never reports done. */
  | { kind: "never-done" };

export interface CloudEvent {
  atMs: number;
  event: "provision" | "provisioned" | "destroy" | "destroyed";
  target: string;
}

/** A cloud that keeps its objects in memory and logs what happened when. */
export class FakeCloud implements FleetDriver, ResultsReader {
  readonly events: CloudEvent[] = [];
  readonly objects = new Map<string, string>();
  readonly destroyFailures = new Set<string>();
  leftoverStacks: string[] = [];
  private alive = 0;
  maxAlive = 0;

  constructor(
    private readonly timer: FakeTimer,
    private readonly behaviours: Record<string, MachineBehaviour>,
  ) {}

  async provision(target: PreparedTarget, signal: AbortSignal): Promise<ResultsLocation> {
    this.alive += 1;
    this.maxAlive = Math.max(this.maxAlive, this.alive);
    this.log("provision", target.id);
    const behaviour = this.behaviours[target.id] ?? { kind: "measures" };
    await this.timer.sleep(120_000, signal);
    if (behaviour.kind === "provision-hangs") {
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
      throw new Error("update cancelled");
    }
    if (signal.aborted) throw new Error("update cancelled");
    if (behaviour.kind === "provision-fails") throw new Error(behaviour.message);
    this.log("provisioned", target.id);
    const location: ResultsLocation = { provider: "aws", region: target.region, bucket: `bucket-${target.stackName}`, prefix: "results/" };
    void this.runMachine(target, location, behaviour);
    return location;
  }

  async destroy(stackName: string): Promise<void> {
    this.log("destroy", stackName);
    await this.timer.sleep(60_000);
    this.alive -= 1;
    if (this.destroyFailures.has(stackName)) throw new Error(`error: deleting ${stackName}: the stack is locked`);
    this.log("destroyed", stackName);
  }

  async listStacks(): Promise<string[]> {
    return this.leftoverStacks;
  }

  async read(location: ResultsLocation, key: string): Promise<string | null> {
    if (location.provider !== "aws") throw new Error("the fake cloud is AWS-shaped");
    return this.objects.get(`${location.bucket}/${location.prefix}${key}`) ?? null;
  }

  private async runMachine(target: PreparedTarget, location: Extract<ResultsLocation, { provider: "aws" }>, behaviour: MachineBehaviour): Promise<void> {
    const write = (key: string, value: string) => this.objects.set(`${location.bucket}/${location.prefix}${key}`, value);
    await this.timer.sleep(60_000);
    write(PHASE_OBJECTS.installing, "t installing");
    if (behaviour.kind === "never-done") return;
    await this.timer.sleep(180_000);
    write(PHASE_OBJECTS.benchmarking, "t benchmarking");
    await this.timer.sleep(120_000);
    if (behaviour.kind === "fails-on-machine") {
      write(LOG_OBJECT, `installing…\nwattplan: ${behaviour.reason}\n`);
      write(PHASE_OBJECTS.failed, `2026-01-01T00:00:00Z ${behaviour.reason}`);
      return;
    }
    write(PHASE_OBJECTS.uploading, "t uploading");
    const profile = behaviour.kind === "measures" && behaviour.profile ? behaviour.profile(target) : profileMeasuredOn(target.instanceType);
    write(PROFILE_OBJECT, JSON.stringify(profile));
    write(LOG_OBJECT, "bench log\n");
    write(PHASE_OBJECTS.done, "t done");
  }

  private log(event: CloudEvent["event"], target: string): void {
    this.events.push({ atMs: this.timer.nowMs(), event, target });
  }
}

export function profileMeasuredOn(instanceType: string): ModelProfile {
  return { ...FIXTURE_PROFILE, host: { ...FIXTURE_PROFILE.host, instanceType } };
}
