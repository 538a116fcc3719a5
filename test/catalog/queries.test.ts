import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { effectivePue, findProvider, findRegion, parseProviderId, regionIntensity } from "../../src/catalog/queries.ts";
import { editDistance, suggestNames } from "../../src/text/suggest-names.ts";
import { UnknownNameError, WattplanError } from "../../src/errors.ts";

const catalog = loadCatalog();

describe("findRegion", () => {
  it("finds a region by code alone when one provider uses it, or by provider/code", () => {
    expect(findRegion(catalog, "eu-north-1").provider).toBe("aws");
    expect(findRegion(catalog, "aws/eu-north-1").code).toBe("eu-north-1");
    expect(findRegion(catalog, "swedencentral", "azure").country).toBe("SE");
  });

  it("suggests the closest codes for an unknown one", () => {
    expect(() => findRegion(catalog, "eu-nort-1")).toThrow(UnknownNameError);
    expect(() => findRegion(catalog, "eu-nort-1")).toThrow(/unknown region 'eu-nort-1'; did you mean eu-north-1/);
  });

  it("only suggests regions of the named provider", () => {
    try {
      findRegion(catalog, "europe-west", "gcp");
      expect.unreachable();
    } catch (error) {
      expect((error as UnknownNameError).suggestions.every((code) => code.startsWith("europe-west"))).toBe(true);
    }
  });

  it("rejects an unknown provider with a suggestion", () => {
    expect(() => parseProviderId("awz")).toThrow(/did you mean aws/);
    expect(parseProviderId("GCP")).toBe("gcp");
  });
});

describe("effectivePue and regionIntensity", () => {
  it("uses a region's disclosed PUE, else the provider's fleet value", () => {
    const disclosed = catalog.regions.find((region) => region.pue);
    const undisclosed = catalog.regions.find((region) => !region.pue);
    expect(disclosed && effectivePue(catalog, disclosed)).toBe(disclosed?.pue);
    expect(undisclosed && effectivePue(catalog, undisclosed)).toBe(undisclosed && findProvider(catalog, undisclosed.provider).pue);
  });

  it("returns the figure on the requested basis", () => {
    const region = findRegion(catalog, "us-east-1");
    expect(regionIntensity(region)?.basis).toBe("lifecycle");
    expect(regionIntensity(region, "operational")?.zone).toBe("eGRID:SRVC");
  });
});

describe("suggestNames", () => {
  it("ranks the nearest name first", () => {
    expect(suggestNames("g5.xlarj", ["g5.xlarge", "g5.2xlarge", "g6.xlarge", "c7i.large"])[0]).toBe("g5.xlarge");
    expect(suggestNames("zzzzzz", ["g5.xlarge"])).toEqual([]);
  });

  it("offers the names a truncated or over-long name is a prefix of", () => {
    expect(suggestNames("europe-north", ["europe-north1", "europe-north2", "us-east1"])).toEqual(["europe-north1", "europe-north2"]);
    expect(suggestNames("eu-north-1a", ["eu-north-1", "eu-west-1"])[0]).toBe("eu-north-1");
  });

  it("always offers an exact name first, and the distance is a metric", () => {
    const name = fc.string({ minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(name, fc.array(name, { maxLength: 8 }), (wanted, others) => {
        expect(suggestNames(wanted, [...others, wanted])[0].toLowerCase()).toBe(wanted.toLowerCase());
      }),
    );
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
      }),
    );
  });
});

describe("errors", () => {
  it("are user errors (exit 1), not internal ones", () => {
    expect(() => findRegion(catalog, "nowhere-9")).toThrow(WattplanError);
  });
});
