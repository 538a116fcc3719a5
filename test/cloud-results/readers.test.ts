// The results readers with the clouds' real SDKs (and Azure's REST call), pointed at servers on 127.0.0.1 that answer
// as S3, Cloud Storage and Blob Storage do: the object when it is there, null while it is not, an error otherwise.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResultsReader } from "../../src/cloud-results/reader.ts";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
}

let server: Server;
let base: string;
const seen: Seen[] = [];
const stored = new Map<string, string>([
  ["/s3/bench-bucket/results/profile.json", '{"kind":"wattplan.model-profile"}'],
  ["/gcs/bench-bucket/results/phase-done", "2026-01-01T00:00:00Z "],
  ["/blob/wbaccount/results/profile.json", '{"kind":"wattplan.model-profile","cloud":"azure"}'],
]);

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers });
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/s3/")) {
      if (!String(request.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 Credential=test-key/")) return reply(response, 403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", "application/xml");
      const body = stored.get(url.pathname);
      if (body === undefined) return reply(response, 404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>", "application/xml");
      return reply(response, 200, body, "application/octet-stream");
    }
    const gcs = url.pathname.match(/^\/gcs\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/);
    if (gcs && url.searchParams.get("alt") === "media") {
      const body = stored.get(`/gcs/${gcs[1]}/${decodeURIComponent(gcs[2])}`);
      if (body === undefined) return reply(response, 404, JSON.stringify({ error: { code: 404, message: "No such object" } }), "application/json");
      return reply(response, 200, body, "application/octet-stream");
    }
    if (url.pathname.startsWith("/blob/")) {
      if (request.headers.authorization !== "Bearer azure-test-token" || !request.headers["x-ms-version"]) {
        response.setHeader("x-ms-error-code", "AuthorizationPermissionMismatch");
        return reply(response, 403, "", "application/xml");
      }
      const body = stored.get(url.pathname);
      if (body === undefined) {
        response.setHeader("x-ms-error-code", "BlobNotFound");
        return reply(response, 404, "", "application/xml");
      }
      return reply(response, 200, body, "application/octet-stream");
    }
    reply(response, 400, "unexpected", "text/plain");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function reply(response: import("node:http").ServerResponse, status: number, body: string, type: string) {
  response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

function reader(credentials = { accessKeyId: "test-key", secretAccessKey: "test-secret" }) {
  return createResultsReader({
    aws: { endpoint: `${base}/s3`, forcePathStyle: true, credentials },
    gcp: { apiEndpoint: `${base}/gcs`, projectId: "bench-project", useAuthWithCustomEndpoint: false },
    azure: { credential: { getToken: async () => ({ token: "azure-test-token", expiresOnTimestamp: Date.now() + 3_600_000 }) } },
  });
}

describe("the results readers", () => {
  it("S3 (AWS SDK, signed requests): the object, then null for one not written yet, an error when access is denied", async () => {
    const location = { provider: "aws" as const, region: "eu-north-1", bucket: "bench-bucket", prefix: "results/" };
    expect(await reader().read(location, "profile.json")).toBe('{"kind":"wattplan.model-profile"}');
    expect(await reader().read(location, "phase-done")).toBeNull();
    await expect(reader({ accessKeyId: "someone-else", secretAccessKey: "x" }).read(location, "profile.json")).rejects.toThrow(/Access Denied/);
    expect(seen.some((request) => request.url.startsWith("/s3/bench-bucket/results/profile.json") && request.method === "GET")).toBe(true);
  });

  it("Cloud Storage (Google's client): the object, then null for one not written yet", async () => {
    const location = { provider: "gcp" as const, bucket: "bench-bucket", prefix: "results/" };
    expect(await reader().read(location, "phase-done")).toBe("2026-01-01T00:00:00Z ");
    expect(await reader().read(location, "profile.json")).toBeNull();
    // Pointed at a local endpoint without credentials, the client fetched none (no metadata server, no token).
    expect(seen.filter((request) => request.url.startsWith("/gcs/")).map((request) => request.headers.authorization)).toEqual([undefined, undefined]);
  });

  it("Blob Storage (a token from Azure's credential chain, one Get Blob call): the blob, null, or the service's error code", async () => {
    const location = { provider: "azure" as const, blobEndpoint: `${base}/blob/wbaccount/`, container: "results", prefix: "" };
    expect(await reader().read(location, "profile.json")).toBe('{"kind":"wattplan.model-profile","cloud":"azure"}');
    expect(await reader().read(location, "phase-done")).toBeNull();
    const stranger = createResultsReader({ azure: { credential: { getToken: async () => ({ token: "someone-else", expiresOnTimestamp: Date.now() + 3_600_000 }) } } });
    await expect(stranger.read(location, "profile.json")).rejects.toThrow(/HTTP 403 AuthorizationPermissionMismatch$/);
    const request = seen.find((item) => item.url === "/blob/wbaccount/results/profile.json")!;
    expect(request.headers["x-ms-version"]).toBe("2021-08-06");
  });
});
