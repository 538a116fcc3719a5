import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  /** Hold the answer this long (to provoke client timeouts). */
  delayMs?: number;
  /** Send the headers and half the body at once, the rest after this long (a stalled body). */
  stallBodyMs?: number;
}

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface FakeServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 (port 0) answering like a remote API, recording what it was asked. */
export async function startFakeServer(reply: (request: RecordedRequest, index: number) => FakeReply): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const recorded: RecordedRequest = { path: url.pathname, query: url.searchParams, headers: incoming.headers };
    requests.push(recorded);
    const answer = reply(recorded, requests.length - 1);
    const send = () => {
      if (outgoing.destroyed) return;
      const body = typeof answer.body === "string" ? answer.body : answer.body === undefined ? "" : JSON.stringify(answer.body);
      outgoing.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
      if (!answer.stallBodyMs) {
        outgoing.end(body);
        return;
      }
      outgoing.write(body.slice(0, Math.floor(body.length / 2)));
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!outgoing.destroyed) outgoing.end(body.slice(Math.floor(body.length / 2)));
      }, answer.stallBodyMs);
      timers.add(timer);
    };
    if (answer.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, answer.delayMs);
      timers.add(timer);
    } else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A clock tests move by hand. */
export function manualClock(startIso: string): { now: () => Date; advanceMs: (milliseconds: number) => void } {
  let current = Date.parse(startIso);
  return { now: () => new Date(current), advanceMs: (milliseconds) => void (current += milliseconds) };
}

/** Records waits instead of waiting, so retry tests run instantly and can check Retry-After was honoured. */
export function recordingSleep(): { sleep: (milliseconds: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (milliseconds) => void waits.push(milliseconds) };
}
