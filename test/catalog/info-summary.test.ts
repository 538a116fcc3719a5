import { describe, expect, it } from "vitest";
import { catalogInfo, endOfPeriod } from "../../src/catalog/info.ts";
import { loadCatalog } from "../../src/catalog/load.ts";
import { catalogSummary } from "../../src/catalog/summary.ts";

const catalog = loadCatalog();

describe("catalogInfo", () => {
  it("reads a partial date as the end of its period", () => {
    expect(endOfPeriod("2024").toISOString().slice(0, 10)).toBe("2024-12-31");
    expect(endOfPeriod("2024-02").toISOString().slice(0, 10)).toBe("2024-02-29");
    expect(endOfPeriod("2025-06-18").toISOString().slice(0, 10)).toBe("2025-06-18");
  });

  it("warns about figures older than 18 months, relative to the given day", () => {
    const fresh = catalogInfo(catalog, new Date("2026-02-05T00:00:00Z"));
    const later = catalogInfo(catalog, new Date("2030-01-01T00:00:00Z"));
    const electricityMaps = (info: typeof fresh) => info.sources.find((source) => source.id === "electricity-maps-yearly");
    expect(electricityMaps(fresh)?.staleFigures).toBe(0);
    expect(electricityMaps(later)?.staleFigures).toBe(electricityMaps(later)?.figures);
    expect(later.warnings.some((warning) => warning.includes("'electricity-maps-yearly'") && warning.includes("18 months"))).toBe(true);
  });

  it("dates every source that figures cite", () => {
    const info = catalogInfo(catalog, new Date("2026-11-28T00:00:00Z"));
    for (const source of info.sources.filter((entry) => entry.figures > 0)) expect(source.oldestAsOf, source.id).not.toBeNull();
  });
});

describe("catalogSummary", () => {
  it("lists the five cleanest regions per provider, cleanest first, with basis and year", () => {
    const summary = catalogSummary(catalog);
    for (const provider of ["aws", "azure", "gcp"]) {
      const rows = summary.cleanestRegions.filter((row) => row.provider === provider);
      expect(rows).toHaveLength(5);
      expect(rows.map((row) => row.gCo2ePerKwh)).toEqual(rows.map((row) => row.gCo2ePerKwh).sort((a, b) => a - b));
      for (const row of rows) expect([row.basis, row.year]).toEqual(["lifecycle", 2024]);
    }
  });

  it("finds a cleanest region no dirtier and a cheapest region no dearer than the other", () => {
    const summary = catalogSummary(catalog);
    expect(summary.instanceTypes.length).toBeGreaterThan(0);
    for (const row of summary.instanceTypes) {
      expect(row.cleanest.gCo2ePerKwh).toBeLessThanOrEqual(row.cheapest.gCo2ePerKwh);
      expect(row.cheapest.usdPerHour).toBeLessThanOrEqual(row.cleanest.usdPerHour);
    }
  });
});
