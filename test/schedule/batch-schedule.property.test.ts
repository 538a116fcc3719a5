import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WattplanError } from "../../src/errors.ts";
import { scheduleBatchWork } from "../../src/schedule/batch-schedule.ts";
import { windowHoursOfDay } from "../../src/schedule/local-time.ts";
import { checkedCases } from "../checked-cases.ts";

const timeZones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"];
const clock = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

const scenario = fc.record({
  startHourUtc: fc.integer({ min: 0, max: 23 }),
  // Any day of the year, so clock changes (Berlin, New York, Sydney) fall inside some forecasts.
  startDay: fc.integer({ min: 0, max: 364 }),
  values: fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 48, maxLength: 48 }),
  windowStart: fc.integer({ min: 0, max: 23 }),
  windowEnd: fc.integer({ min: 0, max: 23 }),
  timeZone: fc.constantFrom(...timeZones),
  fleetCapacityRps: fc.double({ min: 0.1, max: 500, noNaN: true }),
  inferencesPerDay: fc.double({ min: 1, max: 2e7, noNaN: true }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run(input: Scenario) {
  const start = Date.UTC(2026, 0, 1 + input.startDay, input.startHourUtc);
  const forecast = input.values.map((value, index) => ({ startsAt: new Date(start + index * 3_600_000).toISOString(), gCo2ePerKwh: value }));
  const window = { start: clock(input.windowStart), end: clock(input.windowEnd), timeZone: input.timeZone };
  return { window, call: () => scheduleBatchWork({ forecast, window, inferencesPerDay: input.inferencesPerDay, fleetCapacityRps: input.fleetCapacityRps }) };
}

describe("scheduleBatchWork properties", () => {
  it("chosen hours fit the volume, stay in the window, and are never worse than running at once", () => {
    const cases = checkedCases();
    fc.assert(
      fc.property(scenario, (input) => {
        const { window, call } = run(input);
        const windowHours = windowHoursOfDay(window.start, window.end);
        const perHour = input.fleetCapacityRps * 3600;
        if (input.inferencesPerDay > perHour * windowHours.length * (1 + 1e-9)) {
          expect(call).toThrow(WattplanError);
          return;
        }
        const schedule = call();
        cases.checked();
        // Fits: the chosen hours hold the daily volume.
        expect(schedule.hoursOfDay.length * perHour).toBeGreaterThanOrEqual(input.inferencesPerDay * (1 - 1e-9));
        // Within the window.
        for (const hour of schedule.hoursOfDay) expect(windowHours).toContain(hour);
        expect(new Set(schedule.hoursOfDay).size).toBe(schedule.hoursOfDay.length);
        // Never worse than starting at once: same energy, intensity no higher.
        expect(schedule.expectedSavingPercent).toBeGreaterThanOrEqual(0);
        expect(schedule.chosenMeanGCo2ePerKwh).toBeLessThanOrEqual(schedule.immediateMeanGCo2ePerKwh + 0.01);
        // Cleanest first: no unused window hour is cleaner than a fully used one.
        const used = schedule.hours.filter((hour) => hour.chosenLoad === 1).map((hour) => hour.gCo2ePerKwh);
        const unused = schedule.hours.filter((hour) => hour.chosenLoad === 0).map((hour) => hour.gCo2ePerKwh);
        if (used.length > 0 && unused.length > 0) expect(Math.min(...unused)).toBeGreaterThanOrEqual(Math.max(...used));
        // Loads add up to the hours needed, both ways.
        const sum = (key: "chosenLoad" | "immediateLoad") => schedule.hours.reduce((total, hour) => total + hour[key], 0);
        expect(sum("chosenLoad")).toBeCloseTo(schedule.hoursNeeded, 4);
        expect(sum("immediateLoad")).toBeCloseTo(schedule.hoursNeeded, 4);
      }),
      { numRuns: 500, seed: 20260101 },
    );
    cases.expectAtLeast(250);
  });
});
