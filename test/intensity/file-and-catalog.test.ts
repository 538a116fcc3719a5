import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CatalogIntensitySource } from "../../src/intensity/catalog-source.ts";
import { createIntensitySource, parseIntensitySourceSpec } from "../../src/intensity/create-source.ts";
import { FileIntensitySource } from "../../src/intensity/file-source.ts";
import { WattplanError } from "../../src/errors.ts";
import { manualClock } from "./fake-server.ts";
import { fixtureForecastPath, region, temporaryDirectory } from "./helpers.ts";
import { fileURLToPath } from "node:url";

let directory: ReturnType<typeof temporaryDirectory> | undefined;
afterEach(() => {
  directory?.remove();
  directory = undefined;
});

function writeTemporary(name: string, text: string): string {
  directory ??= temporaryDirectory();
  const path = join(directory.path, name);
  writeFileSync(path, text);
  return path;
}

const clock = manualClock("2026-06-01T00:10:00Z");

describe("catalog source", () => {
  it("is a flat profile at the region's yearly figure, said plainly", async () => {
    const stockholm = region("eu-north-1");
    const series = await new CatalogIntensitySource({ now: clock.now }).forecast(stockholm, 24);
    expect(series.points).toHaveLength(24);
    expect(new Set(series.points.map((point) => point.gCo2ePerKwh))).toEqual(new Set([stockholm.intensity.lifecycle.value]));
    expect(series.metadata).toMatchObject({ source: "catalog", signal: "average", basis: "lifecycle", origin: "annual-figure", zone: "EM:SE-SE3", warnings: [] });
    expect(series.metadata.description).toMatch(/flat profile.*2024 yearly lifecycle average.*the same value every hour/);
  });

  it("uses the operational figure when asked, and says so when a region has none", async () => {
    const source = new CatalogIntensitySource({ basis: "operational", now: clock.now });
    const gcp = await source.latest(region("europe-north2"));
    expect(gcp.metadata.basis).toBe("operational");
    expect(gcp.points[0].gCo2ePerKwh).toBe(region("europe-north2").intensity.operational?.value);
    const aws = await source.latest(region("eu-north-1"));
    expect(aws.metadata.basis).toBe("lifecycle");
    expect(aws.metadata.warnings[0]).toContain("no operational figure");
  });
});

describe("file source", () => {
  it("reads a CSV of hourly values and averages sub-hourly rows", async () => {
    const path = writeTemporary("intensity.csv", "# my meter\nstartsAt,gCo2ePerKwh\n2026-06-01T00:00:00Z,100\n2026-06-01T00:30:00Z,120\n2026-06-01T01:00:00Z,90\n");
    const series = await new FileIntensitySource({ path, now: clock.now }).forecast(region("eu-central-1"), 24);
    expect(series.points).toEqual([
      { startsAt: "2026-06-01T00:00:00.000Z", gCo2ePerKwh: 110 },
      { startsAt: "2026-06-01T01:00:00.000Z", gCo2ePerKwh: 90 },
    ]);
    expect(series.metadata).toMatchObject({ source: "file", origin: "file", signal: "average" });
    expect(series.metadata.warnings[0]).toContain("covers 2 of the next 24 hours");
  });

  it("reads JSON with its own signal and basis, and a saved Electricity Maps forecast", async () => {
    const path = writeTemporary("marginal.json", JSON.stringify({ signal: "marginal", basis: "marginal", zone: "mine", points: [{ startsAt: "2026-06-01T00:00:00Z", gCo2ePerKwh: 500 }] }));
    const marginal = await new FileIntensitySource({ path, now: clock.now }).latest(region("eu-central-1"));
    expect(marginal.metadata).toMatchObject({ signal: "marginal", basis: "marginal", zone: "mine" });
    const saved = await createIntensitySource(`file:${fileURLToPath(fixtureForecastPath)}`, { now: clock.now }).forecast(region("eu-central-1"), 48);
    expect(saved.points).toHaveLength(48);
    expect(saved.metadata.zone).toBe("EM:DE");
  });

  it("uses a file's own hours when they are not the coming ones, with a warning", async () => {
    const later = manualClock("2027-01-01T00:00:00Z");
    const series = await new FileIntensitySource({ path: fileURLToPath(fixtureForecastPath), now: later.now }).forecast(region("eu-central-1"), 24);
    expect(series.points[0].startsAt).toBe("2026-06-01T00:00:00.000Z");
    expect(series.metadata.warnings[0]).toContain("does not cover the coming hours");
  });

  it("fails with one line naming the file and the problem", async () => {
    const missing = new FileIntensitySource({ path: "no-such-file.csv" });
    await expect(missing.latest(region("eu-central-1"))).rejects.toThrow(/intensity file not found: no-such-file.csv/);
    const badValue = writeTemporary("bad.csv", "time,value\n2026-06-01T00:00:00Z,abc\n");
    await expect(new FileIntensitySource({ path: badValue }).latest(region("eu-central-1"))).rejects.toThrow(/line 2: value 'abc' is not a number/);
    const badColumns = writeTemporary("columns.csv", "when,howmuch\n1,2\n");
    await expect(new FileIntensitySource({ path: badColumns }).latest(region("eu-central-1"))).rejects.toBeInstanceOf(WattplanError);
  });
});

describe("source names", () => {
  it("parses the names the CLI accepts and suggests close ones", () => {
    expect(parseIntensitySourceSpec("ElectricityMaps")).toEqual({ name: "electricitymaps" });
    expect(parseIntensitySourceSpec("file:./x.csv")).toEqual({ name: "file", path: "./x.csv" });
    expect(() => parseIntensitySourceSpec("wattime")).toThrow(/did you mean watttime/);
  });
});
