import { describe, expect, it } from "vitest";
import { catalogListFiles } from "../../src/catalog/files.ts";
import { loadCatalog } from "../../src/catalog/load.ts";
import { effectivePue, regionsOfProvider } from "../../src/catalog/queries.ts";
import { catalogSchema } from "../../src/domain/catalog.ts";
import { isoDate } from "../../src/domain/figure.ts";
import { walkObjects } from "./helpers.ts";

const catalog = loadCatalog();

describe("the committed catalog", () => {
  it("matches the schema as a whole", () => {
    expect(catalogSchema.safeParse(catalog).success).toBe(true);
  });

  it("covers at least 25 AWS, 35 GCP and 50 Azure regions", () => {
    expect(regionsOfProvider(catalog, "aws").length).toBeGreaterThanOrEqual(25);
    expect(regionsOfProvider(catalog, "gcp").length).toBeGreaterThanOrEqual(35);
    expect(regionsOfProvider(catalog, "azure").length).toBeGreaterThanOrEqual(50);
  });

  it("gives every figure a source and a date, and every derived estimate a method", () => {
    const problems: string[] = [];
    for (const file of catalogListFiles) {
      for (const { path, object } of walkObjects(catalog[file.key], file.key)) {
        const isFigure = typeof object.value === "number";
        const isPriced = "usdPerHour" in object;
        if (isFigure || isPriced) {
          if (typeof object.source !== "string" || object.source === "") problems.push(`${path}: no source`);
          if (typeof object.asOf !== "string" || !isoDate.safeParse(object.asOf).success) problems.push(`${path}: no asOf date`);
        }
        if (object.estimated === true && typeof object.method !== "string") problems.push(`${path}: estimated without method`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("resolves every source id anywhere in the catalog to sources.json", () => {
    const known = new Set(catalog.sources.map((source) => source.id));
    const unresolved: string[] = [];
    for (const file of catalogListFiles) {
      if (file.key === "sources") continue;
      for (const { path, object } of walkObjects(catalog[file.key], file.key)) {
        if (typeof object.source === "string" && !known.has(object.source)) unresolved.push(`${path}: ${object.source}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it("ranks every region on the lifecycle basis and labels every intensity with basis, year and zone", () => {
    for (const region of catalog.regions) {
      expect(region.intensity.lifecycle.basis, region.code).toBe("lifecycle");
      expect(region.intensity.lifecycle.year, region.code).toBeGreaterThanOrEqual(2022);
      expect(region.intensity.lifecycle.zone, region.code).toMatch(/^(EM|country):/);
      if (region.intensity.operational) expect(region.intensity.operational.basis, region.code).toBe("operational");
    }
  });

  it("carries the operational basis where it is published: Google for GCP, eGRID for US, NGA for Australia", () => {
    for (const region of regionsOfProvider(catalog, "gcp")) expect(region.intensity.operational?.source, region.code).toBe("google-region-carbon-info");
    const nonGcp = catalog.regions.filter((region) => region.provider !== "gcp");
    for (const region of nonGcp.filter((candidate) => candidate.country === "US")) expect(region.intensity.operational?.zone, region.code).toMatch(/^eGRID:/);
    for (const region of nonGcp.filter((candidate) => candidate.country === "AU")) expect(region.intensity.operational?.zone, region.code).toMatch(/^NGA:/);
  });

  it("keeps lifecycle above operational on a low-carbon grid (the two bases are not interchangeable)", () => {
    const stockholm = catalog.regions.find((region) => region.code === "europe-north2");
    expect(stockholm?.intensity.operational?.value).toBeLessThan(stockholm?.intensity.lifecycle.value ?? 0);
  });

  it("gives every region a real IANA time zone, a grid zone and a plausible PUE", () => {
    for (const region of catalog.regions) {
      expect(() => new Intl.DateTimeFormat("en", { timeZone: region.timeZone }), region.code).not.toThrow();
      expect(region.gridZones.electricityMaps, region.code).toBeTruthy();
      const pue = effectivePue(catalog, region).value;
      expect(pue, region.code).toBeGreaterThan(1);
      expect(pue, region.code).toBeLessThan(1.6);
    }
  });

  it("publishes Google CFE % for GCP regions", () => {
    const withCfe = regionsOfProvider(catalog, "gcp").filter((region) => region.carbonFreeEnergyPercent);
    expect(withCfe.length).toBeGreaterThanOrEqual(35);
    for (const region of withCfe) expect(region.carbonFreeEnergyPercent?.value).toBeLessThanOrEqual(100);
  });
});

describe("instance types in the committed catalog", () => {
  it("lists a price for every type, in a region where it is offered", () => {
    expect(catalog.instanceTypes.length).toBeGreaterThan(0);
    const priced = new Set(catalog.offers.map((offer) => `${offer.provider}/${offer.instanceType}`));
    const unpriced = catalog.instanceTypes.filter((type) => !priced.has(`${type.provider}/${type.instanceType}`)).map((type) => type.instanceType);
    expect(unpriced).toEqual([]);
  });

  it("has GCP types with an L4 attached", () => {
    const l4 = catalog.instanceTypes.filter((type) => type.provider === "gcp" && type.accelerator?.model.split(/\s+/)[0] === "L4");
    expect(l4.length).toBeGreaterThan(0);
  });

  it("gives c7g, c7i and c8g different CPU watts per vCPU (different microarchitectures)", () => {
    const maxWatts = ["c7g.xlarge", "c7i.xlarge", "c8g.xlarge"].map((name) => catalog.instanceTypes.find((type) => type.instanceType === name)?.power.cpuMaxWattsPerVcpu.value);
    expect(maxWatts.every((watts) => watts !== undefined)).toBe(true);
    expect(new Set(maxWatts).size).toBe(3);
  });

  it("weighs a p5 host's embodied carbon above a c7i host's", () => {
    const perVcpu = (name: string) => {
      const type = catalog.instanceTypes.find((candidate) => candidate.instanceType === name);
      if (!type) throw new Error(`${name} missing`);
      return type.embodied.kgCo2e.value / type.vcpus;
    };
    expect(perVcpu("p5.48xlarge")).toBeGreaterThan(perVcpu("c7i.48xlarge"));
  });
});
