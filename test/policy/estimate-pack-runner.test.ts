// The estimate pack as Pulumi runs it: @pulumi/pulumi's cmd/run-policy-pack require()s policy/estimate, the pack
// starts its analyzer server and prints the port; we configure it and send one AnalyzeStack the way the engine does.
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { analyzerResource, call, Empty, grpc, messages, services, startPack, Struct } from "./pack-runner.ts";

let pack: ChildProcess | undefined;
afterAll(() => {
  pack?.kill();
});

describe("estimate pack under Pulumi's policy runner", () => {
  it("reports the estimate as advisory and a crossed budget as mandatory", { timeout: 90_000 }, async () => {
    const port = await startPack("policy/estimate", (started) => (pack = started));
    const client = new services.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const info = await call<{ getPoliciesList(): { getName(): string }[] }>(client, "getAnalyzerInfo", new Empty());
    expect(info.getPoliciesList().map((policy) => policy.getName())).toEqual(["wattplan-estimate", "wattplan-monthly-budget"]);

    const configure = new messages.ConfigureAnalyzerRequest();
    for (const [policy, level, properties] of [
      ["wattplan-estimate", messages.EnforcementLevel.ADVISORY, { utilization: 0.5 }],
      ["wattplan-monthly-budget", messages.EnforcementLevel.MANDATORY, { maxMonthlyUsd: 50 }],
    ] as const) {
      const config = new messages.PolicyConfig();
      config.setEnforcementlevel(level);
      config.setProperties(Struct.fromJavaScript(properties));
      configure.getPolicyconfigMap().set(policy, config);
    }
    await call(client, "configure", configure);

    const gcp = { type: "pulumi:providers:gcp", name: "default_9_5_0", urn: "urn:pulumi:prod::shop::pulumi:providers:gcp::default_9_5_0", properties: { project: "p", region: "europe-west4" } };
    const request = new messages.AnalyzeStackRequest();
    request.setResourcesList([
      analyzerResource("pulumi:pulumi:Stack", "shop-prod", {}),
      analyzerResource("gcp:compute/instance:Instance", "api", { machineType: "n2-standard-8", zone: "europe-west4-a" }, gcp),
      analyzerResource("gcp:compute/instance:Instance", "worker", { machineType: "c3-standard-4" }, gcp),
    ]);
    const response = await call<{ getDiagnosticsList(): { getPolicyname(): string; getMessage(): string; getEnforcementlevel(): number }[] }>(client, "analyzeStack", request);
    const diagnostics = response.getDiagnosticsList().map((diagnostic) => [diagnostic.getPolicyname(), diagnostic.getEnforcementlevel(), diagnostic.getMessage()]);
    expect(diagnostics).toEqual([
      ["wattplan-estimate", messages.EnforcementLevel.ADVISORY, expect.stringMatching(/wattplan estimate: \$\d+ and [\d.]+ kgCO2e per month: .* 2 instance\(s\) in 2 compute resource\(s\)/)],
      ["wattplan-monthly-budget", messages.EnforcementLevel.MANDATORY, expect.stringMatching(/estimated monthly cost \$\d+\.\d\d is above the budget of \$50/)],
    ]);
    client.close();
  });
});
