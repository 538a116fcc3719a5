import { describe, expect, it } from "vitest";
import { ElectricityMapsSource } from "../../src/intensity/electricity-maps.ts";
import type { RemoteSourceOptions } from "../../src/intensity/types.ts";
import { manualClock, recordingSleep, type FakeReply, type RecordedRequest } from "./fake-server.ts";
import { fakeServerPerTest, fixtureForecast, readAllFiles, region } from "./helpers.ts";

const key = "em-secret-key-7f3a9c";
const germany = region("eu-central-1");

const fakes = fakeServerPerTest();

async function sourceAnswering(reply: (request: RecordedRequest, index: number) => FakeReply, options: RemoteSourceOptions = {}) {
  const { server, cache } = await fakes.start(reply);
  const clock = manualClock("2026-06-01T00:10:00Z");
  const waits = recordingSleep();
  const source = new ElectricityMapsSource({
    baseUrl: server.baseUrl,
    env: { ELECTRICITY_MAPS_API_KEY: key },
    now: clock.now,
    sleep: waits.sleep,
    cacheDirectory: cache.path,
    timeoutMs: 2000,
    retries: 2,
    retryBaseDelayMs: 1,
    ...options,
  });
  return { source, clock, waits, server, cacheDirectory: cache.path };
}

const forecastReply = (): FakeReply => ({ body: fixtureForecast() });

