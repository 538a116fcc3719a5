import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clip } from "../../src/format/clip.ts";
import {
  formatBytes,
  formatGrams,
  formatInteger,
  formatTick,
  massUnitFor,
  formatCount,
  formatFlops,
  formatPlain,
  formatPue,
  formatRange,
  formatSignedPercent,
  formatSignedUsd,
  formatSignedValue,
  formatSignificant,
  formatUsd,
  formatUsdPerHour,
  formatValue,
  MINUS,
} from "../../src/format/numbers.ts";

describe("number formatting", () => {
  it("keeps three significant digits, whole numbers whole, grouped by thousands", () => {
    expect(formatSignificant(22.4)).toBe("22.4");
    expect(formatSignificant(0.0000711)).toBe("0.0000711");
    expect(formatSignificant(1116.9)).toBe("1,117");
    expect(formatSignificant(1234567.8)).toBe("1,234,568");
    expect(formatSignificant(0.5)).toBe("0.5");
    expect(formatSignificant(1.68e-8)).toBe("1.68e-8");
  });

  it("writes money as a reviewer reads it", () => {
    expect(formatUsd(1116.9)).toBe("$1,117");
    expect(formatUsd(38.2)).toBe("$38");
    expect(formatUsd(5.5)).toBe("$5.50");
    expect(formatUsd(0.2904)).toBe("$0.29");
    expect(formatSignedUsd(-480.9)).toBe(`${MINUS}$481`);
    expect(formatSignedUsd(38.2)).toBe("+$38");
    expect(formatSignedUsd(0.001)).toBe("+$0.001");
    expect(formatSignedUsd(0)).toBe("±$0");
  });

  it("keeps the four digits price lists publish in an hourly price, where a monthly sum keeps cents", () => {
    expect(formatUsdPerHour(0.2904)).toBe("$0.2904");
    expect(formatUsdPerHour(0.0955)).toBe("$0.0955");
    expect(formatUsdPerHour(0.0083764275)).toBe("$0.008376");
    expect(formatUsdPerHour(1.2)).toBe("$1.2");
    expect(formatUsdPerHour(186.608)).toBe("$186.6");
    expect(formatUsdPerHour(-0.5)).toBe(`${MINUS}$0.5`);
  });

  it("writes PUE as published, without cutting a finer figure to two decimals", () => {
    expect(formatPue(1.135)).toBe("1.135");
    expect(formatPue(1.09)).toBe("1.09");
    expect(formatPue(1.1)).toBe("1.1");
  });

  it("writes changes with a sign and a unit, and percentages whole from 1 %", () => {
    expect(formatSignedValue(-412.3, "kgCO2e")).toBe(`${MINUS}412 kgCO2e`);
    expect(formatSignedPercent(-70.6)).toBe(`${MINUS}71 %`);
    expect(formatSignedPercent(0.44)).toBe("+0.4 %");
    expect(formatSignedPercent(0.01)).toBe("±0 %");
    expect(formatSignedPercent(null)).toBe("n/a");
    expect(formatFlops(8.2e9)).toBe("8.2 GFLOP");
  });

  it("never shows a sign that disagrees with the value", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (value) => {
        const text = formatSignedValue(value, "ms");
        if (value > 0) expect(text.startsWith("+") || text.startsWith("±")).toBe(true);
        if (value < 0) expect(text.startsWith(MINUS) || text.startsWith("±")).toBe(true);
        expect(text.replace(/e-\d+/, "")).not.toContain("-"); // the typographic minus (exponents aside)
        expect(text).not.toContain("NaN");
      }),
      { numRuns: 300 },
    );
  });
});

describe("grams of CO2e per inference", () => {
  it("reads in the unit that puts one to three digits before the point, and ranges share the larger end's unit", () => {
    expect(formatValue(0.00000284, "gCO2e")).toBe("2.84 µgCO2e");
    expect(formatValue(0.000214, "gCO2e")).toBe("214 µgCO2e");
    expect(formatValue(0.0214, "gCO2e")).toBe("21.4 mgCO2e");
    expect(formatValue(0.5, "gCO2e")).toBe("500 mgCO2e");
    expect(formatValue(22_400, "gCO2e")).toBe("22.4 kgCO2e");
    expect(formatSignedValue(-0.0000171, "gCO2e")).toBe("−17.1 µgCO2e");
    expect(formatRange(0.0000569, 0.0000924, "gCO2e")).toBe("56.9–92.4 µgCO2e");
    expect(formatValue(22.4, "kgCO2e")).toBe("22.4 kgCO2e");
  });

  it("picks one mass unit for a column and writes grams in it", () => {
    expect(massUnitFor(7.11e-5).label).toBe("µg");
    expect(massUnitFor(0.9996e-3).label).toBe("mg"); // rounds to 1.00 mg, so not "1,000 µg"
    expect(formatGrams(7.11e-5)).toBe("71.1 µg");
    expect(formatGrams(1.40175e-6)).toBe("1.4 µg");
    expect(formatGrams(0.0214)).toBe("21.4 mg");
    expect(formatGrams(22_400)).toBe("22.4 kg");
    expect(formatGrams(0.0214, massUnitFor(1e-5))).toBe("21,400 µg");
  });

  it("writes counts whole and axis ticks with the decimals their step needs", () => {
    expect(formatInteger(72012)).toBe("72,012");
    expect(formatTick(0.15000000000000002, 0.05)).toBe("0.15");
    expect(formatTick(1200, 200)).toBe("1,200");
    expect(formatTick(-2, 1)).toBe(`${MINUS}2`);
  });

  it("writes catalog figures plainly, counts and bytes with their suffixes", () => {
    expect(formatPlain(1024, 2)).toBe("1024");
    expect(formatPlain(0.3456, 2)).toBe("0.35");
    expect(formatPlain(2.5, 2)).toBe("2.5");
    expect(formatCount(11_700)).toBe("11.7k");
    expect(formatCount(1_590_000)).toBe("1.59M");
    expect(formatCount(512)).toBe("512");
    expect(formatBytes(3.1 * 1024 ** 2)).toBe("3.1 MiB");
    expect(formatBytes(46_285)).toBe("45.2 KiB");
    expect(formatBytes(900)).toBe("900 B");
  });

  it("clips long text with an ellipsis, within the length given", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("a very long licence name", 10)).toBe("a very lo…");
    expect(clip("a very long licence name", 10)).toHaveLength(10);
  });
});
