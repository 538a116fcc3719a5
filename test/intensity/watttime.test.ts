import { describe, expect, it } from "vitest";
import { WattTimeSource } from "../../src/intensity/watttime.ts";
import type { RemoteSourceOptions } from "../../src/intensity/types.ts";
import { manualClock, recordingSleep, type FakeReply, type RecordedRequest } from "./fake-server.ts";
import { fakeServerPerTest, readAllFiles, region } from "./helpers.ts";

const username = "planner";
const password = "wt-pass-91c2e0d";
const token = "eyJ.wt-token-5be1";
const california = region("us-west-1"); // WattTime region CAISO_NORTH

const fakes = fakeServerPerTest();

/** Five-minute points of `lbsPerMwh(hour)` for `hours` hours from `startIso`. */
function moerPoints(startIso: string, hours: number, lbsPerMwh: (hour: number) => number) {
  const start = Date.parse(startIso);
  return Array.from({ length: hours * 12 }, (_, index) => ({ point_time: new Date(start + index * 300_000).toISOString(), value: lbsPerMwh(Math.floor(index / 12)) }));
}

function dataAnswer(points: Array<{ point_time: string; value: number }>): FakeReply {
  return { body: { data: points, meta: { region: "CAISO_NORTH", signal_type: "co2_moer", units: "lbs_co2_per_mwh", generated_at: "2026-06-01T00:05:00+00:00" } } };
}

async function sourceAnswering(data: (request: RecordedRequest) => FakeReply, options: RemoteSourceOptions = {}) {
  const { server, cache } = await fakes.start((request) => (request.path === "/login" ? loginReply(request) : data(request)));
  const clock = manualClock("2026-06-01T00:10:00Z");
  const source = new WattTimeSource({
    baseUrl: server.baseUrl,
    env: { WATTTIME_USERNAME: username, WATTTIME_PASSWORD: password },
    now: clock.now,
    sleep: recordingSleep().sleep,
    cacheDirectory: cache.path,
    retries: 1,
    retryBaseDelayMs: 1,
    ...options,
  });
  return { source, server, cacheDirectory: cache.path };
}

function loginReply(request: RecordedRequest): FakeReply {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  return request.headers.authorization === expected ? { body: { token } } : { status: 403, body: { error: "invalid credentials" } };
}

describe("WattTime source", () => {
  it("logs in with basic auth, sends the bearer token, converts lbs/MWh to g/kWh and averages 5-minute points per hour", async () => {
    const { source, server } = await sourceAnswering(() => dataAnswer(moerPoints("2026-06-01T00:00:00Z", 24, (hour) => 1000 + hour * 10)));
    const series = await source.forecast(california, 6);
    expect(server.requests.map((request) => request.path)).toEqual(["/login", "/v3/forecast"]);
    const forecastRequest = server.requests[1];
    expect(forecastRequest.headers.authorization).toBe(`Bearer ${token}`);
    expect(forecastRequest.query.get("region")).toBe("CAISO_NORTH");
    expect(forecastRequest.query.get("signal_type")).toBe("co2_moer");
    expect(series.points).toHaveLength(6);
    expect(series.points[0]).toEqual({ startsAt: "2026-06-01T00:00:00.000Z", gCo2ePerKwh: 453.59 });
    expect(series.points[1].gCo2ePerKwh).toBe(458.13);
    expect(series.metadata).toMatchObject({ source: "watttime", signal: "marginal", basis: "marginal", zone: "WT:CAISO_NORTH" });
    expect(series.metadata.warnings.join(" ")).toContain("lbs CO2/MWh, converted to g/kWh");
  });

  it("reuses the token for the next call", async () => {
    const { source, server } = await sourceAnswering(() => dataAnswer(moerPoints("2026-06-01T00:00:00Z", 2, () => 800)));
    await source.latest(california);
    await source.forecast(california, 2);
    expect(server.requests.filter((request) => request.path === "/login")).toHaveLength(1);
  });

  it("uses /v3/historical for history", async () => {
    const { source, server } = await sourceAnswering(() => dataAnswer(moerPoints("2026-05-31T22:00:00Z", 2, () => 900)));
    const series = await source.history(california, 2);
    const request = server.requests[1];
    expect(request.path).toBe("/v3/historical");
    expect(request.query.get("start")).toBe("2026-05-31T22:00:00.000Z");
    expect(request.query.get("end")).toBe("2026-06-01T00:00:00.000Z");
    expect(series.points.map((point) => point.gCo2ePerKwh)).toEqual([408.23, 408.23]);
  });

  it("turns a forecast refused with 403 into a profile from history", async () => {
    const { source } = await sourceAnswering((request) =>
      request.path === "/v3/forecast" ? { status: 403, body: { error: "not subscribed" } } : dataAnswer(moerPoints("2026-05-25T00:00:00Z", 24 * 7, (hour) => (hour % 24 < 12 ? 500 : 1500))),
    );
    const series = await source.forecast(california, 24);
    expect(series.metadata.origin).toBe("history-profile");
    expect(series.points[0].gCo2ePerKwh).toBeCloseTo(226.8, 1);
    expect(series.points[12].gCo2ePerKwh).toBeCloseTo(680.39, 1);
    expect(series.metadata.warnings.join(" ")).toContain("no forecast access");
  });

  it("falls back to the catalog (an average, said so) when the login is refused, and never shows the password", async () => {
    const { source, cacheDirectory } = await sourceAnswering(() => dataAnswer([]), { env: { WATTTIME_USERNAME: username, WATTTIME_PASSWORD: "wrong-password-123" } });
    const series = await source.forecast(california, 6);
    expect(series.metadata).toMatchObject({ source: "catalog", requestedSource: "watttime", signal: "average" });
    const text = JSON.stringify(series);
    expect(text).toContain("WattTime login: HTTP 403");
    expect(text).toContain("check WATTTIME_USERNAME and WATTTIME_PASSWORD");
    expect(text).toContain("not a marginal signal");
    expect(text).not.toContain("wrong-password-123");
    expect(readAllFiles(cacheDirectory)).not.toContain(token);
  });

  it("rejects units it does not understand rather than mislabel them", async () => {
    const { source } = await sourceAnswering(() => ({ body: { data: [{ point_time: "2026-06-01T00:00:00Z", value: 42 }], meta: { units: "percentile" } } }));
    const series = await source.latest(california);
    expect(series.metadata.source).toBe("catalog");
    expect(series.metadata.warnings[0]).toContain("units 'percentile'");
  });

  it("says which credentials are missing, and that a region has no WattTime mapping", async () => {
    const { source, server } = await sourceAnswering(() => dataAnswer([]), { env: { WATTTIME_USERNAME: username } });
    expect((await source.latest(california)).metadata.warnings[0]).toContain("WATTTIME_PASSWORD is not set");
    const mapped = await sourceAnswering(() => dataAnswer([]));
    expect((await mapped.source.latest(region("eu-north-1"))).metadata.warnings[0]).toContain("to no WattTime region");
    expect(server.requests).toHaveLength(0);
  });
});
