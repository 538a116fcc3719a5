// `wattplan comment github` as a user runs it, against a fake GitHub in this process.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "../../../src/report/markdown/index.ts";
import { startFakeGitHub } from "../../report/fake-github.ts";
import { headPlan } from "../../report/helpers.ts";
import { runCli, type CliRun } from "../run-cli.ts";

const directory = mkdtempSync(join(tmpdir(), "wattplan-comment-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Without the caller's GitHub settings, so only what a test gives reaches the CLI. */
function wattplan(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return runCli(args, { env: { GITHUB_TOKEN: undefined, GITHUB_API_URL: undefined, ...env } });
}

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
      expect(unchanged.stdout).toMatch(/^comment \d+ on acme\/inference#12 already holds this report, nothing sent: https:\/\/github\.example\/c\/\d+/);
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

  it("answers a body that trickles past --timeout with one line and exit 1, not an internal error", async () => {
    const token = "test-token-trickle-0a1b2c3d";
    const github = await startFakeGitHub({ owner: "acme", repo: "inference", pullRequest: 12, token });
    github.trickle = true;
    try {
      const reportPath = join(directory, "trickle.md");
      writeFileSync(reportPath, renderMarkdown(headPlan()));
      const run = await wattplan(["comment", "github", "--repo", "acme/inference", "--pr", "12", "--report", reportPath, "--timeout", "1"], { GITHUB_TOKEN: token, GITHUB_API_URL: github.url });
      expect(run.code).toBe(1);
      expect(run.stderr.split("\n")[0]).toBe("wattplan: GitHub's answer to GET /repos/acme/inference/issues/12/comments did not finish within 1 s");
    } finally {
      await github.close();
    }
  });

  it("answers a malformed --repo in one line, with a hint naming the flag", async () => {
    const reportPath = join(directory, "malformed.md");
    writeFileSync(reportPath, renderMarkdown(headPlan()));
    const run = await wattplan(["comment", "github", "--repo", "acme", "--pr", "12", "--report", reportPath], { GITHUB_TOKEN: "unused" });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("wattplan: the repository must be OWNER/NAME, not 'acme'\n  hint: for example --repo acme/inference (in Actions: ${{ github.repository }})\n");
  });
});
