// The batch example end to end: plan examples/batch-spec.yaml on the example forecast (one cloud at a time),
// emit the stack, run the program under mocks and find the scheduled scaling in each cloud's own terms.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { Plan } from "../../src/domain/plan.ts";
import { formatSignedPercent } from "../../src/format/numbers.ts";
import { planFromFiles } from "../../src/load/plan-from-files.ts";
import { formatPlanSummary } from "../../src/report/format-summary.ts";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { byType, emitStackConfig, onlyOne, runProgram } from "./helpers.ts";

const examples = new URL("../../examples/", import.meta.url).pathname;
const forecastPath = join(examples, "forecast-DE-48h.json");
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmockedkeyfortestsonly test@example";

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-batch-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** The example spec restricted to one cloud, planned with the example forecast. */
async function planBatchExample(provider: "aws" | "gcp" | "azure"): Promise<Plan> {
  const spec = parse(await readFile(join(examples, "batch-spec.yaml"), "utf8"));
  spec.model.profile = join(examples, spec.model.profile);
  spec.model.path = join(examples, spec.model.path);
  spec.constraints.providers = [provider];
  // The example's cleanest fleets serve INT8 on NVIDIA GPUs, from a static QDQ model that emit cannot build yet
  // (it refuses them); the schedule does not depend on the precision.
  spec.options.precisions = ["fp32"];
  const specPath = join(directory, `batch-${provider}.yaml`);
  await writeFile(specPath, stringify(spec));
  return planFromFiles(specPath, { intensitySource: `file:${forecastPath}`, now: "2026-06-01T00:00:00.000Z" });
}

/** Hours of the day as contiguous [start, end) blocks, e.g. [12, 13, 14, 15] → [[12, 16]]. */
function blocksOf(hours: number[]): Array<[number, number]> {
  const sorted = [...hours].sort((a, b) => a - b);
  const blocks: Array<[number, number]> = [];
  for (const hour of sorted) {
    const last = blocks[blocks.length - 1];
    if (last && last[1] === hour) last[1] = hour + 1;
    else blocks.push([hour, hour + 1]);
  }
  return blocks;
}

/** Every hour the schedule uses is at least as clean as every window hour it leaves out, and it beats running at once. */
function expectCleanestHours(plan: Plan): void {
  const schedule = plan.schedule!;
  const used = schedule.hours.filter((hour) => hour.chosenLoad > 0);
  const unused = schedule.hours.filter((hour) => hour.chosenLoad === 0);
  expect(used.map((hour) => hour.hourOfDay)).toEqual(schedule.hoursOfDay);
  expect(Math.max(...used.map((hour) => hour.gCo2ePerKwh))).toBeLessThanOrEqual(Math.min(...unused.map((hour) => hour.gCo2ePerKwh)));
  expect(schedule.window.hoursOfDay).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
  expect(schedule.expectedSavingPercent).toBeGreaterThan(0);
  expect(schedule.chosenMeanGCo2ePerKwh).toBeLessThan(schedule.immediateMeanGCo2ePerKwh);
}

