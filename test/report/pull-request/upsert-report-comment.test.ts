// The find-or-update logic on its own, against a pull request held in memory.
import { describe, expect, it } from "vitest";
import { isWattplanError } from "../../../src/errors.ts";
import { REPORT_MARKER, reportMarkers } from "../../../src/report/markdown/marker.ts";
import { upsertReportComment } from "../../../src/report/pull-request/upsert-report-comment.ts";
import { inMemoryPullRequest } from "./in-memory-platform.ts";

const OWN = "7";
const OTHER = "8";

function report(planName: string, text: string): string {
  return `${reportMarkers(planName)}\n${text}`;
}

function pullRequestWith(comments: { authorId: string; body: string }[], pageSize = 3) {
  const platform = inMemoryPullRequest({ ownUserId: OWN, pageSize });
  comments.forEach((comment, index) => platform.comments.push({ id: index + 1, url: null, ...comment }));
  return platform;
}

describe("upsertReportComment", () => {
  it("creates the comment when none carries the marker", async () => {
    const platform = pullRequestWith([{ authorId: OTHER, body: "LGTM" }]);
    const result = await upsertReportComment(platform, report("classifier", "v1"));
    expect(result.action).toBe("created");
    expect(platform.comments.at(-1)).toMatchObject({ id: result.comment.id, authorId: OWN, body: report("classifier", "v1") });
    expect(platform.calls).toEqual(["list page 1", "create"]);
  });

  it("updates its own earlier report of the same plan and leaves other plans' reports alone", async () => {
    const platform = pullRequestWith([
      { authorId: OTHER, body: "LGTM" },
      { authorId: OWN, body: report("speech", "v1") },
      { authorId: OWN, body: report("classifier", "v1") },
    ]);
    const result = await upsertReportComment(platform, report("classifier", "v2"));
    expect(result).toMatchObject({ action: "updated", comment: { id: 3, body: report("classifier", "v2") } });
    expect(platform.comments.map((comment) => comment.body)).toEqual(["LGTM", report("speech", "v1"), report("classifier", "v2")]);
  });

  it("stops reading pages at the page holding its comment", async () => {
    const chatter = Array.from({ length: 4 }, (_, index) => ({ authorId: OTHER, body: `comment ${index}` }));
    const platform = pullRequestWith([...chatter, { authorId: OWN, body: report("classifier", "v1") }, ...chatter, ...chatter], 3);
    await upsertReportComment(platform, report("classifier", "v2"));
    expect(platform.calls).toEqual(["list page 1", "list page 2", "update 5"]);
  });

  it("matches a report without a plan name only to another without one", async () => {
    const unnamed = `${REPORT_MARKER}\nold`;
    const platform = pullRequestWith([
      { authorId: OWN, body: report("classifier", "v1") },
      { authorId: OWN, body: unnamed },
    ]);
    expect(await upsertReportComment(platform, `${REPORT_MARKER}\nnew`)).toMatchObject({ action: "updated", comment: { id: 2 } });
    expect(platform.comments[0].body).toBe(report("classifier", "v1"));
  });

  it("refuses a body without the marker or over the platform's limit before calling the platform", async () => {
    const platform = inMemoryPullRequest({ ownUserId: OWN, mostBodyCharacters: 100 });
    for (const [body, message] of [
      ["no marker here", /no wattplan marker/],
      [report("classifier", "x".repeat(200)), /^the report is \d+ characters; the platform takes at most 100$/],
    ] as const) {
      const error = await upsertReportComment(platform, body).catch((caught: unknown) => caught);
      expect(isWattplanError(error) && error.code).toBe("INVALID_INPUT");
      expect((error as Error).message).toMatch(message);
    }
    expect(platform.calls).toEqual([]);
  });
});
