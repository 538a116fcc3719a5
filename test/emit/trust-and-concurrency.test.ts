// What emit trusts (a plan as wattplan wrote it, a candidate the catalog has) and two emits to one stack at once.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitStack } from "../../src/emit/emit-stack.ts";
import { lockPathFor, withFileLock } from "../../src/io/file-lock.ts";
import { fixturePlan, temporaryDirectory, writeFixturePlan, writePlan } from "./helpers.ts";
import { wattplanRejectionOf } from "../wattplan-error.ts";

let directory: { path: string; cleanUp: () => Promise<void> };
let fixturePlanPath: string;
beforeEach(async () => {
  directory = await temporaryDirectory();
  fixturePlanPath = await writeFixturePlan(directory.path);
});
afterEach(async () => {
  await directory.cleanUp();
});

const emit = (options: Partial<Parameters<typeof emitStack>[0]> = {}) =>
  emitStack({ planPath: fixturePlanPath, stackName: "prod", stacksDirectory: directory.path, ...options });

describe("emit trusts only a plan as wattplan wrote it", () => {
  it("refuses a plan edited after planning (its id no longer matches its content)", async () => {
    const plan = await fixturePlan();
    const planPath = await writePlan(directory.path, { ...plan, chosen: { ...plan.chosen, instances: { ...plan.chosen.instances, max: 70 } } }, "edited.json", { keepId: true });
    const error = await wattplanRejectionOf(emit({ planPath }));
    expect(error.message).toBe(`${planPath} was changed after wattplan wrote it: its id does not match its content`);
    expect(await readdir(directory.path)).toEqual(["edited.json", "plan.json"]);
  });

  it("refuses a region, an instance type or an accelerator the catalog does not have, with the close match", async () => {
    const plan = await fixturePlan();
    const cases: Array<[Partial<typeof plan.chosen>, RegExp]> = [
      [{ region: "eu-nort-1" }, /candidate .*: unknown aws region 'eu-nort-1'; did you mean eu-north-1 .*\(catalog /],
      [{ instanceType: "c7g.2xlarj" }, /unknown instance type 'c7g\.2xlarj'; did you mean c7g\.2xlarge/],
      [{ region: "af-south-1", instanceType: "c7g.2xlarge" }, /c7g\.2xlarge is not offered in aws\/af-south-1|unknown aws region/],
      [{ accelerator: { model: "H100", count: 8, memoryGb: 80 } }, /the plan gives c7g\.2xlarge 8× H100, the catalog no accelerator/],
    ];
    for (const [change, pattern] of cases) {
      const planPath = await writePlan(directory.path, { ...plan, chosen: { ...plan.chosen, ...change } }, "changed.json");
      const error = await wattplanRejectionOf(emit({ planPath }));
      expect(error.code, JSON.stringify(change)).toBe("INVALID_PLAN");
      expect(error.message, JSON.stringify(change)).toMatch(pattern);
    }
  });
});

describe("two emits to one stack at once", () => {
  it("take turns: both --config keys are kept, one says created and the other updated", async () => {
    const results = await Promise.all([emit({ config: ["wattplan:ingressCidr=203.0.113.0/24"] }), emit({ config: ["gcp:project=kept-too"] })]);
    expect(results.map((result) => result.created).sort()).toEqual([false, true]);
    const config = (parse(await readFile(join(directory.path, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> }).config;
    expect(config["wattplan:ingressCidr"]).toBe("203.0.113.0/24");
    expect(config["gcp:project"]).toBe("kept-too");
    // No lock or temporary file left behind: the stack, the artifact it serves and the plan it came from.
    expect(await readdir(directory.path)).toEqual([".artifacts", "Pulumi.prod.yaml", "plan.json"]);
  });

  it("takes over a lock a killed emit left, and waits for a live one, then refuses in one line", async () => {
    const stackPath = join(directory.path, "Pulumi.prod.yaml");
    // pid 2^22 + 1 is above Linux's pid_max ceiling: no process has it.
    await writeFile(lockPathFor(stackPath), JSON.stringify({ pid: 2 ** 22 + 1, host: (await import("node:os")).hostname(), createdAt: "2025-01-01T00:00:00Z" }));
    expect((await emit()).created).toBe(true);

    let release = () => {};
    const held = withFileLock(stackPath, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const error = await wattplanRejectionOf(emit({ lockWaitMs: 200 }));
    expect(error.message).toMatch(new RegExp(`^${stackPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is being written by process ${process.pid} on .* since .*; gave up after 0 s$`));
    release();
    await held;
    expect((await emit()).created).toBe(false);
  });
});
