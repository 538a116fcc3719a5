import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_SCHEMA_VERSION, planSchema } from "../../src/domain/plan.ts";
import { plan } from "../../src/plan/index.ts";
import { parsePlanText } from "../../src/report/read-plan.ts";
import { planJsonSchemaText } from "../../src/plan/plan-json-schema.ts";
import { computePlanId } from "../../src/plan/plan-id.ts";
import { baseSpec, cnnProfile, fixedNow, fixturesDirectory, smallCatalog } from "./helpers.ts";

const repositoryRoot = join(import.meta.dirname, "..", "..");

describe("Plan JSON schema", () => {
  it("the committed schema/plan.schema.json is up to date (run npm run build:schema)", () => {
    const committed = readFileSync(join(repositoryRoot, "schema", "plan.schema.json"), "utf8");
    expect(committed).toBe(planJsonSchemaText());
  });

  it("the example plan fixture validates and its id is the hash of its content", () => {
    const example = JSON.parse(readFileSync(join(fixturesDirectory, "plan.example.json"), "utf8"));
    const result = planSchema.safeParse(example);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(computePlanId(example)).toBe(example.id);
  });

  it("the generated example plan (examples/spec.yaml on the shipped catalog) validates and its id is the hash of its content", () => {
    const generated = JSON.parse(readFileSync(join(fixturesDirectory, "plan.generated.json"), "utf8"));
    expect(planSchema.safeParse(generated).error?.issues ?? []).toEqual([]);
    expect(computePlanId(generated)).toBe(generated.id);
  });

  it("rejects a plan without its kind or with a candidate missing a field", () => {
    const example = JSON.parse(readFileSync(join(fixturesDirectory, "plan.example.json"), "utf8"));
    expect(planSchema.safeParse({ ...example, kind: "something-else" }).success).toBe(false);
    const { deployable: _deployable, ...chosenWithoutDeployable } = example.chosen;
    expect(planSchema.safeParse({ ...example, chosen: chosenWithoutDeployable }).success).toBe(false);
  });

  it("places every candidate at its catalog region's coordinates, which version 2 requires and version 1 lacks", () => {
    const catalog = smallCatalog();
    const result = plan(baseSpec(), { catalog, profiles: [cnnProfile()], now: fixedNow });
    expect(result.schemaVersion).toBe(PLAN_SCHEMA_VERSION);
    for (const candidate of [result.chosen, result.baseline, ...result.pareto, ...result.alternatives]) {
      const region = catalog.regions.find((entry) => entry.provider === candidate.provider && entry.code === candidate.region)!;
      expect([candidate.latitude, candidate.longitude]).toEqual([region.latitude, region.longitude]);
    }
    const example = JSON.parse(readFileSync(join(fixturesDirectory, "plan.example.json"), "utf8"));
    const { latitude: _latitude, ...unplaced } = example.alternatives[1];
    expect(() => parsePlanText(JSON.stringify({ ...example, alternatives: [example.alternatives[0], unplaced] }), "plan.json")).toThrow(
      /^plan\.json: alternatives\[1\]\.latitude: schemaVersion 2 plans give every candidate its region's latitude and longitude$/,
    );
    const versionOne = JSON.parse(readFileSync(join(fixturesDirectory, "report", "base.plan.json"), "utf8"));
    expect(versionOne.schemaVersion).toBe(1);
    expect(versionOne.chosen.latitude).toBeUndefined();
    expect(parsePlanText(JSON.stringify(versionOne), "base.plan.json").chosen.region).toBe(versionOne.chosen.region);
    expect(() => parsePlanText(JSON.stringify({ ...versionOne, schemaVersion: 4 }), "future.json")).toThrow(/^future\.json: schemaVersion: expected 1, 2 or 3, the plan versions this wattplan reads$/);
  });

  it("gives every candidate of a version 3 plan the artifact it is served from, which versions 1 and 2 lack", () => {
    const result = plan(baseSpec(), { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow });
    expect(result.schemaVersion).toBe(3);
    for (const candidate of [result.chosen, result.baseline, ...result.pareto, ...result.alternatives]) expect(candidate.artifact).not.toBeUndefined();
    const { artifact: _artifact, ...withoutArtifact } = result.chosen;
    expect(() => parsePlanText(JSON.stringify({ ...result, chosen: withoutArtifact }), "plan.json")).toThrow(/^plan\.json: chosen\.artifact: schemaVersion 3 plans give every candidate its artifact \(or null\)$/);
    const versionTwo = JSON.parse(readFileSync(join(fixturesDirectory, "plan.example.json"), "utf8"));
    expect(versionTwo.schemaVersion).toBe(2);
    expect(parsePlanText(JSON.stringify(versionTwo), "plan.example.json").chosen.artifact).toBeUndefined();
  });
});
