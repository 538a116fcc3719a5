// A batch plan's schedule travels into the stack config with the chosen candidate, and only with it.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Plan } from "../../src/domain/plan.ts";
import { WattplanError } from "../../src/errors.ts";
import { emitStack } from "../../src/emit/emit-stack.ts";
import { parseStackConfig } from "../../src/infra/read-config.ts";
import { fixturePlan, scheduleFor, temporaryDirectory, writePlan } from "./helpers.ts";

let directory: { path: string; cleanUp: () => Promise<void> };
beforeEach(async () => {
  directory = await temporaryDirectory();
});
afterEach(async () => {
  await directory.cleanUp();
});

async function emitPlan(plan: Plan, candidate?: string) {
  const planPath = await writePlan(directory.path, plan);
  const result = await emitStack({ planPath, stackName: "batch", stacksDirectory: directory.path, candidate });
  const config = (parse(await readFile(join(directory.path, "Pulumi.batch.yaml"), "utf8")) as { config: Record<string, unknown> }).config;
  return { result, config };
}

describe("emit with a batch schedule", () => {
  it("writes wattplan:schedule for the chosen candidate; the program reads it back", async () => {
    const plan = { ...(await fixturePlan()), schedule: scheduleFor("Europe/Stockholm") };
    const { result, config } = await emitPlan(plan);
    expect(config["wattplan:schedule"]).toEqual({ hoursOfDay: [23, 0], timeZone: "Europe/Stockholm", activeInstances: 3, idleInstances: 0 });
    expect(result.config.schedule).toEqual(config["wattplan:schedule"]);
    const raw = Object.fromEntries(
      Object.entries(config)
        .filter(([key]) => key.startsWith("wattplan:"))
        .map(([key, value]) => [key.slice("wattplan:".length), typeof value === "string" ? value : JSON.stringify(value)]),
    );
    expect(parseStackConfig(raw).schedule?.hoursOfDay).toEqual([23, 0]);
  });

  it("leaves the schedule out for another candidate, and a re-emit without one removes it", async () => {
    const plan = { ...(await fixturePlan()), schedule: scheduleFor("Europe/Stockholm") };
    await emitPlan(plan);
    const { config } = await emitPlan(plan, "2");
    expect(config["wattplan:schedule"]).toBeUndefined();
    await emitPlan(plan);
    const { config: again } = await emitPlan({ ...plan, schedule: undefined });
    expect(again["wattplan:schedule"]).toBeUndefined();
  });

  it("refuses an Azure schedule in a time zone it has no Windows name for, in one line", async () => {
    const base = await fixturePlan();
    const azure = base.alternatives.find((candidate) => candidate.provider === "azure")!;
    const plan: Plan = { ...base, chosen: { ...azure, rank: 1 }, alternatives: [], schedule: scheduleFor("America/Argentina/Cordoba") };
    const error = await emitPlan(plan).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WattplanError);
    expect((error as WattplanError).message).toContain("no Windows time-zone name known for 'America/Argentina/Cordoba'");
  });
});
