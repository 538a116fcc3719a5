import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isWattplanError, WattplanError } from "../../src/errors.ts";
import { nextPageUrl } from "../../src/report/github/link-header.ts";
import { postReportComment } from "../../src/report/github/post-comment.ts";
import { redactToken } from "../../src/report/github/redact.ts";
import { renderMarkdown } from "../../src/report/markdown/index.ts";
import { startFakeGitHub, TOKEN_USER, type FakeGitHub } from "./fake-github.ts";
import { basePlan, headPlan } from "./helpers.ts";

const TOKEN = "test-token-s3cr3t-value-0123";
const target = { owner: "acme", repo: "inference", pullRequest: 7 };

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({ ...target, token: TOKEN, pageSize: 100 });
});
afterEach(async () => {
  await github.close();
});

function post(body: string, overrides: Partial<Parameters<typeof postReportComment>[0]> = {}) {
  return postReportComment({ repo: "acme/inference", pullRequest: 7, body, token: TOKEN, apiBaseUrl: github.url, timeoutMs: 5_000, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<WattplanError> {
  try {
    await promise;
  } catch (error) {
    if (isWattplanError(error)) return error;
    throw error;
  }
  throw new Error("expected a WattplanError");
}

function otherComments(count: number, startId = 1): { id: number; body: string }[] {
  return Array.from({ length: count }, (_, index) => ({ id: startId + index, body: `LGTM ${index}` }));
}

describe("wattplan comment github", () => {
  it("creates a comment when the pull request has no wattplan comment yet", async () => {
    github.comments.push(...otherComments(3));
    const report = renderMarkdown(headPlan(), { base: basePlan() });
    const result = await post(report);
    expect(result.action).toBe("created");
    expect(github.comments.at(-1)).toEqual({ id: result.commentId, body: report, user: TOKEN_USER });
    const methods = github.requests.map((request) => `${request.method} ${request.path}`);
    expect(methods).toEqual(["GET /repos/acme/inference/issues/7/comments?per_page=100", "POST /repos/acme/inference/issues/7/comments"]);
    expect(github.requests.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("updates the earlier comment in place when its marker is on a later page", async () => {
    const first = renderMarkdown(headPlan());
    const otherPlan = first.replace("<!-- wattplan-plan: image-classifier -->", "<!-- wattplan-plan: speech-to-text -->");
    github.comments.push(...otherComments(99), { id: 500, body: otherPlan, user: TOKEN_USER }, ...otherComments(120, 1000), { id: 777, body: first, user: TOKEN_USER }, ...otherComments(5, 3000));
    const updated = renderMarkdown(headPlan(), { base: basePlan() });
    const result = await post(updated);
    expect(result).toEqual({ action: "updated", commentId: 777, url: "https://github.example/c/777" });
    expect(github.comments.find((comment) => comment.id === 777)!.body).toBe(updated);
    // the other plan's comment is left alone, and nothing new was posted
    expect(github.comments.find((comment) => comment.id === 500)!.body).toBe(otherPlan);
    expect(github.comments).toHaveLength(99 + 1 + 120 + 1 + 5);
    const methods = github.requests.map((request) => `${request.method} ${request.path}`);
    expect(methods).toEqual([
      "GET /repos/acme/inference/issues/7/comments?per_page=100",
      "GET /repos/acme/inference/issues/7/comments?per_page=100&page=2",
      "GET /repos/acme/inference/issues/7/comments?per_page=100&page=3",
      "POST /graphql",
      "PATCH /repos/acme/inference/issues/comments/777",
    ]);
  });

  it("leaves a comment someone else wrote with the marker alone and posts its own", async () => {
    const earlier = renderMarkdown(headPlan());
    github.comments.push({ id: 50, body: earlier });
    const report = renderMarkdown(headPlan(), { base: basePlan() });
    const result = await post(report);
    expect(result.action).toBe("created");
    expect(github.comments.find((comment) => comment.id === 50)!.body).toBe(earlier);
    expect(github.comments.at(-1)).toMatchObject({ id: result.commentId, body: report, user: TOKEN_USER });
    // and the next run finds its own comment past the other one
    const again = await post(renderMarkdown(basePlan()));
    expect(again).toMatchObject({ action: "updated", commentId: result.commentId });
    expect(github.comments.find((comment) => comment.id === 50)!.body).toBe(earlier);
  });

  it("does not send an update when the comment already says the same", async () => {
    const report = renderMarkdown(headPlan(), { base: basePlan() });
    github.comments.push(...otherComments(2), { id: 60, body: report, user: TOKEN_USER });
    const result = await post(report);
    expect(result).toEqual({ action: "unchanged", commentId: 60, url: "https://github.example/c/60" });
    expect(github.requests.map((request) => request.method)).toEqual(["GET", "POST"]);
    expect(github.requests.at(-1)!.path).toBe("/graphql");
  });

  it("a second run updates the comment the first run created", async () => {
    const created = await post(renderMarkdown(headPlan()));
    const updated = await post(renderMarkdown(headPlan(), { base: basePlan() }));
    expect(updated).toMatchObject({ action: "updated", commentId: created.commentId });
    expect(github.comments).toHaveLength(1);
  });

  it.each([
    [401, { message: "Bad credentials" }, /^GitHub rejected the token \(401 Unauthorized\): Bad credentials$/, /GITHUB_TOKEN/],
    [403, { message: "Resource not accessible by integration" }, /^GitHub refused to let this token comment on acme\/inference#7 \(403 Forbidden\)/, /pull-requests: write/],
    [404, { message: "Not Found" }, /^GitHub found no pull request acme\/inference#7 \(404 Not Found\)/, /check the repository \(OWNER\/NAME\) and the pull request number/],
    [422, { message: "Validation Failed" }, /^GitHub rejected the comment \(422 Unprocessable Entity\): Validation Failed$/, /65,536/],
  ])("turns %i into one line with a hint", async (status, body, message, hint) => {
    github.failWith = { status, body };
    const error = await failure(post(renderMarkdown(headPlan())));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
    expect(error.hint).toMatch(hint);
    expect(error.code).toBe("REMOTE_ERROR");
  });

  it("says when a 403 is the rate limit", async () => {
    github.failWith = { status: 403, body: { message: "API rate limit exceeded" }, headers: { "x-ratelimit-remaining": "0" } };
    expect((await failure(post(renderMarkdown(headPlan())))).message).toMatch(/rate limit is exhausted/);
  });

  it("never lets the token into an error, even when the server echoes it", async () => {
    github.failWith = { status: 401, body: { message: `Bad credentials: ${TOKEN}` } };
    const error = await failure(post(renderMarkdown(headPlan())));
    expect(error.message).not.toContain(TOKEN);
    expect(`${error.message} ${error.hint}`).toContain("***");
  });

  it("fails with one line when GitHub does not answer in time", async () => {
    github.hang = true;
    const error = await failure(post(renderMarkdown(headPlan()), { timeoutMs: 200 }));
    expect(error.message).toBe("GitHub did not answer GET /repos/acme/inference/issues/7/comments within 0.2 s");
  });

  it("fails with one line when GitHub sends the headers and then trickles the body", async () => {
    github.trickle = true;
    const error = await failure(post(renderMarkdown(headPlan()), { timeoutMs: 300 }));
    expect(error.message).toBe("GitHub's answer to GET /repos/acme/inference/issues/7/comments did not finish within 0.3 s");
  });

  it("reads at most 32 MiB of an answer, declared or not", async () => {
    const endless = (declared: boolean): typeof fetch => async () => {
      const chunk = new Uint8Array(1024 * 1024).fill(0x20);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += 1;
          if (sent > 200) controller.close();
          else controller.enqueue(chunk);
        },
      });
      return new Response(body, { status: 200, headers: declared ? { "content-length": String(200 * chunk.length) } : {} });
    };
    for (const declared of [true, false]) {
      const error = await failure(post(renderMarkdown(headPlan()), { fetch: endless(declared) }));
      expect(error.message).toBe("GitHub's answer to GET /repos/acme/inference/issues/7/comments is larger than 32 MiB; not reading it");
    }
  });

  it("refuses to follow a next-page link to another host with the token", async () => {
    const fetchThatRedirects: typeof fetch = async () =>
      new Response("[]", { status: 200, headers: { link: '<https://elsewhere.example/steal?page=2>; rel="next"' } });
    const error = await failure(post(renderMarkdown(headPlan()), { fetch: fetchThatRedirects }));
    expect(error.message).toMatch(/outside http:\/\/127\.0\.0\.1:\d+; not sending the token there/);
  });

  it("checks its inputs before calling GitHub", async () => {
    const report = renderMarkdown(headPlan());
    expect((await failure(post(report, { token: undefined }))).message).toBe("GITHUB_TOKEN is not set");
    expect((await failure(post(report, { repo: "acme" }))).message).toMatch(/the repository must be OWNER\/NAME/);
    expect((await failure(post("just some text"))).message).toMatch(/no wattplan marker/);
    expect((await failure(post(report + "x".repeat(70_000)))).message).toMatch(/GitHub takes at most 65536/);
    expect(github.requests).toHaveLength(0);
  });
});

describe("Link header parsing", () => {
  it("finds rel=next among other relations and returns null on the last page", () => {
    expect(nextPageUrl('<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"')).toBe("https://api.github.com/x?page=2");
    expect(nextPageUrl('<https://api.github.com/x?page=1>; rel="first", <https://api.github.com/x?page=1>; rel="prev"')).toBeNull();
    expect(nextPageUrl(null)).toBeNull();
  });
});

describe("redactToken", () => {
  it("removes the given token and anything shaped like a GitHub token", () => {
    const classic = `ghp_${"a1".repeat(18)}`;
    expect(redactToken(`token ${TOKEN} and ${classic}`, TOKEN)).toBe("token *** and ***");
  });
});
