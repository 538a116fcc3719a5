// The pack as Pulumi runs it: @pulumi/pulumi's cmd/run-policy-pack require()s policy/ (PulumiPolicy.yaml's
// directory), the pack starts its analyzer server and prints the port; we then talk to it over gRPC the way the
// engine does (Configure, Analyze each resource, AnalyzeStack) and stop it. No Pulumi CLI needed. The bundled
// examples are planned, emitted and run through the program under mocks; the pack, configured with the example
// config files, passes them and fails a hand-edited stack.
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { Plan } from "../../src/domain/plan.ts";
import { emitStack } from "../../src/emit/emit-stack.ts";
import { writeFileAtomic } from "../../src/io/atomic-write.ts";
import { planFromFiles } from "../../src/load/plan-from-files.ts";
import { runProgram, type RecordedResource } from "../infra/helpers.ts";
import { analyzerResource, call, configureRequest, Empty, grpc, messages, providerMessage, services, startPack, Struct, type Diagnostic } from "./pack-runner.ts";

const repositoryRoot = new URL("../../", import.meta.url).pathname;
const examples = join(repositoryRoot, "examples");

let pack: ChildProcess | undefined;
let client: Record<string, Function> & { close(): void };
let directory: string;
/** The stack files the example tests emitted, by stack name (the hand-edit test edits the live one). */
const emittedStacks = new Map<string, string>();
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "wattplan-pack-"));
  const port = await startPack("policy", (started) => (pack = started));
  client = new services.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 60_000);
afterAll(async () => {
  client?.close();
  pack?.kill();
  await rm(directory, { recursive: true, force: true });
});

const POLICIES = [
  "wattplan-planned-placement",
  "wattplan-grid-intensity-ceiling",
  "wattplan-carbon-tags",
  "wattplan-planned-accelerators",
  "wattplan-planned-counts",
  "wattplan-private-instances",
  "wattplan-planned-artifact",
  "wattplan-private-artifact-store",
  "wattplan-s3-public-access-blocked",
  "wattplan-stack-as-emitted",
];

/** An example spec planned as the README does (the batch one on its forecast file), paths made absolute. */
async function planExample(name: "spec.yaml" | "batch-spec.yaml"): Promise<Plan> {
  const spec = parse(await readFile(join(examples, name), "utf8"));
  for (const key of ["profile", "path"]) if (spec.model[key]) spec.model[key] = join(examples, spec.model[key]);
  const specPath = join(directory, name);
  await writeFile(specPath, stringify(spec));
  return name === "batch-spec.yaml"
    ? planFromFiles(specPath, { intensitySource: `file:${join(examples, "forecast-DE-48h.json")}`, now: "2026-06-01T00:00:00.000Z" })
    : planFromFiles(specPath);
}

/** The example config file with its plan and stack paths pointed at this test's files. */
async function exampleConfig(file: string, planFile: string, stackFile: string): Promise<Record<string, Record<string, unknown>>> {
  const config = JSON.parse(await readFile(join(repositoryRoot, "policy", file), "utf8")) as Record<string, Record<string, unknown>>;
  return Object.fromEntries(Object.entries(config).map(([policy, properties]) => [policy, { ...properties, planFile, stackFile }]));
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

/** Every resource through Analyze, then the whole stack through AnalyzeStack: the diagnostics, as [policy, message]. */
async function analyze(resources: RecordedResource[]): Promise<string[][]> {
  const providerOf = (resource: RecordedResource) => {
    const id = resource.provider?.split("::").at(-1);
    const provider = resources.find((item) => `${item.name}-id` === id);
    return provider ? { type: provider.type, name: provider.name, urn: `urn:pulumi:test::wattplan::${provider.type}::${provider.name}`, properties: json(provider.inputs) } : undefined;
  };
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    const request = new messages.AnalyzeRequest();
    request.setType(resource.type);
    request.setName(resource.name);
    request.setUrn(`urn:pulumi:test::wattplan::${resource.type}::${resource.name}`);
    request.setProperties(Struct.fromJavaScript(json(resource.inputs)));
    request.setOptions(new messages.AnalyzerResourceOptions());
    const provider = providerOf(resource);
    if (provider) request.setProvider(providerMessage(provider));
    diagnostics.push(...(await call<{ getDiagnosticsList(): Diagnostic[] }>(client, "analyze", request)).getDiagnosticsList());
  }
  const stackRequest = new messages.AnalyzeStackRequest();
  stackRequest.setResourcesList(
    resources.map((resource) => analyzerResource(resource.type, resource.name, json(resource.inputs), providerOf(resource), { urn: resource.urn, dependencies: resource.options?.dependencies })),
  );
  diagnostics.push(...(await call<{ getDiagnosticsList(): Diagnostic[] }>(client, "analyzeStack", stackRequest)).getDiagnosticsList());
  return diagnostics.map((diagnostic) => [diagnostic.getPolicyname(), diagnostic.getMessage()]);
}

