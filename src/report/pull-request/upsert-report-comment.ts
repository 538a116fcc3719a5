// One wattplan report per plan per pull request, however often CI runs: find the comment an earlier run left (by
// the report's marker, written by the token's own user), update it when the report changed, or create it.
import { WattplanError } from "../../errors.ts";
import { planMarker, planNameOfReport, REPORT_MARKER } from "../markdown/marker.ts";
import type { PullRequestComment, PullRequestPlatform } from "./platform.ts";

export interface UpsertResult<Comment extends PullRequestComment> {
  /** "unchanged": our comment already said exactly this, so nothing was sent. */
  action: "created" | "updated" | "unchanged";
  comment: Comment;
}

export async function upsertReportComment<Comment extends PullRequestComment>(platform: PullRequestPlatform<Comment>, body: string): Promise<UpsertResult<Comment>> {
  checkReport(platform, body);
  const existing = await findOwnReportComment(platform, planNameOfReport(body));
  if (!existing) return { action: "created", comment: await platform.createComment(body) };
  if (existing.body === body) return { action: "unchanged", comment: existing };
  return { action: "updated", comment: await platform.updateComment(existing, body) };
}

function checkReport(platform: PullRequestPlatform<PullRequestComment>, body: string): void {
  if (!body.trimStart().startsWith(REPORT_MARKER)) {
    throw new WattplanError("INVALID_INPUT", "the report has no wattplan marker, so a later run could not find the comment to update", "render it with renderMarkdown() (`wattplan report` in Markdown)");
  }
  if (body.length > platform.mostBodyCharacters) {
    throw new WattplanError(
      "INVALID_INPUT",
      `the report is ${body.length} characters; ${platform.name} takes at most ${platform.mostBodyCharacters}`,
      "render it with renderMarkdown() (`wattplan report` in Markdown), which keeps it under the limit",
    );
  }
}

/**
 * The earliest report for the same plan written by the token's own user (a report without a plan name matches
 * only another without one). Others' comments may carry the marker too, quoted or copied: those are never edited.
 * Who the token is gets asked only once a marked comment turns up.
 */
async function findOwnReportComment<Comment extends PullRequestComment>(platform: PullRequestPlatform<Comment>, planName: string | null): Promise<Comment | null> {
  let ownUserId: string | undefined;
  for await (const page of platform.listComments()) {
    for (const comment of page) {
      if (!isReportFor(comment.body, planName)) continue;
      ownUserId ??= await platform.currentUserId();
      if (comment.authorId === ownUserId) return comment;
    }
  }
  return null;
}

function isReportFor(body: string, planName: string | null): boolean {
  if (!body.trimStart().startsWith(REPORT_MARKER)) return false;
  return planName === null ? planNameOfReport(body) === null : body.includes(planMarker(planName));
}
