// The instance types the planner does not weigh (previous generations, burstable and memory-optimised types: each
// says why in planningExclusion) and their offers live in files of their own, which `plan` on the bundled catalog
// never reads: they were half the catalog's bytes and a large share of the CLI's start-up. Everything else still
// sees every type: `catalog.instanceTypes` reads them the first time it is read.
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { joinInCatalogOrder, plannedRecords, splitByPlanning } from "../../src/domain/planned-records.ts";
import { WattplanError } from "../../src/errors.ts";
import { planFromFiles } from "../../src/load/plan-from-files.ts";
import { readProfiles } from "../../src/load/read-profiles.ts";
import { plan } from "../../src/plan/index.ts";
import { parseSpecText } from "../../src/plan/spec/parse-spec.ts";
import { catalogDirectory, repositoryRoot } from "./helpers.ts";

const examplePath = join(repositoryRoot, "examples", "spec.yaml");
const now = "2025-06-01T00:00:00.000Z";
const copies: string[] = [];

function catalogCopy(): string {
  const directory = mkdtempSync(join(tmpdir(), "wattplan-unplanned-"));
  copies.push(directory);
  cpSync(catalogDirectory, directory, { recursive: true });
  return directory;
}

function editJson(path: string, edit: (records: any[]) => void): void {
  const records = JSON.parse(readFileSync(path, "utf8"));
  edit(records);
  writeFileSync(path, JSON.stringify(records));
}

function thrown(read: () => unknown): WattplanError {
  try {
    read();
  } catch (error) {
    if (error instanceof WattplanError) return error;
    throw error;
  }
  throw new Error("expected a WattplanError");
}

afterEach(() => {
  for (const directory of copies.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe("the catalog's unplanned files", () => {
  it("are not read to plan the bundled example: the plan is the same without them", async () => {
    const directory = catalogCopy();
    unlinkSync(join(directory, "instance-types-unplanned.json"));
    unlinkSync(join(directory, "offers-unplanned.json"));
    const withoutThem = await planFromFiles(examplePath, { catalog: loadCatalog(directory), now });
    const withThem = await planFromFiles(examplePath, { catalog: loadCatalog(), now });
    expect(withoutThem).toEqual(withThem);
  });

  it("are read when something asks for every type, and a missing one is one line that says how to restore it", () => {
    const directory = catalogCopy();
    unlinkSync(join(directory, "offers-unplanned.json"));
    const catalog = loadCatalog(directory);
    const error = thrown(() => catalog.instanceTypes);
    expect(error.code).toBe("FILE_NOT_FOUND");
    expect(error.message).toMatch(/offers-unplanned\.json/);
    expect(error.message.split("\n")).toHaveLength(1);
    expect(error.hint).toMatch(/build:catalog|restore/);
  });

  it("give every type and offer in the build's order, the planner's part being the planned types and their offers", () => {
    const catalog = loadCatalog();
    const planned = plannedRecords(catalog);
    const { instanceTypes, offers } = catalog;
    expect(planned.instanceTypes.every((type) => type.planningExclusion === undefined)).toBe(true);
    expect(instanceTypes.length).toBeGreaterThan(planned.instanceTypes.length);
    expect(splitByPlanning(catalog).planned).toEqual(planned);
    const byName = (first: { provider: string; instanceType: string }, second: { provider: string; instanceType: string }) =>
      `${first.provider}/${first.instanceType}` < `${second.provider}/${second.instanceType}` ? -1 : 1;
    expect(instanceTypes).toEqual([...instanceTypes].sort(byName));
    expect(offers.map((offer) => `${offer.provider}/${offer.instanceType}/${offer.region}`)).toEqual(
      [...offers].sort((first, second) => byName(first, second) || (first.region < second.region ? -1 : 1)).map((offer) => `${offer.provider}/${offer.instanceType}/${offer.region}`),
    );
    // A catalog made in memory (the library API) is split by the same rule.
    expect(plannedRecords({ ...catalog })).toEqual(planned);
    const { unplanned } = splitByPlanning(catalog);
    expect(joinInCatalogOrder("instanceTypes", planned.instanceTypes, unplanned.instanceTypes)).toEqual(instanceTypes);
  });

  it("are validated when read if they were edited by hand, before anything of them is kept", () => {
    const directory = catalogCopy();
    editJson(join(directory, "instance-types-unplanned.json"), (types) => {
      types[3].vcpus = "four";
    });
    const catalog = loadCatalog(directory);
    expect(plannedRecords(catalog).instanceTypes.length).toBeGreaterThan(0);
    const first = thrown(() => catalog.instanceTypes);
    expect(first.code).toBe("INVALID_CATALOG");
    expect(first.message).toMatch(/instance-types-unplanned\.json: instanceTypes\[3\] \S+: vcpus: /);
    expect(first.message.split("\n")).toHaveLength(1);
    // Asked again, it fails again rather than handing out what failed.
    expect(() => catalog.offers).toThrow(/instance-types-unplanned\.json/);
  });

  it("are cross-checked with the rest when edited: an offer in a region the catalog lacks is refused", () => {
    const directory = catalogCopy();
    editJson(join(directory, "offers-unplanned.json"), (groups) => {
      const [region] = Object.keys(groups[0].regions);
      groups[0].regions["nowhere-1"] = groups[0].regions[region];
    });
    const catalog = loadCatalog(directory);
    expect(thrown(() => catalog.offers).message).toMatch(/nowhere-1/);
  });

  it("answer a baseline that names an unplanned type, and a misspelt one with close names", async () => {
    const catalog = loadCatalog();
    const previous = catalog.instanceTypes.find((type) => type.provider === "aws" && type.planningExclusion?.startsWith("previous generation"))!;
    const offer = catalog.offers.find((candidate) => candidate.provider === "aws" && candidate.instanceType === previous.instanceType)!;
    // A fresh load: only the planned part is read before the baseline asks for the rest.
    const directory = catalogCopy();
    const exampleText = readFileSync(examplePath, "utf8");
    const withBaseline = (name: string) => parseSpecText(`${exampleText}\nbaseline: { provider: aws, region: ${offer.region}, instanceType: ${name} }\n`);
    const profiles = await readProfiles([join(repositoryRoot, "examples", "profile.json")]);
    const planned = plan(withBaseline(previous.instanceType), { catalog: loadCatalog(directory), profiles, now });
    expect(planned.baseline.instanceType).toBe(previous.instanceType);
    const error = thrown(() => plan(withBaseline(`${previous.instanceType}x`), { catalog: loadCatalog(directory), profiles, now }));
    expect(error.message).toContain(previous.instanceType);
  });
});