describe("policy pack under Pulumi's policy runner", () => {
  it("lists its policies and flags a launch template outside the plan", { timeout: 60_000 }, async () => {
    const info = await call<{ getPoliciesList(): { getName(): string }[] }>(client, "getAnalyzerInfo", new Empty());
    expect(info.getPoliciesList().map((policy) => policy.getName())).toEqual(POLICIES);
    const allowed = [{ provider: "aws", region: "eu-north-1", instanceType: "c7g.2xlarge", gridIntensityGCo2ePerKwh: 36 }];
    await call(
      client,
      "configure",
      configureRequest({
        // Relative to policy/: the fixture plan allows eu-north-1 / c7g.2xlarge on AWS.
        "wattplan-planned-placement": { planFile: "../test/fixtures/plan.example.json" },
        "wattplan-grid-intensity-ceiling": { allowed, maxGridIntensityGCo2ePerKwh: 30 },
      }),
    );
    const provider = { type: "pulumi:providers:aws", name: "fleet-provider", urn: "urn:pulumi:prod::wattplan::pulumi:providers:aws::fleet-provider", properties: { region: "eu-north-1" } };
    const diagnostics = await analyze([
      { type: "pulumi:providers:aws", name: "fleet-provider", inputs: provider.properties },
      { type: "aws:ec2/launchTemplate:LaunchTemplate", name: "fleet", inputs: { instanceType: "c7g.16xlarge", tags: { "wattplan-plan-id": "x" } }, provider: "urn::fleet-provider-id" },
    ]);
    expect(diagnostics).toEqual([
      ["wattplan-planned-placement", expect.stringContaining("instance type c7g.16xlarge is not in the plan for eu-north-1")],
      ["wattplan-grid-intensity-ceiling", expect.stringContaining("36 gCO2e/kWh, above the ceiling of 30")],
      ["wattplan-carbon-tags", expect.stringContaining("missing wattplan tags: wattplan-gco2e-per-1000-inferences")],
      ["wattplan-private-instances", expect.stringContaining("may get a public IP")],
    ]);
  });

  const bundled = [
    { spec: "spec.yaml", config: "config.example.json", stack: "prod" },
    { spec: "batch-spec.yaml", config: "config.batch.example.json", stack: "nightly" },
  ] as const;
  for (const example of bundled) {
    it(`passes the bundled example ${example.spec} with ${example.config}`, { timeout: 180_000 }, async () => {
      const plan = await planExample(example.spec);
      const planFile = join(directory, `${example.stack}.plan.json`);
      await writeFileAtomic(planFile, JSON.stringify(plan));
      const stackFile = (await emitStack({ planPath: planFile, stackName: example.stack, stacksDirectory: directory })).path;
      emittedStacks.set(example.stack, stackFile);
      const stackConfig = (parse(await readFile(stackFile, "utf8")) as { config: Record<string, unknown> }).config;
      await call(client, "configure", configureRequest(await exampleConfig(example.config, planFile, stackFile)));
      expect(await analyze((await runProgram(stackConfig)).resources)).toEqual([]);
    });
  }

  it("fails the live example's stack once edited by hand: type, count and region", { timeout: 180_000 }, async () => {
    const planFile = join(directory, "prod.plan.json");
    const stackFile = emittedStacks.get("prod");
    if (!stackFile) throw new Error("runs after the live example's test, which emits the stack");
    const document = parse(await readFile(stackFile, "utf8")) as { config: Record<string, unknown> };
    const { config } = document;
    const regionKey = Object.keys(config).find((key) => /^(aws|gcp|azure-native):(region|location)$/.test(key)) as string;
    const instances = config["wattplan:instances"] as { min: number; desired: number; max: number };
    const edited = { ...config, [regionKey]: "us-east-1", "wattplan:region": "us-east-1", "wattplan:instanceType": `${config["wattplan:instanceType"]}x`, "wattplan:instances": { ...instances, max: instances.max * 10 } };
    await writeFile(stackFile, stringify({ ...document, config: edited }));
    await call(client, "configure", configureRequest(await exampleConfig("config.example.json", planFile, stackFile)));
    const asEmitted = (await analyze((await runProgram(edited)).resources)).filter(([policy]) => policy === "wattplan-stack-as-emitted")
      // The engine puts the policy's description on the line before each stack violation.
      .map(([, message]) => message.split("\n").at(-1));
    expect(asEmitted).toEqual([
      `${stackFile}: wattplan: keys not as emitted, they were edited by hand since wattplan emitted them`,
      expect.stringMatching(/the stack's region us-east-1 \(the plan's candidate: /),
      expect.stringMatching(/the stack's instanceType \S+x \(the plan's candidate: /),
      expect.stringMatching(/the stack's instances \d+–\d+ \(the plan's candidate: /),
    ]);
  });
});
