// The pack as Pulumi runs it: @pulumi/pulumi's cmd/run-policy-pack require()s policy/ (PulumiPolicy.yaml's
// directory), the pack starts its analyzer server and prints the port; we then talk to it over gRPC the way the
// engine does (Configure, then Analyze one resource) and stop it. No Pulumi CLI needed.
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { call, Empty, grpc, messages, services, startPack, Struct } from "./pack-runner.ts";

let pack: ChildProcess | undefined;
afterAll(() => {
  pack?.kill();
});

describe("policy pack under Pulumi's policy runner", () => {
  it("loads, takes its config, and flags a launch template outside the plan", { timeout: 60_000 }, async () => {
    const port = await startPack("policy", (started) => (pack = started));
    const client = new services.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

    const info = await call<{ getPoliciesList(): { getName(): string }[] }>(client, "getAnalyzerInfo", new Empty());
    expect(info.getPoliciesList().map((policy) => policy.getName())).toEqual(["wattplan-planned-placement", "wattplan-grid-intensity-ceiling", "wattplan-carbon-tags"]);

    const configure = new messages.ConfigureAnalyzerRequest();
    const allowed = [{ provider: "aws", region: "eu-north-1", instanceType: "c7g.2xlarge", gridIntensityGCo2ePerKwh: 36 }];
    for (const [policy, properties] of Object.entries({
      // Relative to policy/: the fixture plan allows eu-north-1 / c7g.2xlarge on AWS.
      "wattplan-planned-placement": { planFile: "../test/fixtures/plan.example.json" },
      "wattplan-grid-intensity-ceiling": { allowed, maxGridIntensityGCo2ePerKwh: 30 },
    })) {
      const config = new messages.PolicyConfig();
      config.setEnforcementlevel(messages.EnforcementLevel.MANDATORY);
      config.setProperties(Struct.fromJavaScript(properties));
      configure.getPolicyconfigMap().set(policy, config);
    }
    await call(client, "configure", configure);

    const analyze = new messages.AnalyzeRequest();
    analyze.setType("aws:ec2/launchTemplate:LaunchTemplate");
    analyze.setName("fleet");
    analyze.setUrn("urn:pulumi:prod::wattplan::aws:ec2/launchTemplate:LaunchTemplate::fleet");
    // The engine always sends resource options; the region comes from the explicit provider, as in the program.
    analyze.setOptions(new messages.AnalyzerResourceOptions());
    const provider = new messages.AnalyzerProviderResource();
    provider.setType("pulumi:providers:aws");
    provider.setName("fleet-provider");
    provider.setUrn("urn:pulumi:prod::wattplan::pulumi:providers:aws::fleet-provider");
    provider.setProperties(Struct.fromJavaScript({ region: "eu-north-1" }));
    analyze.setProvider(provider);
    analyze.setProperties(Struct.fromJavaScript({ instanceType: "c7g.16xlarge", tags: { "wattplan-plan-id": "x" } }));
    const response = await call<{ getDiagnosticsList(): { getPolicyname(): string; getMessage(): string }[] }>(client, "analyze", analyze);
    const diagnostics = response.getDiagnosticsList().map((diagnostic) => [diagnostic.getPolicyname(), diagnostic.getMessage()]);
    expect(diagnostics).toEqual([
      ["wattplan-planned-placement", expect.stringContaining("instance type c7g.16xlarge is not in the plan for eu-north-1")],
      ["wattplan-grid-intensity-ceiling", expect.stringContaining("36 gCO2e/kWh, above the ceiling of 30")],
      ["wattplan-carbon-tags", expect.stringContaining("missing wattplan tags: wattplan-gco2e-per-1000-inferences")],
    ]);
    client.close();
  });
});
