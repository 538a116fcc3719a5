// `wattplan comment github`'s library entry: checks what the user gave, then lets the platform-neutral
// find-or-update logic work on the pull request through the GitHub client.
import { WattplanError } from "../../errors.ts";
import { upsertReportComment } from "../pull-request/upsert-report-comment.ts";
import type { GitHubClientOptions } from "./client.ts";
import { gitHubPullRequest } from "./github-platform.ts";

export const DEFAULT_GITHUB_API_URL = "https://api.github.com";
export const DEFAULT_TIMEOUT_MS = 30_000;

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
  /** "unchanged": the comment already held this report, so nothing was sent. */
  action: "created" | "updated" | "unchanged";
  commentId: number;
  url: string | null;
}

/**
 * Creates the wattplan comment on a pull request, or updates the one an earlier run of the same token's user left
 * (found by the report's marker, across every page of comments), so a pull request carries one report per plan
 * however often it runs.
 */
export async function postReportComment(options: PostCommentOptions): Promise<PostCommentResult> {
  const { owner, name } = parseRepo(options.repo);
  if (!Number.isInteger(options.pullRequest) || options.pullRequest <= 0) {
    throw new WattplanError("INVALID_INPUT", `the pull request must be a number, not ${options.pullRequest}`, undefined, { option: "pullRequest", example: "42" });
  }
  if (!options.token) throw new WattplanError("INVALID_INPUT", "GITHUB_TOKEN is not set", "export GITHUB_TOKEN (in Actions: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})");
  const apiBaseUrl = (options.apiBaseUrl || DEFAULT_GITHUB_API_URL).replace(/\/+$/, "");
  validateBaseUrl(apiBaseUrl);
  const client: GitHubClientOptions = {
    token: options.token,
    apiBaseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    target: { repo: `${owner}/${name}`, pullRequest: options.pullRequest },
    fetch: options.fetch,
  };
  const { action, comment } = await upsertReportComment(gitHubPullRequest(client, { owner, name, pullRequest: options.pullRequest }), options.body);
  return { action, commentId: comment.id, url: comment.url };
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
