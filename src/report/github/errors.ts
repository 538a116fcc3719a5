import { WattplanError } from "../../errors.ts";

export interface RequestTarget {
  repo: string;
  pullRequest: number;
}

/** A GitHub error status as one line a user can act on. `apiMessage` is GitHub's own `message`, already redacted. */
export function errorForStatus(status: number, apiMessage: string | null, target: RequestTarget, rateLimited: boolean): WattplanError {
  const said = apiMessage ? `: ${apiMessage}` : "";
  const where = `${target.repo}#${target.pullRequest}`;
  switch (status) {
    case 401:
      return new WattplanError("REMOTE_ERROR", `GitHub rejected the token (401 Unauthorized)${said}`, "set GITHUB_TOKEN to a valid token (in Actions: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})");
    case 403:
      if (rateLimited) return new WattplanError("REMOTE_ERROR", `GitHub's rate limit is exhausted (403)${said}`, "wait for the limit to reset, or use the workflow's GITHUB_TOKEN");
      return new WattplanError(
        "REMOTE_ERROR",
        `GitHub refused to let this token comment on ${where} (403 Forbidden)${said}`,
        "give the job `permissions: pull-requests: write` (pull requests from forks get a read-only token)",
      );
    case 404:
      return new WattplanError("REMOTE_ERROR", `GitHub found no pull request ${where} (404 Not Found)${said}`, "check the repository (OWNER/NAME) and the pull request number; a private repository also answers 404 to a token without access");
    case 422:
      return new WattplanError("REMOTE_ERROR", `GitHub rejected the comment (422 Unprocessable Entity)${said}`, "the body may be over 65,536 characters or empty; render it with renderMarkdown() (`wattplan report` in Markdown), which keeps it under the limit");
    default:
      return new WattplanError("REMOTE_ERROR", `GitHub answered ${status} for ${where}${said}`, status >= 500 ? "GitHub may be having trouble; try again later" : "check GITHUB_API_URL, the repository and the pull request number");
  }
}
