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
  it("creates the comment when none carries the marker, without asking who the token is", async () => {
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

  it("never edits a report someone else wrote, even the earliest one carrying the marker", async () => {
    const copied = report("classifier", "quoted by a reviewer");
    const alone = pullRequestWith([{ authorId: OTHER, body: copied }]);
    expect((await upsertReportComment(alone, report("classifier", "v2"))).action).toBe("created");
    expect(alone.comments[0].body).toBe(copied);

    const both = pullRequestWith([
      { authorId: OTHER, body: copied },
      { authorId: OWN, body: report("classifier", "v1") },
    ]);
    const result = await upsertReportComment(both, report("classifier", "v2"));
    expect(result).toMatchObject({ action: "updated", comment: { id: 2 } });
    expect(both.comments[0].body).toBe(copied);
    // The token's identity is asked once, however many marked comments there are.
    expect(both.calls.filter((call) => call === "who am I")).toHaveLength(1);
  });

  it("sends nothing when its comment already holds the report", async () => {
    const body = report("classifier", "v1");
    const platform = pullRequestWith([{ authorId: OWN, body }]);
    const result = await upsertReportComment(platform, body);
    expect(result).toMatchObject({ action: "unchanged", comment: { id: 1, body } });
    expect(platform.calls).toEqual(["list page 1", "who am I"]);
  });

  it("stops reading pages at the page holding its comment", async () => {
    const chatter = Array.from({ length: 4 }, (_, index) => ({ authorId: OTHER, body: `comment ${index}` }));
    const platform = pullRequestWith([...chatter, { authorId: OWN, body: report("classifier", "v1") }, ...chatter, ...chatter], 3);
    await upsertReportComment(platform, report("classifier", "v2"));
    expect(platform.calls).toEqual(["list page 1", "list page 2", "who am I", "update 5"]);
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
