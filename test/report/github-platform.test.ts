// The GitHub client behind the PullRequestPlatform interface, fed answers through an injected fetch.
import { describe, expect, it } from "vitest";
import { isWattplanError, type WattplanError } from "../../src/errors.ts";
import type { GitHubClientOptions } from "../../src/report/github/client.ts";
import { gitHubPullRequest, graphqlUrl } from "../../src/report/github/github-platform.ts";

const TOKEN = "test-token-platform-0123456789";

/** A pull request whose every request gets `answer` (as JSON), recording the URLs asked. */
function platformAnswering(answer: unknown, apiBaseUrl = "https://github.example/api/v3") {
  const urls: string[] = [];
  const fetchAnswer: typeof fetch = async (input) => {
    urls.push(String(input));
    return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
  };
  const client: GitHubClientOptions = { token: TOKEN, apiBaseUrl, timeoutMs: 1_000, target: { repo: "acme/inference", pullRequest: 7 }, fetch: fetchAnswer };
  return { platform: gitHubPullRequest(client, { owner: "acme", name: "inference", pullRequest: 7 }), urls };
}

async function remoteError(promise: Promise<unknown>): Promise<WattplanError> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!isWattplanError(error)) throw new Error(`expected a WattplanError, got ${String(error)}`);
  expect(error.code).toBe("REMOTE_ERROR");
  expect(error.message).not.toContain("\n");
  return error;
}

async function firstPage(platform: ReturnType<typeof platformAnswering>["platform"]) {
  for await (const page of platform.listComments()) return page;
  return [];
}

describe("GitHub as a pull-request platform", () => {
  it("reads comments with their author's user id, and who the token is from GraphQL's viewer", async () => {
    const listed = platformAnswering([{ id: 5, body: "hi", html_url: "https://github.example/c/5", user: { login: "github-actions[bot]", id: 41898282 } }]);
    expect(await firstPage(listed.platform)).toEqual([{ id: 5, body: "hi", authorId: "41898282", url: "https://github.example/c/5" }]);
    const viewer = platformAnswering({ data: { viewer: { databaseId: 41898282 } } });
    expect(await viewer.platform.currentUserId()).toBe("41898282");
    // GitHub Enterprise Server: REST under /api/v3, GraphQL at /api/graphql.
    expect(viewer.urls).toEqual(["https://github.example/api/graphql"]);
    expect(graphqlUrl("https://api.github.com")).toBe("https://api.github.com/graphql");
  });

  it("turns answers that are not comments into one line, not a crash", async () => {
    expect((await remoteError(firstPage(platformAnswering([null]).platform))).message).toBe("GitHub's list of comments held an entry that is not a comment");
    expect((await remoteError(firstPage(platformAnswering({ message: "ok" }).platform))).message).toBe("GitHub's list of comments was not a list");
    expect((await remoteError(platformAnswering({}).platform.createComment("body"))).message).toBe("GitHub created the comment but its answer had no id");
  });

  it("says when GraphQL does not name the token's user, without the token", async () => {
    const { platform } = platformAnswering({ errors: [{ message: `Could not resolve to a User for ${TOKEN}` }] });
    const error = await remoteError(platform.currentUserId());
    expect(error.message).toBe("GitHub did not say which user the token acts as: Could not resolve to a User for ***");
  });
});