describe("the batch example, time-shifted and emitted as scheduled scaling", () => {
  it("AWS: scheduled actions on the group, cron in Europe/Berlin, scaling up for the cleanest hours and to 0 after", { timeout: 60_000 }, async () => {
    const plan = await planBatchExample("aws");
    const schedule = plan.schedule!;
    expect(plan.chosen.provider).toBe("aws");
    expect(schedule.timeZone).toBe("Europe/Berlin");
    expect(schedule.forecastDate).toBe("2026-06-01");
    expectCleanestHours(plan);
    expect(schedule.immediateHoursOfDay[0]).toBe(6);
    expect(schedule.source).toBe("file");
    expect(plan.intensity.hourly).toMatchObject({ source: "file", signal: "average", basis: "lifecycle", zone: "EM:DE", origin: "file", fetchedAt: "2026-06-01T00:00:00.000Z" });
    // The forecast covers the coming 48 hours from the plan's clock: nothing to warn about.
    expect(plan.warnings.filter((warning) => warning.startsWith("grid intensity"))).toEqual([]);

    const saving = `carbon ${formatSignedPercent(-schedule.expectedSavingPercent)} vs running at once`;
    expect(renderMarkdown(plan)).toContain(saving);
    expect(formatPlanSummary(plan, (header, rows) => [header, ...rows].join("\n"))).toContain(saving);

    const stackConfig = await emitStackConfig(plan);
    expect(stackConfig["wattplan:schedule"]).toEqual({ hoursOfDay: schedule.hoursOfDay, timeZone: "Europe/Berlin", activeInstances: schedule.activeInstances, idleInstances: 0 });
    const { resources } = await runProgram(stackConfig);
    const group = onlyOne(resources, "aws:autoscaling/group:Group");
    const actions = byType(resources, "aws:autoscaling/schedule:Schedule");
    // Outside the scheduled hours nothing runs: the group starts at the idle size and the actions scale it.
    expect([group.inputs.minSize, group.inputs.desiredCapacity]).toEqual([0, 0]);
    const blocks = blocksOf(schedule.hoursOfDay);
    expect(actions).toHaveLength(blocks.length * 2);
    for (const [start, end] of blocks) {
      const up = actions.find((action) => action.inputs.recurrence === `0 ${start} * * *`);
      const down = actions.find((action) => action.inputs.recurrence === `0 ${end % 24} * * *`);
      expect(up?.inputs).toMatchObject({ timeZone: "Europe/Berlin", desiredCapacity: schedule.activeInstances, minSize: schedule.activeInstances, autoscalingGroupName: `${group.name}-asg` });
      expect(down?.inputs).toMatchObject({ timeZone: "Europe/Berlin", desiredCapacity: 0, minSize: 0 });
    }
  });

  it("GCP: autoscaler scaling schedules in Europe/Berlin for the chosen hours, minimum 0 outside them", { timeout: 60_000 }, async () => {
    const plan = await planBatchExample("gcp");
    const schedule = plan.schedule!;
    expect(plan.chosen.provider).toBe("gcp");
    expectCleanestHours(plan);
    const { resources } = await runProgram(await emitStackConfig(plan, ["gcp:project=my-project"]));
    const policy = onlyOne(resources, "gcp:compute/regionAutoscaler:RegionAutoscaler").inputs.autoscalingPolicy;
    expect(policy.minReplicas).toBe(0);
    const blocks = blocksOf(schedule.hoursOfDay);
    expect(policy.scalingSchedules).toHaveLength(blocks.length);
    for (const [start, end] of blocks) {
      expect(policy.scalingSchedules).toContainEqual(
        expect.objectContaining({ schedule: `0 ${start} * * *`, timeZone: "Europe/Berlin", durationSec: (end - start) * 3600, minRequiredReplicas: schedule.activeInstances }),
      );
    }
  });

  it("Azure: recurring profiles in 'W. Europe Standard Time' beside the default profile", { timeout: 60_000 }, async () => {
    const plan = await planBatchExample("azure");
    const schedule = plan.schedule!;
    expect(plan.chosen.provider).toBe("azure");
    expectCleanestHours(plan);
    const { resources } = await runProgram(await emitStackConfig(plan, [`wattplan:sshPublicKey=${SSH_KEY}`]));
    const profiles: any[] = onlyOne(resources, "azure-native:monitor:AutoscaleSetting").inputs.profiles;
    const [defaultProfile, ...recurring] = profiles;
    expect(defaultProfile.name).toBe("planned");
    expect(defaultProfile.recurrence).toBeUndefined();
    const blocks = blocksOf(schedule.hoursOfDay);
    expect(recurring).toHaveLength(blocks.length * 2);
    for (const profile of recurring) {
      expect(profile.recurrence).toMatchObject({ frequency: "Week", schedule: { timeZone: "W. Europe Standard Time", minutes: [0] } });
      expect(profile.recurrence.schedule.days).toHaveLength(7);
    }
    for (const [start, end] of blocks) {
      const active = recurring.find((profile) => profile.recurrence.schedule.hours[0] === start);
      const idle = recurring.find((profile) => profile.recurrence.schedule.hours[0] === end % 24);
      expect(active?.capacity).toEqual({ minimum: String(schedule.activeInstances), default: String(schedule.activeInstances), maximum: expect.any(String) });
      expect(idle?.capacity).toMatchObject({ minimum: "0", default: "0" });
    }
  });
});
