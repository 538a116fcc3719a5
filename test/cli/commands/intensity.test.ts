// `wattplan intensity` as a user runs it, against a fake Electricity Maps server.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fakeServerPerTest, fixtureForecastPath } from "../../intensity/helpers.ts";
import { runCli } from "../run-cli.ts";

const wattplan = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

const fakes = fakeServerPerTest();

describe("wattplan intensity", () => {
  it("prints a file's forecast as JSON with source, signal, basis and warnings", async () => {
    const result = await wattplan(["intensity", "europe-west3", "--source", `file:${fileURLToPath(fixtureForecastPath)}`, "--hours", "6", "--json"]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.region).toEqual({ provider: "gcp", code: "europe-west3", timeZone: "Europe/Berlin" });
    expect(output.forecast.points).toHaveLength(6);
    expect(output.forecast.metadata).toMatchObject({ source: "file", signal: "average", zone: "EM:DE" });
  });

  it("shows Electricity Maps data from the configured base URL, never the key", async () => {
    const key = "cli-secret-key-0042";
    const { server, cache } = await fakes.start((request) =>
      request.path.endsWith("/latest")
        ? { body: { zone: "DE", carbonIntensity: 321, datetime: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString() } }
        : { status: 403, body: { message: `token ${key} has no forecast access` } },
    );
    const result = await wattplan(["intensity", "eu-central-1", "--source", "electricitymaps", "--hours", "3", "--cache-dir", cache.path], { ELECTRICITY_MAPS_API_KEY: key, ELECTRICITY_MAPS_BASE_URL: server.baseUrl });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("now: 321 gCO2e/kWh");
    expect(result.stdout).toContain("source electricitymaps, average signal, lifecycle basis, zone EM:DE");
    expect(result.stderr).toMatch(/warning: .*no forecast access/);
    expect(result.stdout + result.stderr).not.toContain(key);
  });

  it("exits 1 with a suggestion for an unknown region", async () => {
    const result = await wattplan(["intensity", "eu-nort-1"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("did you mean eu-north-1");
  });

  it("labels an old file's last value as what it is, not as now, before the table", async () => {
    const directory = mkdtempSync(join(tmpdir(), "wattplan-intensity-old-"));
    const path = join(directory, "old.json");
    writeFileSync(path, JSON.stringify([0, 1, 2].map((hour) => ({ startsAt: `2025-01-01T0${hour}:00:00Z`, gCo2ePerKwh: 100 + hour }))));
    const result = await wattplan(["intensity", "eu-central-1", "--source", `file:${path}`, "--hours", "3"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[1]).toMatch(/^latest value, for 2025-01-01 02:00 UTC \(none for the current hour\): 102 gCO2e\/kWh/);
    expect(lines[4]).toMatch(/^2025-01-01 00:00 UTC and the following 3 h \(not the coming hours\)/);
    expect(result.stdout).not.toMatch(/^now:/m);
  });
});
