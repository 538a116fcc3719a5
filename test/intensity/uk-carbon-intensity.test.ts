import { describe, expect, it } from "vitest";
import { UkCarbonIntensitySource } from "../../src/intensity/uk-carbon-intensity.ts";
import type { RemoteSourceOptions } from "../../src/intensity/types.ts";
import { manualClock, recordingSleep, type FakeReply, type RecordedRequest } from "./fake-server.ts";
import { fakeServerPerTest, region } from "./helpers.ts";

const fakes = fakeServerPerTest();

/** Half-hour periods from `startIso`, as the API writes them (no seconds). */
function periods(startIso: string, count: number, value: (index: number) => { forecast: number; actual?: number | null }) {
  const start = Date.parse(startIso);
  const format = (time: number) => `${new Date(time).toISOString().slice(0, 16)}Z`;
  return Array.from({ length: count }, (_, index) => ({
    from: format(start + index * 1_800_000),
    to: format(start + (index + 1) * 1_800_000),
    intensity: { ...value(index), index: "moderate" },
  }));
}

async function sourceAnswering(reply: (request: RecordedRequest) => FakeReply, options: RemoteSourceOptions = {}) {
  const { server, cache } = await fakes.start(reply);
  const source = new UkCarbonIntensitySource({ baseUrl: server.baseUrl, now: manualClock("2026-06-01T00:10:00Z").now, sleep: recordingSleep().sleep, cacheDirectory: cache.path, retries: 1, retryBaseDelayMs: 1, ...options });
  return { source, server };
}

describe("UK carbon-intensity source", () => {
  it("reads the regional 48 h forecast for a mapped DNO region, averaging half-hours per hour", async () => {
    const { source, server } = await sourceAnswering(() => ({
      body: { data: { regionid: 13, dnoregion: "UKPN London", shortname: "London", data: periods("2026-06-01T00:00:00Z", 96, (index) => ({ forecast: 100 + index })) } },
    }));
    const series = await source.forecast(region("eu-west-2", { ukCarbonIntensityRegionId: 13 }), 24);
    expect(server.requests[0].path).toBe("/regional/intensity/2026-06-01T00:00Z/fw48h/regionid/13");
    expect(series.points).toHaveLength(24);
    expect(series.points[0]).toEqual({ startsAt: "2026-06-01T00:00:00.000Z", gCo2ePerKwh: 100.5 });
    expect(series.metadata).toMatchObject({ source: "uk", zone: "UK:13", signal: "average", basis: "operational" });
  });

  it("finds the DNO region of the catalog's GB regions: London for eu-west-2, South Wales for Azure's ukwest", () => {
    expect(region("eu-west-2").gridZones.ukCarbonIntensityRegionId).toBe(13);
    expect(region("azure/ukwest").gridZones.ukCarbonIntensityRegionId).toBe(7);
  });

  it("uses the national forecast where the catalog has no DNO region, and says so", async () => {
    const { source, server } = await sourceAnswering(() => ({ body: { data: periods("2026-06-01T00:00:00Z", 96, () => ({ forecast: 150, actual: null })) } }));
    const series = await source.forecast(region("eu-west-2", { ukCarbonIntensityRegionId: null }), 6);
    expect(server.requests[0].path).toBe("/intensity/2026-06-01T00:00Z/fw48h");
    expect(series.metadata.zone).toBe("UK:national");
    expect(series.metadata.description).toContain("national; the catalog maps this region to no DNO region");
  });

  it("prefers actual values for history", async () => {
    const { source, server } = await sourceAnswering(() => ({ body: { data: periods("2026-05-31T22:00:00Z", 4, () => ({ forecast: 200, actual: 180 })) } }));
    const series = await source.history(region("eu-west-2", { ukCarbonIntensityRegionId: null }), 2);
    expect(server.requests[0].path).toBe("/intensity/2026-05-31T22:00Z/2026-06-01T00:00Z");
    expect(series.points.map((point) => point.gCo2ePerKwh)).toEqual([180, 180]);
  });

  it("says it covers Great Britain only, without calling", async () => {
    const { source, server } = await sourceAnswering(() => ({ body: {} }));
    const series = await source.latest(region("eu-west-1"));
    expect(server.requests).toHaveLength(0);
    expect(series.metadata.warnings[0]).toContain("covers Great Britain only, and aws/eu-west-1 is in IE");
  });

  it("falls back on 500 and on malformed JSON", async () => {
    const failing = await sourceAnswering(() => ({ status: 503, headers: { "retry-after": "1" } }));
    const series = await failing.source.forecast(region("eu-west-2"), 6);
    expect(series.metadata.source).toBe("catalog");
    expect(series.metadata.warnings[0]).toContain("HTTP 503");
    expect(failing.server.requests).toHaveLength(2);
    const malformed = await sourceAnswering(() => ({ body: "<html>maintenance</html>" }));
    expect((await malformed.source.forecast(region("eu-west-2"), 6)).metadata.warnings[0]).toContain("not valid JSON");
  });
});
