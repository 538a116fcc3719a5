// A profile brought back by `bench --on` is an ordinary ModelProfile with instanceType set: `plan --profile` treats
// it as a measurement on that type (estimate.method: measured) and the plan says where it came from.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planSchema } from "../../src/domain/plan.ts";
import { runCli } from "../cli/run-cli.ts";
import { FIXTURE_PROFILE, profileMeasuredOn } from "./fakes.ts";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-fleet-plan-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("a profile measured by the fleet, in a plan", () => {
  it("is used as a measurement on its type, and the plan names the machine it came from", { timeout: 120_000 }, async () => {
    // As if c7i.large had run the model far faster than any projection: the plan must follow the measurement.
    const measured = profileMeasuredOn("c7i.large");
    const fast = {
      ...measured,
      measurements: measured.measurements.map((cell) => ({ ...cell, latencyMs: { ...cell.latencyMs, p50: cell.latencyMs.p50 / 50, p95: cell.latencyMs.p95 / 50, p99: cell.latencyMs.p99 / 50, mean: cell.latencyMs.mean / 50 }, throughputInferencesPerSecond: cell.throughputInferencesPerSecond * 50 })),
    };
    await writeFile(join(directory, "local.json"), JSON.stringify(FIXTURE_PROFILE));
    await writeFile(join(directory, "aws-c7i.large.json"), JSON.stringify(fast));
    const spec = (await readFile(new URL("../fixtures/spec.cnn.yaml", import.meta.url), "utf8")).replace("objective: carbon", "objective: cost\nconstraints: { providers: [aws], regions: { allow: [eu-north-1] } }");
    await writeFile(join(directory, "spec.yaml"), spec);
    const result = await runCli(["plan", join(directory, "spec.yaml"), "--profile", join(directory, "local.json"), "--profile", join(directory, "aws-c7i.large.json"), "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const plan = planSchema.parse(JSON.parse(result.stdout));
    expect(plan.chosen.instanceType).toBe("c7i.large");
    expect(plan.chosen.estimate.method).toBe("measured");
    expect(plan.chosen.estimate.source).toContain("measured on c7i.large");
    expect(plan.model.profiles.map((profile) => profile.instanceType)).toEqual([null, "c7i.large"]);
    expect(plan.warnings.join("\n")).not.toMatch(/not measured on c7i\.large/);
  });
});
