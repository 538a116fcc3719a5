import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WATTPLAN_VERSION } from "../src/version.ts";

describe("the wattplan version", () => {
  it("is package.json's, the one place it is written", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(WATTPLAN_VERSION).toBe(manifest.version);
    expect(WATTPLAN_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
