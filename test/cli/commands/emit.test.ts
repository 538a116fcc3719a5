// `wattplan emit` as a user runs it: exit codes, one-line refusals, --help.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDirectory, writeFixturePlan, writePlan } from "../../emit/helpers.ts";
import { runCli } from "../run-cli.ts";

const wattplan = (...args: string[]) => runCli(args);

let directory: { path: string; cleanUp: () => Promise<void> };
let planPath: string;
beforeAll(async () => {
  directory = await temporaryDirectory();
  planPath = await writeFixturePlan(directory.path);
});
afterAll(async () => {
  await directory.cleanUp();
});

describe("wattplan emit (CLI)", { timeout: 60_000 }, () => {
  it("writes the stack file and says what comes next", async () => {
    const result = await wattplan("emit", planPath, "--stack", "prod", "--stacks-dir", directory.path, "--config", "gcp:project=x", "--json");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("next: pulumi up --stack prod");
    expect(JSON.parse(result.stdout)).toMatchObject({ provider: "aws", region: "eu-north-1", instanceType: "c7g.2xlarge" });
    expect(await readFile(join(directory.path, "Pulumi.prod.yaml"), "utf8")).toContain("aws:region: eu-north-1");
    expect(result.stderr).toMatch(/artifact: \S+\.artifacts\/prod\/[0-9a-f]{64}\.onnx \(dynamic-int8, sha256 [0-9a-f]{12}\), uploaded by pulumi up/);
    expect(result.stderr).toContain("warning: the endpoint accepts calls from the whole internet");
  });

  it("prints the expected cost and carbon as the plan's report does: whole dollars, kgCO2e and the per-1,000 carbon in a mass unit that reads", async () => {
    const result = await wattplan("emit", planPath, "--stack", "figures", "--stacks-dir", directory.path, "--candidate", "2", "--config", "gcp:project=x");
    expect(result.code).toBe(0);
    // The plan has $990.1, 26.2 kgCO2e and 0.000083 g per inference; Cloud NAT is priced at $6.72 a month.
    expect(result.stdout).toContain("expected: $990/month for the instances (the plan) + $6.72 Cloud NAT = $997/month, 26.2 kgCO2e/month, 83 mgCO2e per 1,000 inferences\n");
    expect(result.stdout).toMatch(/^ {2}Cloud NAT: \$6\.72\/month, /m);
  });

  it("names the flag that fixes a refusal: --model for a missing model, --upload-model for a URI the chosen cloud cannot read", async () => {
    const plan = JSON.parse(await readFile(planPath, "utf8"));
    const withoutPath = await writePlan(directory.path, { ...plan, spec: { ...plan.spec, model: { profile: "./profile.json" } } }, "no-path.json");
    const missing = await wattplan("emit", withoutPath, "--stack", "a", "--stacks-dir", directory.path);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^wattplan: the plan's spec has no model\.path/);
    expect(missing.stderr).toContain("hint: pass the planned model with --model model.onnx");
    const elsewhere = await writePlan(directory.path, { ...plan, spec: { ...plan.spec, model: { ...plan.spec.model, uri: "gs://models/m.onnx" } } }, "s3.json");
    const refused = await wattplan("emit", elsewhere, "--stack", "b", "--stacks-dir", directory.path);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^wattplan: the spec's model\.uri gs:\/\/models\/m\.onnx is in Google Cloud Storage, which AWS instances have no credentials for/);
    expect(refused.stderr).toContain("hint: emit with --upload-model to upload the local model file");
    expect((await wattplan("emit", elsewhere, "--stack", "b", "--stacks-dir", directory.path, "--upload-model")).code).toBe(0);
  });

  it("refuses with exit 1 and one line (plus a hint)", async () => {
    const result = await wattplan("emit", planPath, "--stack", "prod", "--stacks-dir", directory.path, "--candidate", "4");
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^wattplan: candidate aws\/us-west-2\/inf2\.xlarge\/fp32\/b8 cannot be deployed: Inferentia needs a Neuron-compiled model/);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("documents --candidate N in --help", async () => {
    const result = await wattplan("emit", "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--candidate <which>.*'chosen', or N = the rank/s);
    expect(result.stdout).toContain("1 = chosen, 2 = the first alternative");
    expect(result.stdout).toContain("--force");
  });
});
