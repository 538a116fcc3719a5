// A stack whose wattplan: config is missing, mistyped or hand-broken fails before any resource, with one clear line.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../src/infra/read-config.ts";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { asPulumiConfig, emitStackConfig, fixturePlan, planChoosing, settle, setUpMocks, testProjectRoot } from "./helpers.ts";

/** The program's error, and how many resources it had registered by then (the component itself aside). */
async function programError(config: Record<string, string>): Promise<{ error: unknown; resourceCount: number }> {
  const resources = await setUpMocks(config);
  const program = await import("../../src/infra/index.ts");
  try {
    await program.default();
  } catch (error) {
    await settle();
    return { error, resourceCount: resources.filter((resource) => resource.parent !== undefined).length };
  }
  throw new Error("the program accepted the config");
}

async function emittedConfig(): Promise<Record<string, string>> {
  return asPulumiConfig(await emitStackConfig(await fixturePlan()));
}

describe("invalid stack config", () => {
  it("names the keys at fault, creates nothing, and raises a RunError (no stack trace)", { timeout: 30_000 }, async () => {
    const config = await emittedConfig();
    config["wattplan:instances"] = JSON.stringify({ min: 5, desired: 3, max: 7 });
    config["wattplan:vpcID"] = "vpc-typo";
    const { error, resourceCount } = await programError(config);
    expect(pulumi.RunError.isInstance(error as Error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain("wattplan:instances: expected min <= desired <= max");
    expect(message).toContain("unknown key(s) vpcID");
    expect(message).toContain("wattplan emit");
    expect(message).not.toContain("\n");
    expect(resourceCount).toBe(0);
  });

  it("refuses an Azure schedule with more autoscale profiles than Azure allows before creating anything", { timeout: 30_000 }, async () => {
    const plan = await fixturePlan();
    const azure = plan.alternatives.find((candidate) => candidate.provider === "azure");
    if (!azure) throw new Error("the fixture has an Azure alternative");
    const config = asPulumiConfig(await emitStackConfig(planChoosing(plan, azure), ["wattplan:sshPublicKey=ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmockedkeyfortestsonly test@example"]));
    // Ten separate hours: a start and an end profile each, 20 with the default one over Azure's 20.
    config["wattplan:schedule"] = JSON.stringify({ hoursOfDay: [0, 2, 4, 6, 8, 10, 12, 14, 16, 18], timeZone: "Europe/Stockholm", activeInstances: 2, idleInstances: 0 });
    const { error, resourceCount } = await programError(config);
    expect(pulumi.RunError.isInstance(error as Error)).toBe(true);
    expect((error as Error).message).toMatch(/^wattplan:schedule: 20 scheduled profiles plus the default exceed Azure's 20 per autoscale setting/);
    expect(resourceCount).toBe(0);
  });

  it("refuses an artifact that is missing or not the stack's (edited, stale) before creating anything", { timeout: 30_000 }, async () => {
    const config = await emittedConfig();
    writeFileSync(join(testProjectRoot(), config["wattplan:artifactPath"]), "not the model");
    const stale = await programError(config);
    expect(pulumi.RunError.isInstance(stale.error as Error)).toBe(true);
    expect((stale.error as Error).message).toMatch(/^wattplan:artifactPath stacks\/\.artifacts\/test\/[0-9a-f]{64}\.onnx has sha256 [0-9a-f]{64}, not the stack's [0-9a-f]{64}; run `wattplan emit/);
    expect(stale.resourceCount).toBe(0);
    const missing = await programError({ ...config, "wattplan:artifactPath": "stacks/.artifacts/test/gone.onnx" });
    expect((missing.error as Error).message).toMatch(/^wattplan:artifactPath stacks\/\.artifacts\/test\/gone\.onnx: no such file \(it is written by wattplan emit, outside git\)/);
    expect(missing.resourceCount).toBe(0);
  });

  it("tells a stack without wattplan config how to get one", { timeout: 30_000 }, async () => {
    const { error } = await programError({ "aws:region": "eu-north-1" });
    expect((error as Error).message).toMatch(/no wattplan: config; run `wattplan emit PLAN.json --stack <stack>`/);
  });

  it("reports values that are not what emit writes", () => {
    const valid = Object.fromEntries(Object.entries(asPulumiConfigSync()).map(([key, value]) => [key.replace("wattplan:", ""), value]));
    expect(() => parseStackConfig({ ...valid, instances: "three" })).toThrow(/wattplan:instances: expected a number, list or object, got 'three'/);
    expect(() => parseStackConfig({ ...valid, provider: "oracle" })).toThrow(/wattplan:provider/);
    expect(() => parseStackConfig({ ...valid, modelUri: "ftp://host/model.onnx" })).toThrow(/wattplan:modelUri/);
    expect(() => parseStackConfig({ ...valid, batchSize: "0" })).toThrow(/wattplan:batchSize/);
    expect(parseStackConfig(valid).instances).toEqual({ min: 2, desired: 3, max: 7 });
  });

  it("refuses Inferentia (it needs a Neuron-compiled model this program does not build)", () => {
    const valid = Object.fromEntries(Object.entries(asPulumiConfigSync()).map(([key, value]) => [key.replace("wattplan:", ""), value]));
    const inferentia = { ...valid, instanceType: "inf2.xlarge", architecture: "x86_64", accelerator: JSON.stringify({ model: "Inferentia2", count: 1, memoryGb: 32 }) };
    expect(() => parseStackConfig(inferentia)).toThrow(/Inferentia2 needs a Neuron-compiled model/);
  });
});

/** The wattplan: keys emit writes for the fixture's chosen candidate, as Pulumi would hand them over. */
function asPulumiConfigSync(): Record<string, string> {
  return {
    "wattplan:planId": "44269b3a41382486e1a377e05f1660d28d3500709ccced7eb16953a4b53dcd40",
    "wattplan:wattplanVersion": "0.1.0",
    "wattplan:candidateKey": "aws/eu-north-1/c7g.2xlarge/int8/b8",
    "wattplan:provider": "aws",
    "wattplan:region": "eu-north-1",
    "wattplan:instanceType": "c7g.2xlarge",
    "wattplan:architecture": "arm64",
    "wattplan:instances": '{"min":2,"desired":3,"max":7}',
    "wattplan:precision": "int8",
    "wattplan:batchSize": "8",
    "wattplan:maxQueueDelayMs": "10",
    "wattplan:replicas": "4",
    "wattplan:threadsPerReplica": "2",
    "wattplan:throughputPerInstanceRps": "97.1",
    "wattplan:targetUtilization": "0.6",
    "wattplan:modelName": "resnet50",
    "wattplan:artifactTransform": "dynamic-int8",
    "wattplan:artifactSha256": "868183b784c49ff4489f5b8433a18dea8f0559b3ddad7abd4e15df75d693cfb9",
    "wattplan:artifactPath": "stacks/.artifacts/prod/868183b784c49ff4489f5b8433a18dea8f0559b3ddad7abd4e15df75d693cfb9.onnx",
    "wattplan:gCo2ePerThousandInferences": "0.0711",
    "wattplan:gridIntensityGCo2ePerKwh": "36",
    "wattplan:monthlyCostUsd": "636",
    "wattplan:monthlyKgCo2e": "22.4",
    "wattplan:networkCosts": "[]",
  };
}