describe("Electricity Maps source", () => {
  it("reads the documented forecast answer into hourly points with source, signal, basis and fetch time", async () => {
    const { source, server } = await sourceAnswering(forecastReply);
    const series = await source.forecast(germany, 24);
    expect(series.points).toHaveLength(24);
    expect(series.points[0]).toEqual({ startsAt: "2026-06-01T00:00:00.000Z", gCo2ePerKwh: 390 });
    expect(series.metadata).toMatchObject({ source: "electricitymaps", requestedSource: "electricitymaps", signal: "average", basis: "lifecycle", zone: "EM:DE", origin: "live", fetchedAt: "2026-06-01T00:10:00.000Z", warnings: [] });
    const request = server.requests[0];
    expect(request.path).toBe("/v3/carbon-intensity/forecast");
    expect(request.query.get("zone")).toBe("DE");
    expect(request.query.get("emissionFactorType")).toBe("lifecycle");
    expect(request.headers["auth-token"]).toBe(key);
  });

  it("asks for direct emission factors on the operational basis", async () => {
    const { source, server } = await sourceAnswering(forecastReply, { basis: "operational" });
    const series = await source.forecast(germany, 6);
    expect(server.requests[0].query.get("emissionFactorType")).toBe("direct");
    expect(series.metadata.basis).toBe("operational");
  });

  it("reads latest and history answers", async () => {
    const { source } = await sourceAnswering((request) =>
      request.path.endsWith("/latest")
        ? { body: { zone: "DE", carbonIntensity: 312, datetime: "2026-06-01T00:00:00.000Z", updatedAt: "2026-06-01T00:05:00.000Z", emissionFactorType: "lifecycle", isEstimated: false } }
        : { body: { zone: "DE", history: [{ carbonIntensity: 300, datetime: "2026-05-31T22:00:00.000Z" }, { carbonIntensity: null, datetime: "2026-05-31T23:00:00.000Z" }] } },
    );
    const latest = await source.latest(germany);
    expect(latest.points).toEqual([{ startsAt: "2026-06-01T00:00:00.000Z", gCo2ePerKwh: 312 }]);
    const history = await source.history(germany, 24);
    expect(history.points).toEqual([{ startsAt: "2026-05-31T22:00:00.000Z", gCo2ePerKwh: 300 }]);
  });

  it("serves a second call within the TTL from the cache, and fetches again after it", async () => {
    const { source, clock, server, cacheDirectory } = await sourceAnswering(forecastReply, { cacheTtlMs: 60 * 60 * 1000 });
    await source.forecast(germany, 12);
    clock.advanceMs(30 * 60 * 1000);
    const cached = await source.forecast(germany, 12);
    expect(server.requests).toHaveLength(1);
    expect(cached.metadata.origin).toBe("cache");
    expect(cached.metadata.fetchedAt).toBe("2026-06-01T00:10:00.000Z");
    clock.advanceMs(31 * 60 * 1000);
    const refetched = await source.forecast(germany, 12);
    expect(server.requests).toHaveLength(2);
    expect(refetched.metadata.origin).toBe("live");
    expect(readAllFiles(cacheDirectory)).toContain("carbonIntensity");
    expect(readAllFiles(cacheDirectory)).not.toContain(key);
  });

  it("honours Retry-After on 429 (seconds), then succeeds", async () => {
    const { source, waits, server } = await sourceAnswering((_, index) => (index === 0 ? { status: 429, headers: { "retry-after": "3" }, body: { message: "slow down" } } : forecastReply()), { maxRetryWaitMs: 10_000 });
    const series = await source.forecast(germany, 6);
    expect(series.metadata.source).toBe("electricitymaps");
    expect(waits.waits).toEqual([3000]);
    expect(server.requests).toHaveLength(2);
  });

  it("honours Retry-After as an HTTP date, capped at the longest wait allowed", async () => {
    const { source, waits } = await sourceAnswering((_, index) => (index === 0 ? { status: 429, headers: { "retry-after": "Mon, 01 Jun 2026 01:10:00 GMT" } } : forecastReply()), { maxRetryWaitMs: 5000 });
    await source.forecast(germany, 6);
    expect(waits.waits).toEqual([5000]);
  });

  it("falls back to the catalog with a warning when 429s never stop", async () => {
    const { source, server } = await sourceAnswering(() => ({ status: 429, headers: { "retry-after": "0" } }));
    const series = await source.forecast(germany, 6);
    expect(server.requests).toHaveLength(3);
    expect(series.metadata).toMatchObject({ source: "catalog", requestedSource: "electricitymaps", origin: "annual-figure" });
    expect(series.points).toHaveLength(6);
    expect(series.points.every((point) => point.gCo2ePerKwh === germany.intensity.lifecycle.value)).toBe(true);
    expect(series.metadata.warnings[0]).toMatch(/Electricity Maps is unavailable.*HTTP 429.*annual figure/);
  });

  it("retries a 500 with exponential backoff, then falls back", async () => {
    const { source, waits } = await sourceAnswering(() => ({ status: 500, body: "internal error" }), { retries: 3, retryBaseDelayMs: 10 });
    const series = await source.forecast(germany, 6);
    expect(waits.waits).toEqual([10, 20, 40]);
    expect(series.metadata.source).toBe("catalog");
    expect(series.metadata.warnings[0]).toContain("HTTP 500");
  });

  it("falls back on a timeout", async () => {
    const { source } = await sourceAnswering(() => ({ delayMs: 1000, body: fixtureForecast() }), { timeoutMs: 50 });
    const series = await source.forecast(germany, 6);
    expect(series.metadata.source).toBe("catalog");
    expect(series.metadata.warnings[0]).toContain("no answer within 50 ms");
  });

  it("counts a body that stalls after the headers as a timeout", async () => {
    const { source } = await sourceAnswering(() => ({ stallBodyMs: 1000, body: fixtureForecast() }), { timeoutMs: 100 });
    const series = await source.forecast(germany, 6);
    expect(series.metadata.source).toBe("catalog");
    expect(series.metadata.warnings[0]).toContain("no complete answer within 100 ms");
  });

  it("falls back on malformed JSON and on a body of the wrong shape", async () => {
    const broken = await sourceAnswering(() => ({ body: "{ not json" }));
    expect((await broken.source.forecast(germany, 6)).metadata.warnings[0]).toContain("not valid JSON");
    const wrongShape = await sourceAnswering(() => ({ body: { zone: "DE", data: "nope" } }));
    expect((await wrongShape.source.forecast(germany, 6)).metadata.warnings[0]).toContain("unexpected answer at forecast");
  });

  it("says when the API does not know the zone", async () => {
    const { source } = await sourceAnswering(() => ({ status: 404, body: { status: "error", message: "Zone 'XX' does not exist." } }));
    const series = await source.forecast(region("eu-central-1", { electricityMaps: "XX" }), 6);
    expect(series.metadata.source).toBe("catalog");
    expect(series.metadata.warnings[0]).toMatch(/HTTP 404.*Zone 'XX' does not exist/);
  });

  it("turns a forecast refused with 403 into a profile from history, said plainly", async () => {
    const history = Array.from({ length: 24 }, (_, hour) => ({ carbonIntensity: 100 + hour, datetime: new Date(Date.UTC(2026, 4, 31, hour)).toISOString() }));
    const { source, server } = await sourceAnswering((request) =>
      request.path.endsWith("/forecast") ? { status: 403, body: { message: "Your plan does not include forecasts" } } : { body: { zone: "DE", history } },
    );
    const series = await source.forecast(germany, 24);
    expect(server.requests.map((request) => request.path)).toEqual(["/v3/carbon-intensity/forecast", "/v3/carbon-intensity/history"]);
    expect(series.metadata).toMatchObject({ source: "electricitymaps", origin: "history-profile", signal: "average" });
    expect(series.points[0]).toEqual({ startsAt: "2026-06-01T00:00:00.000Z", gCo2ePerKwh: 100 });
    expect(series.points[13].gCo2ePerKwh).toBe(113);
    expect(series.metadata.warnings.join(" ")).toMatch(/no forecast access.*profile, not a forecast/);
  });

  it("falls back to the annual figure when neither forecast nor history is allowed", async () => {
    const { source } = await sourceAnswering(() => ({ status: 403, body: { message: "forbidden" } }));
    const series = await source.forecast(germany, 24);
    expect(series.metadata.source).toBe("catalog");
    expect(series.metadata.warnings[0]).toMatch(/no forecast access.*history unavailable too/);
  });

  it("says so when the key is missing, without calling", async () => {
    const { source, server } = await sourceAnswering(forecastReply, { env: {} });
    const series = await source.latest(germany);
    expect(server.requests).toHaveLength(0);
    expect(series.metadata.warnings[0]).toContain("ELECTRICITY_MAPS_API_KEY is not set");
  });

  it("says so when the catalog maps the region to no zone, without calling", async () => {
    const { source, server } = await sourceAnswering(forecastReply);
    const series = await source.forecast(region("eu-central-1", { electricityMaps: null }), 6);
    expect(server.requests).toHaveLength(0);
    expect(series.metadata.warnings[0]).toContain("maps aws/eu-central-1 to no Electricity Maps zone");
  });

  it("never lets the key into output, errors or cache files, even when the API echoes it", async () => {
    const { source, cacheDirectory } = await sourceAnswering(() => ({ status: 401, body: { message: `auth-token ${key} is not valid` } }));
    const series = await source.forecast(germany, 6);
    const everything = JSON.stringify(series);
    expect(everything).toContain("HTTP 401");
    expect(everything).toContain("[redacted]");
    expect(everything).not.toContain(key);
    expect(readAllFiles(cacheDirectory)).not.toContain(key);
  });
});
