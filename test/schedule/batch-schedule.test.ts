import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WattplanError } from "../../src/errors.ts";
import type { IntensityPoint } from "../../src/domain/intensity.ts";
import { scheduleBatchWork } from "../../src/schedule/batch-schedule.ts";
import { windowHoursOfDay } from "../../src/schedule/local-time.ts";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/intensity/electricitymaps-forecast-DE-48h.json", import.meta.url), "utf8")) as {
  forecast: Array<{ carbonIntensity: number; datetime: string }>;
};
const forecast: IntensityPoint[] = fixture.forecast.map((point) => ({ startsAt: point.datetime, gCo2ePerKwh: point.carbonIntensity }));
const berlinDay = { start: "06:00", end: "22:00", timeZone: "Europe/Berlin" };

describe("window hours", () => {
  it("lists whole hours in window order, across midnight, and the whole day for equal ends", () => {
    expect(windowHoursOfDay("22:00", "06:00")).toEqual([22, 23, 0, 1, 2, 3, 4, 5]);
    expect(windowHoursOfDay("22:30", "01:15")).toEqual([23, 0]);
    expect(windowHoursOfDay("00:00", "00:00")).toHaveLength(24);
    expect(windowHoursOfDay("10:15", "10:45")).toEqual([]);
  });
});

describe("scheduleBatchWork", () => {
  it("picks the cleanest forecast hours of the window that fit the volume (the fixture's solar dip)", () => {
    // 50/s is 180,000 an hour: 810,000 a day needs 4.5 hours.
    const schedule = scheduleBatchWork({ forecast, window: berlinDay, inferencesPerDay: 810_000, fleetCapacityRps: 50 });
    expect(schedule.hoursOfDay).toEqual([11, 12, 13, 14, 15]);
    expect(schedule.immediateHoursOfDay).toEqual([6, 7, 8, 9, 10]);
    expect(schedule.forecastDate).toBe("2026-06-01");
    expect(schedule.timeZone).toBe("Europe/Berlin");
    expect(schedule.hoursNeeded).toBe(4.5);
    // The half-used hour is the dirtiest chosen one (11:00 local, 205 g/kWh).
    expect(schedule.hours.find((hour) => hour.hourOfDay === 11)?.chosenLoad).toBe(0.5);
    // Chosen: 183 + 187 + 189 + 200 + 0.5 × 205 = 861.5; at once: 383 + 340 + 298 + 260 + 0.5 × 229 = 1395.5.
    expect(schedule.chosenMeanGCo2ePerKwh).toBeCloseTo(861.5 / 4.5, 2);
    expect(schedule.immediateMeanGCo2ePerKwh).toBeCloseTo(1395.5 / 4.5, 2);
    expect(schedule.expectedSavingPercent).toBe(38.3);
    expect(schedule.warnings).toEqual([]);
  });

  it("states the saving in grams when given the energy per inference", () => {
    // 3.6 J per inference: 180,000 an hour is 0.18 kWh per full hour.
    const schedule = scheduleBatchWork({ forecast, window: berlinDay, inferencesPerDay: 810_000, fleetCapacityRps: 50, energyPerInferenceJ: 3.6 });
    expect(schedule.chosenGCo2ePerDay).toBeCloseTo(861.5 * 0.18, 3);
    expect(schedule.savedGCo2ePerDay).toBeCloseTo((1395.5 - 861.5) * 0.18, 3);
  });

  it("handles a window across midnight, dated by the evening it starts", () => {
    const schedule = scheduleBatchWork({ forecast, window: { start: "22:00", end: "06:00", timeZone: "Europe/Berlin" }, inferencesPerDay: 180_000 * 2, fleetCapacityRps: 50 });
    expect(schedule.forecastDate).toBe("2026-06-01");
    expect(schedule.window.hoursOfDay).toEqual([22, 23, 0, 1, 2, 3, 4, 5]);
    // Night values 22:00..05:00 local are 386, 374, 365, 365, 377, 377, 377, 378: the two 365s after midnight.
    expect(schedule.hoursOfDay).toEqual([0, 1]);
  });

  it("skips a window occurrence broken by a clock change and uses the next day's", () => {
    // Berlin skips 02:00 on 2026-03-29 (01:00Z is already 03:00 CEST); 01:00-04:00 is whole again on the 30th.
    const start = Date.parse("2026-03-29T00:00:00Z");
    const springForward = Array.from({ length: 48 }, (_, index) => ({ startsAt: new Date(start + index * 3_600_000).toISOString(), gCo2ePerKwh: 100 + index }));
    const schedule = scheduleBatchWork({ forecast: springForward, window: { start: "01:00", end: "04:00", timeZone: "Europe/Berlin" }, inferencesPerDay: 1000, fleetCapacityRps: 1 });
    expect(schedule.forecastDate).toBe("2026-03-30");
    expect(schedule.hours.map((hour) => hour.hourOfDay)).toEqual([1, 2, 3]);
    expect(schedule.hoursOfDay).toEqual([1]);
  });

  it("refuses a volume the window cannot hold, saying how much fits", () => {
    const attempt = () => scheduleBatchWork({ forecast, window: berlinDay, inferencesPerDay: 3_000_000, fleetCapacityRps: 50 });
    expect(attempt).toThrow(WattplanError);
    expect(attempt).toThrow(/16 whole hours.*fits 2,880,000 inferences a day.*3,000,000 asked for/);
    try {
      attempt();
    } catch (error) {
      expect((error as WattplanError).code).toBe("INFEASIBLE");
    }
  });

  it("falls back to the forecast's typical day when no whole window occurrence is covered", () => {
    // 12:00 local on the first day to 11:00 on the second: every hour of the day, but 10:00-14:00 never whole.
    const schedule = scheduleBatchWork({ forecast: forecast.slice(10, 34), window: { start: "10:00", end: "14:00", timeZone: "Europe/Berlin" }, inferencesPerDay: 180_000, fleetCapacityRps: 50 });
    expect(schedule.warnings[0]).toContain("no whole occurrence");
    const partial = forecast.slice(10, 30); // 12:00 local on the first day to 07:00 on the second
    expect(() => scheduleBatchWork({ forecast: partial, window: { start: "08:00", end: "11:00", timeZone: "Europe/Berlin" }, inferencesPerDay: 1, fleetCapacityRps: 50 })).toThrow(/no value for 08:00, 09:00, 10:00/);
  });

  it("rejects unknown time zones and nonsense numbers with one line", () => {
    expect(() => scheduleBatchWork({ forecast, window: { ...berlinDay, timeZone: "Mars/Olympus" }, inferencesPerDay: 1, fleetCapacityRps: 1 })).toThrow(/unknown time zone 'Mars\/Olympus'/);
    expect(() => scheduleBatchWork({ forecast, window: berlinDay, inferencesPerDay: 1, fleetCapacityRps: 0 })).toThrow(/fleetCapacityRps must be a positive number/);
  });
});
