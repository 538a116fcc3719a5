// The instance types the planner does not weigh (previous generations, burstable and memory-optimised types: each
// says why in planningExclusion) and their offers live in files of their own, which `plan` on the bundled catalog
// reads and hashes but never parses: they were half the time of loading the catalog. Everything else still sees every
// type: `catalog.instanceTypes` parses them the first time it is read.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { catalogFileText, catalogListFiles, catalogMetaFileName } from "../../src/catalog/files.ts";
import { loadCatalog } from "../../src/catalog/load.ts";
import type { Catalog } from "../../src/domain/catalog.ts";
import { joinInCatalogOrder, plannedRecords, splitByPlanning, unplannedRecordsRead } from "../../src/domain/planned-records.ts";
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

/** The same records as plain lists: what the planner made of a catalog before the split. */
const inMemory = (catalog: Catalog): Catalog => ({ ...catalog });

afterEach(() => {
  for (const directory of copies.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe("the catalog's unplanned files", () => {
  it("are not parsed to plan the bundled example, with or without an intensity source, and the plan is the same", async () => {
    const catalog = loadCatalog(catalogCopy());
    const planned = await planFromFiles(examplePath, { catalog, now });
    await planFromFiles(examplePath, { catalog, now, intensitySource: `file:${join(repositoryRoot, "examples", "forecast-DE-48h.json")}` });
    expect(unplannedRecordsRead(catalog)).toBe(false);
    expect(planned).toEqual(await planFromFiles(examplePath, { catalog: inMemory(loadCatalog()), now }));
    expect(catalog.instanceTypes.length).toBeGreaterThan(plannedRecords(catalog).instanceTypes.length);
    expect(unplannedRecordsRead(catalog)).toBe(true);
  });

  it("give every type and offer in the build's order, the planner's part being the planned types and their offers", () => {
    const catalog = loadCatalog();
    const planned = plannedRecords(catalog);
    const { instanceTypes, offers } = catalog;
    expect(planned.instanceTypes.every((type) => type.planningExclusion === undefined)).toBe(true);
    expect(splitByPlanning(catalog).planned).toEqual(planned);
    const byName = (first: { provider: string; instanceType: string }, second: { provider: string; instanceType: string }) =>
      `${first.provider}/${first.instanceType}` < `${second.provider}/${second.instanceType}` ? -1 : 1;
    expect(instanceTypes).toEqual([...instanceTypes].sort(byName));
    const offerKey = (offer: (typeof offers)[number]) => `${offer.provider}/${offer.instanceType}/${offer.region}`;
    expect(offers.map(offerKey)).toEqual([...offers].sort((first, second) => byName(first, second) || (first.region < second.region ? -1 : 1)).map(offerKey));
    expect(plannedRecords(inMemory(catalog))).toEqual(planned);
    expect(joinInCatalogOrder("instanceTypes", planned.instanceTypes, splitByPlanning(catalog).unplanned.instanceTypes)).toEqual(instanceTypes);
  });

  it("missing, fail the load in one line that says how to restore them", () => {
    const directory = catalogCopy();
    unlinkSync(join(directory, "offers-unplanned.json"));
    const error = thrown(() => loadCatalog(directory));
    expect(error.code).toBe("FILE_NOT_FOUND");
    expect(error.message).toMatch(/offers-unplanned\.json/);
    expect(error.message.split("\n")).toHaveLength(1);
    expect(error.hint).toMatch(/build:catalog/);
  });

  it("unreadable (a folder in a file's place), fail the load in one line that names the file", () => {
    const directory = catalogCopy();
    unlinkSync(join(directory, "offers-unplanned.json"));
    mkdirSync(join(directory, "offers-unplanned.json"));
    const error = thrown(() => loadCatalog(directory));
    expect(error.message).toMatch(/offers-unplanned\.json cannot be read: EISDIR/);
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("edited by hand, are validated with the rest at load, and the planner weighs a type the edit makes planned", () => {
    const broken = catalogCopy();
    editJson(join(broken, "instance-types-unplanned.json"), (types) => {
      types[3].vcpus = "four";
    });
    const error = thrown(() => loadCatalog(broken));
    expect(error.code).toBe("INVALID_CATALOG");
    expect(error.message).toMatch(/instance-types-unplanned\.json: instanceTypes\[3\] \S+: vcpus: /);
    expect(error.message.split("\n")).toHaveLength(1);

    const edited = catalogCopy();
    let name = "";
    editJson(join(edited, "instance-types-unplanned.json"), (types) => {
      name = types[0].instanceType;
      delete types[0].planningExclusion;
    });
    expect(plannedRecords(loadCatalog(edited)).instanceTypes.map((type) => type.instanceType)).toContain(name);
  });

  it("name the file and the position of a record that fails the cross-check", () => {
    const unknownRegion = catalogCopy();
    editJson(join(unknownRegion, "offers-unplanned.json"), (groups) => {
      const [region] = Object.keys(groups[0].regions);
      groups[0].regions["nowhere-1"] = groups[0].regions[region];
    });
    expect(thrown(() => loadCatalog(unknownRegion)).message).toMatch(/offers-unplanned\.json: offers\[\d+\] \S+ in nowhere-1: region: /);
    // Where a record is read from decides the file named, not what the record says.
    const unknownAccelerator = catalogCopy();
    editJson(join(unknownAccelerator, "instance-types.json"), (types) => {
      const index = types.findIndex((type) => type.accelerator !== null);
      types[index].planningExclusion = "edited";
      types[index].accelerator.model = "ZZZ";
    });
    const types = JSON.parse(readFileSync(join(unknownAccelerator, "instance-types.json"), "utf8")) as { accelerator: unknown }[];
    expect(thrown(() => loadCatalog(unknownAccelerator)).message).toMatch(new RegExp(`instance-types\\.json: instanceTypes\\[${types.findIndex((type) => type.accelerator !== null)}\\] .*ZZZ`));
  });

  it("of a catalog built before the split (all records in two files, no digests), are not needed", () => {
    const whole = loadCatalog();
    const directory = mkdtempSync(join(tmpdir(), "wattplan-unsplit-"));
    copies.push(directory);
    writeFileSync(join(directory, catalogMetaFileName), JSON.stringify(whole.meta));
    for (const file of catalogListFiles) writeFileSync(join(directory, file.fileName), catalogFileText(file, whole[file.key]));
    const older = loadCatalog(directory);
    expect(older.instanceTypes).toEqual(whole.instanceTypes);
    expect(older.offers).toEqual(whole.offers);
    expect(loadCatalog(directory), "read once per process, as any unchanged folder").toBe(older);
  });

  it("keep a list assigned to a loaded catalog, which the planner then plans over; a frozen catalog still reads", async () => {
    const catalog = loadCatalog(catalogCopy());
    const gcpOnly = catalog.instanceTypes.filter((type) => type.provider === "gcp");
    catalog.instanceTypes = gcpOnly;
    void catalog.offers;
    expect(catalog.instanceTypes).toBe(gcpOnly);
    const planned = await planFromFiles(examplePath, { catalog, now });
    expect(planned.chosen.provider).toBe("gcp");
    const frozen = Object.freeze(loadCatalog(catalogCopy()));
    expect(frozen.offers.length).toBeGreaterThan(plannedRecords(frozen).offers.length);
    expect(() => Object.assign(frozen, { offers: [] })).toThrow(TypeError);
    expect(frozen.offers.length).toBeGreaterThan(plannedRecords(frozen).offers.length);
  });

  it("answer a baseline that names an unplanned type, and a misspelt one with close names", async () => {
    const whole = loadCatalog();
    const previous = whole.instanceTypes.find((type) => type.provider === "aws" && type.planningExclusion?.startsWith("previous generation"))!;
    const offer = whole.offers.find((candidate) => candidate.provider === "aws" && candidate.instanceType === previous.instanceType)!;
    const exampleText = readFileSync(examplePath, "utf8");
    const withBaseline = (name: string) => parseSpecText(`${exampleText}\nbaseline: { provider: aws, region: ${offer.region}, instanceType: ${name} }\n`);
    const profiles = await readProfiles([join(repositoryRoot, "examples", "profile.json")]);
    const directory = catalogCopy();
    const planned = plan(withBaseline(previous.instanceType), { catalog: loadCatalog(directory), profiles, now });
    expect(planned.baseline.instanceType).toBe(previous.instanceType);
    const error = thrown(() => plan(withBaseline(`${previous.instanceType}x`), { catalog: loadCatalog(directory), profiles, now }));
    expect(error.message).toContain(previous.instanceType);
  });

  it("are left out of what an infeasible plan suggests: relaxing a constraint never makes such a type a candidate", async () => {
    const catalog = loadCatalog(catalogCopy());
    const profiles = await readProfiles([join(repositoryRoot, "examples", "profile.json")]);
    const spec = parseSpecText("name: tight\ntraffic: { meanRps: 120 }\nconstraints: { maxMonthlyUsd: 5 }\n");
    const error = thrown(() => plan(spec, { catalog, profiles, now }));
    expect(error.code).toBe("INFEASIBLE");
    const suggested = /would give (\S+) (\S+) (\S+) /.exec(error.message);
    expect(suggested, error.message).not.toBeNull();
    const [, provider, , instanceType] = suggested!;
    const type = catalog.instanceTypes.find((candidate) => candidate.provider === provider && candidate.instanceType === instanceType);
    expect(type?.planningExclusion).toBeUndefined();
    expect(type).toBeDefined();
  });
});
