import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

describe("examples/github-actions/wattplan-pr.yml", () => {
  const workflow = parse(readFileSync("examples/github-actions/wattplan-pr.yml", "utf8")) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: { plan: { steps: { uses?: string; with?: Record<string, string>; run?: string; env?: Record<string, string> }[] } };
  };
  const steps = workflow.jobs.plan.steps;
  const commands = steps.map((step) => step.run ?? "").join("\n");

  it("runs on pull requests with permission to write the comment", () => {
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.permissions["pull-requests"]).toBe("write");
  });

  it("checks out both the head and the base of the pull request", () => {
    const checkouts = steps.filter((step) => step.uses?.startsWith("actions/checkout"));
    expect(checkouts.map((step) => step.with?.ref ?? "head")).toEqual(["head", "${{ github.event.pull_request.base.sha }}"]);
  });

  it("plans both, renders the diff and posts it with the workflow's token", () => {
    expect(commands).toMatch(/npx wattplan plan "\$SPEC" --out \.\.\/head\.json/);
    expect(commands).toMatch(/npx wattplan plan "\.\.\/base\/\$SPEC" --out \.\.\/base\.json/);
    expect(commands).toContain("npx wattplan report ../head.json --base ../base.json --format md --out ../report.md");
    expect(commands).toMatch(/npx wattplan comment github --repo "\$\{\{ github.repository \}\}" --pr "\$\{\{ github.event.pull_request.number \}\}" --report \.\.\/report\.md/);
    const post = steps.find((step) => step.run?.includes("comment github"));
    expect(post?.env?.GITHUB_TOKEN).toBe("${{ secrets.GITHUB_TOKEN }}");
  });
});
