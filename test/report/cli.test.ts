import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planDiffSchema } from "../../src/domain/diff.ts";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { startFakeGitHub } from "./fake-github.ts";
import { basePlan, basePlanPath, headPlan, headPlanPath } from "./helpers.ts";

const directory = mkdtempSync(join(tmpdir(), "wattplan-report-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would; asynchronous, so a server in this process can answer it. */
function wattplan(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["bin/wattplan.js", ...args], { env: { ...process.env, GITHUB_TOKEN: undefined, GITHUB_API_URL: undefined, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("wattplan report", () => {
  it("writes the Markdown diff atomically with --out, and nothing to stdout", async () => {
    const out = join(directory, "report.md");
    const run = await wattplan(["report", headPlanPath, "--base", basePlanPath, "--format", "md", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(renderMarkdown(headPlan(), { base: basePlan() }));
  });

  it("prints the diff as validated JSON with --format json", async () => {
    const run = await wattplan(["report", headPlanPath, "--base", basePlanPath, "--format", "json"]);
    expect(run.code).toBe(0);
    const diff = planDiffSchema.parse(JSON.parse(run.stdout));
    expect(diff.head.candidateKey).toBe("aws/eu-north-1/c7g.2xlarge/int8/b8");
  });

  it("names the file and the field of an invalid plan, in one line", async () => {
    const broken = headPlan() as unknown as { chosen: Record<string, unknown> };
    broken.chosen.latencyP95Ms = "fast";
    const path = join(directory, "broken.json");
    writeFileSync(path, JSON.stringify(broken));
    const run = await wattplan(["report", path]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n")[0]).toBe(`wattplan: ${path}: chosen.latencyP95Ms: Invalid input: expected number, received string`);
    writeFileSync(path, "{ not json");
    const notJson = await wattplan(["report", "--base", path, headPlanPath]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(new RegExp(`^wattplan: ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON`));
  });
});

describe("wattplan comment github", () => {
  it("posts the report and keeps the token out of everything it prints", async () => {
    const token = "test-token-cli-9f8e7d6c5b4a";
    const github = await startFakeGitHub({ owner: "acme", repo: "inference", pullRequest: 12, token });
    try {
      const reportPath = join(directory, "comment.md");
      writeFileSync(reportPath, renderMarkdown(headPlan()));
      const env = { GITHUB_TOKEN: token, GITHUB_API_URL: github.url };
      const created = await wattplan(["comment", "github", "--repo", "acme/inference", "--pr", "12", "--report", reportPath, "--json"], env);
      expect(created.code).toBe(0);
      expect(JSON.parse(created.stdout)).toMatchObject({ action: "created" });
      const unchanged = await wattplan(["comment", "github", "--repo", "acme/inference", "--pr", "12", "--report", reportPath], env);
      expect(unchanged.stderr).toMatch(/^comment \d+ on acme\/inference#12 already holds this report, nothing sent: https:\/\/github\.example\/c\/\d+/);
      expect(github.requests.filter((request) => request.method === "PATCH")).toEqual([]);
      expect(github.comments).toHaveLength(1);

      const rejected = await wattplan(["comment", "github", "--repo", "acme/inference", "--pr", "12", "--report", reportPath], { ...env, GITHUB_TOKEN: `${token}-revoked` });
      expect(rejected.code).toBe(1);
      expect(rejected.stderr.split("\n")[0]).toBe("wattplan: GitHub rejected the token (401 Unauthorized): Bad credentials");
      for (const run of [created, unchanged, rejected]) expect(run.stdout + run.stderr).not.toContain(token);
    } finally {
      await github.close();
    }
  });
});
