import { WattplanError } from "../../errors.ts";
import { GITHUB_COMMENT_LIMIT } from "../markdown/index.ts";
import { planMarker, planNameOfReport, REPORT_MARKER } from "../markdown/marker.ts";
import { gitHubRequest, type GitHubClientOptions } from "./client.ts";
import { nextPageUrl } from "./link-header.ts";

export const DEFAULT_GITHUB_API_URL = "https://api.github.com";
export const DEFAULT_TIMEOUT_MS = 30_000;
/** A pull request with more comments than this many pages is not worth searching further. */
const MOST_PAGES = 50;

export interface PostCommentOptions {
  /** "OWNER/NAME" */
  repo: string;
  pullRequest: number;
  /** The Markdown written by `wattplan report --format md` (it carries the marker). */
  body: string;
  token: string | undefined;
  apiBaseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface PostCommentResult {
  action: "created" | "updated";
  commentId: number;
  url: string | null;
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
}

/**
 * Creates the wattplan comment on a pull request, or updates the one an earlier run left (found by the report's
 * marker, across every page of comments), so a pull request carries one report per plan however often it runs.
 */
export async function postReportComment(options: PostCommentOptions): Promise<PostCommentResult> {
  const { owner, name } = parseRepo(options.repo);
  if (!Number.isInteger(options.pullRequest) || options.pullRequest <= 0) {
    throw new WattplanError("INVALID_INPUT", `the pull request must be a number, not ${options.pullRequest}`, undefined, { option: "pullRequest", example: "42" });
  }
  if (!options.token) throw new WattplanError("INVALID_INPUT", "GITHUB_TOKEN is not set", "export GITHUB_TOKEN (in Actions: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})");
  const planName = planNameOfReport(options.body);
  if (!options.body.trimStart().startsWith(REPORT_MARKER)) {
    throw new WattplanError("INVALID_INPUT", "the report has no wattplan marker, so a later run could not find the comment to update", "render it with renderMarkdown() (`wattplan report` in Markdown)");
  }
  if (options.body.length > GITHUB_COMMENT_LIMIT) {
    throw new WattplanError("INVALID_INPUT", `the report is ${options.body.length} characters; GitHub takes at most ${GITHUB_COMMENT_LIMIT}`, "render it with renderMarkdown() (`wattplan report` in Markdown), which keeps it under the limit");
  }
  const apiBaseUrl = (options.apiBaseUrl || DEFAULT_GITHUB_API_URL).replace(/\/+$/, "");
  validateBaseUrl(apiBaseUrl);
  const client: GitHubClientOptions = {
    token: options.token,
    apiBaseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    target: { repo: `${owner}/${name}`, pullRequest: options.pullRequest },
    fetch: options.fetch,
  };
  const repoPath = `${apiBaseUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  const existing = await findReportComment(client, `${repoPath}/issues/${options.pullRequest}/comments?per_page=100`, planName);
  if (existing) {
    const response = await gitHubRequest(client, "PATCH", `${repoPath}/issues/comments/${existing.id}`, { body: options.body });
    return { action: "updated", commentId: existing.id, url: urlOf(response.body) };
  }
  const response = await gitHubRequest(client, "POST", `${repoPath}/issues/${options.pullRequest}/comments`, { body: options.body });
  const created = response.body as IssueComment | null;
  if (!created || typeof created.id !== "number") throw new WattplanError("REMOTE_ERROR", "GitHub created the comment but its answer had no id", "check GITHUB_API_URL points at the REST API");
  return { action: "created", commentId: created.id, url: urlOf(created) };
}

/** The earliest comment that is a wattplan report for the same plan (a report without a plan name matches any). */
async function findReportComment(client: GitHubClientOptions, firstPageUrl: string, planName: string | null): Promise<IssueComment | null> {
  let url: string | null = firstPageUrl;
  for (let page = 0; url !== null && page < MOST_PAGES; page++) {
    const response = await gitHubRequest(client, "GET", url);
    if (!Array.isArray(response.body)) throw new WattplanError("REMOTE_ERROR", "GitHub's list of comments was not a list", "check GITHUB_API_URL points at the REST API");
    const match = (response.body as IssueComment[]).find((comment) => isReportFor(comment.body ?? "", planName));
    if (match) return match;
    url = nextPageUrl(response.linkHeader);
  }
  return null;
}

function isReportFor(body: string, planName: string | null): boolean {
  if (!body.trimStart().startsWith(REPORT_MARKER)) return false;
  return planName === null ? planNameOfReport(body) === null : body.includes(planMarker(planName));
}

function parseRepo(repo: string): { owner: string; name: string } {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repo);
  if (!match) throw new WattplanError("INVALID_INPUT", `the repository must be OWNER/NAME, not '${repo}'`, "for example acme/inference (in Actions: ${{ github.repository }})", { option: "repo", example: "acme/inference" });
  return { owner: match[1], name: match[2] };
}

function validateBaseUrl(apiBaseUrl: string): void {
  let parsed: URL;
  try {
    parsed = new URL(apiBaseUrl);
  } catch {
    throw new WattplanError("INVALID_INPUT", `GITHUB_API_URL is not a URL: '${apiBaseUrl}'`, "unset it to use https://api.github.com");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new WattplanError("INVALID_INPUT", `GITHUB_API_URL must be http(s), got '${parsed.protocol}'`);
}

function urlOf(body: unknown): string | null {
  const url = (body as IssueComment | null)?.html_url;
  return typeof url === "string" ? url : null;
}
