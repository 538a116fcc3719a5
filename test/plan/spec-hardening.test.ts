// Specs no one writes on purpose: numbers at the edge of floating point, YAML alias bombs, megabytes of text, keys
// one letter off. Each is one line naming the key, never a plan that report and emit then refuse.
import { describe, expect, it } from "vitest";
import { isWattplanError, WattplanError } from "../../src/errors.ts";
import { plan } from "../../src/plan/index.ts";
import { parseSpecText } from "../../src/plan/spec/parse-spec.ts";
import { baseSpec, cnnProfile, fixedNow, smallCatalog } from "./helpers.ts";

function specError(text: string): string {
  try {
    parseSpecText(text, "spec.yaml");
  } catch (error) {
    if (isWattplanError(error)) return error.message;
    throw error;
  }
  throw new Error("expected the spec to be refused");
}

const traffic = (value: string) => `name: demo\ntraffic:\n  meanRps: ${value}\n`;

describe("numbers a spec may hold", () => {
  it("refuses traffic past any real workload, infinities, NaN and null, naming the key and its line", () => {
    expect(specError(traffic("1e308"))).toBe("spec.yaml: traffic.meanRps (line 3): must be at most 100000000");
    expect(specError(traffic(".inf"))).toContain("traffic.meanRps (line 3): expected a number, got Infinity");
    expect(specError(traffic(".nan"))).toContain("traffic.meanRps (line 3): expected a number, got NaN");
    expect(specError(traffic("null"))).toContain("traffic.meanRps (line 3): expected a number, got null");
    expect(specError("name: demo\ntraffic: { batch: { inferencesPerDay: 1e300 } }\n")).toContain("traffic.batch.inferencesPerDay (line 2): must be at most");
    expect(specError("name: demo\ntraffic: { meanRps: 1 }\nslo: { p95LatencyMs: 1e300 }\n")).toContain("slo.p95LatencyMs (line 3): must be at most 3600000");
  });

  it("never returns a plan its own report and emit would refuse: a live intensity of −500 g/kWh is an error", () => {
    const options = { catalog: smallCatalog(), profiles: [cnnProfile()], now: fixedNow };
    const chosen = plan(baseSpec(), options).chosen;
    let error: unknown;
    try {
      plan(baseSpec(), { ...options, intensity: { source: "electricitymaps", byRegion: { [`${chosen.provider}/${chosen.region}`]: { gCo2ePerKwh: -500 } } } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WattplanError);
    expect((error as Error).message).toMatch(/^the plan for this spec would not be valid: \S+: Too small: expected number to be >=0$/);
  });
});

describe("text a spec may hold", () => {
  it("refuses a YAML alias bomb in one line", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level <= 8; level++) bomb.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(", ")}]`);
    const message = specError(`${bomb.join("\n")}\nname: demo\ntraffic: { meanRps: 1 }\n`);
    expect(message).toMatch(/^spec\.yaml: Excessive alias count/);
    expect(message).not.toContain("\n");
  });

  it("refuses a spec of megabytes before parsing it, and a name of kilobytes", () => {
    expect(specError(`name: demo\ntraffic: { meanRps: 1 }\n# ${"x".repeat(2 * 1024 * 1024)}\n`)).toMatch(/^spec\.yaml: 2,097,\d+ characters is too long for a workload spec \(at most 1,048,576\)$/);
    const message = specError(`name: ${"n".repeat(50_000)}\ntraffic: { meanRps: 1 }\n`);
    expect(message).toBe("spec.yaml: name (line 1): must be at most 100");
  });
});

describe("misspelt keys", () => {
  it("get a close match and the keys the mapping takes, like every other name", () => {
    expect(specError("name: demo\ntraffic:\n  meanRps: 1\n  peakRsp: 3\n")).toBe(
      "spec.yaml: traffic.peakRsp (line 4): unknown key (did you mean peakRps?); traffic takes meanRps, peakRps, hourly, batch",
    );
    expect(specError("name: demo\ntraffic: { meanRps: 1 }\nsloo: { p95LatencyMs: 100 }\n")).toMatch(/^spec\.yaml: sloo \(line 3\): unknown key \(did you mean slo\?\); the spec takes name, model, traffic, slo, /);
    expect(specError("name: demo\ntraffic: { meanRps: 1 }\nusers: [{ contry: DE, share: 1 }]\n")).toContain("users[0].contry (line 3): unknown key (did you mean country?)");
  });
});
