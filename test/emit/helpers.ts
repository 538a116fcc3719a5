import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan, PlanBatchSchedule } from "../../src/domain/plan.ts";
import { computePlanId } from "../../src/domain/plan-id.ts";
import { writeFileAtomic } from "../../src/io/atomic-write.ts";
import { fixturePlan } from "../infra/helpers.ts";

/** The fixture plan made for the example model (spec.model.path, model.sha256); see ../infra/helpers.ts. */
export { EXAMPLE_MODEL_PATH, EXAMPLE_MODEL_SHA256, FIXTURE_PLAN_PATH, fixturePlan } from "../infra/helpers.ts";

/** Writes the fixture plan (made for the example model) into `directory`; returns its path. */
export async function writeFixturePlan(directory: string): Promise<string> {
  return writePlan(directory, await fixturePlan());
}

export async function temporaryDirectory(): Promise<{ path: string; cleanUp: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "wattplan-emit-"));
  return { path, cleanUp: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Writes a variant of a plan as wattplan would have saved it: its id recomputed from its content (emit refuses a
 * plan whose id does not match). `{ keepId: true }` writes it as hand-edited.
 */
export async function writePlan(directory: string, plan: object, name = "plan.json", { keepId = false } = {}): Promise<string> {
  const path = join(directory, name);
  await writeFileAtomic(path, JSON.stringify(keepId ? plan : { ...plan, id: computePlanId(plan as Record<string, unknown>) }));
  return path;
}

/** A batch schedule for the fixture plan: 23:00–01:00 in `timeZone`, 3 instances, 0 outside, −46.2 %. */
export function scheduleFor(timeZone: string): PlanBatchSchedule {
  const hours = [22, 23, 0, 1].map((hourOfDay, index) => ({
    hourOfDay,
    startsAt: new Date(Date.UTC(2026, 5, 1, 20 + index)).toISOString(),
    gCo2ePerKwh: [90, 40, 30, 80][index],
    chosenLoad: index === 1 || index === 2 ? 1 : 0,
    immediateLoad: index < 2 ? 1 : 0,
  }));
  return {
    hoursOfDay: [23, 0],
    timeZone,
    window: { start: "22:00", end: "02:00", timeZone, hoursOfDay: [22, 23, 0, 1] },
    forecastDate: "2026-06-01",
    inferencesPerDay: 1_000_000,
    inferencesPerHourCapacity: 500_000,
    windowCapacityInferencesPerDay: 2_000_000,
    hoursNeeded: 2,
    activeInstances: 3,
    idleInstances: 0,
    immediateHoursOfDay: [22, 23],
    chosenMeanGCo2ePerKwh: 35,
    immediateMeanGCo2ePerKwh: 65,
    expectedSavingPercent: 46.2,
    chosenGCo2ePerDay: 70,
    immediateGCo2ePerDay: 130,
    savedGCo2ePerDay: 60,
    source: "file",
    signal: "average",
    basis: "lifecycle",
    hours,
  };
}
