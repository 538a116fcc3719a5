import { WattplanError } from "../../errors.ts";
import { BodyReadError, readBodyText } from "../../io/read-body.ts";
import { errorForStatus, type RequestTarget } from "./errors.ts";
import { redactToken } from "./redact.ts";

export interface GitHubClientOptions {
  token: string;
  /** e.g. https://api.github.com, or a GitHub Enterprise Server's https://HOST/api/v3 */
  apiBaseUrl: string;
  timeoutMs: number;
  target: RequestTarget;
  fetch?: typeof fetch;
}

/** A page of 100 comments of at most 65,536 characters each, at four UTF-8 bytes a character, fits with room. */
export const MOST_GITHUB_BODY_BYTES = 32 * 1024 * 1024;

export interface GitHubResponse {
  status: number;
  linkHeader: string | null;
  body: unknown;
}

/**
 * One request to the GitHub REST API with the token, a timeout, and errors turned into one line without the token.
 * Only URLs on the API's own origin get the token (pagination links included).
 */
export async function gitHubRequest(options: GitHubClientOptions, method: "GET" | "POST" | "PATCH", url: string, body?: unknown): Promise<GitHubResponse> {
  const apiOrigin = new URL(options.apiBaseUrl).origin;
  if (new URL(url).origin !== apiOrigin) {
    throw new WattplanError("REMOTE_ERROR", `GitHub pointed to ${new URL(url).origin}, outside ${apiOrigin}; not sending the token there`, "check GITHUB_API_URL");
  }
  const fetchFunction = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchFunction(url, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${options.token}`,
        "x-github-api-version": "2022-11-28",
        "user-agent": "wattplan",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new WattplanError("REMOTE_ERROR", `GitHub did not answer ${method} ${redactToken(pathOf(url), options.token)} within ${options.timeoutMs / 1000} s`, "try again, or raise the timeout", { option: "timeoutMs", example: "60" });
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new WattplanError("REMOTE_ERROR", `could not reach ${apiOrigin}: ${redactToken(String(reason), options.token)}`, "check GITHUB_API_URL and the network");
  }
  let text: string;
  try {
    text = await readBodyText(response, MOST_GITHUB_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyReadError)) throw error;
    const what = `GitHub's answer to ${method} ${redactToken(pathOf(url), options.token)}`;
    if (error.kind === "timeout") throw new WattplanError("REMOTE_ERROR", `${what} did not finish within ${options.timeoutMs / 1000} s`, "try again, or raise the timeout", { option: "timeoutMs", example: "60" });
    if (error.kind === "too-large") throw new WattplanError("REMOTE_ERROR", `${what} is larger than ${MOST_GITHUB_BODY_BYTES / 1024 / 1024} MiB; not reading it`, "check GITHUB_API_URL points at the GitHub REST API");
    throw new WattplanError("REMOTE_ERROR", `${what} broke off`, "try again");
  }
  let parsed: unknown = null;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const apiMessage = typeof (parsed as { message?: unknown } | null)?.message === "string" ? redactToken((parsed as { message: string }).message, options.token) : null;
    const rateLimited = response.headers.get("x-ratelimit-remaining") === "0";
    throw errorForStatus(response.status, apiMessage, options.target, rateLimited);
  }
  return { status: response.status, linkHeader: response.headers.get("link"), body: parsed };
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname;
}
