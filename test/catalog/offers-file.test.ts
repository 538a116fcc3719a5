import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadCatalog } from "../../src/catalog/load.ts";
import { expandOfferGroups, groupOffers, offerGroupSchema, offerGroupsText } from "../../src/catalog/offers-file.ts";
import { offerSchema, type Offer } from "../../src/domain/catalog.ts";
import { repositoryRoot } from "./helpers.ts";

/** Same records, same field order, same record order: JSON text compares all three at once. */
const sameText = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// The last commit whose offers.json was a flat list of records: the shipped groups must expand to exactly those.
const flatRevision = "a531125";
function flatOffers(): Offer[] | null {
  try {
    const text = execFileSync("git", ["show", `${flatRevision}:catalog/offers.json`], { cwd: repositoryRoot, encoding: "utf8", maxBuffer: 1 << 26, stdio: "pipe" });
    return JSON.parse(text) as Offer[];
  } catch {
    return null;
  }
}
const flat = flatOffers();
if (!flat) console.log(`offers-file: the flat offers.json of ${flatRevision} is not in this clone's git history; its comparison is skipped`);

describe("offers.json's groups", () => {
  it.skipIf(!flat)("expand to exactly the records of the flat offers.json they replaced", () => {
    const offers = loadCatalog().offers;
    expect(offers.length).toBeGreaterThan(10_000);
    expect(sameText(offers, flat)).toBe(true);
  });

  it("expand to records in the schema's field order that group back to the same groups", () => {
    const offers = loadCatalog().offers;
    expect(offers.every((offer) => sameText(offerSchema.parse(offer), offer))).toBe(true);
    expect(sameText(expandOfferGroups(groupOffers(offers)), offers)).toBe(true);
  });

  it("write one line per region and parse back to groups that pass their schema", () => {
    const groups = groupOffers(loadCatalog().offers);
    const text = offerGroupsText(groups);
    expect(JSON.parse(text)).toEqual(groups);
    expect(z.array(offerGroupSchema).safeParse(JSON.parse(text)).success).toBe(true);
    const regionLines = text.split("\n").filter((line) => /^ {6}"[^"]+": \{/.test(line));
    expect(regionLines).toHaveLength(loadCatalog().offers.length);
    expect(offerGroupsText([])).toBe("[]\n");
  });

  it("group then expand to the same offers in the same order, whatever the order (property)", () => {
    const word = fc.constantFrom("a", "c5.large", "constructor", "toString", "eu-west-1", "us-east-1");
    const prices = fc.record(
      { onDemand: fc.double({ min: 0.001, max: 100, noNaN: true }), spot: fc.double({ min: 0.001, max: 100, noNaN: true }) },
      { requiredKeys: ["onDemand"] },
    );
    const sharedFields = fc.record({
      provider: fc.constantFrom("aws", "gcp"),
      instanceType: word,
      source: fc.constantFrom("s1", "s2"),
      asOf: fc.constantFrom("2026-01-01", "2026-07-20"),
    });
    const regionFields = fc.record(
      {
        region: word,
        usdPerHour: prices,
        method: fc.constantFrom("summed", "scaled"),
        estimated: fc.boolean(),
        zones: fc.array(fc.constantFrom("z-a", "z-b"), { minLength: 1, maxLength: 2 }),
      },
      { requiredKeys: ["region", "usdPerHour"] },
    );
    // Runs of offers that share a type, source and date (as the catalog's do), in any order, regions repeating.
    const offerLists = fc
      .array(fc.tuple(sharedFields, fc.array(regionFields, { minLength: 1, maxLength: 6 })), { maxLength: 8 })
      .map((runs) => runs.flatMap(([shared, regions]) => regions.map((region) => offerSchema.parse({ ...shared, ...region }))));
    let groupedSeveral = 0;
    fc.assert(
      fc.property(offerLists, (offers) => {
        const groups = groupOffers(offers);
        if (groups.some((group) => Object.keys(group.regions).length > 1)) groupedSeveral += 1;
        const reread = JSON.parse(offerGroupsText(groups));
        expect(z.array(offerGroupSchema).safeParse(reread).success).toBe(true);
        expect(sameText(expandOfferGroups(reread), offers)).toBe(true);
      }),
      { seed: 20261201, numRuns: 300 },
    );
    expect(groupedSeveral).toBeGreaterThan(150);
  });

  it("refuses a region code that an object key would move or lose", () => {
    const offer = (region: string): Offer => ({ provider: "aws", instanceType: "x", region, usdPerHour: { onDemand: 1 }, source: "s", asOf: "2026-01-01" });
    expect(() => groupOffers([offer("eu-west-1"), offer("7")])).toThrow(/'7': offers\.json cannot key a region by a number/);
    expect(() => groupOffers([offer("__proto__")])).toThrow(/'__proto__'/);
    expect(groupOffers([offer("7a")])).toHaveLength(1);
  });
});
