import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { contiguousHourBlocks, scheduledScaling } from "../../src/schedule/scaling-recurrences.ts";
import { windowsTimeZoneByIana, windowsTimeZoneFor } from "../../src/schedule/windows-time-zones.ts";

describe("contiguousHourBlocks", () => {
  it("merges runs, including one across midnight", () => {
    expect(contiguousHourBlocks([22, 23, 0, 1, 5])).toEqual([{ startHour: 5, durationHours: 1 }, { startHour: 22, durationHours: 4 }]);
    expect(contiguousHourBlocks([3, 4, 5])).toEqual([{ startHour: 3, durationHours: 3 }]);
    expect(contiguousHourBlocks([])).toEqual([]);
    expect(contiguousHourBlocks(Array.from({ length: 24 }, (_, hour) => hour))).toEqual([{ startHour: 0, durationHours: 24 }]);
  });

  it("covers exactly the hours given, with blocks that neither touch nor overlap", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { maxLength: 24 }), (hours) => {
        const blocks = contiguousHourBlocks(hours);
        const covered = blocks.flatMap((block) => Array.from({ length: block.durationHours }, (_, index) => (block.startHour + index) % 24));
        expect([...covered].sort((a, b) => a - b)).toEqual([...hours].sort((a, b) => a - b));
        if (blocks.length > 1) {
          for (const block of blocks) expect(hours).not.toContain((block.startHour + block.durationHours) % 24);
        }
      }),
    );
  });
});

describe("scheduledScaling", () => {
  const scaling = scheduledScaling([22, 23, 0, 1, 5], "Europe/Stockholm", { activeInstances: 3, idleInstances: 0, maxInstances: 4 });

  it("gives AWS a scale-out and a scale-in action per block, cron in the IANA zone", () => {
    expect(scaling.aws).toEqual([
      { scheduledActionName: "wattplan-batch-start-0500-0600", recurrence: "0 5 * * *", timeZone: "Europe/Stockholm", minSize: 3, maxSize: 4, desiredCapacity: 3 },
      { scheduledActionName: "wattplan-batch-stop-0500-0600", recurrence: "0 6 * * *", timeZone: "Europe/Stockholm", minSize: 0, maxSize: 4, desiredCapacity: 0 },
      { scheduledActionName: "wattplan-batch-start-2200-0200", recurrence: "0 22 * * *", timeZone: "Europe/Stockholm", minSize: 3, maxSize: 4, desiredCapacity: 3 },
      { scheduledActionName: "wattplan-batch-stop-2200-0200", recurrence: "0 2 * * *", timeZone: "Europe/Stockholm", minSize: 0, maxSize: 4, desiredCapacity: 0 },
    ]);
  });

  it("gives GCP scaling schedules with cron, duration and IANA zone", () => {
    expect(scaling.gcp.map(({ name, schedule, timeZone, durationSec, minRequiredReplicas }) => ({ name, schedule, timeZone, durationSec, minRequiredReplicas }))).toEqual([
      { name: "wattplan-batch-0500-0600", schedule: "0 5 * * *", timeZone: "Europe/Stockholm", durationSec: 3600, minRequiredReplicas: 3 },
      { name: "wattplan-batch-2200-0200", schedule: "0 22 * * *", timeZone: "Europe/Stockholm", durationSec: 14_400, minRequiredReplicas: 3 },
    ]);
  });

  it("gives Azure active and idle profiles recurring every day in the Windows zone name", () => {
    expect(scaling.azure.map((profile) => [profile.name, profile.recurrence.schedule.hours[0], profile.capacity.default])).toEqual([
      ["wattplan-batch-active-0500-0600", 5, "3"],
      ["wattplan-batch-idle-0500-0600", 6, "0"],
      ["wattplan-batch-active-2200-0200", 22, "3"],
      ["wattplan-batch-idle-2200-0200", 2, "0"],
    ]);
    for (const profile of scaling.azure) {
      expect(profile.recurrence).toMatchObject({ frequency: "Week", schedule: { timeZone: "W. Europe Standard Time", minutes: [0] } });
      expect(profile.recurrence.schedule.days).toHaveLength(7);
    }
  });

  it("rejects fleet sizes that make no sense", () => {
    expect(() => scheduledScaling([1], "UTC", { activeInstances: 0, idleInstances: 0 })).toThrow(/at least 1/);
    expect(() => scheduledScaling([1], "UTC", { activeInstances: 3, idleInstances: 0, maxInstances: 2 })).toThrow(/below activeInstances/);
  });
});

describe("Windows time-zone names", () => {
  it("cover the time zone of every catalog region (Azure's above all)", () => {
    const missing = [...new Set(loadCatalog().regions.map((region) => region.timeZone))].filter((zone) => !(zone in windowsTimeZoneByIana));
    expect(missing).toEqual([]);
  });

  it("says which zone is missing", () => {
    expect(windowsTimeZoneFor("America/Sao_Paulo")).toBe("E. South America Standard Time");
    expect(() => windowsTimeZoneFor("Antarctica/Troll")).toThrow(/no Windows time-zone name known for 'Antarctica\/Troll'/);
  });
});
