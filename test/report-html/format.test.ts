import { describe, expect, it } from "vitest";
import { formatFlops, formatGrams, formatInteger, formatSignificant, formatSignedPercent, formatUsd, massUnitFor } from "../../src/report/html/format.ts";

describe("report number formatting", () => {
  it("keeps three significant digits and the zeros that make columns line up", () => {
    expect(formatSignificant(1.4)).toBe("1.40");
    expect(formatSignificant(0.44206)).toBe("0.442");
    expect(formatSignificant(1116.9)).toBe("1,117");
    expect(formatSignificant(-24.04)).toBe("\u221224.0");
    expect(formatInteger(72012)).toBe("72,012");
  });

  it("writes carbon per inference in the unit that reads best", () => {
    expect(massUnitFor(7.11e-5).label).toBe("µg");
    expect(formatGrams(7.11e-5)).toBe("71.1 µg");
    expect(formatGrams(1.40175e-6)).toBe("1.40 µg");
    expect(formatGrams(0.0214)).toBe("21.4 mg");
    expect(formatGrams(22_400)).toBe("22.4 kg");
  });

  it("spells out signs, units and missing values", () => {
    expect(formatUsd(636)).toBe("$636");
    expect(formatUsd(-480.9)).toBe("\u2212$481");
    expect(formatSignedPercent(4.2)).toBe("+4.20 %");
    expect(formatSignedPercent(-66.77)).toBe("\u221266.8 %");
    expect(formatSignedPercent(null)).toBe("n/a");
    expect(formatFlops(8.2e9)).toBe("8.20 GFLOP");
  });
});
