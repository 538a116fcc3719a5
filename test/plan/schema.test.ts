import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planSchema } from "../../src/domain/plan.ts";
import { planJsonSchemaText } from "../../src/plan/plan-json-schema.ts";
import { computePlanId } from "../../src/plan/plan-id.ts";
import { fixturesDirectory } from "./helpers.ts";

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
});
