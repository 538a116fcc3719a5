// A GitHub pull request's conversation as a PullRequestPlatform: issue comments over the REST API, and who the
// token acts as over GraphQL (`viewer`): REST's GET /user refuses installation tokens such as Actions'
// GITHUB_TOKEN ("Resource not accessible by integration"), while `viewer` answers them with the app's bot user.
import { WattplanError } from "../../errors.ts";
import { GITHUB_COMMENT_LIMIT } from "../markdown/index.ts";
import type { PullRequestComment, PullRequestPlatform } from "../pull-request/platform.ts";
import { gitHubRequest, type GitHubClientOptions } from "./client.ts";
import { nextPageUrl } from "./link-header.ts";
import { redactToken } from "./redact.ts";

/** A pull request with more comments than this many pages is not worth searching further. */
const MOST_PAGES = 50;
const REST_API_HINT = "check GITHUB_API_URL points at the REST API";

export interface GitHubPullRequestTarget {
  owner: string;
  name: string;
  pullRequest: number;
}

export function gitHubPullRequest(client: GitHubClientOptions, target: GitHubPullRequestTarget): PullRequestPlatform {
  const repoUrl = `${client.apiBaseUrl}/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.name)}`;
  return {
    name: "GitHub",
    mostBodyCharacters: GITHUB_COMMENT_LIMIT,
    async *listComments() {
      let url: string | null = `${repoUrl}/issues/${target.pullRequest}/comments?per_page=100`;
      for (let page = 0; url !== null && page < MOST_PAGES; page++) {
        const response = await gitHubRequest(client, "GET", url);
        if (!Array.isArray(response.body)) throw new WattplanError("REMOTE_ERROR", "GitHub's list of comments was not a list", REST_API_HINT);
        yield response.body.map((item) => commentOf(item, "GitHub's list of comments held an entry that is not a comment"));
        url = nextPageUrl(response.linkHeader);
      }
    },
    async createComment(body) {
      const response = await gitHubRequest(client, "POST", `${repoUrl}/issues/${target.pullRequest}/comments`, { body });
      return commentOf(response.body, "GitHub created the comment but its answer had no id");
    },
    async updateComment(comment, body) {
      const response = await gitHubRequest(client, "PATCH", `${repoUrl}/issues/comments/${comment.id}`, { body });
      return { ...comment, body, url: urlOf(response.body) };
    },
    async currentUserId() {
      const response = await gitHubRequest(client, "POST", graphqlUrl(client.apiBaseUrl), { query: "query { viewer { databaseId } }" });
      const answer = response.body as { data?: { viewer?: { databaseId?: unknown } }; errors?: { message?: unknown }[] } | null;
      const userId = answer?.data?.viewer?.databaseId;
      if (typeof userId === "number") return String(userId);
      const said = typeof answer?.errors?.[0]?.message === "string" ? `: ${redactToken(answer.errors[0].message, client.token)}` : "";
      throw new WattplanError("REMOTE_ERROR", `GitHub did not say which user the token acts as${said}`, `${REST_API_HINT} (its GraphQL API answers who the token is)`);
    },
  };
}

/** GitHub Enterprise Server serves REST under /api/v3 and GraphQL at /api/graphql; github.com at /graphql beside REST. */
export function graphqlUrl(apiBaseUrl: string): string {
  return /\/api\/v3$/.test(apiBaseUrl) ? apiBaseUrl.replace(/\/api\/v3$/, "/api/graphql") : `${apiBaseUrl}/graphql`;
}

interface IssueComment {
  id?: unknown;
  body?: unknown;
  html_url?: unknown;
  user?: { id?: unknown } | null;
}

function commentOf(item: unknown, problem: string): PullRequestComment {
  const comment = item as IssueComment | null;
  if (typeof comment !== "object" || comment === null || typeof comment.id !== "number") throw new WattplanError("REMOTE_ERROR", problem, REST_API_HINT);
  return {
    id: comment.id,
    body: typeof comment.body === "string" ? comment.body : "",
    authorId: typeof comment.user?.id === "number" ? String(comment.user.id) : null,
    url: urlOf(comment),
  };
}

function urlOf(body: unknown): string | null {
  const url = (body as IssueComment | null)?.html_url;
  return typeof url === "string" ? url : null;
}
