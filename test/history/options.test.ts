import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { parseDateOption, parsePercentOption } from "../../src/cli/history-options.ts";
import { monthLabel, monthTicks } from "../../src/report/history/time-ticks.ts";

describe("the history commands' options", () => {
  it("--tolerance and --max-regression take 5, 5% or 5 %", () => {
    expect(["5", "5%", "5 %", "12.5"].map(parsePercentOption)).toEqual([5, 5, 5, 12.5]);
    for (const bad of ["-5", "five", "", "5%%"]) expect(() => parsePercentOption(bad)).toThrow(InvalidArgumentError);
  });

  it("--now takes a calendar date (midnight UTC) or an ISO date-time, and refuses a day that does not exist", () => {
    expect(parseDateOption("2025-03-01")).toBe("2025-03-01T00:00:00.000Z");
    expect(parseDateOption("2025-03-01T12:30:00+02:00")).toBe("2025-03-01T10:30:00.000Z");
    for (const bad of ["2025-02-30", "March 1", "1740873600000", "2025-13-01"]) expect(() => parseDateOption(bad)).toThrow(InvalidArgumentError);
  });
});

describe("the chart's time axis", () => {
  it("ticks on month starts, every 1, 2, 3, 6 or 12 months so there are at most seven, aligned to the calendar", () => {
    const ticks = (from: string, to: string) => monthTicks(Date.parse(from), Date.parse(to)).map((tick) => new Date(tick).toISOString().slice(0, 7));
    expect(ticks("2025-01-10", "2025-04-20")).toEqual(["2025-02", "2025-03", "2025-04"]);
    expect(ticks("2024-12-20", "2026-01-05")).toEqual(["2025-01", "2025-03", "2025-05", "2025-07", "2025-09", "2025-11", "2026-01"]);
    expect(ticks("2020-01-01", "2025-01-01")).toEqual(["2020-01", "2021-01", "2022-01", "2023-01", "2024-01", "2025-01"]);
    expect(monthLabel(Date.UTC(2025, 2, 1))).toBe("Mar 2025");
  });
});
