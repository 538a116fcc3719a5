import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { WattplanError } from "../../src/errors.ts";
import { catalogDirectory } from "./helpers.ts";

const copies: string[] = [];

/** A private copy of the committed catalog with one file changed by `edit`. */
function brokenCopy(fileName: string, edit: (records: any) => void): string {
  const directory = mkdtempSync(join(tmpdir(), "wattplan-catalog-"));
  copies.push(directory);
  cpSync(catalogDirectory, directory, { recursive: true });
  const path = join(directory, fileName);
  const data = JSON.parse(readFileSync(path, "utf8"));
  edit(data);
  writeFileSync(path, JSON.stringify(data));
  return directory;
}

function loadError(directory: string): WattplanError {
  try {
    loadCatalog(directory);
  } catch (error) {
    if (error instanceof WattplanError) return error;
    throw error;
  }
  throw new Error("expected loadCatalog to fail");
}

afterEach(() => {
  for (const directory of copies.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe("loadCatalog on a broken catalog", () => {
  it("names the file, the record and the field of a wrong value", () => {
    let label = "";
    const directory = brokenCopy("regions.json", (regions) => {
      label = `${regions[12].provider}/${regions[12].code}`;
      regions[12].intensity.lifecycle.value = "lots";
    });
    const error = loadError(directory);
    expect(error.code).toBe("INVALID_CATALOG");
    expect(error.message).toContain("regions.json");
    expect(error.message).toContain(`regions[12] ${label}`);
    expect(error.message).toContain("intensity.lifecycle.value");
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("rejects a field the schema does not know", () => {
    const error = loadError(brokenCopy("providers.json", (providers) => (providers[0].pueTypo = 1.2)));
    expect(error.message).toMatch(/providers\.json: providers\[0\] aws: .*pueTypo/);
  });

  it("names a source id that sources.json does not define", () => {
    const error = loadError(brokenCopy("regions.json", (regions) => (regions[3].intensity.lifecycle.source = "no-such-source")));
    expect(error.message).toContain("regions[3]");
    expect(error.message).toContain("intensity.lifecycle.source");
    expect(error.message).toContain("no-such-source");
  });

  it("rejects two regions with the same provider and code", () => {
    const error = loadError(brokenCopy("regions.json", (regions) => regions.push(regions[0])));
    expect(error.message).toMatch(/duplicate of regions\[0\]/);
  });

  it("says when a file is missing or is not JSON", () => {
    const missing = brokenCopy("meta.json", () => undefined);
    unlinkSync(join(missing, "priors.json"));
    expect(loadError(missing).code).toBe("FILE_NOT_FOUND");
    const garbled = brokenCopy("meta.json", () => undefined);
    writeFileSync(join(garbled, "offers.json"), "[{");
    expect(loadError(garbled).message).toMatch(/offers\.json: not valid JSON/);
  });

  it("checks that an offer points at a region that exists", () => {
    const directory = brokenCopy("offers.json", (offers) => {
      if (offers.length === 0) offers.push({ provider: "aws", instanceType: "none", region: "mars-1", usdPerHour: { onDemand: 1 }, source: "electricity-maps-yearly", asOf: "2026" });
      else offers[0].region = "mars-1";
    });
    expect(loadError(directory).message).toMatch(/offers\.json: offers\[0\] .*(region|instanceType)/);
  });
});
