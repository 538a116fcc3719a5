import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { catalogContentVersion, catalogDataFileNames, catalogFileDigest } from "../../src/catalog/files.ts";
import { loadCatalog } from "../../src/catalog/load.ts";
import { expandOfferGroups } from "../../src/catalog/offers-file.ts";
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
    const directory = brokenCopy("offers.json", (groups) => {
      const [firstRegion, prices] = Object.entries(groups[0].regions)[0];
      groups[0].regions = { "mars-1": prices };
      expect(firstRegion).not.toBe("mars-1");
    });
    expect(loadError(directory).message).toMatch(/offers\.json: offers\[0\] .* in mars-1: region: 'mars-1' is not in regions\.json/);
  });

  it("names the group and the region of a wrong price in offers.json, in one line", () => {
    let label = "";
    const directory = brokenCopy("offers.json", (groups) => {
      const region = Object.keys(groups[5].regions)[0];
      label = `offers[5] ${groups[5].provider}/${groups[5].instanceType}: regions.${region}.onDemand`;
      groups[5].regions[region] = { onDemand: "cheap" };
    });
    const error = loadError(directory);
    expect(error.code).toBe("INVALID_CATALOG");
    expect(error.message).toContain(`offers.json: ${label}: `);
    expect(error.message).toContain("expected number");
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("rejects a misspelt field of a region's entry and a group that still lists region per record", () => {
    const typo = brokenCopy("offers.json", (groups) => {
      const detailed = groups.findIndex((group: any) => Object.values(group.regions).some((entry: any) => "usdPerHour" in entry));
      const region = Object.keys(groups[detailed].regions).find((code) => "usdPerHour" in groups[detailed].regions[code])!;
      groups[detailed].regions[region].zone = groups[detailed].regions[region].zones;
    });
    expect(loadError(typo).message).toMatch(/offers\.json: offers\[\d+\] gcp\/[^:]+: regions\.[a-z0-9-]+: .*zone/);
    const oldFormat = brokenCopy("offers.json", (groups) => {
      const { provider, instanceType, source, asOf } = groups[0];
      groups[0] = { provider, instanceType, region: "us-east-1", usdPerHour: { onDemand: 1 }, source, asOf };
    });
    expect(loadError(oldFormat).message).toMatch(/offers\.json: offers\[0\] aws\/\S+: (regions|\(record\))/);
  });

  it("answers a catalog of an older wattplan (flat offers.json, hashing to its own version) with one line, not a crash", () => {
    const directory = brokenCopy("offers.json", (groups) => groups.splice(0, groups.length, ...expandOfferGroups(groups)));
    const meta = JSON.parse(readFileSync(join(directory, "meta.json"), "utf8"));
    meta.fileDigests = Object.fromEntries(catalogDataFileNames.map((fileName) => [fileName, catalogFileDigest(readFileSync(join(directory, fileName)))]));
    meta.version = catalogContentVersion(catalogDataFileNames.map((fileName) => readFileSync(join(directory, fileName))));
    writeFileSync(join(directory, "meta.json"), JSON.stringify(meta));
    const error = loadError(directory);
    expect(error.code).toBe("INVALID_CATALOG");
    expect(error.message).toMatch(/offers\.json: offers\[0\] aws\/\S+: regions: /);
    expect(error.message.split("\n")).toHaveLength(1);
  });
});
