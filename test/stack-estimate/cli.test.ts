import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../cli/run-cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "wattplan-estimate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const HEAD = "examples/pulumi/preview.json";
const BASE = "examples/pulumi/preview.base.json";

async function wattplan(...args: string[]) {
  const result = await runCli(["estimate", ...args], { cwd: root });
  return { status: result.code, stdout: result.stdout, stderr: result.stderr };
}

describe("wattplan estimate", () => {
  it("prints the estimate, the totals and every resource not estimated", { timeout: 30_000 }, async () => {
    const result = await wattplan(HEAD);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/per month: .* operational \+ .* embodied/);
    expect(result.stdout).toMatch(/Not estimated \(5\)/);
    expect(result.stdout).toContain("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  it("writes the base → head JSON diff to --out", { timeout: 30_000 }, async () => {
    const out = join(scratch, "diff.json");
    const result = await wattplan(HEAD, "--base", BASE, "--format", "json", "--out", out);
    expect(result.status).toBe(0);
    const diff = JSON.parse(readFileSync(out, "utf8"));
    expect(diff.totals.kgCo2e.delta).toBeGreaterThan(0);
    expect(diff.resources.find((change: { name: string }) => change.name === "workers").change).toBe("added");
  });

  it("exits 1 with one line when --fail-on is crossed, after writing the report", { timeout: 30_000 }, async () => {
    const out = join(scratch, "report.md");
    const failed = await wattplan(HEAD, "--base", BASE, "--format", "md", "--out", out, "--fail-on", "cost:+1000USD,carbon:+10%");
    expect(failed.status).toBe(1);
    expect(failed.stderr.trim().split("\n").filter((line) => line.startsWith("wattplan:"))).toEqual([expect.stringMatching(/^wattplan: fail-on rule carbon:\+10%: the monthly carbon rose \d+\.\d % /)]);
    expect(failed.stderr).not.toMatch(/hint:/);
    expect(readFileSync(out, "utf8")).toMatch(/^<!-- wattplan-report -->/);
    expect((await wattplan(HEAD, "--base", BASE, "--fail-on", "carbon:+200%,cost:+500USD")).status).toBe(0);
    expect((await wattplan(HEAD, "--fail-on", "carbon:20kg")).status).toBe(1);
    expect((await wattplan(HEAD, "--fail-on", "carbon:200kg")).status).toBe(0);
  });

  it("refuses bad input with one line and exit 1, and writes nothing", { timeout: 60_000 }, async () => {
    const truncated = join(scratch, "truncated.json");
    writeFileSync(truncated, readFileSync(join(root, HEAD), "utf8").slice(0, 2000));
    const out = join(scratch, "never.md");
    for (const args of [[truncated, "--out", out], ["package.json"], ["missing.json"], [HEAD, "--fail-on", "carbon:+10"], [HEAD, "--fail-on", "carbon:+10%"], [HEAD, "--utilization", "2"], [HEAD, "--regions", "eu-nrth-*"]]) {
      const result = await wattplan(...args);
      expect(result.status, args.join(" ")).toBe(1);
      expect(result.stderr.split("\n")[0], args.join(" ")).toMatch(/^(wattplan: |error: )/);
      expect(result.stderr, args.join(" ")).not.toMatch(/\n\s+at /);
    }
    expect(() => readFileSync(out)).toThrow();
  });
});

describe("examples/github-actions/pulumi-estimate.yml", () => {
  const workflow = parse(readFileSync(join(root, "examples/github-actions/pulumi-estimate.yml"), "utf8")) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: { estimate: { steps: { run?: string; if?: string; env?: Record<string, string> }[] } };
  };
  const commands = workflow.jobs.estimate.steps.map((step) => step.run ?? "").join("\n");

  it("compares the deployed stack with the pull request's full preview, posts the comment, then applies --fail-on", () => {
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.permissions["pull-requests"]).toBe("write");
    expect(commands).toMatch(/pulumi stack export --stack "\$STACK" > \.\.\/base\.json/);
    expect(commands).toMatch(/pulumi preview --stack "\$STACK" --json --show-sames > \.\.\/head\.json/);
    expect(commands).toMatch(/wattplan@[\d.]+ estimate \.\.\/head\.json --base \.\.\/base\.json --format md --out \.\.\/estimate\.md --fail-on/);
    expect(commands).toMatch(/comment github --repo .* --report \.\.\/estimate\.md/);
    const steps = workflow.jobs.estimate.steps;
    const post = steps.findIndex((step) => step.run?.includes("comment github"));
    const gate = steps.findIndex((step) => step.if?.includes("steps.estimate.outputs.status"));
    expect(post).toBeGreaterThan(0);
    expect(gate).toBeGreaterThan(post);
  });
});
