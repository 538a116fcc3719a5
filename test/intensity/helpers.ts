import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalog } from "../../src/catalog/load.ts";
import { findRegion } from "../../src/catalog/queries.ts";
import type { Region } from "../../src/domain/catalog.ts";
import { afterEach } from "vitest";
import { startFakeServer, type FakeReply, type FakeServer, type RecordedRequest } from "./fake-server.ts";

export const catalog = loadCatalog();

export function region(code: string, overrides: Partial<Region["gridZones"]> = {}): Region {
  const found = findRegion(catalog, code);
  return { ...found, gridZones: { ...found.gridZones, ...overrides } };
}

export function temporaryDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "wattplan-intensity-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every file under a directory, concatenated: to prove a secret never reached the cache. */
export function readAllFiles(directory: string): string {
  let text = "";
  let entries: string[] = [];
  try {
    entries = readdirSync(directory);
  } catch {
    return "";
  }
  for (const entry of entries) {
    const path = join(directory, entry);
    text += statSync(path).isDirectory() ? readAllFiles(path) : readFileSync(path, "utf8");
  }
  return text;
}

export const fixtureForecastPath = new URL("../fixtures/intensity/electricitymaps-forecast-DE-48h.json", import.meta.url);

export function fixtureForecast(): { zone: string; forecast: Array<{ carbonIntensity: number; datetime: string }>; updatedAt: string } {
  return JSON.parse(readFileSync(fixtureForecastPath, "utf8"));
}

/**
 * One fake API server and one cache folder per test: starting a new pair closes the last one, and whatever is
 * open when a test ends is closed after it.
 */
export function fakeServerPerTest() {
  let server: FakeServer | undefined;
  let cache: ReturnType<typeof temporaryDirectory> | undefined;
  async function release(): Promise<void> {
    await server?.close();
    server = undefined;
    cache?.remove();
    cache = undefined;
  }
  afterEach(release);
  return {
    async start(reply: (request: RecordedRequest, index: number) => FakeReply): Promise<{ server: FakeServer; cache: { path: string; remove: () => void } }> {
      await release();
      server = await startFakeServer(reply);
      cache = temporaryDirectory();
      return { server, cache };
    },
  };
}
