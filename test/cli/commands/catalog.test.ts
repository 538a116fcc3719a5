// `wattplan catalog` as a user runs it.
import { describe, expect, it } from "vitest";
import { runCli } from "../run-cli.ts";

const wattplan = (...args: string[]) => runCli(args);

describe("wattplan catalog", () => {
  it("answers an unknown instance type with one line, a close match and exit 1", async () => {
    const result = await wattplan("catalog", "show", "g5.xlarj");
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/unknown instance type 'g5\.xlarj'; did you mean g5\.xlarge/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).toBe("");
  });

  it("prints regions as JSON on stdout, sorted by intensity on the chosen basis", async () => {
    const result = await wattplan("catalog", "regions", "--provider", "gcp", "--sort", "intensity", "--basis", "operational", "--json");
    expect(result.code).toBe(0);
    const regions = JSON.parse(result.stdout) as { provider: string; intensity: { operational: { value: number } } }[];
    expect(regions.length).toBeGreaterThanOrEqual(35);
    expect(regions.every((region) => region.provider === "gcp")).toBe(true);
    const values = regions.map((region) => region.intensity.operational.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it("prints tables on stdout, so they can be piped through grep", async () => {
    const result = await wattplan("catalog", "instances", "--provider", "gcp", "--accelerator", "L4");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^gcp\s+g2-standard-4\s/m);
    expect(result.stdout).toMatch(/\d+ instance types\n$/);
    expect(result.stderr).toBe("");
  });

  it("lists GCP L4 instance types with their prices", async () => {
    const result = await wattplan("catalog", "instances", "--provider", "gcp", "--accelerator", "L4", "--json");
    expect(result.code).toBe(0);
    const types = JSON.parse(result.stdout) as { instanceType: string; offers: { usdPerHour: { onDemand: number } }[] }[];
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) {
      expect(type.instanceType).toMatch(/^g2-/);
      expect(type.offers.length).toBeGreaterThan(0);
    }
  });
});
