import { BodyReadError, readBodyText } from "../io/read-body.ts";
import { redactSecrets } from "./redact.ts";
import { backoffDelayMs, parseRetryAfterMs } from "./retry-after.ts";

export type RemoteFailureKind = "timeout" | "network" | "http" | "malformed";

/** A failed remote call, its message already free of secrets. Caught by the sources and turned into warnings. */
export class RemoteRequestError extends Error {
  readonly kind: RemoteFailureKind;
  readonly status?: number;
  readonly attempts: number;

  constructor(kind: RemoteFailureKind, message: string, attempts: number, status?: number) {
    super(message);
    this.name = "RemoteRequestError";
    this.kind = kind;
    this.status = status;
    this.attempts = attempts;
  }
}

/** A 72-hour forecast in 5-minute steps is about 100 KB; nothing an intensity API answers comes near this. */
export const MOST_INTENSITY_BODY_BYTES = 16 * 1024 * 1024;

/** Time left for waiting between retries, shared by every request of one source (Retry-After cannot stretch a run). */
export interface WaitBudget {
  remainingMs: number;
  totalMs: number;
}

export interface JsonRequest {
  url: string;
  headers?: Record<string, string>;
  /** What the call is for, in words: "Electricity Maps forecast for DE". */
  label: string;
  timeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  maxRetryWaitMs: number;
  waitBudget: WaitBudget;
  /** Every credential involved, to mask in messages. */
  secrets: Array<string | undefined>;
  now: () => Date;
  sleep: (milliseconds: number) => Promise<void>;
  fetch: typeof fetch;
}

export const defaultSleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * GET a JSON document with a timeout per attempt, retrying 429, 5xx and connection errors with exponential
 * backoff (Retry-After wins when the server sends one, capped). A timeout is not retried: its time is spent.
 */
export async function getJson(request: JsonRequest): Promise<unknown> {
  const redact = (text: string) => redactSecrets(text, request.secrets);
  let attempt = 0;
  for (;;) {
    attempt += 1;
    let response: Response;
    try {
      response = await request.fetch(request.url, { headers: request.headers, signal: AbortSignal.timeout(request.timeoutMs) });
    } catch (error) {
      const name = (error as Error | undefined)?.name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new RemoteRequestError("timeout", `${request.label}: no answer within ${request.timeoutMs} ms`, attempt);
      }
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      // A name that does not resolve will not resolve in a second either.
      if (attempt <= request.retries && cause !== "ENOTFOUND" && (await waitWithin(request, backoffDelayMs(attempt - 1, request.retryBaseDelayMs, request.maxRetryWaitMs)))) continue;
      throw new RemoteRequestError("network", redact(`${request.label}: connection failed (${cause}) after ${attempt} attempt(s)`), attempt);
    }
    if (response.status === 429 || response.status >= 500) {
      const body = await safeText(response);
      const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), request.now().getTime());
      const waitMs = Math.min(retryAfterMs ?? backoffDelayMs(attempt - 1, request.retryBaseDelayMs, request.maxRetryWaitMs), request.maxRetryWaitMs);
      if (attempt <= request.retries && (await waitWithin(request, waitMs))) continue;
      const outOfTime = attempt <= request.retries ? `; no time left to retry (at most ${request.waitBudget.totalMs / 1000} s of waiting per source)` : "";
      throw new RemoteRequestError("http", redact(`${request.label}: HTTP ${response.status}${summarise(body)} after ${attempt} attempt(s)${outOfTime}`), attempt, response.status);
    }
    if (!response.ok) {
      const body = await safeText(response);
      throw new RemoteRequestError("http", redact(`${request.label}: HTTP ${response.status}${summarise(body)}`), attempt, response.status);
    }
    let text: string;
    try {
      text = await readBodyText(response, MOST_INTENSITY_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyReadError)) throw error;
      // The timeout covers the body too: a server that sends headers and then stalls is still a timeout.
      if (error.kind === "too-large") throw new RemoteRequestError("malformed", `${request.label}: ${error.message}; not reading it`, attempt, response.status);
      const kind = error.kind === "timeout" ? "timeout" : "network";
      throw new RemoteRequestError(kind, `${request.label}: the answer broke off (${kind === "timeout" ? `no complete answer within ${request.timeoutMs} ms` : "connection lost"})`, attempt);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new RemoteRequestError("malformed", `${request.label}: the answer is not valid JSON`, attempt, response.status);
    }
  }
}

/** Sleeps `waitMs` if the source's waiting budget allows it (the whole wait, capped by what is left); false when spent. */
async function waitWithin(request: JsonRequest, waitMs: number): Promise<boolean> {
  if (request.waitBudget.remainingMs <= 0 && waitMs > 0) return false;
  const granted = Math.min(waitMs, request.waitBudget.remainingMs);
  request.waitBudget.remainingMs -= granted;
  await request.sleep(granted);
  return true;
}

async function safeText(response: Response): Promise<string> {
  try {
    return await readBodyText(response, 64 * 1024);
  } catch {
    return "";
  }
}

/** The first line of an error body, short: APIs put the reason there ("zone not found"). */
function summarise(body: string): string {
  const firstLine = body.replace(/\s+/g, " ").trim().slice(0, 160);
  return firstLine === "" ? "" : ` (${firstLine})`;
}
