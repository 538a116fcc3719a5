// Answers no grid gives (negative, a billion g/kWh, an edited cache file) and servers that echo the key back: one
// validation for every source, the documented fallback with its warning, and the key in nothing written or printed.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ElectricityMapsSource } from "../../src/intensity/electricity-maps.ts";
import { planWithIntensitySource } from "../../src/load/plan-with-intensity-source.ts";
import { parseSpecData } from "../../src/plan/spec/parse-spec.ts";
import { baseSpec, cnnProfile, smallCatalog } from "../plan/helpers.ts";
import { runCli } from "../cli/run-cli.ts";
import { manualClock, recordingSleep, type FakeReply, type RecordedRequest } from "./fake-server.ts";
import { fakeServerPerTest, fixtureForecast, readAllFiles, region } from "./helpers.ts";

const key = "em-hostile-key-5d21c0ffee";
const germany = region("eu-central-1");
const fakes = fakeServerPerTest();

async function sourceAnswering(reply: (request: RecordedRequest, index: number) => FakeReply, now = "2026-06-01T00:10:00Z") {
  const { server, cache } = await fakes.start(reply);
  const clock = manualClock(now);
  const source = new ElectricityMapsSource({ baseUrl: server.baseUrl, env: { ELECTRICITY_MAPS_API_KEY: key }, now: clock.now, sleep: async () => {}, cacheDirectory: cache.path, retries: 0 });
  return { source, server, cacheDirectory: cache.path, clock };
}

const latest = (carbonIntensity: number, zone = "DE") => ({ body: { zone, carbonIntensity, datetime: "2026-06-01T00:00:00.000Z" } });

describe("implausible intensity values", () => {
  for (const value of [-500, 1e9]) {
    it(`falls back to the catalog's annual figure, saying why, when the API answers ${value} gCO2e/kWh`, async () => {
      const { source } = await sourceAnswering(() => latest(value));
      const series = await source.latest(germany);
      expect(series.metadata.source).toBe("catalog");
      expect(series.metadata.requestedSource).toBe("electricitymaps");
      expect(series.points[0].gCo2ePerKwh).toBe(germany.intensity.lifecycle.value);
      expect(series.metadata.warnings[0]).toContain(`Electricity Maps answered ${value} gCO2e/kWh for 2026-06-01T00:00:00.000Z, outside the plausible range 0–2000`);
    });
  }

  it("fetches afresh past a cache file edited to an impossible value", async () => {
    const { source, server, cacheDirectory } = await sourceAnswering(() => latest(312));
    await source.latest(germany);
    const cacheFile = findFile(cacheDirectory);
    writeFileSync(cacheFile, readFileSync(cacheFile, "utf8").replace('"carbonIntensity":312', '"carbonIntensity":-7777'));
    const again = await source.latest(germany);
    expect(server.requests).toHaveLength(2);
    expect(again.metadata.origin).toBe("live");
    expect(again.points[0].gCo2ePerKwh).toBe(312);
  });

  it("batch work plans on the catalog's figure, with a warning, when one forecast point is implausible", async () => {
    const { source } = await sourceAnswering(() => {
      const forecast = fixtureForecast();
      forecast.forecast[5].carbonIntensity = -500;
      return { body: forecast };
    });
    const spec = parseSpecData(baseSpec({ traffic: { batch: { inferencesPerDay: 1e6, window: { start: "22:00", end: "06:00", timeZone: "UTC" } } }, constraints: { countries: ["DE"] } }));
    const plan = await planWithIntensitySource(spec, { catalog: smallCatalog(), profiles: [cnnProfile()], now: "2026-06-01T00:10:00Z" }, source);
    expect(plan.intensity.hourly?.source).toBe("catalog");
    expect(plan.intensity.hourly?.requestedSource).toBe("electricitymaps");
    expect(plan.warnings.join("\n")).toContain("Electricity Maps answered -500 gCO2e/kWh for 2026-06-01T05:00:00.000Z, outside the plausible range 0–2000");
  });
});

describe("a server that asks to wait or answers without end", () => {
  it("waits at most 30 s in all for one source, however long Retry-After asks, and says so", async () => {
    const { server, cache } = await fakes.start(() => ({ status: 429, headers: { "retry-after": "100000" }, body: { message: "slow down" } }));
    const waits = recordingSleep();
    const source = new ElectricityMapsSource({ baseUrl: server.baseUrl, env: { ELECTRICITY_MAPS_API_KEY: key }, now: manualClock("2026-06-01T00:10:00Z").now, sleep: waits.sleep, cacheDirectory: cache.path, retries: 3 });
    const latestSeries = await source.latest(germany);
    const forecast = await source.forecast(germany, 6);
    expect(waits.waits.reduce((sum, wait) => sum + wait, 0)).toBe(30_000);
    for (const series of [latestSeries, forecast]) expect(series.metadata.source).toBe("catalog");
    expect(forecast.metadata.warnings[0]).toContain("no time left to retry (at most 30 s of waiting per source)");
  });

  it("reads at most 16 MiB of an answer", async () => {
    const { server, cache } = await fakes.start(() => ({ body: { zone: "DE", padding: "x".repeat(17 * 1024 * 1024), carbonIntensity: 300, datetime: "2026-06-01T00:00:00.000Z" } }));
    const source = new ElectricityMapsSource({ baseUrl: server.baseUrl, env: { ELECTRICITY_MAPS_API_KEY: key }, now: manualClock("2026-06-01T00:10:00Z").now, cacheDirectory: cache.path, retries: 0 });
    const series = await source.latest(germany);
    expect(series.metadata.source).toBe("catalog");
    expect(series.metadata.warnings[0]).toContain("the answer is larger than 16 MiB; not reading it");
  });
});

describe("a server that echoes the key back", () => {
  it("masks it in the series, the cache, the plan and everything the CLI prints", async () => {
    const { source, cacheDirectory } = await sourceAnswering(() => latest(312, `DE-${key}`));
    const series = await source.latest(germany);
    expect(series.metadata.zone).toBe("EM:DE-[redacted]");
    expect(readAllFiles(cacheDirectory)).not.toContain(key);

    const { server, cache } = await fakes.start((request) =>
      request.path.endsWith("/latest") ? latest(312, `DE-${key}`) : { body: { ...fixtureForecast(), zone: `DE ${key}` } },
    );
    const env = { ELECTRICITY_MAPS_API_KEY: key, ELECTRICITY_MAPS_BASE_URL: server.baseUrl };
    const human = await runCli(["intensity", "eu-central-1", "--source", "electricitymaps", "--hours", "3", "--cache-dir", cache.path], { env });
    const json = await runCli(["intensity", "eu-central-1", "--source", "electricitymaps", "--hours", "3", "--no-cache", "--json"], { env });
    for (const run of [human, json]) {
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toContain(key);
    }
    expect(json.stdout).toContain("[redacted]");
  });
});

function findFile(directory: string): string {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return findFile(path);
    return path;
  }
  throw new Error(`no file under ${directory}`);
}
