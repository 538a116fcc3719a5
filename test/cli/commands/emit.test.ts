// `wattplan emit` as a user runs it: exit codes, one-line refusals, --help.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_PLAN_PATH, temporaryDirectory } from "../../emit/helpers.ts";
import { runCli } from "../run-cli.ts";

const wattplan = (...args: string[]) => runCli(args);

let directory: { path: string; cleanUp: () => Promise<void> };
beforeAll(async () => {
  directory = await temporaryDirectory();
});
afterAll(async () => {
  await directory.cleanUp();
});

describe("wattplan emit (CLI)", { timeout: 60_000 }, () => {
  it("writes the stack file and says what comes next", async () => {
    const result = await wattplan("emit", FIXTURE_PLAN_PATH, "--stack", "prod", "--stacks-dir", directory.path, "--config", "gcp:project=x", "--json");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("next: pulumi up --stack prod");
    expect(JSON.parse(result.stdout)).toMatchObject({ provider: "aws", region: "eu-north-1", instanceType: "c7g.2xlarge" });
    expect(await readFile(join(directory.path, "Pulumi.prod.yaml"), "utf8")).toContain("aws:region: eu-north-1");
  });

  it("refuses with exit 1 and one line (plus a hint)", async () => {
    const result = await wattplan("emit", FIXTURE_PLAN_PATH, "--stack", "prod", "--stacks-dir", directory.path, "--candidate", "4");
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
